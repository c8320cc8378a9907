"""The manuscript's inlines and blocks (model.nodes) as elements, with links resolved through the edition's
plan of files; what differs between the EPUB and the HTML edition comes in the Context's Format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    block_key,
)
from iwobook.model.document import Medium
from iwobook.writers.xhtml.markup import Node, h, make_lang_attrs
from iwobook.writers.xhtml.text import render_text

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# marks the element of a model block with its key (model.block_key) for the page-break markers of an edition
# with a page list; writers.epub.pagination removes it from every document before serialisation
BLOCK_KEY = "data-iwobook-key"


@dataclass(frozen=True, slots=True)
class ChapterMarkup:
    """The element that holds a chapter ('article', an EPUB's 'section') and its attributes (epub:type, role)."""

    element: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Format:
    """What the edition's markup says that the other's does not.

    medium: the kind of edition (a paged one marks each block's key and prints page numbers it knows);
    glossref: the attributes of a link to a character or a term (the EPUB's epub:type and role);
    wide_figures: a figure that names itself is drawn both as lowered and for a phone, the style sheet showing
    one (a web page); else only for a phone (a reading system may paginate in a frame wider than the screen,
    so no media query can choose);
    chapter: the element that holds a chapter and the attributes that say it is one.
    """

    medium: Medium
    glossref: tuple[tuple[str, str], ...] = ()
    wide_figures: bool = False
    chapter: ChapterMarkup = ChapterMarkup("article")

    @property
    def paged(self) -> bool:
        """Return True for an e-book with the print edition's page list."""
        return self.medium is Medium.PAGED_SCREEN


@dataclass(frozen=True)
class Context:
    """What rendering needs besides the node: the book, its language, the edition's format, where each section
    and image went, and the printed page each section begins on (when the build gives the pagination)."""

    book: Book
    lang: str
    format: Format
    files: Mapping[str, str]
    images: Mapping[str, str]
    print_pages: Mapping[str, str] = field(default_factory=dict)

    @property
    def words(self) -> Messages:
        """Return the book's message catalogue."""
        return self.book.messages

    def resolve_target(self, target_id: str) -> str | None:
        """Return the href a link to target_id goes to (a section's file, or the entry in its section's file),
        else the file of what has that id, or None when it has none."""
        target = self.book.targets.get(target_id)
        home = self.files.get(target.section_id) if target else None
        if target is None or home is None:
            return self.files.get(target_id)
        return home if target.kind is TargetKind.SECTION else f"{home}#{target.id}"

    def key_attrs(self, key: str) -> dict[str, str]:
        """Return the attribute that marks an element with its block key, in a paged edition (else none)."""
        return {BLOCK_KEY: key} if self.format.paged and key else {}


def render_inlines(inlines: Inlines, ctx: Context, lang: str, in_link: bool = False) -> list[Node]:
    """Return inline nodes as elements (inside a link, cross-references and links keep only their text)."""
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
    attrs = {"href": href, "id": ref.anchor}  # no id when it is not a first mention
    if target.kind in (TargetKind.CHARACTER, TargetKind.TERM):
        attrs.update(ctx.format.glossref)
    return [h("a", attrs, inner)]


def render_blocks(blocks: Blocks, ctx: Context, lang: str) -> list[Node]:
    """Return blocks as elements."""
    return [render_block(block, ctx, lang) for block in blocks]


def render_block(block: Block, ctx: Context, lang: str) -> Node:
    """Return one block as an element (a section's title is its h1, so body headings start at h2)."""
    match block:
        case Paragraph(loc=loc, inlines=inlines):
            return h("p", ctx.key_attrs(block_key(loc)), render_inlines(inlines, ctx, lang))
        case Heading(loc=loc, level=level, inlines=inlines):
            return h(f"h{min(max(level, 2), 6)}", ctx.key_attrs(block_key(loc)), render_inlines(inlines, ctx, lang))
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
        return h("li", ctx.key_attrs(block_key(item[0].loc)), render_inlines(item[0].inlines, ctx, lang))
    return h("li", None, render_blocks(item, ctx, lang))
