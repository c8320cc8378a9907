"""Lowering the letters appendix: each letter's title, facts, text, original wordings, provenance and chapters."""

from __future__ import annotations

from iwobook.model import Book, Letter, OriginalText, Text, anchors
from iwobook.model.document import DateText, Div, DocBlock, DocInline, Head, Jump, Para, Span, Verse
from iwobook.model.messages import kind_label
from iwobook.transform.phrases import appears_line, label, text


def letter_facts(book: Book, letter: Letter) -> Para:
    """Return what a letter is: 'Letter · Recipient: ... · Date: ... · From: ...' (the author linked)."""
    words = book.messages
    loc = letter.loc
    facts = words("format.facts")
    out: list[DocInline] = [Span(loc, "kind", text(loc, kind_label(words, letter.kind.id, letter.kind.label)))]
    if letter.recipient:
        out += [Text(loc, facts), label(words, loc, "letter.recipient"), Text(loc, " " + letter.recipient)]
    if letter.date:
        out += [Text(loc, facts), label(words, loc, "letter.date"), Text(loc, " ")]
        out.append(DateText(loc, letter.date, words.date(letter.date)))
    author = book.targets.get(letter.author)
    if author is not None:
        out += [Text(loc, facts), label(words, loc, "letter.author"), Text(loc, " ")]
        out.append(Jump(loc, author.id, text(loc, author.label)))
    return Para(loc, tuple(out), "facts")


def lower_original(book: Book, letter: Letter, number: int, original: OriginalText) -> Div:
    """Return one original wording: its language's name and source, then the text line by line."""
    words = book.messages
    loc = original.loc
    head: list[DocInline] = [Text(loc, words("letter.wording", language=words.language_name(original.lang)))]
    if original.source:
        head += [Text(loc, words("format.facts")), label(words, loc, "letter.source"), Text(loc, " " + original.source)]
    blocks = (Para(loc, tuple(head), "original-lang"), Verse(loc, original.lang, original.text, "original"))
    return Div(loc, "original", blocks, anchors.original_id(letter.id, number))


def lower_letter(book: Book, letter: Letter) -> Div:
    """Return one letter: title, facts, text set apart, originals, provenance and the chapters that mention it."""
    words = book.messages
    loc = letter.loc
    blocks: list[DocBlock] = [
        Head(loc, 2, text(loc, letter.title), anchors.heading_id(letter.id)),
        letter_facts(book, letter),
        Div(loc, "translation", letter.text),
    ]
    if letter.originals:
        blocks += [lower_original(book, letter, n, o) for n, o in enumerate(letter.originals, start=1)]
    if letter.provenance:
        provenance = letter.provenance[0].loc if letter.provenance else loc
        blocks.append(Head(provenance, 3, text(loc, words("letter.provenance")), anchors.provenance_id(letter.id)))
        blocks.append(Div(provenance, "provenance", letter.provenance))
    appears = appears_line(book, letter.id, loc, "entry.mentioned_in")
    if appears is not None:
        blocks.append(appears)
    return Div(loc, "letter", tuple(blocks), letter.id)


def lower_letters(book: Book) -> tuple[DocBlock, ...]:
    """Return the letters appendix."""
    return tuple(lower_letter(book, letter) for letter in book.letters)
