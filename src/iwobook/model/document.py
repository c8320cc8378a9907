"""Generic document nodes: what the lowering transform makes of generated content, with its final wording.

The manuscript's own nodes (model.nodes) say what an author wrote; these say how generated content reads:
paragraphs and headings with a role, an id and a page-start key, definition lists, tables with header
cells, drawn figures with alt text and a caption, containers with a role (like Pandoc's Div and Span),
internal links and page references. A writer renders them without knowing which generated section they
came from, and holds no label of its own: every word is already here.

A role names what a node is for ('facts', 'appears', 'entry-name'); writers map roles to their styles and
classes. An id is a link target and, in the EPUB, an element id; a key marks the block a printed page
can begin in (model.anchors.block_key), so both writers name page starts alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias

from iwobook.model.drawing import Drawing
from iwobook.model.nodes import Block, Inline, Loc, plain_text


class Show(Enum):
    """Who a span is for: everyone, only readers who see it (hidden from assistive technology), or only
    assistive technology (visually hidden, still read aloud)."""

    ALL = "all"
    EYES = "eyes"
    EARS = "ears"


class Medium(Enum):
    """What kind of edition a reader holds: the print edition of record (whose pages the e-book's page list
    follows), another print edition, an e-book with that page list, or a screen edition without one."""

    PRINT_RECORD = "print-record"
    PRINT = "print"
    PAGED_SCREEN = "paged-screen"
    SCREEN = "screen"


# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True, slots=True)
class Span:
    """Inlines with a role (a class, a style) and an audience."""

    loc: Loc
    role: str
    children: DocInlines
    show: Show = Show.ALL


@dataclass(frozen=True, slots=True)
class Jump:
    """A link to an id in the book (a section, an entry), around inlines."""

    loc: Loc
    target: str
    children: DocInlines


@dataclass(frozen=True, slots=True)
class PageNumber:
    """The printed page number the id target lands on (filled in once the pages exist)."""

    loc: Loc
    target: str


@dataclass(frozen=True, slots=True)
class PageRef:
    """A link to target that reads with_page (holding a PageNumber) where the writer knows the printed page,
    else without_page ('Chapter 4 (p. 17)' or 'Chapter 4: Title')."""

    loc: Loc
    target: str
    with_page: DocInlines
    without_page: DocInlines


@dataclass(frozen=True, slots=True)
class DateText:
    """A date as words, with its machine-readable ISO form."""

    loc: Loc
    iso: str
    text: str


DocInline: TypeAlias = Inline | Span | Jump | PageNumber | PageRef | DateText
DocInlines: TypeAlias = tuple[DocInline, ...]


# ---------------------------------------------------------------- block nodes


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of generated inlines."""

    loc: Loc
    inlines: DocInlines
    role: str = ""
    id: str = ""
    key: str = ""


