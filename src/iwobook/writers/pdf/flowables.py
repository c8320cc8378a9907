"""Custom flowables: anchors with outline entries, paragraphs, lazy sections, late paragraphs, TOC lines, page-number
forms, the cover image (page breaks are in breaks.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from iwobook.model import Loc
from iwobook.model.scripts import is_rtl_only
from iwobook.writers.pdf.longparagraph import (
    DeferredFrags,
    break_in_windows,
    can_break_in_windows,
    split_through_window,
)
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.shaping import frags_text, needs_reordering, reorder_lines, right_to_left
from iwobook.writers.pdf.tagged import Tagged
from iwobook.writers.pdf.tags import marked

PAGE_FORM = "pg-{}"


class Anchor(Flowable):  # type: ignore[misc]
    """A zero-size mark: named destination, outline entry and running-head title for what follows."""

    def __init__(
        self,
        state: PageState,
        key: str,
        outline: str = "",
        level: int = 0,
        head: str | None = None,
        loc: Loc | None = None,
    ) -> None:
        super().__init__()
        self.loc = loc
        self.state = state
        self.key = key
        self.outline = outline
        self.level = level
        self.head = head
        self.keepWithNext = 1
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no space."""
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Note where on its page the anchor lands (for the make-up), then draw it."""
        self.state.mark(self.key, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        """Record the destination, the page it landed on, and the outline entry."""
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, 0)
        self.state.anchor_pages[self.key] = self.state.folio()
        self.state.record_start("#" + self.key, 0)
        if self.loc is not None:
            self.state.last_loc = self.loc
        if self.outline:
            canvas.addOutlineEntry(self.outline, self.key, self.level, closed=self.level > 0)
        if self.head is not None:
            self.state.head_title = self.head
            self.state.opening = True


class BookParagraph(Tagged, DeferredFrags, Paragraph):  # type: ignore[misc]
    """A paragraph that breaks its lines once per width: keep-with-next groups, splits and tables wrap again;
    drawn as the content of its tag."""

    _wrapped: tuple[float, float, Any] | None = None  # (width, height, blPara) of the last line breaking
    style: Any  # the ParagraphStyle (a right-to-left copy for a paragraph wholly in a right-to-left script)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return (width, height) for available_width; line breaking depends on the width alone."""
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == available_width:
            # a split that found no room drops blPara; the lines are still right for this width
            self.width, self.height, self.blPara = wrapped
            return self.width, self.height
        self.__dict__.pop("blPara", None)
        self.__dict__.pop("_line_frags", None)  # the frag words of lines kept from a split (now broken again)
        width, height = super().wrap(available_width, available_height)
        lines = self.__dict__.get("blPara")  # absent when the width is too small to break lines at all
        self._wrapped = None if lines is None else (available_width, height, lines)
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        """Split like a paragraph; the second part keeps the rest of this paragraph's broken lines for the same
        width, so a paragraph over many pages is broken into lines once, not again on every page."""

        def split_window(scratch: BookParagraph) -> list[Any]:
            return list(super(BookParagraph, scratch).split(available_width, available_height))  # noqa: UP008

        parts = split_through_window(self, available_width, available_height, split_window)
        return list(super().split(available_width, available_height)) if parts is None else parts

    def breakLines(self, width: Any) -> Any:
        """Break lines as reportlab does, in logical order; lines holding right-to-left or joined text are then
        put in visual order and shaped (base direction from the style's bidi_base: 0 left to right, 1 right to
        left; a paragraph with right-to-left letters and no left-to-right ones is laid out right to left)."""
        frags = self.frags
        needed: bool | None = self.__dict__.get("_bidi")
        if needed is None:
            text = frags_text(frags)
            needed = self.__dict__["_bidi"] = needs_reordering(text, int(getattr(self.style, "bidi_base", 0)))
            if needed and is_rtl_only(text) and not getattr(self.style, "bidi_base", 0):
                self.style = right_to_left(self.style)  # a paragraph wholly in a right-to-left script
        if not needed:
            if can_break_in_windows(self):
                return break_in_windows(
                    self,
                    width,
                    lambda scratch, widths: super(BookParagraph, scratch).breakLines(widths),  # noqa: UP008
                )
            return super().breakLines(width)
        base = int(getattr(self.style, "bidi_base", 0))
        if len(frags) == 1 and not isinstance(frags[0], list) and len(getattr(frags[0], "text", "")) > 1:
            # reportlab's single-fragment lines are plain strings (they cannot carry shaped text): two halves
            # of the one fragment take the multi-fragment path; reorder_line joins them again
            first, second = frags[0].clone(), frags[0].clone()
            first.text, second.text = frags[0].text[:1], frags[0].text[1:]
            self.frags = [first, second]
        lines = super().breakLines(width)
        if lines.kind == 1:
            reorder_lines(lines, base)
        return lines

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw, unless the canvas lays pages out for their pagination alone (draws_text false)."""
        if getattr(canvas, "draws_text", True):
            super().drawOn(canvas, x, y, _sW)


class KeyedParagraph(BookParagraph):
    """A paragraph made from a model block: the first one drawn on a page records where that page begins."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        *args: Any,
        state: PageState | None = None,
        key: str = "",
        word: int = 0,
        cited: tuple[str, ...] = (),
        **kw: Any,
    ) -> None:
        super().__init__(text, style, *args, **kw)
        self.state = state
        self.key = key
        self.word = word
        self.cited = cited  # page citations in the text, which are print's own words and not counted

    def split(self, available_width: float, available_height: float) -> list[Any]:
        """Split like a paragraph; the second part remembers the block and how many words came before it."""
        parts = list(super().split(available_width, available_height))
        offset = self.word
        for number, part in enumerate(parts):
            part.state, part.key, part.word, part.cited = self.state, self.key, offset, self.cited
            if number == len(parts) - 1:
                break  # the rest of the paragraph: its words are counted when it is split in turn
            words = _part_words(part, self.cited)
            # a word hyphenated across the break is in both parts: the second begins with it
            offset += len(words) - (1 if words and words[-1].endswith(("-", "\u00ad")) else 0)
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw, recording the page start if this is the first keyed text on the page."""
        if self.state is not None:
            self.state.record_start(self.key, self.word)
        super().drawOn(canvas, x, y, _sW)


def _part_words(part: Any, cited: tuple[str, ...] = ()) -> list[str]:
    """Return the words of a split paragraph part (single-font parts keep them on their frags), leaving out
    the page citations it holds whole (a part never ends inside one: its page number is bound to its 'p.')."""
    text = str(part.getPlainText())
    if not text.split():
        words = [w for frag in part.frags for w in getattr(frag, "words", [])]
        text = " ".join(w if isinstance(w, str) else "" for w in words)
    for citation in cited:  # with the space before it, so that a comma after it stays on its word
        text = re.sub(r"\s*" + re.escape(citation), "", text, count=1)
    return text.split()


class LazySection(Flowable):  # type: ignore[misc]
    """Stands for a section's flowables until layout reaches it, so only one section's flowables are alive."""

    def __init__(self, make: Callable[[], list[Any]]) -> None:
        super().__init__()
        self.make = make
        self.width = self.height = 0

    def expand(self) -> list[Any]:
        """Return the section's flowables, made now."""
        return self.make()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no space (the document expands this before layout)."""
        return 0, 0


class StyleSpacing:
    """Mixin for flowables that own a paragraph style: their space before and after is the style's."""

    style: ParagraphStyle

    def getSpaceBefore(self) -> float:
        """Return the style's space before."""
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        """Return the style's space after."""
        return float(self.style.spaceAfter)


