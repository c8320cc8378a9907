"""Data records: characters, letters, terms, timeline events, themes and the map."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iwobook.model.nodes import Blocks, Inlines, Loc

# ---------------------------------------------------------------- data records


@dataclass(frozen=True, slots=True)
class OriginalText:
    """A name, term or letter in another language or script: its BCP 47 tag, text and (letters) source."""

    loc: Loc
    lang: str
    text: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Character:
    """A glossary entry for a character; short is what a bare cross-reference prints ('' = the name)."""

    loc: Loc
    id: str
    name: str
    originals: tuple[OriginalText, ...]
    rank: str
    role: str
    actor: str
    historical: bool
    description: Blocks
    short: str = ""

    @property
    def display(self) -> str:
        """Return the name a bare cross-reference prints: the short name when given, else the name."""
        return self.short or self.name


# the letter kinds every book has; a book declares its own (id and label) under letter_kinds in book.yaml
BUILTIN_LETTER_KINDS = ("letter", "telegram", "poem", "saying")


@dataclass(frozen=True, slots=True)
class LetterKind:
    """What kind of document a letters-appendix entry is: an id, its label, and whether book.yaml gave it.

    A built-in kind that book.yaml does not relabel is worded by the book's message catalogue.
    """

    id: str
    label: str
    declared: bool = False


@dataclass(frozen=True, slots=True)
class Letter:
    """An entry of the letters appendix."""

    loc: Loc
    id: str
    title: str
    author: str  # a character id; '' for an anonymous document
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
    originals: tuple[OriginalText, ...]
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


class Marker(Enum):
    """The symbol a kind of place is drawn with on a map (and shown with in its key)."""

    TRIANGLE = "triangle"
    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"
    CROSS = "cross"


@dataclass(frozen=True, slots=True)
class PlaceKind:
    """A kind of place a map's author defines: its id, the words its key gives it and the symbol drawn."""

    loc: Loc
    id: str
    label: str
    marker: Marker


@dataclass(frozen=True, slots=True)
class Place:
    """A place on the map: position (0-100, x east, y north) and an optional outline."""

    loc: Loc
    id: str
    name: str
    kind: PlaceKind | None  # None: a place of no declared kind, drawn with a circle and not in the key
    at: tuple[float, float]
    shape: tuple[tuple[float, float], ...]
    note: str
    label_side: str = "right"


@dataclass(frozen=True, slots=True)
class MapData:
    """A map: title, its note, the land outline, the kinds of place it marks and the places."""

    loc: Loc
    title: str
    note: str
    outline: tuple[tuple[float, float], ...]
    places: tuple[Place, ...]
    kinds: tuple[PlaceKind, ...] = ()
