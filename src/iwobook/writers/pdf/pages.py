"""The page machinery: recto/verso templates with mirrored margins, running heads, folios and page labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from iwobook.cover import GROUND
from iwobook.model import Loc, PageStart
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.stylesheet import Geometry
from iwobook.writers.pdf.tags import marked


def roman(number: int) -> str:
    """Return number in lower-case roman numerals."""
    values = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class CoverLabels:
    """The page labels of the pages without a folio, in the book's language (the writer sets them per build)."""

    cover: str = ""
    inside_cover: str = ""
    back_cover: str = ""


@dataclass
class PageState:
    """What the pages know while the book is laid out: numbering, the running-head title, anchors."""

    covers: CoverLabels = field(default_factory=CoverLabels)
    page: int = 0
    matter: str = "cover"
    matter_start: int = 1
    head_title: str = ""
    suppress_head: bool = False
    text_on_page: bool = False
    blank: bool = False
    notes: bool = False
    anchor_pages: dict[str, str] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    last_loc: Loc | None = None
    starts: dict[str, PageStart] = field(default_factory=dict)
    block_pages: dict[str, str] = field(default_factory=dict)
    # for the make-up: pages left blank, where the body starts, anchors that fell below other text (key ->
    # page and height on it), and how far down each page's text reached
    blanks: list[int] = field(default_factory=list)
    body_start: int = 0
    below_text: dict[str, tuple[int, float]] = field(default_factory=dict)
    anchor_at: dict[str, int] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)  # page -> the height its text reached down to

    def mark(self, key: str, y: float) -> None:
        """Record the page an anchor landed on and, when other text stands above it, its height on the page."""
        self.anchor_at[key] = self.page
        if self.text_on_page:
            self.below_text[key] = (self.page, y)

    @property
    def opening(self) -> bool:
        """True when a section opens at the top of the current page (it then has no running head)."""
        return self.suppress_head

    @opening.setter
    def opening(self, value: bool) -> None:
        """Mark the current page as opening a section (False: a new page, not yet); a section that opens below
        other text leaves the page as it was, so a page opening at its top keeps no head."""
        self.suppress_head = value and (self.suppress_head or not self.text_on_page)

    def record_start(self, key: str, word: int) -> None:
        """Record where the current page begins, unless something on it was recorded already, and the page
        a keyed block begins on."""
        if not key.startswith("#"):
            self.text_on_page = True
        folio = self.folio()
        if key and word == 0:
            self.block_pages.setdefault(key, folio)
        if folio and folio not in self.starts:
            self.starts[folio] = PageStart(folio, key, word)

    def pagination(self) -> tuple[PageStart, ...]:
        """Return where every numbered page begins; a page without text begins where the next text does
        (or, at the very end, where the last text did)."""
        out: list[PageStart] = []
        pending: list[str] = []
        for label in self.labels:
            if label in ("", self.covers.cover, self.covers.inside_cover, self.covers.back_cover):
                continue
            start = self.starts.get(label)
            if start is None:
                pending.append(label)
                continue
            out += [PageStart(p, start.key, start.word) for p in pending]
            pending.clear()
            out.append(start)
        if out:  # pages at the end with no text begin where the last text did
            out += [PageStart(p, out[-1].key, out[-1].word) for p in pending]
        return tuple(out)

    def folio(self) -> str:
        """Return the printed number of the current page ('' on the cover)."""
        number = self.page - self.matter_start + 1
        if self.matter == "front":
            return roman(number)
        if self.matter == "body":
            return str(number)
        return ""


