"""The table of contents (the lowered outline as one tree for the navigation document and the NCX) and the
landmarks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from iwobook.model import GeneratedSection, Matter, Messages, anchors
from iwobook.model.document import OutlineEntry
from iwobook.writers.epub.plan import COVER_FILE, MEDIUM, NAV_FILE, TITLE_FILE, Page, SectionPage
from iwobook.writers.xhtml.content import Context
from iwobook.writers.xhtml.markup import Element, Node, h
from iwobook.writers.xhtml.text import render_text

TOC_ID = "toc"


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents: label, target and the entries under it."""

    label: str
    href: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Landmark:
    """One landmark: its epub:type, label and target."""

    kind: str
    label: str
    href: str


def build_toc(outline: tuple[OutlineEntry, ...], files: Mapping[str, str]) -> tuple[TocEntry, ...]:
    """Return the contents tree from the book's lowered outline, each entry leading to its page's file (files: by
    section and part id), worded for a screen."""
    return tuple(
        TocEntry(entry.names.of(MEDIUM), files[entry.target], build_toc(entry.children, files)) for entry in outline
    )


def build_landmarks(pages: tuple[Page, ...], words: Messages, glossary: str) -> tuple[Landmark, ...]:
    """Return the landmarks: cover, title page, contents, start of the body, and the glossary (the page of the
    section whose id is glossary, when there is one)."""
    marks = [
        Landmark("cover", words("page.cover"), COVER_FILE),
        Landmark("titlepage", words("page.title_page"), TITLE_FILE),
    ]
    spine = [page for page in pages if page.in_spine]
    if any(page.file == NAV_FILE for page in spine):
        marks.append(Landmark("toc", words("page.contents"), f"{NAV_FILE}#{TOC_ID}"))
    body = next((page for page in spine if page.matter is Matter.BODY), None)
    if body is not None:
        marks.append(Landmark("bodymatter", words("page.start"), body.file))
    found = next((p for p in spine if isinstance(p.what, SectionPage) and p.what.section.id == glossary), None)
    if glossary and found is not None:
        marks.append(Landmark("glossary", found.title, found.file))
    return tuple(marks)


def render_toc_list(entries: tuple[TocEntry, ...], ctx: Context) -> Element:
    """Return the contents tree as nested ordered lists of links."""
    items: list[Node] = []
    for entry in entries:
        link = h("a", {"href": entry.href}, render_text(entry.label, ctx.lang))
        items.append(h("li", None, link, render_toc_list(entry.children, ctx) if entry.children else None))
    return h("ol", None, items)


def render_nav(title: str, entries: tuple[TocEntry, ...], marks: tuple[Landmark, ...], ctx: Context) -> list[Node]:
    """Return the navigation document's body: the table of contents and the (hidden) landmarks."""
    toc = h(
        "nav",
        {"epub:type": "toc", "role": "doc-toc", "id": TOC_ID, "aria-labelledby": "title_toc"},
        h("h1", {"id": "title_toc"}, render_text(title, ctx.lang)),
        render_toc_list(entries, ctx),
    )
    items = [h("li", None, h("a", {"epub:type": m.kind, "href": m.href}, m.label)) for m in marks]
    guide = h(
        "nav",
        {
            "epub:type": "landmarks",
            "id": "landmarks",
            "hidden": "hidden",
            "aria-labelledby": "title_landmarks",
        },
        h("h2", {"id": "title_landmarks"}, ctx.words("page.landmarks")),
        h("ol", None, items),
    )
    return [toc, guide]


def render_contents_copy(section: GeneratedSection, entries: tuple[TocEntry, ...], ctx: Context) -> Element:
    """Return a further contents section (the navigation document is the first): the same list, as a plain nav."""
    heading = anchors.heading_id(section.id)
    return h(
        "nav",
        {"id": section.id, "aria-labelledby": heading, "class": "contents"},
        h("h1", {"id": heading}, render_text(section.title, ctx.lang)),
        render_toc_list(entries, ctx),
    )
