"""Lowering the study aids that are tables: the theme tracker and who appears where."""

from __future__ import annotations

from iwobook.model import Book, Loc, Text
from iwobook.model.document import Cell, DocBlock, DocInline, Jump, Para, Show, Span, Table
from iwobook.model.symbols import theme_symbol
from iwobook.transform.phrases import chapter_citation, compose, joined, labelled, text


def lower_themes(book: Book, title: str, loc: Loc) -> tuple[DocBlock, ...]:
    """Return the theme tracker: themes (rows) by chapters (columns), the symbol where a chapter is tagged, then
    the key and the chapters' titles."""
    words = book.messages
    chapters = book.chapters()
    if not chapters or not book.themes:
        return (Para(loc, text(loc, words("themes.none"))),)
    mark = words("themes.not_tagged_mark")
    head: list[Cell] = [Cell(text(loc, words("themes.theme")), "col", "head")]
    for chapter in chapters:
        before, after = words.around("chapter.number", "number")
        number: list[DocInline] = [Span(loc, "", text(loc, before), Show.EARS)] if before.strip() else []
        number.append(Text(loc, str(chapter.number)))
        number += [Span(loc, "", text(loc, after), Show.EARS)] if after.strip() else []
        head.append(Cell((Jump(loc, chapter.id, tuple(number)),), "col", "head-mark"))
    rows: list[tuple[Cell, ...]] = []
    for theme in book.themes:
        symbol = theme_symbol(theme)
        row = [Cell((Span(theme.loc, "symbol", text(loc, symbol)), Text(loc, " " + theme.label)), "row", "theme")]
        for chapter in chapters:
            if theme.id in chapter.themes:
                row.append(Cell(text(loc, symbol), role="tagged"))
            else:
                hidden = (
                    Span(loc, "", text(loc, mark), Show.EYES),
                    Span(loc, "", text(loc, words("themes.not_tagged")), Show.EARS),
                )
                row.append(Cell(hidden, role="untagged"))
        rows.append(tuple(row))
    caption = text(loc, words("themes.caption", title=title))
    table = Table(loc, caption, (tuple(head),), tuple(rows), "tracker")
    series = words("format.series")
    pairs = [words("format.pair", symbol=theme_symbol(t), meaning=t.label) for t in book.themes]
    pairs.append(words("format.pair", symbol=mark, meaning=words("themes.not_tagged")))
    titles = [(Jump(loc, c.id, text(loc, words("format.pair", symbol=c.number, meaning=c.title))),) for c in chapters]
    return (
        table,
        labelled(words, loc, "themes.key", text(loc, series.join(pairs)), "key"),
        labelled(words, loc, "themes.chapters", joined(series, loc, titles), "key"),
    )


def lower_appearances(book: Book, loc: Loc) -> tuple[DocBlock, ...]:
    """Return who appears where: each character (linked to its entry) with the chapters that mention them."""
    words = book.messages
    head = (
        Cell(text(loc, words("appearances.character")), "col", "head"),
        Cell(text(loc, words("appearances.chapters")), "col", "head"),
    )
    rows: list[tuple[Cell, ...]] = []
    for character in book.characters:
        at = character.loc
        found = book.appearances.get(character.id, ())
        cited = [(chapter_citation(book, at, a, "appearances.chapter_page"),) for a in found]
        chapters = joined(words("format.comma"), at, cited) if cited else text(at, words("appearances.none"))
        name = (Jump(at, character.id, text(at, character.name)),)
        rows.append((Cell(name, "row", "name"), Cell(chapters, role="chapters")))
    if not rows:
        return ()
    caption = compose(
        words, loc, "format.pair", symbol=words("appearances.character"), meaning=words("appearances.chapters")
    )
    return (Table(loc, caption, (head,), tuple(rows), "appearances"),)
