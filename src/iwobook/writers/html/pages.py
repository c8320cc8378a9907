"""Each page of the HTML edition: the shell (header, main, the reading order's links), the index with the title
page and the contents, chapters, plain sections, the colophon and generated sections."""

from __future__ import annotations

from typing import assert_never

from iwobook.model import GeneratedSection, Section, SectionKind, anchors, is_contents
from iwobook.model.document import OutlineEntry
from iwobook.writers.html.plan import CONTENTS_ID, INDEX_FILE, MEDIUM, SectionPage
from iwobook.writers.html.styles import STYLESHEET_FILE
from iwobook.writers.xhtml.content import Context
from iwobook.writers.xhtml.document import render_doc_blocks
from iwobook.writers.xhtml.markup import Child, Element, Node, h, make_lang_attrs
from iwobook.writers.xhtml.sections import render_chapter, render_plain_section
from iwobook.writers.xhtml.text import render_text

MAIN_ID = "main"
# the ARIA role of a lowered section's role
SECTION_ROLES = {"glossary": "doc-glossary", "appendix": "doc-appendix"}


def render_shell(title: str, ctx: Context, content: Child, sequence: Element | None, is_index: bool) -> Element:
    """Return a whole page: head, a skip link, the header naming the book, main, and the reading order."""
    meta = ctx.book.metadata
    heading = render_text(meta.title, ctx.lang)
    header = h(
        "header",
        None,
        h("p", {"class": "book"}, h("a", {"href": INDEX_FILE}, heading) if not is_index else heading),
    )
    return h(
        "html",
        make_lang_attrs(ctx.lang),
        h(
            "head",
            None,
            h("meta", {"charset": "utf-8"}),
            h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            h("title", None, title),
            h("link", {"rel": "stylesheet", "href": STYLESHEET_FILE}),
        ),
        h(
            "body",
            None,
            h("a", {"class": "skip", "href": f"#{MAIN_ID}"}, ctx.words("html.skip")),
            header,
            h("main", {"id": MAIN_ID}, content),
            h("footer", None, sequence) if sequence is not None else None,
        ),
    )


def render_sequence(before: SectionPage | None, after: SectionPage | None, ctx: Context, is_index: bool) -> Element:
    """Return the links to the previous page (the index before the first), the contents and the next page; the
    index itself links only to the next."""
    links: list[Element] = []
    if not is_index:
        back = (before.file, before.title) if before is not None else (INDEX_FILE, ctx.book.metadata.title)
        links.append(h("a", {"href": back[0], "rel": "prev"}, ctx.words("html.previous", title=back[1])))
        links.append(h("a", {"href": f"{INDEX_FILE}#{CONTENTS_ID}"}, ctx.words("page.contents")))
    if after is not None:
        links.append(h("a", {"href": after.file, "rel": "next"}, ctx.words("html.next", title=after.title)))
    items = [h("li", None, link) for link in links]
    return h("nav", {"class": "sequence", "aria-label": ctx.words("html.reading_order")}, h("ul", None, items))


def render_contents(ctx: Context) -> Element:
    """Return the contents from the book's lowered outline under the title of the book's contents section (as in
    print and the EPUB; the catalogue's word when it has none): titled parts with their sections under them, other
    sections at the top level, each section linked to its page."""
    title_id = f"{CONTENTS_ID}-title"
    section = next((s for s in ctx.book.sections() if is_contents(s)), None)
    title = render_text(section.title, ctx.lang) if section is not None else ctx.words("page.contents")
    return h(
        "nav",
        {"id": CONTENTS_ID, "class": "contents", "aria-labelledby": title_id},
        h("h2", {"id": title_id}, title),
        h("ol", None, [render_contents_entry(entry, ctx) for entry in ctx.book.outline]),
    )


def render_contents_entry(entry: OutlineEntry, ctx: Context) -> Element:
    """Return one entry of the contents: a titled part's title over its sections (the edition has no page for a
    part), or a link to a section's page."""
    label = render_text(entry.names.of(MEDIUM), ctx.lang)
    if entry.role == "part":
        children = [render_contents_entry(child, ctx) for child in entry.children]
        return h("li", {"class": "part"}, h("span", None, label), h("ol", None, children))
    return h("li", None, h("a", {"href": ctx.files[entry.target]}, label))


def render_index(ctx: Context) -> list[Node]:
    """Return the index page's content: title, subtitle, contributors, edition and publisher, then the contents."""
    meta = ctx.book.metadata
    names = ctx.words("format.comma").join(c.name for c in meta.contributors)
    titlepage = h(
        "section",
        {"class": "titlepage", "aria-labelledby": "book-title"},
        h("h1", {"id": "book-title", "class": "book-title"}, render_text(meta.title, ctx.lang)),
        h("p", {"class": "subtitle"}, render_text(meta.subtitle, ctx.lang)) if meta.subtitle else None,
        h("p", {"class": "contributors"}, render_text(names, ctx.lang)) if names else None,
        h("p", {"class": "edition"}, render_text(meta.edition, ctx.lang)) if meta.edition else None,
        h("p", {"class": "publisher"}, render_text(meta.publisher, ctx.lang)) if meta.publisher else None,
    )
    return [titlepage, render_contents(ctx)]


def render_colophon_data(ctx: Context) -> list[Node]:
    """Return the book's publication details (lowered: 'Title:', contributors, edition, date, identifier...)."""
    return render_doc_blocks(ctx.book.colophon, ctx)


def render_part_title(page: SectionPage, ctx: Context) -> Element | None:
    """Return the title of a titled part above its first section, or None."""
    part = page.part
    if not part.title or not part.sections or part.sections[0].id != page.section.id:
        return None
    return h("p", {"id": anchors.part_id(page.section.id), "class": "part-title"}, render_text(part.title, ctx.lang))


def render_section_page(page: SectionPage, ctx: Context) -> list[Node]:
    """Return a section page's content: its part's title where the part begins, then the section."""
    section = page.section
    match section:
        case Section():
            body = render_prose_section(section, ctx)
        case GeneratedSection():
            body = render_generated(section, ctx)
        case _:
            assert_never(section)
    return [node for node in (render_part_title(page, ctx), body) if node is not None]


def render_generated(section: GeneratedSection, ctx: Context) -> Element:
    """Return a generated section: its title and its lowered blocks, classed by its kind, with the ARIA role of
    what it is for readers (a glossary, an appendix)."""
    return h(
        "section",
        {
            "id": section.id,
            "class": section.source.value,
            "role": SECTION_ROLES.get(section.role, ""),
            "aria-labelledby": anchors.heading_id(section.id),
        },
        h("h1", {"id": anchors.heading_id(section.id)}, render_text(section.title, ctx.lang)),
        render_doc_blocks(section.blocks, ctx),
    )


def render_prose_section(section: Section, ctx: Context) -> Element:
    """Return a prose section: a chapter, a plain section or the colophon (with the book's data on top)."""
    match section.kind:
        case SectionKind.CHAPTER:
            return render_chapter(section, ctx)
        case SectionKind.SECTION:
            return render_plain_section(section, ctx)
        case SectionKind.COLOPHON:
            return render_plain_section(section, ctx, first=render_colophon_data(ctx))
        case _:
            assert_never(section.kind)
