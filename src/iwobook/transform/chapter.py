"""Lowering a chapter's furniture: who is in it and its words to know under its title, its discussion questions
and its themes after its text."""

from __future__ import annotations

from iwobook.model import Book, CrossRef, Section, TargetKind, anchors, block_key
from iwobook.model.document import Bullets, Div, DocBlock, DocInlines, Head, Jump, Para, Span
from iwobook.transform.phrases import compose, joined, label, labelled, text
from iwobook.walk import section_inlines


def lower_chapter(book: Book, chapter: Section) -> tuple[tuple[DocBlock, ...], tuple[DocBlock, ...]]:
    """Return a chapter's furniture as document nodes: the blocks under its title and those after its text."""
    before = [block for block in (cast_line(book, chapter), vocabulary_line(book, chapter)) if block is not None]
    after = [block for block in (questions(book, chapter), theme_line(book, chapter)) if block is not None]
    return tuple(before), tuple(after)


def characters_present(book: Book, chapter: Section) -> list[tuple[str, str]]:
    """Return (id, name) of the characters a chapter refers to, in order of first mention."""
    seen: dict[str, str] = {}
    for node in section_inlines(chapter):
        if isinstance(node, CrossRef):
            target = book.targets.get(node.target)
            if target is not None and target.kind is TargetKind.CHARACTER:
                seen.setdefault(target.id, target.label)
    return list(seen.items())


def cast_line(book: Book, chapter: Section) -> Para | None:
    """Return the 'In this chapter: name, name' line linking each character present, or None."""
    loc = chapter.loc
    names = [(Jump(loc, ident, text(loc, name)),) for ident, name in characters_present(book, chapter)]
    if not names:
        return None
    return labelled(book.messages, loc, "chapter.cast", joined(book.messages("format.comma"), loc, names), "cast")


def vocabulary_line(book: Book, chapter: Section) -> Para | None:
    """Return the 'Words to know: word: meaning; ...' line, keyed at the first word for the page list, or None."""
    if not chapter.vocabulary:
        return None
    words = book.messages
    loc = chapter.vocabulary[0].loc
    entries: list[DocInlines] = []
    for w in chapter.vocabulary:
        word = (Span(w.loc, "term", text(w.loc, w.word)),)
        entries.append(compose(words, w.loc, "chapter.vocabulary_entry", word=word, meaning=w.meaning))
    line = joined(words("format.series"), loc, entries)
    inlines = (label(words, loc, "chapter.vocabulary"), *text(loc, " "), *line)
    return Para(loc, inlines, "vocabulary", key=block_key(loc))


def questions(book: Book, chapter: Section) -> Div | None:
    """Return the discussion questions under their heading, numbered, each keyed at its first inline (the teacher's
    edition finds every question's page by that key), or None."""
    if not chapter.questions:
        return None
    loc = chapter.loc
    ident = anchors.questions_id(chapter.id)
    head = Head(loc, 2, text(loc, book.messages("chapter.questions")), anchors.heading_id(ident), "questions")
    keys = tuple(block_key(q[0].loc) if q else "" for q in chapter.questions)
    listed = Bullets(loc, tuple(chapter.questions), "questions", numbered=True, keys=keys)
    return Div(loc, "questions", (head, listed), ident)


def theme_line(book: Book, chapter: Section) -> Para | None:
    """Return the 'Themes: [L] Leadership; ...' line (symbols as in the theme tracker), or None."""
    if not chapter.themes:
        return None
    loc = chapter.loc
    themes = {theme.id: theme for theme in book.themes}
    labels = []
    for ident in chapter.themes:
        theme = themes.get(ident)
        labels.append(ident if theme is None else f"[{theme.symbol}] {theme.label}" if theme.symbol else theme.label)
    line = text(loc, book.messages("format.series").join(labels))
    return labelled(book.messages, loc, "chapter.themes", line, "themes", anchors.themes_id(chapter.id))
