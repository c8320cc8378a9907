"""The EPUB 3 writer: the prepared book as an accessible, reproducible EPUB (see render_epub)."""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable
from typing import assert_never

from iwobook.config import BuildConfig
from iwobook.cover import render_cover_png
from iwobook.model import AnySection, Book, GeneratedSection, Section, SectionKind
from iwobook.writers.epub.accessibility import describe_accessibility
from iwobook.writers.epub.content import Context
from iwobook.writers.epub.generated import render_generated
from iwobook.writers.epub.images import Resource, collect_images
from iwobook.writers.epub.markup import Node, serialise_document
from iwobook.writers.epub.navigation import Landmark, TocEntry, build_landmarks, build_toc, render_nav
from iwobook.writers.epub.package import Document, package_epub
from iwobook.writers.epub.pages import (
    make_body_attrs,
    render_cover_page,
    render_part_page,
    render_prose_section,
    render_title_page,
)
from iwobook.writers.epub.plan import (
    CoverPage,
    NavPage,
    Page,
    PartPage,
    SectionPage,
    TitlePage,
    map_section_files,
    plan_pages,
)
from iwobook.writers.epub.styles import STYLESHEET, STYLESHEET_FILE

__all__ = ["COVER_SIZE", "render_epub"]

COVER_SIZE = (1600, 2560)
COVER_FILE = "images/cover.png"


def get_epoch(book: Book, config: BuildConfig) -> int:
    """Return the build's reproducible time: SOURCE_DATE_EPOCH, else the book's date at midnight UTC."""
    if config.source_date_epoch is not None:
        return config.source_date_epoch
    return calendar.timegm(time.strptime(book.metadata.date, "%Y-%m-%d"))


def render_page_body(
    page: Page, ctx: Context, entries: tuple[TocEntry, ...], marks: tuple[Landmark, ...]
) -> list[Node]:
    """Return the body content of one page of the plan."""
    has_colophon = any(isinstance(s, Section) and s.kind is SectionKind.COLOPHON for s in ctx.book.sections())
    what = page.what
    match what:
        case CoverPage():
            return render_cover_page(ctx, COVER_FILE)
        case TitlePage():
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
            return [render_generated(section, page.matter, entries, ctx)]
        case _:
            assert_never(section)


def render_document(page: Page, ctx: Context, entries: tuple[TocEntry, ...], marks: tuple[Landmark, ...]) -> Document:
    """Return one page serialised as an XHTML content document."""
    data = serialise_document(
        page.title, ctx.lang, STYLESHEET_FILE, make_body_attrs(page.matter), render_page_body(page, ctx, entries, marks)
    )
    properties = ("nav",) if isinstance(page.what, NavPage) else ()
    return Document(page.file, page.manifest_id, page.title, data, page.in_spine, properties)


def render_epub(book: Book, config: BuildConfig, say: Callable[[str], None]) -> bytes:
    """Return the EPUB 3 file of a prepared book: the same book and configuration give the same bytes."""
    pages = plan_pages(book)
    images = collect_images(book, config)
    ctx = Context(book, book.metadata.language, map_section_files(pages), {path: r.file for path, r in images.items()})
    entries = build_toc(pages)
    marks = build_landmarks(pages)
    documents = [render_document(page, ctx, entries, marks) for page in pages]
    say(f"epub: {len(documents)} documents, {len(images)} images, drawing the cover")
    cover = Resource(COVER_FILE, "image/png", render_cover_png(book, config, *COVER_SIZE))
    resources = [Resource(STYLESHEET_FILE, "text/css", STYLESHEET.encode("utf-8")), *images.values()]
    a11y = describe_accessibility(book, has_images=bool(images))
    return package_epub(book.metadata, a11y, documents, resources, cover, entries, get_epoch(book, config))
