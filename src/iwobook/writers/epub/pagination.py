"""Page-break markers where the print edition's pages begin, and the page list of the navigation document.

The PDF writer reports, for every printed page, the block it begins in and the word offset
(model.PageStart). Renderers mark each model block's element with its key (BLOCK_KEY, an attribute that
never reaches the output); this module walks the rendered documents once, in reading order, and puts an
empty <span epub:type="pagebreak" role="doc-pagebreak"> before the word a page begins with (splitting a
text node at the word boundary, inline markup kept intact) or right before the element with the id of a
'#id' key. Words are counted as the PDF counts them: `len(text.split())` over the block's text as
printed, a Japanese run without spaces being part of its word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from iwobook.model import PageStart
from iwobook.writers.xhtml.content import BLOCK_KEY
from iwobook.writers.xhtml.markup import Element, Node, h

# an element whose children must be of particular kinds: a marker for one of its children goes inside that child
LIST_PARENTS = frozenset({"dl", "ol", "ul", "table", "thead", "tbody", "tfoot", "tr", "colgroup", "hgroup"})
# inline elements a marker at their very start is moved out of (so that links and emphasis stay whole)
INLINE = frozenset({"a", "em", "strong", "span", "code", "dfn", "time", "b", "i", "small", "abbr", "cite", "q"})
PAGE_LIST_ID = "page-list"


@dataclass(frozen=True)
class PageBreak:
    """One placed marker: the printed page's label, the document it is in and its id there."""

    label: str
    file: str
    ident: str


@dataclass
class Placement:
    """The result of placing the markers: new document bodies, the page list, and what could not be placed."""

    bodies: list[list[Node]]
    breaks: list[PageBreak] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def make_marker_id(label: str, used: set[str]) -> str:
    """Return a unique id for the marker of a page label ('page-iv', 'page-12')."""
    base = "page-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-") or "x")
    ident, n = base, 1
    while ident in used:
        n += 1
        ident = f"{base}-{n}"
    used.add(ident)
    return ident


def make_marker(label: str, ident: str) -> Element:
    """Return an empty page-break marker for a printed page label."""
    return h("span", {"epub:type": "pagebreak", "role": "doc-pagebreak", "id": ident, "aria-label": label})


def is_marker(node: Node) -> bool:
    """Return True for a page-break marker element."""
    return isinstance(node, Element) and ("epub:type", "pagebreak") in node.attrs


def attr(element: Element, name: str) -> str:
    """Return an attribute's value, or ''."""
    return next((value for key, value in element.attrs if key == name), "")


def iter_elements(nodes: Iterable[Node]) -> Iterable[Element]:
    """Yield every element of nodes, depth first (not inside SVG)."""
    for node in nodes:
        if isinstance(node, Element):
            yield node
            if node.tag != "svg":
                yield from iter_elements(node.children)


def find_anchors(bodies: Sequence[list[Node]]) -> tuple[set[str], set[str]]:
    """Return the block keys and the ids present in the documents."""
    keys: set[str] = set()
    ids: set[str] = set()
    for body in bodies:
        for element in iter_elements(body):
            if key := attr(element, BLOCK_KEY):
                keys.add(key)
            if ident := attr(element, "id"):
                ids.add(ident)
    return keys, ids


def resolve(
    pagination: Sequence[PageStart], keys: set[str], ids: set[str], aliases: Mapping[str, str]
) -> tuple[list[tuple[PageStart, str, int]], list[str]]:
    """Return (page, where, word) for every page: where is a block key or '#id' present in the documents.

    A page whose key the EPUB does not have is marked where the next page that can be placed begins
    (the last ones where the last placeable page begins), and reported.
    """

    def place_of(start: PageStart) -> str | None:
        if start.key.startswith("#"):
            ident = aliases.get(start.key[1:], start.key[1:])
            return "#" + ident if ident in ids else None
        return start.key if start.key in keys else None

    found = [(start, place_of(start)) for start in pagination]
    out: list[tuple[PageStart, str, int]] = []
    problems: list[str] = []
    for index, (start, where) in enumerate(found):
        if where is not None:
            out.append((start, where, start.word))
            continue
        later = next(((s, w) for s, w in found[index + 1 :] if w is not None), None)
        earlier = next(((s, w) for s, w in reversed(found[:index]) if w is not None), None)
        chosen = later or earlier
        if chosen is None:
            problems.append(f"page {start.label}: nothing in the EPUB to mark it at ({start.key})")
            continue
        problems.append(f"page {start.label}: the EPUB has no '{start.key}'; marked with page {chosen[0].label}")
        out.append((start, chosen[1], chosen[0].word))
    return out, problems