class LateParagraph(StyleSpacing, Flowable):  # type: ignore[misc]
    """A paragraph whose markup is made when it is laid out, so it can cite pages already drawn."""

    def __init__(self, make_markup: Callable[[], str], style: ParagraphStyle) -> None:
        super().__init__()
        self.make_markup = make_markup
        self.style = style
        self.inner: BookParagraph | None = None

    def _paragraph(self) -> BookParagraph:
        """Return the paragraph, making it on first use."""
        if self.inner is None:
            self.inner = BookParagraph(self.make_markup(), self.style)
            self.inner.tag = getattr(self, "tag", None)
        return self.inner

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Wrap the paragraph."""
        width, height = self._paragraph().wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        """Split the paragraph."""
        return list(self._paragraph().split(available_width, available_height))

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the paragraph."""
        self._paragraph().drawOn(canvas, x, y, _sW)


class TocLine(Tagged, StyleSpacing, Flowable):  # type: ignore[misc]
    """A table-of-contents line: title, dot leaders and a page number drawn later through a form; drawn as the
    content of its tag, the leaders an artifact."""

    NUMBER_WIDTH = 36.0

    def __init__(self, markup: str, style: ParagraphStyle, key: str) -> None:
        super().__init__()
        self.key = key
        self.style = style
        self.paragraph = BookParagraph(markup, style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Wrap the title, leaving room for the number column."""
        self.width = available_width
        _, self.height = self.paragraph.wrap(available_width - self.NUMBER_WIDTH, available_height)
        return self.width, self.height

    def draw(self) -> None:
        """Draw the title, the leaders (one string, so text extraction keeps the line), number form and link."""
        canvas = self.canv
        style = self.style
        self.paragraph.drawOn(canvas, 0, 0)
        lines = self.paragraph.blPara.lines
        last = lines[-1]
        extra = float(getattr(last, "extraSpace", last[0] if isinstance(last, tuple) else 0))
        text_end = self.width - self.NUMBER_WIDTH - extra
        baseline = style.leading - style.fontSize
        unit = " ."
        count = int(
            (self.width - self.NUMBER_WIDTH * 0.6 - text_end - 6) / stringWidth(unit, style.fontName, style.fontSize)
        )
        if count > 1:
            with marked(canvas, "Layout"):
                canvas.saveState()
                canvas.setFillGray(0.45)
                canvas.setFont(style.fontName, style.fontSize)
                canvas.drawRightString(self.width - self.NUMBER_WIDTH * 0.6, baseline, unit * count)
                canvas.restoreState()
        canvas.saveState()
        canvas.translate(self.width, baseline)
        canvas.doForm(PAGE_FORM.format(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class PageForms(Flowable):  # type: ignore[misc]
    """Placed last: defines the page-number forms the table of contents drew before the pages existed."""

    def __init__(self, state: PageState, keys: list[str], font: str, size: float) -> None:
        super().__init__()
        self.state = state
        self.keys = keys
        self.font = font
        self.size = size
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no space."""
        return 0, 0

    def draw(self) -> None:
        """Define one form per key with the folio its anchor landed on."""
        canvas = self.canv
        for key in self.keys:
            canvas.beginForm(
                PAGE_FORM.format(key), lowerx=-TocLine.NUMBER_WIDTH, lowery=-4, upperx=0, uppery=self.size + 4
            )
            canvas.setFont(self.font, self.size)
            canvas.drawRightString(0, 0, self.state.anchor_pages.get(key, "?"))
            canvas.endForm()


class CoverImage(Tagged, Flowable):  # type: ignore[misc]
    """An image of exactly width×height from its pixels (as platypus.Image draws it, without a PNG to decode)."""

    def __init__(self, image: Any, width: float, height: float) -> None:
        super().__init__()
        self.image = image
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the image's size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the image over the whole box."""
        self.canv.drawImage(self.image, 0, 0, self.width, self.height, mask="auto")