@dataclass(frozen=True)
class HeadStyle:
    """Fonts for the running heads and folios: a text font and its family (whose fallbacks draw what it lacks)."""

    font: str
    family: Family
    size: float
    grey: float
    notes: str  # the label of a notes page, in the book's language

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Return text as (drawn text, font name) runs in visual order (fallback fonts, bidi, shaping)."""
        return self.family.runs(text, self.size)

    def width(self, text: str) -> float:
        """Return the width text takes when drawn in runs."""
        return sum(float(stringWidth(run, font, self.size)) for run, font in self.runs(text))


def draw_notes(canvas: Any, x: float, y: float, width: float, height: float, head: HeadStyle) -> None:
    """Draw a 'Notes' label and ruled lines for handwriting over the box (x, y, width, height)."""
    gap = max(head.size * 2.6, 22.0)
    with marked(canvas, "Layout"):
        _draw_lines(canvas, x, y, width, height, head, gap)


def _draw_lines(canvas: Any, x: float, y: float, width: float, height: float, head: HeadStyle, gap: float) -> None:
    """Draw the 'Notes' label and the ruled lines gap apart."""
    canvas.saveState()
    canvas.setFillGray(head.grey)
    size = head.size * 1.15
    top = y + height - head.size * 1.2
    left = x
    for text, font in head.family.runs(head.notes, size):
        canvas.setFont(font, size)
        canvas.drawString(left, top, text)
        left += stringWidth(text, font, size)
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.4)
    line_y = top - gap
    while line_y >= y:
        canvas.line(x, line_y, x + width, line_y)
        line_y -= gap
    canvas.restoreState()


class BookDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A document of cover, recto and verso pages that keeps a PageState and writes page labels."""

    def __init__(
        self, target: Any, geometry: Geometry, head: HeadStyle, book_title: str, state: PageState, **kwargs: Any
    ) -> None:
        page_box = (0, 0, geometry.width, geometry.height)
        super().__init__(
            target, pagesize=(geometry.width, geometry.height), trimBox=page_box, bleedBox=page_box, **kwargs
        )
        self.geometry = geometry
        self.head = head
        self.book_title = book_title
        self.state = state
        g = geometry
        cover = Frame(0, 0, g.width, g.height, 0, 0, 0, 0, id="cover")
        recto = Frame(g.margin_inner, g.margin_bottom, g.text_width, g.text_height, 0, 0, 0, 0, id="recto")
        verso = Frame(g.margin_outer, g.margin_bottom, g.text_width, g.text_height, 0, 0, 0, 0, id="verso")
        self.addPageTemplates(
            [
                PageTemplate(
                    "cover", [cover], onPage=self._begin_page, onPageEnd=self._end_page, autoNextPageTemplate="verso"
                ),
                PageTemplate(
                    "recto", [recto], onPage=self._begin_page, onPageEnd=self._end_page, autoNextPageTemplate="verso"
                ),
                PageTemplate(
                    "verso", [verso], onPage=self._begin_page, onPageEnd=self._end_page, autoNextPageTemplate="recto"
                ),
            ]
        )

    def handle_pageBegin(self) -> None:
        """Begin a page on the frame its real number puts it on: odd pages are right-hand pages (binding
        margin on the left), even ones left-hand, whatever blank, notes or inserted pages came before."""
        upcoming = self.page + 1
        if upcoming > 1:
            wanted = "recto" if upcoming % 2 == 1 else "verso"
            current: Any = getattr(self, "pageTemplate")  # noqa: B009 (reportlab's attribute has no type)
            if current.id != wanted:
                self.pageTemplate = next(t for t in self.pageTemplates if t.id == wanted)
        super().handle_pageBegin()

    def filterFlowables(self, flowables: list[Any]) -> None:
        """Expand a lazy section into its flowables when layout reaches it."""
        while flowables and hasattr(flowables[0], "expand"):
            flowables[0:1] = flowables[0].expand()

    # ------------------------------------------------------------ actions from the story

    def handle_recto(self, fill: str = "blank") -> None:
        """Break to a new right-hand page; a skipped left-hand page is blank or ruled for notes (fill='notes')."""
        self._break_to(1, fill)

    def handle_verso(self) -> None:
        """Break to a new left-hand page, leaving a skipped right-hand page truly blank."""
        self._break_to(0, "blank")

    def handle_newPage(self) -> None:
        """Break to a new page unless the current one is still empty."""
        if self._curPageFlowableCount:
            self.handle_pageBreak()
            self.clean_hanging()

    def _break_to(self, parity: int, fill: str) -> None:
        """Break to a new page whose number has the given parity (1 odd, 0 even), filling one skipped page."""
        self.handle_newPage()
        if self.page % 2 != parity:
            if fill == "notes":
                self.state.notes = True
            else:
                self.state.blank = True
            self.handle_pageBreak()
            self.clean_hanging()

    def handle_matter(self, matter: str) -> None:
        """Restart the page numbers at the current page for front ('i') or body ('1') matter."""
        self.state.matter = matter
        self.state.matter_start = self.page
        if matter == "body":
            self.state.body_start = self.page
        if matter == "back-cover":
            self.canv.addPageLabel(self.page - 1, prefix=self.state.covers.back_cover)
            self._draw_ground()
            return
        style = "ROMAN_LOWER" if matter == "front" else "ARABIC"
        self.canv.addPageLabel(self.page - 1, style=style, start=1)

    def _draw_ground(self) -> None:
        """Paint the current page in the cover's ground colour (the back cover matches the front)."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(*(c / 255 for c in GROUND))
        canvas.rect(0, 0, self.geometry.width, self.geometry.height, stroke=0, fill=1)
        canvas.restoreState()

    # ------------------------------------------------------------ page events

    def _begin_page(self, canvas: Any, doc: Any) -> None:
        """Start a page: advance the page counter and reset the per-page flags."""
        self.state.page = self.page
        self.state.text_on_page = False
        self.state.opening = False
        self.state.blank = False
        self.state.notes = False
        if self.page == 1:
            canvas.addPageLabel(0, prefix=self.state.covers.cover)
        elif self.page == 2 and self.state.matter == "cover":
            canvas.addPageLabel(1, prefix=self.state.covers.inside_cover)

    def _end_page(self, canvas: Any, doc: Any) -> None:
        """Finish a page: draw the running head and folio unless it is a cover, opening or blank page."""
        state = self.state
        folio = state.folio()
        state.labels.append(folio or self._cover_label())
        if state.blank:
            state.blanks.append(self.page)
        state.heights[self.page] = float(getattr(self, "frame")._y)  # noqa: B009 (reportlab's attribute has no type)
        if state.matter == "cover" or state.blank or not folio:
            return
        with marked(canvas, "Pagination"):
            self._draw_furniture(canvas, folio)

    def _cover_label(self) -> str:
        """Return the label of the current page, one of the covers."""
        covers = self.state.covers
        if self.state.matter == "back-cover":
            return covers.back_cover
        return covers.inside_cover if self.page == 2 else covers.cover

    def _draw_furniture(self, canvas: Any, folio: str) -> None:
        """Draw the running head, its rule and the folio (and the ruled lines of a notes page)."""
        state = self.state
        g = self.geometry
        recto = self.page % 2 == 1
        left = g.margin_inner if recto else g.margin_outer
        right = left + g.text_width
        canvas.saveState()
        canvas.setFillGray(self.head.grey)
        canvas.setFont(self.head.font, self.head.size)
        foot_y = g.margin_bottom - g.foot_offset
        if recto:
            canvas.drawRightString(right, foot_y, folio)
        else:
            canvas.drawString(left, foot_y, folio)
        if not state.opening and state.matter == "body":
            head_y = g.height - g.margin_top + g.head_offset
            title = self.book_title if not recto else state.head_title
            title = self._fit(title, g.text_width * 0.8)
            if recto:
                self._draw_text(canvas, right - self.head.width(title), head_y, title)
            else:
                self._draw_text(canvas, left, head_y, title)
            canvas.setLineWidth(0.4)
            canvas.line(left, head_y - 4, right, head_y - 4)
        if state.notes:
            draw_notes(canvas, left, g.margin_bottom, g.text_width, g.text_height, self.head)
        canvas.restoreState()

    def _fit(self, text: str, width: float) -> str:
        """Return text shortened with an ellipsis to fit width."""
        if self.head.width(text) <= width:
            return text
        while text and self.head.width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def _draw_text(self, canvas: Any, x: float, y: float, text: str) -> None:
        """Draw a running-head string, fallback fonts for what the text font lacks, right-to-left runs reordered."""
        for run, font in self.head.runs(text):
            canvas.setFont(font, self.head.size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, font, self.head.size)
