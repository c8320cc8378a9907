"""The cover, title and part pages, and prose sections: chapters, plain sections and the colophon."""

from __future__ import annotations

from typing import assert_never

from iwobook.model import Matter, Part, Section, SectionKind, anchors
from iwobook.writers.xhtml.content import Context
from iwobook.writers.xhtml.document import render_doc_blocks
from iwobook.writers.xhtml.markup import Node, h
from iwobook.writers.xhtml.sections import render_chapter, render_plain_section
from iwobook.writers.xhtml.text import render_text

MATTER_TYPES = {Matter.FRONT: "frontmatter", Matter.BODY: "bodymatter", Matter.BACK: "backmatter"}
TITLE_PAGE_ID = anchors.TITLE_PAGE


def make_body_attrs(matter: Matter) -> dict[str, str]:
    """Return the body element's attributes for a page in front, body or back matter."""
    return {"epub:type": MATTER_TYPES[matter]}


def render_cover_page(ctx: Context, image_href: str) -> list[Node]:
    """Return the cover page's body: the cover image with a text alternative."""
    meta = ctx.book.metadata
    words = ctx.words
    title = (
        words("colophon.title_and_subtitle", title=meta.title, subtitle=meta.subtitle) if meta.subtitle else meta.title
    )
    alt = words("cover.alt", title=title)
    image = h("img", {"src": image_href, "alt": alt, "epub:type": "cover", "role": "doc-cover"})
    return [h("div", {"class": "cover"}, image)]


def render_title_page(ctx: Context, with_colophon: bool) -> list[Node]:
    """Return the title page: title, subtitle, contributors, edition, publisher (and the colophon data)."""
    meta = ctx.book.metadata
    names = ", ".join(c.name for c in meta.contributors)
    page = h(
        "section",
        {"id": TITLE_PAGE_ID, "epub:type": "titlepage", "class": "titlepage", "aria-labelledby": "title_book"},
        h("h1", {"id": "title_book", "class": "book-title"}, render_text(meta.title, ctx.lang)),
        h(
            "p",
            {"class": "subtitle", "epub:type": "subtitle", "role": "doc-subtitle"},
            render_text(meta.subtitle, ctx.lang),
        )
        if meta.subtitle
        else None,
        h("p", {"class": "contributors"}, render_text(names, ctx.lang)) if names else None,
        h("p", {"class": "edition"}, render_text(meta.edition, ctx.lang)) if meta.edition else None,
        h("p", {"class": "publisher"}, render_text(meta.publisher, ctx.lang)) if meta.publisher else None,
    )
    return [page, *render_colophon_data(ctx)] if with_colophon else [page]


def render_colophon_data(ctx: Context) -> list[Node]:
    """Return the book's publication details (lowered: 'Title:', contributors, edition, date, identifier...)."""
    return render_doc_blocks(ctx.book.colophon, ctx)


def make_part_id(part: Part) -> str:
    """Return the id of a titled part's page: 'part-' and its first section's id (as the print edition names it)."""
    return anchors.part_id(part.sections[0].id) if part.sections else ""


def render_part_page(part: Part, number: int, ctx: Context) -> list[Node]:
    """Return a titled part's page: the part's title as its heading."""
    ident = anchors.part_page_id(number)
    return [
        h(
            "section",
            {
                "id": make_part_id(part),
                "epub:type": "part",
                "role": "doc-part",
                "class": "part",
                "aria-labelledby": anchors.heading_id(ident),
            },
            h("h1", {"id": anchors.heading_id(ident)}, render_text(part.title, ctx.lang)),
        )
    ]


def render_prose_section(section: Section, ctx: Context, with_colophon: bool) -> list[Node]:
    """Return a prose section: a chapter, a plain section or the colophon (with the book's data on top)."""
    match section.kind:
        case SectionKind.CHAPTER:
            return [render_chapter(section, ctx)]
        case SectionKind.SECTION:
            return [render_plain_section(section, ctx, {})]
        case SectionKind.COLOPHON:
            attrs = {"epub:type": "colophon", "role": "doc-colophon", "class": "colophon"}
            return [render_plain_section(section, ctx, attrs, render_colophon_data(ctx) if with_colophon else None)]
        case _:
            assert_never(section.kind)
