"""Elements and their serialisation: the one escaping boundary of the XHTML (EPUB) and HTML writers.

Every other module builds `Element` trees from plain strings; only `serialise` turns them into text, in one
of two syntaxes (XHTML for the EPUB's content documents, HTML for the web edition), escaping text and
attribute values and dropping the characters the syntax cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import escape as escape_html
from xml.sax.saxutils import escape, quoteattr

from iwobook.model.scripts import is_rtl_language

SVG_NS = "http://www.w3.org/2000/svg"
# void elements have no end tag; every other element gets one even when empty (unless its syntax self-closes it)
VOID = frozenset({"br", "img", "link", "meta", "hr", "col", "wbr"})
# containers of block content: their element children go on lines of their own (insignificant whitespace)
BLOCKS = frozenset(
    {"html", "head", "body", "header", "nav", "section", "div", "ol", "ul", "li", "dl", "dd", "blockquote", "figure"}
)


@dataclass(frozen=True, slots=True)
class Element:
    """An element (XHTML, HTML or inline SVG): tag, attributes in writing order, children (elements or text)."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Node, ...]


Node = Element | str
Child = Node | Iterable[Node] | None


@dataclass(frozen=True, slots=True)
class Syntax:
    """How elements are written: with XML's rules (XHTML) or HTML's. Trees are built as XHTML: language in
    lang and xml:lang (xml:lang alone in SVG), SVG with its xmlns; HTML writes xml:lang as lang and no xmlns."""

    prolog: str  # what comes before the <html> element of a document
    void_end: str  # how a void element's start tag ends ('/>' or '>')
    self_closed: frozenset[str]  # other elements written '<x/>' when empty
    blocks: frozenset[str]  # elements whose element children go on lines of their own
    invalid: re.Pattern[str]  # characters the syntax cannot carry (dropped)
    quote: Callable[[str], str]  # an attribute value, escaped and quoted
    xml: bool  # xml:lang and xmlns written as they are (else xml:lang becomes lang and xmlns goes)

    def write_attrs(self, attrs: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
        """Yield the attributes as this syntax writes them."""
        if self.xml:
            yield from attrs
            return
        has_lang = any(key == "lang" for key, _ in attrs)
        for key, value in attrs:
            if key == "xml:lang" and not has_lang:
                yield "lang", value
            elif key != "xml:lang" and key != "xmlns" and not key.startswith("xmlns:"):
                yield key, value


XHTML = Syntax(
    prolog='<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n',
    void_end="/>",
    self_closed=frozenset(),
    blocks=BLOCKS,
    invalid=re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"),
    quote=quoteattr,
    xml=True,
)
HTML = Syntax(
    prolog="<!DOCTYPE html>\n",
    void_end=">",
    # HTML's parser accepts <circle/> inside <svg>
    self_closed=frozenset({"line", "polyline", "polygon", "circle", "rect"}),
    blocks=BLOCKS | {"main", "footer", "table", "thead", "tbody", "tr", "svg", "g"},
    invalid=re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]"),
    quote=lambda value: f'"{escape_html(value, quote=True)}"',
    xml=False,
)


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
    """Return the lang and xml:lang attributes (XHTML wants both, equal) for a BCP 47 tag, with dir="rtl" for a
    language written right to left."""
    attrs = {"lang": lang, "xml:lang": lang}
    if is_rtl_language(lang):
        attrs["dir"] = "rtl"
    return attrs


def write_node(node: Node, syntax: Syntax, out: list[str]) -> None:
    """Append the node, serialised in syntax, to out."""
    if isinstance(node, str):
        out.append(escape(syntax.invalid.sub("", node)))
        return
    out.append(f"<{node.tag}")
    for key, value in syntax.write_attrs(node.attrs):
        out.append(f" {key}={syntax.quote(syntax.invalid.sub('', value))}")
    if not node.children and node.tag in VOID:
        out.append(syntax.void_end)
        return
    if not node.children and node.tag in syntax.self_closed:
        out.append("/>")
        return
    out.append(">")
    on_lines = node.tag in syntax.blocks and all(isinstance(child, Element) for child in node.children)
    for child in node.children:
        if on_lines:
            out.append("\n")
        write_node(child, syntax, out)
    if on_lines and node.children:
        out.append("\n")
    out.append(f"</{node.tag}>")


def serialise(node: Node, syntax: Syntax) -> str:
    """Return the text of node in syntax."""
    out: list[str] = []
    write_node(node, syntax, out)
    return "".join(out)


def serialise_document(html: Element, syntax: Syntax) -> bytes:
    """Return a complete document (UTF-8 bytes) from its <html> element."""
    return (syntax.prolog + serialise(html, syntax) + "\n").encode("utf-8")
