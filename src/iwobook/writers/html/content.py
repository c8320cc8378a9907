"""The manuscript's inlines and blocks (model.nodes) as HTML, with links resolved through the page plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import assert_never
from urllib.parse import urlsplit

from iwobook.model import (
    Block,
    Blocks,
    Book,
    Code,
    CrossRef,
    Emphasis,
    Figure,
    Heading,
    Inlines,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Messages,
    Paragraph,
    Quote,
    Strong,
    TargetKind,
    Text,
)
from iwobook.writers.xhtml.markup import Node, h, make_lang_attrs
from iwobook.writers.xhtml.text import render_text

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Context:
    """What rendering needs besides the node: the book, its language, the page of each section, where each
    image went."""

    book: Book
    lang: str
    files: Mapping[str, str]
    images: Mapping[str, str]

    @property
    def words(self) -> Messages:
        """Return the book's message catalogue."""
        return self.book.messages

    def resolve_section(self, section_id: str) -> str | None:
        """Return the page of a section, or None when it is not in the edition."""
        return self.files.get(section_id)

    def resolve_target(self, target_id: str) -> str | None:
        """Return the href a link to target_id goes to (a section's page, or the entry on its section's page),
        or None when it has no page."""
        target = self.book.targets.get(target_id)
        if target is None:
            return self.files.get(target_id)
        home = self.files.get(target.section_id)
        if home is None:
            return None
        return home if target.kind is TargetKind.SECTION else f"{home}#{target.id}"


def render_inlines(inlines: Inlines, ctx: Context, lang: str, in_link: bool = False) -> list[Node]:
    """Return inline nodes as HTML (inside a link, cross-references and links keep only their text)."""
    out: list[Node] = []
    for node in inlines:
        match node:
            case Text(text=text):
                out += render_text(text, lang)
            case Emphasis(children=children):
                out.append(h("em", None, render_inlines(children, ctx, lang, in_link)))
            case Strong(children=children):
                out.append(h("strong", None, render_inlines(children, ctx, lang, in_link)))
            case Code(text=text):
                out.append(h("code", None, text))
            case LineBreak():
                out.append(h("br"))
            case LangSpan(lang=span_lang, children=children):
                out.append(h("span", make_lang_attrs(span_lang), render_inlines(children, ctx, span_lang, in_link)))
            case Link(url=url, children=children):
                inner = render_inlines(children, ctx, lang, True) or render_text(url, lang)
                safe = urlsplit(url).scheme.lower() in SAFE_SCHEMES
                out += inner if in_link or not safe else [h("a", {"href": url}, inner)]
            case CrossRef():
                out += render_cross_ref(node, ctx, lang, in_link)
            case _:
                assert_never(node)
    return out


def render_cross_ref(ref: CrossRef, ctx: Context, lang: str, in_link: bool) -> list[Node]:
    """Return a cross-reference as a link to its target, showing its own text or the target's label; a first
    mention carries its anchor id (on a span where it links nowhere)."""
    target = ctx.book.targets.get(ref.target)
    inner = render_inlines(ref.children, ctx, lang, True)
    if not inner:
        inner = render_text(target.label if target else ref.target, lang)
    href = ctx.resolve_target(ref.target)
    if in_link or href is None or target is None:
        return [h("span", {"id": ref.anchor}, inner)] if ref.anchor else inner
    return [h("a", {"href": href, "id": ref.anchor}, inner)]  # no id when it is not a first mention


def render_blocks(blocks: Blocks, ctx: Context, lang: str) -> list[Node]:
    """Return blocks as HTML elements."""
    return [render_block(block, ctx, lang) for block in blocks]


def render_block(block: Block, ctx: Context, lang: str) -> Node:
    """Return one block as an HTML element (a page's title is its h1, so body headings start at h2)."""
    match block:
        case Paragraph(inlines=inlines):
            return h("p", None, render_inlines(inlines, ctx, lang))
        case Heading(level=level, inlines=inlines):
            return h(f"h{min(max(level, 2), 6)}", None, render_inlines(inlines, ctx, lang))
        case ListBlock(ordered=ordered, items=items, start=start):
            attrs = {"start": str(start)} if ordered and start != 1 else None
            return h("ol" if ordered else "ul", attrs, [render_item(item, ctx, lang) for item in items])
        case Quote(blocks=inner):
            return h("blockquote", None, render_blocks(inner, ctx, lang))
        case Figure(path=path, alt=alt, caption=caption):
            image = h("img", {"src": ctx.images.get(path, path), "alt": alt})
            return h("figure", None, image, h("figcaption", None, render_text(caption, lang)) if caption else None)
        case _:
            assert_never(block)


def render_item(item: Blocks, ctx: Context, lang: str) -> Node:
    """Return a list item: a lone paragraph's inlines sit directly in the li."""
    if len(item) == 1 and isinstance(item[0], Paragraph):
        return h("li", None, render_inlines(item[0].inlines, ctx, lang))
    return h("li", None, render_blocks(item, ctx, lang))
