"""Lowering the timeline: its figure of numbered markers, then the dated events with the same numbers."""

from __future__ import annotations

from iwobook.figures import FIGURE_WIDTH, draw_timeline, timeline_numbers
from iwobook.model import Book, Loc, Text, anchors, block_key
from iwobook.model.document import DateText, DefinitionList, DocBlock, DocInline, DrawnFigure, Item, Para, Show, Span
from iwobook.transform.phrases import text


def event_number(book: Book, loc: Loc, number: int) -> Span:
    """Return an event's number as seen, read aloud with the words around it ('Event 3')."""
    before, after = book.messages.around("timeline.event", "number")
    inner: list[DocInline] = [Span(loc, "", text(loc, before), Show.EARS)] if before.strip() else []
    inner.append(Text(loc, str(number)))
    inner += [Span(loc, "", text(loc, after), Show.EARS)] if after.strip() else []
    return Span(loc, "event-number", tuple(inner))


def lower_timeline(book: Book, loc: Loc) -> tuple[DocBlock, ...]:
    """Return the timeline: the figure (with its caption) and the events, numbered as the figure numbers them;
    each event's term holds its number ('event-number') and its date ('date') as spans, which print sets as
    columns."""
    drawing = draw_timeline(book, FIGURE_WIDTH)
    if drawing is None:
        return ()
    words = book.messages
    numbers = timeline_numbers(book)
    items: list[Item] = []
    for index, event in enumerate(book.timeline):
        at = event.loc
        number = numbers.get(index)
        term: list[DocInline] = [event_number(book, at, number), Text(at, " ")] if number else []
        term.append(Span(at, "date", (DateText(at, event.date, words.date(event.date)),)))
        details = (Para(at, event.text, "event"),)
        text_key = block_key(event.text[0].loc) if event.text else ""
        items.append(Item(at, tuple(term), details, anchors.event_id(index + 1), block_key(at), text_key))
    caption = text(loc, words("timeline.caption"))
    figure = DrawnFigure(loc, drawing, caption, anchors.figure_id("timeline"), "timeline")
    return (figure, DefinitionList(loc, tuple(items), "timeline"))
