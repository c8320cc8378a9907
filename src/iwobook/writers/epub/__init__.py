"""The EPUB 3 writer: the prepared book as an accessible, reproducible EPUB (see render_epub)."""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable, Sequence
from typing import assert_never

from iwobook.config import BuildConfig, Paper
from iwobook.cover import render_cover_png
from iwobook.model import AnySection, Book, GeneratedSection, PageStart, Section, SectionKind, anchors
from iwobook.writers.epub.accessibility import describe_accessibility
from iwobook.writers.epub.generated import render_generated
from iwobook.writers.epub.images import Resource, collect_images
from iwobook.writers.epub.navigation import TOC_ID, Landmark, TocEntry, build_landmarks, build_toc, render_nav
from iwobook.writers.epub.package import Document, package_epub
from iwobook.writers.epub.pages import (
    make_body_attrs,
    render_cover_page,
    render_part_page,
    render_prose_section,
    render_title_page,
)
from iwobook.writers.epub.pagination import place_page_breaks, render_page_list
from iwobook.writers.epub.plan import (
    MEDIUM,
    CoverPage,
    NavPage,
    Page,
    PartPage,
    SectionPage,
    TitlePage,
    map_part_files,
    map_section_files,
    plan_pages,
)
from iwobook.writers.epub.styles import STYLESHEET, STYLESHEET_FILE
from iwobook.writers.xhtml.content import ChapterMarkup, Context, Format
from iwobook.writers.xhtml.markup import XHTML, Node, h, make_lang_attrs, serialise_document
from iwobook.writers.xhtml.svg import contains_svg

__all__ = ["COVER_SIZE", "render_epub"]

COVER_SIZE = (1600, 2560)
COVER_FILE = "images/cover.png"
XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
# an e-book with the print edition's page list; a link to a glossary entry and a chapter say what they are
FORMAT = Format(
    MEDIUM,
    glossref=(("epub:type", "glossref"), ("role", "doc-glossref")),
    chapter=ChapterMarkup("section", (("epub:type", "chapter"), ("role", "doc-chapter"))),
)


def get_epoch(book: Book, config: BuildConfig) -> int:
    """Return the build's reproducible time: SOURCE_DATE_EPOCH, else the book's date at midnight UTC."""
    if config.source_date_epoch is not None:
        return config.source_date_epoch
    return calendar.timegm(time.strptime(book.metadata.date, "%Y-%m-%d"))


def render_page_body(
    page: Page, ctx: Context, entries: tuple[TocEntry, ...], marks: tuple[Landmark, ...]
) -> list[Node]:
    """Return the body content of one page of the plan."""
    what = page.what
    match what:
        case CoverPage():
            return render_cover_page(ctx, COVER_FILE)
        case TitlePage():
            has_colophon = any(isinstance(s, Section) and s.kind is SectionKind.COLOPHON for s in ctx.book.sections())
            return render_title_page(ctx, with_colophon=not has_colophon)
        case NavPage():
            return render_nav(page.title, entries, marks, ctx)
        case PartPage(part=part, number=number):
            return render_part_page(part, number, ctx)
        case SectionPage(section=section):
            return render_section_body(section, page, ctx, entries)
        case _:
            assert_never(what)


def render_section_body(section: AnySection, page: Page, ctx: Context, entries: tuple[TocEntry, ...]) -> list[Node]:
    """Return the body content of a section's page: prose, or generated from data."""
    match section:
        case Section():
            return render_prose_section(section, ctx, with_colophon=True)
        case GeneratedSection():
            return [render_generated(section, entries, ctx)]
        case _:
            assert_never(section)


def make_document(page: Page, body: list[Node], ctx: Context) -> Document:
    """Return one page's body serialised as an XHTML content document."""
    html = h(
        "html",
        {"xmlns": XHTML_NS, "xmlns:epub": EPUB_NS, **make_lang_attrs(ctx.lang)},
        h(
            "head",
            None,
            h("title", None, page.title),
            h("link", {"rel": "stylesheet", "type": "text/css", "href": STYLESHEET_FILE}),
        ),
        h("body", make_body_attrs(page.matter), body),
    )
    data = serialise_document(html, XHTML)
    properties = (("nav",) if isinstance(page.what, NavPage) else ()) + (("svg",) if contains_svg(body) else ())
    return Document(page.file, page.manifest_id, page.title, data, page.in_spine, properties)


