"""The PDF writer: a prepared Book and a BuildConfig in, the bytes of a print-ready PDF out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from reportlab.lib.utils import ImageReader
from reportlab.platypus.doctemplate import LayoutError

from iwobook.config import BuildConfig, Edition, Paper
from iwobook.cover import render_cover_image
from iwobook.diagnostics import Code, Diagnostic, InputError
from iwobook.model import Book, GeneratedSection, PageStart, anchors
from iwobook.model.document import page_targets
from iwobook.walk import book_refs
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.canvas import BookCanvas, LayoutCanvas
from iwobook.writers.pdf.flowables import LazySection
from iwobook.writers.pdf.fonts import register_families
from iwobook.writers.pdf.makeup import MakeUp, PageFacts, Rules, RunOn, choose_makeup
from iwobook.writers.pdf.markup import CITED_KINDS, Citations, MarkupWriter, Undrawable
from iwobook.writers.pdf.pages import BookDocTemplate, CoverLabels, HeadStyle, PageState
from iwobook.writers.pdf.sectioncache import SectionCache, cover_key
from iwobook.writers.pdf.story import StoryBuilder
from iwobook.writers.pdf.stylesheet import Geometry, load_stylesheet
from iwobook.writers.pdf.tags import TaggedCanvas
from iwobook.writers.pdf.typeset import paragraph_styles

COVER_DPI = 150


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """Expose SOURCE_DATE_EPOCH to reportlab while its document (and so its time stamp) is created."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@dataclass(frozen=True)
class PdfLayout:
    """A laid-out PDF: its bytes and where each printed page begins (for the EPUB's page-list)."""

    data: bytes
    pagination: tuple[PageStart, ...]
    labels: tuple[str, ...] = ()  # the printed label of every page of the file, '' where none is printed
    block_pages: Mapping[str, str] = field(default_factory=dict)  # block key or '#anchor' -> page label
    facts: PageFacts | None = None  # what the make-up needs to know of it


