"""The book's structure: metadata, parts, sections, cross-reference targets, appearances, pagination."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TypeAlias

from iwobook.model.document import DocBlocks, Medium, Names, OutlineEntry
from iwobook.model.messages import Messages
from iwobook.model.nodes import Blocks, Inlines, Loc
from iwobook.model.records import Character, Letter, MapData, Term, Theme, TimelineEvent

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
class Word:
    """A word of a chapter's vocabulary with its plain definition."""

    loc: Loc
    word: str
    meaning: Inlines


@dataclass(frozen=True, slots=True)
class Section:
    """A prose section from a Markdown file; chapters carry setting, themes and questions. Once lowered
    (transform.lower_book) a chapter's furniture is generic document nodes: before, the lines under its title
    (who is in it, its words to know); after, what follows its text (its questions, its themes); label is the line
    over a chapter's title ('Chapter 3') and names how the section is named elsewhere ('3. Title')."""

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
    vocabulary: tuple[Word, ...] = ()
    before: DocBlocks = ()
    after: DocBlocks = ()
    label: str = ""
    names: Names | None = None


@dataclass(frozen=True, slots=True)
class GeneratedSection:
    """A section the builder lays out from a data file; blocks is its body once lowered (transform.lower_book), role
    what it is for readers ('glossary', 'appendix' or ''), names how it is named elsewhere (its title)."""

    loc: Loc
    id: str
    title: str
    source: Generated
    blocks: DocBlocks = ()
    role: str = ""
    names: Names | None = None


AnySection: TypeAlias = Section | GeneratedSection


def is_contents(section: AnySection) -> bool:
    """Return True for the generated contents section."""
    return isinstance(section, GeneratedSection) and section.source is Generated.CONTENTS


def listed_name(section: AnySection, medium: Medium) -> str:
    """Return how a section is named outside its heading in an edition of medium (its title until it is lowered)."""
    return section.names.of(medium) if section.names is not None else section.title


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
    """Where a target is referenced: the chapter's id, number and title, and the id of the first reference
    there ('' when there is none to link to)."""

    section_id: str
    number: int
    title: str
    mention: str = ""


class TargetKind(Enum):
    """What a cross-reference can point at."""

    CHARACTER = "character"
    TERM = "term"
    LETTER = "letter"
    SECTION = "section"
    MENTION = "mention"  # the first reference to a target in a chapter (its section is the chapter)


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
    messages: Messages = field(default_factory=Messages)
    colophon: DocBlocks = ()  # the publication details, lowered (transform.lower_book)
    outline: tuple[OutlineEntry, ...] = ()  # the contents, lowered (transform.lower_book)
    glossary: str = ""  # the id of the section a reader's "glossary" landmark leads to ('' for none; lower_book)

    def sections(self) -> tuple[AnySection, ...]:
        """Return every section in reading order."""
        return tuple(s for part in self.parts for s in part.sections)

    def chapters(self) -> tuple[Section, ...]:
        """Return the numbered chapters in reading order."""
        return tuple(s for s in self.sections() if isinstance(s, Section) and s.kind is SectionKind.CHAPTER)

    def with_sections(self, change: Callable[[Part, AnySection], AnySection]) -> Book:
        """Return the book with every section replaced by change(its part, it), in reading order."""
        parts = tuple(replace(part, sections=tuple(change(part, s) for s in part.sections)) for part in self.parts)
        return replace(self, parts=parts)


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where a printed page begins: its label, the block it begins in (block_key or '#id'), the word offset."""

    label: str
    key: str
    word: int