@dataclass(frozen=True, slots=True)
class Head:
    """A heading inside a generated section or a chapter's furniture (level 2 or 3); role names what it heads."""

    loc: Loc
    level: int
    inlines: DocInlines
    id: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a definition list: its term and what it says; media, when given, are the only kinds of
    edition it is for (the colophon's word on page numbers)."""

    loc: Loc
    term: DocInlines
    details: DocBlocks
    id: str = ""
    key: str = ""
    details_key: str = ""
    media: frozenset[Medium] = frozenset()


@dataclass(frozen=True, slots=True)
class DefinitionList:
    """Terms and their details (a glossary, the timeline's events, the colophon's rows); label names the list for
    assistive technology."""

    loc: Loc
    items: tuple[Item, ...]
    role: str = ""
    label: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; a header cell heads its column ('col') or its row ('row')."""

    inlines: DocInlines
    scope: str = ""
    role: str = ""
    key: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table: a caption (for assistive technology), header rows and body rows."""

    loc: Loc
    caption: DocInlines
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    role: str = ""


@dataclass(frozen=True, slots=True)
class DrawnFigure:
    """A drawing (its own alt text) with a caption. The drawing is made at its own size, for a screen; figure names
    it ('timeline', 'map') for a writer that draws it again for its own width and text size
    (figures.draw_figure)."""

    loc: Loc
    drawing: Drawing
    caption: DocInlines
    id: str = ""
    figure: str = ""


@dataclass(frozen=True, slots=True)
class Div:
    """Blocks grouped with a role ('entry', 'letter', 'original'); lang tags the whole group."""

    loc: Loc
    role: str
    blocks: DocBlocks
    id: str = ""
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Verse:
    """Plain text in another language kept line by line (a letter's original wording)."""

    loc: Loc
    lang: str
    text: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Bullets:
    """A list of lines, each a run of inlines: bulleted (a map's key) or numbered (a chapter's questions); keys,
    when given, are the lines' page-start keys."""

    loc: Loc
    items: tuple[DocInlines, ...]
    role: str = ""
    numbered: bool = False
    keys: tuple[str, ...] = ()


DocBlock: TypeAlias = Block | Para | Head | DefinitionList | Table | DrawnFigure | Div | Verse | Bullets
DocBlocks: TypeAlias = tuple[DocBlock, ...]


# ---------------------------------------------------------------- names and the outline


PRINT_MEDIA = frozenset({Medium.PRINT_RECORD, Medium.PRINT})


@dataclass(frozen=True, slots=True)
class Names:
    """How a section (or a titled part) is named outside its own heading: as print lists it (the contents, the PDF's
    bookmarks: '3. Title') and as a screen edition does (its contents, page titles and links: 'Chapter 3: Title')."""

    in_print: str
    on_screen: str

    def of(self, medium: Medium) -> str:
        """Return the name for an edition of medium."""
        return self.in_print if medium in PRINT_MEDIA else self.on_screen


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One line of the book's contents: the id it leads to, its names, the slot for the printed page it lands on
    (filled in by print, left out by a screen edition), and the entries under it (a titled part's sections); role
    is 'part' or 'section'."""

    loc: Loc
    target: str
    names: Names
    page: PageNumber
    role: str
    children: tuple[OutlineEntry, ...] = ()


def outline_lines(entries: tuple[OutlineEntry, ...], level: int = 0) -> list[tuple[int, OutlineEntry]]:
    """Return the entries of an outline in reading order with their levels (0 at the top, 1 under a part)."""
    out: list[tuple[int, OutlineEntry]] = []
    for entry in entries:
        out.append((level, entry))
        out += outline_lines(entry.children, level + 1)
    return out


def items_for(items: tuple[Item, ...], medium: Medium) -> tuple[Item, ...]:
    """Return the entries of a definition list that are for an edition of medium."""
    return tuple(item for item in items if not item.media or medium in item.media)


def doc_plain_text(nodes: DocInlines) -> str:
    """Return the text of generated inlines as everyone reads it (page numbers as '00')."""
    out: list[str] = []
    for node in nodes:
        match node:
            case Span(show=Show.EARS):
                pass
            case Span(children=c) | Jump(children=c) | PageRef(with_page=c):
                out.append(doc_plain_text(c))
            case PageNumber():
                out.append("00")
            case DateText(text=text):
                out.append(text)
            case _:
                out.append(plain_text((node,)))
    return "".join(out)


def has_page_numbers(nodes: DocInlines) -> bool:
    """Return True when inlines cite a printed page (so they can be written only once the pages exist)."""
    for node in nodes:
        match node:
            case PageNumber() | PageRef():
                return True
            case Span(children=c) | Jump(children=c):
                if has_page_numbers(c):
                    return True
            case _:
                pass
    return False


def inline_page_targets(nodes: DocInlines) -> set[str]:
    """Return the ids whose printed page generated inlines cite."""
    out: set[str] = set()
    for node in nodes:
        match node:
            case PageNumber(target=target):
                out.add(target)
            case PageRef(with_page=c) | Span(children=c) | Jump(children=c):
                out |= inline_page_targets(c)
            case _:
                pass
    return out


def page_targets(blocks: DocBlocks) -> set[str]:
    """Return the ids whose printed page generated blocks cite (so a writer can find those pages first)."""
    out: set[str] = set()
    for block in blocks:
        match block:
            case Para(inlines=inlines) | Head(inlines=inlines):
                out |= inline_page_targets(inlines)
            case DefinitionList(items=items):
                for item in items:
                    out |= inline_page_targets(item.term) | page_targets(item.details)
            case Table(head=head, body=body):
                out |= {t for row in (*head, *body) for cell in row for t in inline_page_targets(cell.inlines)}
            case Div(blocks=inner):
                out |= page_targets(inner)
            case DrawnFigure(caption=caption):
                out |= inline_page_targets(caption)
            case Bullets(items=items):
                out |= {t for line in items for t in inline_page_targets(line)}
            case _:
                pass
    return out