def make_aliases(pages: tuple[Page, ...]) -> dict[str, str]:
    """Return the ids the print edition uses that the EPUB names otherwise (the contents is the nav's toc)."""
    return {p.what.section_id: TOC_ID for p in pages if isinstance(p.what, NavPage) and p.what.section_id}


def find_section_pages(book: Book, pagination: Sequence[PageStart]) -> dict[str, str]:
    """Return the printed page each section begins on: its '#id' start (a part's title opens its first
    section, so '#part-<id>' counts too); blank pages before it carry the same key, so the last one wins."""
    ids = {section.id for section in book.sections()}
    pages: dict[str, str] = {}
    for start in pagination:
        ident = anchors.key_id(start.key)
        if ident is None or start.word:
            continue
        for candidate in (ident, anchors.section_of_part(ident)):
            if candidate in ids:
                pages[candidate] = start.label
                break
    return pages


def describe_print_source(book: Book) -> str:
    """Return how the print edition the page numbers come from is named in the metadata."""
    meta = book.metadata
    words = book.messages
    paper = Paper.from_name(meta.paper).name if meta.paper else ""
    name = words("epub.book_edition", title=meta.title, edition=meta.edition) if meta.edition else meta.title
    return (
        words("epub.print_edition_paper", book=name, paper=paper) if paper else words("epub.print_edition", book=name)
    )


def render_epub(
    book: Book, config: BuildConfig, say: Callable[[str], None], pagination: Sequence[PageStart] = ()
) -> bytes:
    """Return the EPUB 3 file of a prepared book: the same book and configuration give the same bytes.

    pagination says where each page of the print edition begins (from the PDF writer, passed in by the
    build): the EPUB then marks every page break and lists the pages in its navigation document.
    """
    pages = plan_pages(book)
    images = collect_images(book, config)
    files = map_section_files(pages)
    ctx = Context(
        book,
        book.metadata.language,
        FORMAT,
        files,
        {path: r.file for path, r in images.items()},
        find_section_pages(book, pagination),
    )
    entries = build_toc(book.outline, {**files, **map_part_files(pages)})
    marks = build_landmarks(pages, book.messages, book.glossary)
    bodies = [render_page_body(page, ctx, entries, marks) for page in pages]
    placement = place_page_breaks([page.file for page in pages], bodies, pagination, make_aliases(pages))
    for problem in placement.problems:
        say(f"epub: {problem}")
    if placement.breaks:
        say(f"epub: {len(placement.breaks)} page breaks of the print edition marked")
        for page, body in zip(pages, placement.bodies, strict=True):
            if isinstance(page.what, NavPage):
                body.append(render_page_list(placement.breaks, book.messages("page.list")))
    documents = [make_document(page, body, ctx) for page, body in zip(pages, placement.bodies, strict=True)]
    say(f"epub: {len(documents)} documents, {len(images)} images, drawing the cover")
    cover = Resource(COVER_FILE, "image/png", render_cover_png(book, config, *COVER_SIZE))
    resources = [Resource(STYLESHEET_FILE, "text/css", STYLESHEET.encode("utf-8")), *images.values()]
    source = describe_print_source(book) if placement.breaks else ""
    has_figures = any("svg" in document.properties for document in documents)
    a11y = describe_accessibility(book, has_images=bool(images) or has_figures, page_source=source)
    meta = book.metadata
    licence = book.messages("epub.rights_licence", licence=meta.licence) if meta.licence else ""
    rights = " ".join(part for part in (meta.rights, licence) if part)
    epoch = get_epoch(book, config)
    return package_epub(meta, a11y, documents, resources, cover, entries, epoch, source, rights)