@dataclass
class WordCursor:
    """Counts words across the text nodes of one block and hands out the markers due before each word."""

    due: dict[int, list[Element]]
    index: int = -1
    in_word: bool = False

    def split(self, text: str) -> list[Node]:
        """Return text with the markers due inserted before the words they belong to."""
        out: list[Node] = []
        start = 0
        for position, char in enumerate(text):
            if char.isspace():
                self.in_word = False
                continue
            if self.in_word:
                continue
            self.in_word = True
            self.index += 1
            markers = self.due.pop(self.index, None)
            if markers:
                out += [text[start:position], *markers]
                start = position
        out.append(text[start:])
        return [node for node in out if node != ""]

    def walk(self, nodes: Iterable[Node]) -> list[Node]:
        """Return nodes with the markers inserted, counting words in reading order."""
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, str):
                out += self.split(node)
            elif node.tag == "br":
                self.in_word = False
                out.append(node)
            else:
                out.append(Element(node.tag, node.attrs, tuple(self.walk(node.children))))
        return out


def lift(nodes: list[Node]) -> list[Node]:
    """Return nodes with markers that begin an inline element moved to just before that element."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Element) and node.tag in INLINE and not is_marker(node):
            children = lift(list(node.children))
            lead = 0
            while lead < len(children) and is_marker(children[lead]):
                lead += 1
            out += children[:lead]
            out.append(Element(node.tag, node.attrs, tuple(children[lead:])))
        else:
            out.append(node)
    return out


def mark_words(children: Sequence[Node], due: dict[int, list[Element]]) -> list[Node]:
    """Return a block's children with markers before the words due; markers past the last word go at the end."""
    cursor = WordCursor(dict(due))
    out = lift(cursor.walk(children))
    for index in sorted(cursor.due):
        out += cursor.due[index]
    return out


@dataclass
class Marker:
    """Walks the documents, strips block keys and puts each page's marker in place."""

    by_key: dict[str, dict[int, list[Element]]]
    by_id: dict[str, list[Element]]
    file: str = ""
    where: dict[str, str] = field(default_factory=dict)

    def note(self, markers: Iterable[Element]) -> None:
        """Remember which document the markers went into."""
        for marker in markers:
            self.where[attr(marker, "id")] = self.file

    def walk(self, nodes: Iterable[Node], parent: str) -> list[Node]:
        """Return nodes with markers placed and block keys removed."""
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, str) or node.tag == "svg":
                out.append(node)
                continue
            before = self.by_id.pop(attr(node, "id"), []) if attr(node, "id") else []
            self.note(before)
            key = attr(node, BLOCK_KEY)
            attrs = tuple((k, v) for k, v in node.attrs if k != BLOCK_KEY)
            children = self.walk(node.children, node.tag)
            if key and key in self.by_key:
                due = self.by_key.pop(key)
                self.note(m for markers in due.values() for m in markers)
                children = mark_words(children, due)
            if before and parent in LIST_PARENTS:
                children = [*before, *children]
                before = []
            out += [*before, Element(node.tag, attrs, tuple(children))]
        return out


def place_page_breaks(
    files: Sequence[str],
    bodies: Sequence[list[Node]],
    pagination: Sequence[PageStart],
    aliases: Mapping[str, str] | None = None,
) -> Placement:
    """Return the documents' bodies with a marker where each printed page begins, and the page list.

    files and bodies are the documents in reading order; aliases maps an id the PDF uses to the id the
    EPUB has for the same place (the contents section is the navigation document's toc). Block keys are
    removed from every document, with or without pagination.
    """
    keys, ids = find_anchors(bodies)
    placed, problems = resolve(pagination, keys, ids, aliases or {})
    used: set[str] = set()
    by_key: dict[str, dict[int, list[Element]]] = {}
    by_id: dict[str, list[Element]] = {}
    order: list[tuple[str, str]] = []
    for start, where, word in placed:
        ident = make_marker_id(start.label, used)
        marker = make_marker(start.label, ident)
        order.append((start.label, ident))
        if where.startswith("#"):
            by_id.setdefault(where[1:], []).append(marker)
        else:
            by_key.setdefault(where, {}).setdefault(word, []).append(marker)
    walker = Marker(by_key, by_id)
    new_bodies: list[list[Node]] = []
    for file, body in zip(files, bodies, strict=True):
        walker.file = file
        new_bodies.append(walker.walk(body, "body"))
    breaks = [PageBreak(label, walker.where[ident], ident) for label, ident in order if ident in walker.where]
    problems += [f"page {label}: its marker was not placed" for label, ident in order if ident not in walker.where]
    return Placement(new_bodies, breaks, problems)


def render_page_list(breaks: Sequence[PageBreak], title: str) -> Element:
    """Return the navigation document's (hidden) page list, under title: every printed page, in order, linked."""
    items = [h("li", None, h("a", {"href": f"{b.file}#{b.ident}"}, b.label)) for b in breaks]
    return h(
        "nav",
        {
            "epub:type": "page-list",
            "role": "doc-pagelist",
            "id": PAGE_LIST_ID,
            "hidden": "hidden",
            "aria-labelledby": "title_page-list",
        },
        h("h2", {"id": "title_page-list"}, title),
        h("ol", None, items),
    )
