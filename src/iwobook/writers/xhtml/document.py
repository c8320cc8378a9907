"""Generic document nodes (model.document) as elements: the one renderer of lowered content for the EPUB and
the HTML edition.

Roles become classes (and choose a few elements: a letter is a section, a translation a block quote); ids
become element ids and, in a paged edition, keys the page-break markers' block keys. A page reference reads
with the print edition's page number in a paged edition where the build gave the pagination, else without
it. No word is written here: every word is in the nodes.
"""

from __future__ import annotations

from typing import assert_never

from iwobook.figures import draw_figure
from iwobook.model import Figure, Heading, ListBlock, Paragraph, Quote
from iwobook.model.document import (
    Bullets,
    Cell,
    DateText,
    DefinitionList,
    Div,
    DocBlock,
    DocBlocks,
    DocInline,
    DocInlines,
    DrawnFigure,
    Head,
    Item,
    Jump,
    PageNumber,
    PageRef,
    Para,
    Show,
    Span,
    Table,
    Verse,
    inline_page_targets,
    items_for,
)
from iwobook.writers.xhtml.content import Context, render_block, render_inlines
from iwobook.writers.xhtml.markup import Element, Node, h, make_lang_attrs
from iwobook.writers.xhtml.svg import render_svg
from iwobook.writers.xhtml.text import render_text

# a figure that names itself is drawn again for a phone: for this width (points) with labels of this size, so
# that at 390 px its labels are drawn some 10 px high (the SVG scales to the reading width)
NARROW_WIDTH = 340.0
NARROW_LABELS = 9.5
VISUALLY_HIDDEN = "visually-hidden"
# the element a container's role is written as (a div otherwise)
DIV_TAGS = {"letter": "section", "translation": "blockquote", "questions": "section"}
# spans written as their own element (a span otherwise)
SPAN_TAGS = {"dfn": "dfn", "term": "dfn"}


def render_doc_inlines(nodes: DocInlines, ctx: Context, in_link: bool = False) -> list[Node]:
    """Return generated inlines as elements."""
    out: list[Node] = []
    for node in nodes:
        out += render_doc_inline(node, ctx, in_link)
    return out


def render_doc_inline(node: DocInline, ctx: Context, in_link: bool) -> list[Node]:
    """Return one generated inline as nodes."""
    match node:
        case Span(role=role, children=children, show=show):
            inner = render_doc_inlines(children, ctx, in_link)
            if show is Show.EARS:
                return [h("span", {"class": VISUALLY_HIDDEN}, inner)]
            attrs = {"class": role} if role and role not in SPAN_TAGS else {}
            if show is Show.EYES:
                attrs["aria-hidden"] = "true"
            if role in SPAN_TAGS:
                return [h(SPAN_TAGS[role], attrs or None, inner)]
            return [h("span", attrs, inner)] if attrs else inner
        case Jump(target=target, children=children):
            return render_jump(target, render_doc_inlines(children, ctx, True), ctx, in_link)
        case PageNumber(target=target):
            return [ctx.print_pages[target]] if ctx.format.paged and target in ctx.print_pages else []
        case PageRef(target=target, with_page=with_page, without_page=without_page):
            known = ctx.format.paged and all(page in ctx.print_pages for page in inline_page_targets(with_page))
            shown = with_page if known else without_page
            return render_jump(target, render_doc_inlines(shown, ctx, True), ctx, in_link)
        case DateText(iso=iso, text=text):
            if "-" in iso and text != iso:
                return [h("time", {"datetime": iso}, text)]
            return render_text(text, ctx.lang)
        case _:
            return render_inlines((node,), ctx, ctx.lang, in_link)


def render_jump(target: str, inner: list[Node], ctx: Context, in_link: bool) -> list[Node]:
    """Return inner linked to a section or entry of the book (as it is, inside another link or without a home)."""
    href = ctx.resolve_target(target)
    if in_link or href is None:
        return inner
    return [h("a", {"href": href}, inner)]


def render_doc_blocks(blocks: DocBlocks, ctx: Context) -> list[Node]:
    """Return generated blocks as elements."""
    return [node for block in blocks for node in render_doc_block(block, ctx)]


