"""Lowering the glossaries: characters (names, historical or not, rank, role, actor) and terms."""

from __future__ import annotations

from iwobook.model import Book, Character, LangSpan, Loc, OriginalText, Term, Text
from iwobook.model.document import DefinitionList, DocBlock, DocInlines, Item, Para, Span
from iwobook.transform.phrases import appears_line, compose, joined, text


def name_with_other(book: Book, loc: Loc, name: DocInlines, originals: tuple[OriginalText, ...]) -> DocInlines:
    """Return a name followed by its forms in other languages or scripts ('Name (名前)'), or the name alone."""
    if not originals:
        return name
    foreign = [(LangSpan(o.loc, o.lang, (Text(o.loc, o.text),)),) for o in originals]
    other = joined(book.messages("format.comma"), loc, foreign)
    return compose(book.messages, loc, "format.name_and_other", name=name, other=other)


def lower_character(book: Book, character: Character) -> Item:
    """Return a character's entry: names, 'Fictional character. Rank · role · played by ...', description, chapters."""
    words = book.messages
    loc = character.loc
    name = name_with_other(book, loc, (Span(loc, "name", text(loc, character.name)),), character.originals)
    kind = words("format.sentence", text=words("entry.historical" if character.historical else "entry.fictional"))
    details = [value for value in (character.rank, character.role) if value]
    details += [words("entry.played_by", actor=character.actor)] if character.actor else []
    facts = (
        Span(loc, "kind", text(loc, kind)),
        *text(loc, " " + words("format.facts").join(details) if details else ""),
    )
    blocks: list[DocBlock] = [Para(loc, facts, "facts"), *character.description]
    appears = appears_line(book, character.id, loc)
    if appears is not None:
        blocks.append(appears)
    return Item(loc, name, tuple(blocks), id=character.id)


def lower_characters(book: Book) -> tuple[DocBlock, ...]:
    """Return the character glossary."""
    if not book.characters:
        return ()
    return (
        DefinitionList(book.characters[0].loc, tuple(lower_character(book, c) for c in book.characters), "glossary"),
    )


def lower_term(book: Book, term: Term) -> Item:
    """Return a term's entry: the term (and its other form), its definition and the chapters it appears in."""
    loc = term.loc
    name = name_with_other(book, loc, (Span(loc, "dfn", text(loc, term.term)),), term.originals)
    blocks: list[DocBlock] = list(term.definition)
    appears = appears_line(book, term.id, loc)
    if appears is not None:
        blocks.append(appears)
    return Item(loc, name, tuple(blocks), id=term.id)


def lower_terms(book: Book) -> tuple[DocBlock, ...]:
    """Return the glossary of terms."""
    if not book.terms:
        return ()
    return (DefinitionList(book.terms[0].loc, tuple(lower_term(book, t) for t in book.terms), "glossary"),)