class PdfCapture:
    """A write-only file for reportlab, which writes the whole PDF in one call: keeps it without a copy."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        """Keep data."""
        self.parts.append(data)
        return len(data)

    def getvalue(self) -> bytes:
        """Return what was written."""
        return self.parts[0] if len(self.parts) == 1 else b"".join(self.parts)


def _cover_reader(book: Book, config: BuildConfig, size: tuple[int, int]) -> ImageReader:
    """Return the cover image of size pixels for reportlab."""
    return ImageReader(render_cover_image(book, config, *size))


def undrawable_diagnostics(problems: list[Undrawable]) -> list[Diagnostic]:
    """Return one E170 diagnostic per undrawable character and place."""
    return sorted(
        {
            Diagnostic(
                p.loc.file,
                p.loc.line,
                Code.E170,
                f"character '{p.char}' (U+{ord(p.char):04X}) cannot be drawn by any configured font",
            )
            for p in problems
        }
    )


def pick_canvas(config: BuildConfig, write: bool) -> type[BookCanvas]:
    """Return the canvas class of a layout: tagged for the editions people read, plain for the booklet's pages
    (imposed for the copier), none that draws for a pagination alone."""
    if not write:
        return LayoutCanvas
    return BookCanvas if config.edition is Edition.BOOKLET else TaggedCanvas


def render_pdf(book: Book, config: BuildConfig, say: Callable[[str], None], cache: SectionCache | None = None) -> bytes:
    """Return the PDF of book for config's paper and edition (tagged, but for the booklet's pages); raise
    InputError on undrawable text."""
    return layout_pdf(book, config, say, cache=cache).data


def paginate_pdf(
    book: Book, config: BuildConfig, say: Callable[[str], None], cache: SectionCache | None = None
) -> tuple[PageStart, ...]:
    """Return where each page of book's PDF begins: a layout that draws neither the cover nor paragraphs, makes
    no links and writes no file."""
    return layout_pdf(book, config, say, write=False, cache=cache).pagination


def cited_targets(book: Book) -> frozenset[str]:
    """Return the ids of the targets whose page a printed cross-reference or a lowered section of book cites."""
    lowered = {t for s in book.sections() if isinstance(s, GeneratedSection) for t in page_targets(s.blocks)}
    return frozenset(
        node.target
        for node, _owner in book_refs(book)
        if (target := book.targets.get(node.target)) is not None and target.kind in CITED_KINDS
    ) | frozenset(lowered)


def layout_pdf(
    book: Book,
    config: BuildConfig,
    say: Callable[[str], None],
    write: bool = True,
    cache: SectionCache | None = None,
) -> PdfLayout:
    """Return the PDF of book (empty unless write) and its pagination, reusing the flowables of unchanged prose
    sections kept in cache; raise InputError on undrawable text or impossible layout.

    Cross-references that cite pages further on need those pages first: a layout that draws nothing finds
    them, and the book is laid out with them; should the pages they cite move, once more with the new ones.
    The first layout also shows whether a change of make-up saves a page it left blank (see makeup.py); the
    book is then laid out with that make-up."""
    cited = cited_targets(book)
    paper = _paper(book, config)
    context = f"{config.edition.value} {paper.name} "
    g = load_stylesheet(config, paper.size).geometry
    rules = Rules(g.save_blank_pages, g.title_page)
    makeup = rules.plain()
    # the pages the last layout of this edition found (watch keeps them)
    kept: dict[str, str] = dict(cache.cited_pages.get(context, {})) if cache and cited else {}
    # a first layout that draws nothing finds the pages cited, unless kept; the make-up is chosen from it (from no
    # kept pages, so that a warm layout chooses as a cold one does)
    pages: dict[str, str] = {} if rules.chooses or not kept else kept
    if cache:
        cache.open()
    settled = 0  # layouts drawn with the chosen make-up and the pages found: at most two, as without one
    for attempt in range(4):
        draft = attempt == 0 and bool(cited) and not pages  # finds the pages, draws nothing, says nothing
        tell = _quiet if draft else say
        citations = _citations(book, pages) if cited else None
        result = _layout(book, config, tell, write and not draft, cache, citations, makeup)
        found = _found(result, cited)
        if attempt == 0 and rules.chooses and result.facts is not None:
            tried: dict[MakeUp, dict[str, str]] = {}  # the pages each trial found
            citing = _citations(book, found) if cited else None
            lay_out = partial(_trial_facts, book, config, cache, citing, cited, tried)
            chosen = choose_makeup(book, result.facts, lay_out, rules)
            if chosen != makeup:
                say(f"page make-up: {chosen.summary({s.id: s.title for s in book.sections()})}")
                makeup, pages = chosen, tried[chosen]
                continue
        if draft:
            pages = kept or found
            continue
        settled += 1
        if found == pages or settled == 2:
            if cache:
                cache.cited_pages[context] = found
                cache.close(context)
            return result
        pages = found
    raise AssertionError("unreachable")


def _trial_facts(
    book: Book,
    config: BuildConfig,
    cache: SectionCache | None,
    citations: Citations | None,
    cited: frozenset[str],
    found: dict[MakeUp, dict[str, str]],
    makeup: MakeUp,
) -> PageFacts:
    """Return the page facts of a layout of book with makeup that draws nothing (with the prose sections kept in
    cache), citing pages from citations; note in found the pages of the cited targets it found."""
    trial = _layout(book, config, _quiet, False, cache, citations, makeup)
    assert trial.facts is not None
    found[makeup] = _found(trial, cited)
    return trial.facts


def _found(layout: PdfLayout, cited: frozenset[str]) -> dict[str, str]:
    """Return the page label each cited target landed on in layout ('?' where none)."""
    return {key: layout.block_pages.get("#" + key, "?") for key in cited}


def _paper(book: Book, config: BuildConfig) -> Paper:
    """Return the paper of config's build of book."""
    return config.paper or Paper.from_name(book.metadata.paper)


def _citations(book: Book, pages: Mapping[str, str]) -> Citations:
    """Return the page citations of book's cross-references from pages."""
    words = book.messages
    return Citations(pages, words.split("ref.page", "label", "page"), words.split("ref.page_inside", "label", "page"))


def _quiet(_: str) -> None:
    """Say nothing (a first layout that only finds pages)."""