def render_doc_block(block: DocBlock, ctx: Context) -> list[Node]:
    """Return one generated block as elements (manuscript blocks as the prose renderer writes them)."""
    match block:
        case Paragraph() | Heading() | ListBlock() | Quote() | Figure():
            return [render_block(block, ctx, ctx.lang)]
        case Para(inlines=inlines, role=role, id=ident, key=key):
            attrs = {"id": ident, "class": role, **ctx.key_attrs(key)}
            return [h("p", attrs, render_doc_inlines(inlines, ctx))]
        case Head(level=level, inlines=inlines, id=ident):
            return [h(f"h{min(max(level, 2), 6)}", {"id": ident}, render_doc_inlines(inlines, ctx))]
        case DefinitionList(items=items, role=role, label=label):
            shown = [node for item in items_for(items, ctx.format.medium) for node in render_item(item, ctx)]
            return [h("dl", {"class": role, "aria-label": label}, shown)]
        case Table():
            return [render_table(block, ctx)]
        case DrawnFigure():
            return [render_figure(block, ctx)]
        case Div(role=role, blocks=inner, id=ident, lang=lang):
            attrs = {"id": ident, "class": role, **(make_lang_attrs(lang) if lang else {})}
            tag = DIV_TAGS.get(role, "div")
            if tag == "section" and inner and isinstance(inner[0], Head) and inner[0].id:
                attrs["aria-labelledby"] = inner[0].id  # a section is named by its heading
            return [h(tag, attrs, render_doc_blocks(inner, ctx))]
        case Verse():
            return [render_verse(block)]
        case Bullets():
            return [render_lines(block, ctx)]
        case _:
            assert_never(block)


def render_lines(block: Bullets, ctx: Context) -> Element:
    """Return a list of lines: bulleted (ul) or numbered (ol), each line keyed as the list says."""
    keys = block.keys or ("",) * len(block.items)
    lines = [
        h("li", ctx.key_attrs(key), render_doc_inlines(line, ctx)) for line, key in zip(block.items, keys, strict=True)
    ]
    return h("ol" if block.numbered else "ul", {"class": block.role}, lines)


def render_figure(figure: DrawnFigure, ctx: Context) -> Element:
    """Return a drawn figure with its caption. When the figure names itself it is drawn again for a phone's
    width with larger labels: a web page has both, the style sheet showing one (the other is not displayed,
    so assistive technology meets one text alternative); an e-book only the narrow one."""
    ident = figure.id or "figure"
    narrow = draw_figure(ctx.book, figure.figure, NARROW_WIDTH, NARROW_LABELS) if figure.figure else None
    caption = h("figcaption", None, render_doc_inlines(figure.caption, ctx))
    if not ctx.format.wide_figures:
        return h(
            "figure", {"class": "drawing"}, render_svg(narrow or figure.drawing, ident, "drawing", ctx.lang), caption
        )
    if narrow is None:
        svgs = [render_svg(figure.drawing, f"{ident}-drawing", "drawing", ctx.lang)]
    else:
        svgs = [
            render_svg(figure.drawing, f"{ident}-wide", "wide", ctx.lang),
            render_svg(narrow, f"{ident}-narrow", "narrow", ctx.lang),
        ]
    return h("figure", {"id": figure.id, "class": "drawing"}, svgs, caption)


def render_item(item: Item, ctx: Context) -> list[Node]:
    """Return a definition list entry as a dt/dd pair."""
    return [
        h("dt", {"id": item.id, **ctx.key_attrs(item.key)}, render_doc_inlines(item.term, ctx)),
        h("dd", ctx.key_attrs(item.details_key), render_doc_blocks(item.details, ctx)),
    ]


def render_cell(cell: Cell, ctx: Context) -> Element:
    """Return a header cell (th with its scope) or a data cell."""
    if cell.scope:
        return h("th", {"scope": cell.scope, "class": cell.role}, render_doc_inlines(cell.inlines, ctx))
    return h("td", {"class": cell.role, **ctx.key_attrs(cell.key)}, render_doc_inlines(cell.inlines, ctx))


def render_table(table: Table, ctx: Context) -> Element:
    """Return a table with its caption (for assistive technology) in a wrapper that scrolls on a narrow screen."""
    inner = h(
        "table",
        {"class": table.role},
        h("caption", {"class": VISUALLY_HIDDEN}, render_doc_inlines(table.caption, ctx)) if table.caption else None,
        h("thead", None, [h("tr", None, [render_cell(c, ctx) for c in row]) for row in table.head])
        if table.head
        else None,
        h("tbody", None, [h("tr", None, [render_cell(c, ctx) for c in row]) for row in table.body]),
    )
    return h("div", {"class": "table-wrap"}, inner)


def render_verse(verse: Verse) -> Element:
    """Return text in another language as a block quote: paragraphs at blank lines, line breaks kept."""
    paragraphs: list[Node] = []
    for chunk in verse.text.strip().split("\n\n"):
        lines: list[Node] = []
        for line in chunk.strip().splitlines():
            lines += [h("br")] if lines else []
            lines += render_text(line, verse.lang)
        paragraphs.append(h("p", None, lines))
    return h("blockquote", {"class": verse.role, **make_lang_attrs(verse.lang)}, paragraphs)
