"""Data records: characters, letters, terms, timeline events, themes and the schematic map."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iwobook.model.nodes import Blocks, Inlines, Loc

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
