"""Lowering the map: the figure with its note, a key in words, and the places with their chapters."""

from __future__ import annotations

from iwobook.figures import FIGURE_WIDTH, draw_map, legend, place_chapters, place_label
from iwobook.model import Appearance, Book, Loc, Text, anchors
from iwobook.model.document import (
    Bullets,
    DefinitionList,
    DocBlock,
    DocInlines,
    DrawnFigure,
    Head,
    Item,
    Para,
    Show,
    Span,
)
from iwobook.model.symbols import MARKER_SYMBOLS
from iwobook.transform.phrases import chapter_citation, joined, labelled, text


def lower_map(book: Book, loc: Loc) -> tuple[DocBlock, ...]:
    """Return the map section: figure and note, the key (each symbol in words), the places and their chapters."""
    data = book.map
    words = book.messages
    drawing = draw_map(book, FIGURE_WIDTH)
    if data is None or drawing is None:
        return (Para(loc, text(loc, words("map.none"))),)
    key: list[DocInlines] = []
    for symbol, meaning in legend(book):
        marker = words("map.marker", words=words(f"map.symbol.{symbol.value}"), meaning=meaning)
        key.append((Span(loc, "symbol", text(loc, MARKER_SYMBOLS[symbol]), Show.EYES), Text(loc, " " + marker)))
    if any(p.shape for p in data.places):
        key.append(text(loc, words("map.shapes")))
    key += [text(loc, words("map.numbers")), text(loc, words("map.north"))]
    chapters = place_chapters(book)
    by_number = {c.number: Appearance(c.id, c.number, c.title) for c in book.chapters()}
    items: list[Item] = []
    for place in data.places:
        at = place.loc
        numbers = chapters.get(place.id, ())
        details: list[DocBlock] = [Para(at, text(at, place.note))] if place.note else []
        cited = [(chapter_citation(book, at, by_number[n]),) for n in numbers if n in by_number]
        if cited:
            details.append(labelled(words, at, "map.key_place_in", joined(words("format.comma"), at, cited), "appears"))
        term = text(at, place_label(book, place, numbers))
        items.append(Item(at, term, tuple(details), anchors.place_id(place.id)))
    return (
        DrawnFigure(loc, drawing, text(loc, data.note), anchors.figure_id("map"), "map"),
        Head(loc, 2, text(loc, words("map.key"))),
        Bullets(loc, tuple(key), "key"),
        Head(loc, 2, text(loc, words("map.places"))),
        DefinitionList(loc, tuple(items), "places"),
    )
