"""The book's indexes: chapter numbers, glossary order, cross-reference targets and appearance lists."""

from __future__ import annotations

import itertools
from dataclasses import replace

from pyuca import Collator

from iwobook.model import (
    AnySection,
    Appearance,
    Book,
    Generated,
    GeneratedSection,
    Part,
    Section,
    SectionKind,
    Target,
    TargetKind,
    anchors,
)
from iwobook.walk import book_refs


def number_chapters(book: Book) -> Book:
    """Return the book with its chapters numbered 1, 2, ... in reading order."""
    numbers = itertools.count(1)

    def number(_: Part, section: AnySection) -> AnySection:
        if isinstance(section, Section) and section.kind is SectionKind.CHAPTER:
            return replace(section, number=next(numbers))
        return section

    return book.with_sections(number)


def section_label(book: Book, section: AnySection) -> str:
    """Return how a cross-reference to a section reads: 'Chapter 3: Title' (in the book's language) or the title."""
    if isinstance(section, Section) and section.kind is SectionKind.CHAPTER:
        return book.messages("chapter.reference", number=section.number, title=section.title)
    return section.title


def collect_targets(book: Book) -> dict[str, Target]:
    """Return every cross-reference target of a numbered book by id (the first wins on duplicates)."""
    home = {g.source: g.id for g in book.sections() if isinstance(g, GeneratedSection)}
    targets: dict[str, Target] = {}

    def add(target: Target) -> None:
        targets.setdefault(target.id, target)

    for section in book.sections():
        add(Target(section.id, TargetKind.SECTION, section_label(book, section), section.id))
    for c in book.characters:
        add(Target(c.id, TargetKind.CHARACTER, c.display, home.get(Generated.CHARACTERS, "")))
    for t in book.terms:
        add(Target(t.id, TargetKind.TERM, t.term, home.get(Generated.TERMS, "")))
    for le in book.letters:
        add(Target(le.id, TargetKind.LETTER, le.title, home.get(Generated.LETTERS, "")))
    chapters = {c.id: c for c in book.chapters()}
    for ref, owner in book_refs(book):
        if owner in chapters:
            label = section_label(book, chapters[owner])
            add(Target(anchors.mention_id(ref.target, owner), TargetKind.MENTION, label, owner))
    return targets


def collect_appearances(book: Book) -> dict[str, tuple[Appearance, ...]]:
    """Return, for each referenced id, the chapters that reference it, in reading order, once each, with the id
    of the first reference there (transform.mentions anchors it)."""
    chapters = {c.id: c for c in book.chapters()}
    found: dict[str, dict[str, Appearance]] = {}
    for ref, owner in book_refs(book):
        chapter = chapters.get(owner)
        if chapter is not None:
            entries = found.setdefault(ref.target, {})
            mention = anchors.mention_id(ref.target, chapter.id)
            entries.setdefault(chapter.id, Appearance(chapter.id, chapter.number, chapter.title, mention))
    return {key: tuple(sorted(value.values(), key=lambda a: a.number)) for key, value in found.items()}


def sort_glossaries(book: Book) -> Book:
    """Return the book with its characters and terms in alphabetical order by the Unicode Collation Algorithm
    (the default table, DUCET), as the author typed them: accents and case only break ties."""
    key = Collator().sort_key
    return replace(
        book,
        characters=tuple(sorted(book.characters, key=lambda c: key(c.name))),
        terms=tuple(sorted(book.terms, key=lambda t: key(t.term))),
    )
