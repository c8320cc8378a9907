"""Every id scheme and block key of the book, in one place.

Both writers name the same places with these ids (the PDF as link destinations and page-start keys, the
EPUB as element ids), so the EPUB's page-list, which marks the print edition's page starts by key, follows
from shared names instead of from two writers happening to agree. A page-start key is either a block key
('path:line' of the model block the page begins in) or '#' and an id from this module.
"""

from __future__ import annotations

from iwobook.model.nodes import Loc

COVER = "cover"
TITLE_PAGE = "title-page"
BACK_COVER = "back-cover"


def block_key(loc: Loc) -> str:
    """Return the key both writers use for the paragraph or heading that starts at loc."""
    return f"{loc.file}:{loc.line}"


def id_key(ident: str) -> str:
    """Return the page-start key of the element with id ident ('#ident')."""
    return f"#{ident}"


def key_id(key: str) -> str | None:
    """Return the id of a '#id' page-start key, or None for a block key."""
    return key[1:] if key.startswith("#") else None


def part_id(first_section_id: str) -> str:
    """Return the id of a titled part: 'part-' and the id of its first section."""
    return f"part-{first_section_id}"


def section_of_part(ident: str) -> str:
    """Return the first section's id of a part id ('part-intro' -> 'intro'); other ids unchanged."""
    return ident.removeprefix("part-")


def appears_id(entry_id: str) -> str:
    """Return the id of an entry's 'Appears in' line."""
    return f"appears-{entry_id}"


def mention_id(target_id: str, chapter_id: str) -> str:
    """Return the id of the first reference to target_id in a chapter ('mention-kuribayashi_ch4'; manuscript
    ids never contain '_', so no two pairs share an id and none is a manuscript id)."""
    return f"mention-{target_id}_{chapter_id}"


def questions_id(chapter_id: str) -> str:
    """Return the id of a chapter's discussion questions."""
    return f"questions-{chapter_id}"


def themes_id(chapter_id: str) -> str:
    """Return the id of a chapter's themes line."""
    return f"themes-{chapter_id}"


def original_id(letter_id: str, number: int) -> str:
    """Return the id of a letter's original wording, numbered from 1."""
    return f"original-{letter_id}-{number}"


def provenance_id(letter_id: str) -> str:
    """Return the id of a letter's provenance ('Where this comes from')."""
    return f"provenance-{letter_id}"


def place_id(place: str) -> str:
    """Return the id of a place's entry below the map."""
    return f"place-{place}"


def event_id(number: int) -> str:
    """Return the id of the timeline's event number (from 1, in data order)."""
    return f"event-{number}"


def heading_id(ident: str) -> str:
    """Return the id of the heading that names the element ident (manuscript ids never contain '_')."""
    return f"title_{ident}"


def figure_id(kind: str) -> str:
    """Return the id of a generated figure ('timeline' -> 'timeline-figure')."""
    return f"{kind}-figure"


def part_page_id(number: int) -> str:
    """Return the id of the EPUB's page for the titled part number (from 1)."""
    return f"part-{number}"
