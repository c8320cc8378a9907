"""HTML elements and their serialisation: the HTML writer's one escaping boundary.

Every other module of the writer builds `Element` trees from plain strings; only `serialise` turns them into
text, escaping text and attribute values with html.escape and dropping characters HTML may not carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from iwobook.model.scripts import is_rtl_language

# void elements have no end tag; every other element gets one even when empty
VOID = frozenset({"br", "img", "link", "meta", "hr", "col", "wbr"})
# SVG elements written self-closed when empty (HTML's parser accepts <circle/> inside <svg>)
SVG_EMPTY = frozenset({"line", "polyline", "polygon", "circle", "rect"})
# containers of block content: their element children go on lines of their own (insignificant whitespace)
BLOCKS = frozenset(
    {
        "html",
        "head",
        "body",
        "header",
        "nav",
        "main",
        "footer",
        "section",
        "div",
        "ol",
        "ul",
        "li",
        "dl",
        "dd",
        "blockquote",
        "figure",
        "table",
        "thead",
        "tbody",
        "tr",
        "svg",
        "g",
    }
)
NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Element:
    """An HTML (or inline SVG) element: tag, attributes in writing order, and children (elements or text)."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Node, ...]


Node = Element | str
Child = Node | Iterable[Node] | None


def h(tag: str, attrs: Mapping[str, str] | None = None, *children: Child) -> Element:
    """Return an element; children are nodes, iterables of nodes or None (skipped); empty attributes but alt go."""
    flat: list[Node] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, (str, Element)):
            flat.append(child)
        else:
            flat.extend(child)
    kept = tuple((key, value) for key, value in (attrs or {}).items() if value != "" or key == "alt")
    return Element(tag, kept, tuple(node for node in flat if node != ""))


def make_lang_attrs(lang: str) -> dict[str, str]:
    """Return the lang attribute of a BCP 47 tag, with dir="rtl" for a language written right to left."""
    return {"lang": lang, "dir": "rtl"} if is_rtl_language(lang) else {"lang": lang}


def clean(text: str) -> str:
    """Return text without the control characters and lone surrogates HTML may not contain."""
    return NOT_HTML.sub("", text)


def write_node(node: Node, out: list[str]) -> None:
    """Append the serialised node to out."""
    if isinstance(node, str):
        out.append(escape(clean(node), quote=False))
        return
    out.append(f"<{node.tag}")
    for key, value in node.attrs:
        out.append(f' {key}="{escape(clean(value), quote=True)}"')
    if node.tag in VOID:
        out.append(">")
        return
    if not node.children and node.tag in SVG_EMPTY:
        out.append("/>")
        return
    out.append(">")
    on_lines = node.tag in BLOCKS and all(isinstance(child, Element) for child in node.children)
    for child in node.children:
        if on_lines:
            out.append("\n")
        write_node(child, out)
    if on_lines and node.children:
        out.append("\n")
    out.append(f"</{node.tag}>")


def serialise(node: Node) -> str:
    """Return the HTML text of node."""
    out: list[str] = []
    write_node(node, out)
    return "".join(out)


def serialise_page(html: Element) -> bytes:
    """Return a complete HTML document (UTF-8 bytes) from its <html> element."""
    return ("<!DOCTYPE html>\n" + serialise(html) + "\n").encode("utf-8")
