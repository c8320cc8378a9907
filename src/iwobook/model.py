"""The document model: frozen, typed nodes for the whole book, each carrying its source location."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the manuscript: project-relative path and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    loc: Loc
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised (italic) inlines."""

    loc: Loc
    children: Inlines


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong (bold) inlines."""

    loc: Loc
    children: Inlines


@dataclass(frozen=True, slots=True)
class Code:
    """Literal code text."""

    loc: Loc
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link to an external URL."""

    loc: Loc
    url: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A cross-reference `[[target|text]]`; empty children mean the target's own label."""

    loc: Loc
    target: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class LangSpan:
    """A run of text in another language (BCP 47 tag)."""

    loc: Loc
    lang: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break."""

    loc: Loc


Inline: TypeAlias = Text | Emphasis | Strong | Code | Link | CrossRef | LangSpan | LineBreak
Inlines: TypeAlias = tuple[Inline, ...]


# ---------------------------------------------------------------- block nodes


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inlines."""

    loc: Loc
    inlines: Inlines


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (level 2 or 3; level 1 is the section title)."""

    loc: Loc
    level: int
    inlines: Inlines


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or numbered list; each item is a tuple of blocks."""

    loc: Loc
    ordered: bool
    items: tuple[Blocks, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation."""

    loc: Loc
    blocks: Blocks


@dataclass(frozen=True, slots=True)
class Figure:
    """An image with alt text and an optional caption; path is project-relative."""

    loc: Loc
    path: str
    alt: str
    caption: str


Block: TypeAlias = Paragraph | Heading | ListBlock | Quote | Figure
Blocks: TypeAlias = tuple[Block, ...]


# ---------------------------------------------------------------- data records


@dataclass(frozen=True, slots=True)
class Character:
    """A glossary entry for a character of the story."""

    loc: Loc
    id: str
    name: str
    name_ja: str
    rank: str
    role: str
    actor: str
    historical: bool
    description: Blocks


@dataclass(frozen=True, slots=True)
class OriginalText:
    """A letter's wording in another language, with its language tag and source."""

    loc: Loc
    lang: str
    text: str
    source: str


class LetterKind(Enum):
    """What kind of message a letters-appendix entry is."""

    LETTER = "letter"
    TELEGRAM = "telegram"
    POEM = "poem"
    FILM_DIALOGUE = "film-dialogue"
    SAYING = "saying"

    @property
    def label(self) -> str:
        """Return the kind as a reader sees it."""
        return self.value.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Letter:
    """An entry of the letters appendix."""

    loc: Loc
    id: str
    title: str
    author: str
    recipient: str
    date: str
    kind: LetterKind
    text: Blocks
    originals: tuple[OriginalText, ...]
    provenance: Blocks


@dataclass(frozen=True, slots=True)
class Term:
    """An entry of the glossary of terms."""

    loc: Loc
    id: str
    term: str
    term_ja: str
    definition: Blocks


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event; date is ISO (YYYY, YYYY-MM or YYYY-MM-DD)."""

    loc: Loc
    date: str
    text: Inlines


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme chapters tag themselves with; symbol marks it where colour cannot."""

    loc: Loc
    id: str
    label: str
    symbol: str


class PlaceKind(Enum):
    """What a place on the schematic map is; each kind is drawn with its own symbol."""

    PEAK = "peak"
    BEACH = "beach"
    AIRFIELD = "airfield"
    AREA = "area"
    POSITION = "position"


@dataclass(frozen=True, slots=True)
class Place:
    """A place on the schematic map: position (0-100, x east, y north) and an optional outline."""

    loc: Loc
    id: str
    name: str
    kind: PlaceKind
    at: tuple[float, float]
    shape: tuple[tuple[float, float], ...]
    note: str
    label_side: str = "right"


@dataclass(frozen=True, slots=True)
class MapData:
    """A schematic map: title, a note saying it is schematic, the land outline and the places."""

    loc: Loc
    title: str
    note: str
    outline: tuple[tuple[float, float], ...]
    places: tuple[Place, ...]


# ---------------------------------------------------------------- structure


class Matter(Enum):
    """Front matter is numbered in roman numerals; body and back matter in arabic."""

    FRONT = "front"
    BODY = "body"
    BACK = "back"


class SectionKind(Enum):
    """Prose sections are plain sections, numbered chapters, or the colophon (printed with the metadata)."""

    SECTION = "section"
    CHAPTER = "chapter"
    COLOPHON = "colophon"


class Generated(Enum):
    """Sections the builder makes: contents, one per data file, the map, the theme tracker, the appearances index."""

    CONTENTS = "contents"
    CHARACTERS = "characters"
    LETTERS = "letters"
    TERMS = "terms"
    TIMELINE = "timeline"
    MAP = "map"
    THEMES = "themes"
    APPEARANCES = "appearances"


@dataclass(frozen=True, slots=True)
class Section:
    """A prose section from a Markdown file; chapters carry setting, themes and questions."""

    loc: Loc
    id: str
    title: str
    kind: SectionKind
    blocks: Blocks
    setting: str = ""
    themes: tuple[str, ...] = ()
    questions: tuple[Inlines, ...] = ()
    number: int = 0
    places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GeneratedSection:
    """A section the builder lays out from a data file."""

    loc: Loc
    id: str
    title: str
    source: Generated


AnySection: TypeAlias = Section | GeneratedSection


@dataclass(frozen=True, slots=True)
class Part:
    """A titled (or untitled) group of sections in the reading order."""

    loc: Loc
    title: str
    matter: Matter
    sections: tuple[AnySection, ...]


@dataclass(frozen=True, slots=True)
class Contributor:
    """A person or group credited on the book."""

    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """The book's metadata from book.yaml."""

    loc: Loc
    title: str
    subtitle: str
    language: str
    identifier: str
    contributors: tuple[Contributor, ...]
    publisher: str
    rights: str
    licence: str
    description: str
    subjects: tuple[str, ...]
    edition: str
    date: str
    paper: str
    cover: str


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a target is referenced: the chapter's id, number and title."""

    section_id: str
    number: int
    title: str


class TargetKind(Enum):
    """What a cross-reference can point at."""

    CHARACTER = "character"
    TERM = "term"
    LETTER = "letter"
    SECTION = "section"


@dataclass(frozen=True, slots=True)
class Target:
    """A cross-reference target: its kind, the label a bare reference prints and its section."""

    id: str
    kind: TargetKind
    label: str
    section_id: str


@dataclass(frozen=True)
class Book:
    """The whole book: metadata, reading order, data and the computed indexes."""

    metadata: Metadata
    parts: tuple[Part, ...]
    characters: tuple[Character, ...] = ()
    letters: tuple[Letter, ...] = ()
    terms: tuple[Term, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    themes: tuple[Theme, ...] = ()
    map: MapData | None = None
    targets: dict[str, Target] = field(default_factory=dict)
    appearances: dict[str, tuple[Appearance, ...]] = field(default_factory=dict)

    def sections(self) -> tuple[AnySection, ...]:
        """Return every section in reading order."""
        return tuple(s for part in self.parts for s in part.sections)

    def chapters(self) -> tuple[Section, ...]:
        """Return the numbered chapters in reading order."""
        return tuple(s for s in self.sections() if isinstance(s, Section) and s.kind is SectionKind.CHAPTER)


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where a printed page begins: its label, the block it begins in (block_key or '#id'), the word offset."""

    label: str
    key: str
    word: int


def block_key(loc: Loc) -> str:
    """Return the key both writers use for the paragraph or heading that starts at loc."""
    return f"{loc.file}:{loc.line}"


# ---------------------------------------------------------------- helpers over nodes


def plain_text(inlines: Inlines) -> str:
    """Return the text of inlines without markup (cross-references without custom text give their id)."""
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(text=text) | Code(text=text):
                out.append(text)
            case Emphasis(children=c) | Strong(children=c) | Link(children=c) | LangSpan(children=c):
                out.append(plain_text(c))
            case CrossRef(target=target, children=c):
                out.append(plain_text(c) if c else target)
            case LineBreak():
                out.append(" ")
    return "".join(out)


def is_cjk(char: str) -> bool:
    """Return True for characters of Japanese (and other CJK) scripts and their punctuation."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x31F0 <= code <= 0x31FF
    )


def script_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into maximal runs of (text, is_cjk)."""
    runs: list[tuple[str, bool]] = []
    for char in text:
        flag = is_cjk(char)
        if runs and runs[-1][1] == flag:
            runs[-1] = (runs[-1][0] + char, flag)
        else:
            runs.append((char, flag))
    return runs
