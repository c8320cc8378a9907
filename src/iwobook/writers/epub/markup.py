"""XHTML elements and their serialisation: the EPUB writer's one escaping boundary.

Every other module builds `Element` trees from plain strings; only `serialise` turns them into bytes,
escaping text and attribute values with xml.sax.saxutils and dropping characters XML cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from iwobook.model.scripts import is_rtl_language

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"

# void elements are written <br/>; every other element gets an end tag even when empty
VOID = frozenset({"br", "img", "link", "meta", "hr", "col", "wbr"})
# containers of block content: their element children go on lines of their own (insignificant whitespace)
BLOCKS = frozenset(
    {
        "html",
        "head",
        "body",
        "section",
        "nav",
        "header",
        "div",
        "ol",
        "ul",
        "li",
        "dl",
        "dd",
        "blockquote",
        "figure",
    }
)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Element:
    """An XHTML element: tag, attributes in writing order, and children (elements or text)."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Node, ...]


Node = Element | str
Child = Node | Iterable[Node] | None


def h(tag: str, attrs: Mapping[str, str] | None = None, *children: Child) -> Element:
    """Return an element; children may be nodes, iterables of nodes, or None (skipped); empty attributes are dropped."""
    flat: list[Node] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, (str, Element)):
            flat.append(child)
        else:
            flat.extend(child)
    kept = tuple((key, value) for key, value in (attrs or {}).items() if value != "")
    return Element(tag, kept, tuple(node for node in flat if node != ""))


def make_lang_attrs(lang: str) -> dict[str, str]:
    """Return the lang and xml:lang attributes (XHTML wants both, equal) for a BCP 47 tag, with dir="rtl" for a
    language written right to left."""
    attrs = {"lang": lang, "xml:lang": lang}
    if is_rtl_language(lang):
        attrs["dir"] = "rtl"
    return attrs


def strip_invalid(text: str) -> str:
    """Return text without the characters XML 1.0 cannot contain."""
    return NOT_XML.sub("", text)


def write_node(node: Node, out: list[str]) -> None:
    """Append the serialised node to out."""
    if isinstance(node, str):
        out.append(escape(strip_invalid(node)))
        return
    out.append(f"<{node.tag}")
    for key, value in node.attrs:
        out.append(f" {key}={quoteattr(strip_invalid(value))}")
    if not node.children and node.tag in VOID:
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
    """Return the XML text of node."""
    out: list[str] = []
    write_node(node, out)
    return "".join(out)


def serialise_document(title: str, lang: str, stylesheet: str, body_attrs: Mapping[str, str], *content: Child) -> bytes:
    """Return a complete XHTML5 content document (UTF-8 bytes) with its title, language and style sheet."""
    html = h(
        "html",
        {"xmlns": XHTML_NS, "xmlns:epub": EPUB_NS, **make_lang_attrs(lang)},
        h(
            "head",
            None,
            h("title", None, title),
            h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}),
        ),
        h("body", body_attrs, *content),
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + serialise(html) + "\n").encode("utf-8")
