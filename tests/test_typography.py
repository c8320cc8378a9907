"""Typographic quotation marks, apostrophes, dashes and ellipses per language, in prose and plain fields."""

from __future__ import annotations

from iwobook.diagnostics import Report
from iwobook.load.markdown import MarkdownReader
from iwobook.load.typography import typeset_fields
from iwobook.model import Code, CrossRef, Loc, Marker, Place, PlaceKind, Text, Theme


def _text(language: str, source: str) -> str:
    """Return the plain text of a one-paragraph Markdown source read for a book in language."""
    inlines = MarkdownReader(language).inlines(source, "x.md", Report(), 1)
    parts = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, CrossRef):
            parts.append("".join(c.text for c in node.children if isinstance(c, Text)))
    return "".join(parts)


def test_english_quotes_apostrophes_dashes_and_ellipses() -> None:
    text = _text("en", "He said \"don't go\" -- and 'wait'... --- then `print('x')`")
    assert text == "He said \u201cdon\u2019t go\u201d \u2013 and \u2018wait\u2019\u2026 \u2014 then print('x')"


def test_french_and_japanese_quotes() -> None:
    assert _text("fr", 'Il dit "bonjour" \u00e0 l\'ami') == "Il dit \u00ab\u202fbonjour\u202f\u00bb \u00e0 l\u2019ami"
    assert _text("ja", '"\u624b\u7d19"') == "\u300c\u624b\u7d19\u300d"


def test_cross_reference_labels_get_curly_apostrophes() -> None:
    assert _text("en", "[[kuribayashi|Kuribayashi's]] plan") == "Kuribayashi\u2019s plan"
    assert _text("en", "[[kuribayashi]]'s plan") == "\u2019s plan"


def test_plain_fields_are_typeset_but_identifiers_stay() -> None:
    reader = MarkdownReader("en")
    loc = Loc("m.yaml", 1)
    cave = PlaceKind(loc, "cave", "a 'cave'", Marker.DIAMOND)
    place = Place(loc, "it's-id", "Nishi's cave", cave, (1.0, 2.0), (), 'The "last" stand')
    place = typeset_fields(place, reader.plain)
    assert (place.id, place.name, place.note) == ("it's-id", "Nishi\u2019s cave", "The \u201clast\u201d stand")
    assert place.kind is not None and (place.kind.id, place.kind.label) == ("cave", "a \u2018cave\u2019")
    theme = typeset_fields(Theme(loc, "enemy", "The enemy's humanity", "E"), reader.plain)
    assert theme.label == "The enemy\u2019s humanity"