def _layout(
    book: Book,
    config: BuildConfig,
    say: Callable[[str], None],
    write: bool,
    cache: SectionCache | None,
    citations: Citations | None,
    makeup: MakeUp,
) -> PdfLayout:
    """Return one layout of book with makeup (drawn when write), its cross-references citing pages from
    citations."""
    paper = _paper(book, config)
    sheet = load_stylesheet(config, paper.size)
    families = register_families(config.asset("fonts"), sheet.fonts)
    styles = paragraph_styles(sheet, families, book.metadata.language)
    markup = MarkupWriter(families, book.targets, default_loc=book.metadata.loc, citations=citations)
    family_of = {name: spec.family for name, spec in sheet.styles.items()}
    context = f"{config.edition.value} {paper.name} "
    state = cache.state(context) if cache else PageState()
    words = book.messages
    state.covers = CoverLabels(words("page.cover"), words("page.inside_cover"), words("page.back_cover"))
    ts = Typesetter(styles, markup, config, family_of, sheet.geometry.text_width, sheet.geometry.text_height, state)
    g = sheet.geometry
    cover = None
    if write:
        size = round(g.width / 72 * COVER_DPI), round(g.height / 72 * COVER_DPI)
        make_cover = partial(_cover_reader, book, config, size)
        cover = cache.cover(context + cover_key(book, config, size), make_cover) if cache else make_cover()
    head_spec = sheet["running_head"]
    head_family = families[head_spec.family]
    head = HeadStyle(
        head_family.name("regular", "regular"), head_family, head_spec.size, head_spec.grey, words("page.notes")
    )
    buffer = PdfCapture()  # a BytesIO would copy the 30 MB of a long book twice
    meta = book.metadata
    with _source_date(config.source_date_epoch or 0):
        doc = BookDocTemplate(
            buffer,
            g,
            head,
            meta.title,
            state,
            title=meta.title,
            author=", ".join(c.name for c in meta.contributors),
            subject=meta.description or meta.subtitle,
            keywords=", ".join(meta.subjects),
            creator=f"iwobook ({config.edition.value} edition)",
            producer="iwobook with ReportLab",
            lang=meta.language,
            displayDocTitle=1,
            invariant=1,
            initialFontName=styles["base"].fontName,
            initialFontSize=styles["base"].fontSize,
            initialLeading=styles["base"].leading,
            pageCompression=1,
        )
        builder = StoryBuilder(book, ts, doc.state, g, head, cover, families[sheet["meta"].family], makeup)
        story = builder.story()
        sections = sum(isinstance(f, LazySection) for f in story)
        say(f"typesetting {sections} section{'' if sections == 1 else 's'}")
        if cache:
            story = cache.begin(doc, story, book, context, citations.pages if citations else {})
        ok = False
        try:
            doc.build(story, canvasmaker=pick_canvas(config, write))
            ok = not markup.problems
        except LayoutError as error:
            where = doc.state.last_loc or book.metadata.loc
            message = "a block here is too large to fit on any page; shorten or split it"
            raise InputError([Diagnostic(where.file, where.line, Code.E171, message)]) from error
        finally:
            if cache:
                cache.end(doc, ok)
    if markup.problems:
        raise InputError(undrawable_diagnostics(markup.problems))
    say(f"{doc.page} pages")
    places = {**state.block_pages, **{"#" + key: folio for key, folio in state.anchor_pages.items()}}
    facts = page_facts(book, state, g, doc.page)
    return PdfLayout(buffer.getvalue(), state.pagination(), tuple(state.labels), places, facts)


def page_facts(book: Book, state: PageState, g: Geometry, pages: int) -> PageFacts:
    """Return what the make-up needs to know of a layout of book with pages pages, from its page state."""
    top = g.margin_bottom + g.text_height

    def share(y: float) -> float:
        return (top - y) / g.text_height

    ids = {section.id for section in book.sections()}
    runs = tuple(RunOn(key, page, share(y)) for key, (page, y) in state.below_text.items() if key in ids)
    return PageFacts(
        pages=pages,
        blanks=tuple(state.blanks),
        title_page=state.anchor_at.get(anchors.TITLE_PAGE, 0),
        body_start=state.body_start,
        starts=dict(state.anchor_at),
        runs_on=runs,
        filled={page: share(y) for page, y in state.heights.items()},
    )
