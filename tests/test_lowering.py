"""The lowering of chapter furniture and the colophon: generic nodes with their final wording, ids and keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from iwobook.check import load_checked
from iwobook.model import Book, Generated, GeneratedSection, block_key
from iwobook.model.document import Bullets, DefinitionList, Div, Head, Medium, Para, doc_plain_text, items_for
from iwobook.transform import prepare
from iwobook.transform.lower import glossary_landmark

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def book() -> Book:
    """Return the mini book, prepared."""
    return prepare(load_checked(MINI))


def test_a_chapter_has_its_cast_and_words_under_its_title_and_its_questions_and_themes_after(book: Book) -> None:
    """The cast line and words to know come before a chapter's text; its questions (numbered, each keyed at its
    first inline, as the teacher's edition finds them) and themes line after, with their ids."""
    chapter = next(c for c in book.chapters() if c.questions)
    cast = chapter.before[0]
    assert isinstance(cast, Para) and cast.role == "cast"
    assert doc_plain_text(cast.inlines).startswith("In this chapter: ")
    questions, *rest = chapter.after
    assert isinstance(questions, Div) and questions.id == f"questions-{chapter.id}"
    head, listed = questions.blocks
    assert isinstance(head, Head) and doc_plain_text(head.inlines) == "Discussion questions"
    assert isinstance(listed, Bullets) and listed.numbered
    assert listed.keys == tuple(block_key(q[0].loc) for q in chapter.questions)
    if chapter.themes:
        themes = rest[0]
        assert isinstance(themes, Para) and themes.id == f"themes-{chapter.id}"
        assert doc_plain_text(themes.inlines).startswith("Themes: ")


def test_the_colophon_says_what_the_page_numbers_are_in_each_kind_of_edition(book: Book) -> None:
    """One list of publication details for every edition; the word on page numbers differs by kind of edition,
    and a screen edition without a page list has none."""
    (details,) = book.colophon
    assert isinstance(details, DefinitionList)

    def rows(medium: Medium) -> dict[str, str]:
        out = {}
        for item in items_for(details.items, medium):
            (value,) = item.details
            assert isinstance(value, Para)
            out[doc_plain_text(item.term)] = doc_plain_text(value.inlines)
        return out

    record, other, paged, screen = (rows(m) for m in Medium)
    assert record["Title:"] == other["Title:"] == screen["Title:"]
    assert record["Page numbers:"].startswith("the same as the e-book")
    assert other["Page numbers:"].startswith("this edition’s own")
    assert paged["Page numbers:"].startswith("the page list follows")
    assert "Page numbers:" not in screen and "Author:" in screen


def test_the_glossary_landmark_is_chosen_in_the_lowering(book: Book) -> None:
    """The e-book's glossary landmark leads to the glossary of terms, else to the characters' glossary, else
    nowhere; the lowering decides it, so no writer looks at what a generated section is made from."""
    terms = next(s for s in book.sections() if isinstance(s, GeneratedSection) and s.source is Generated.TERMS)
    characters = next(
        s for s in book.sections() if isinstance(s, GeneratedSection) and s.source is Generated.CHARACTERS
    )
    assert book.glossary == terms.id
    without_terms = book.with_sections(lambda _part, s: s if s is not terms else replace(s, source=Generated.LETTERS))
    assert glossary_landmark(without_terms) == characters.id
    neither = without_terms.with_sections(
        lambda _part, s: s if s is not characters else replace(s, source=Generated.LETTERS)
    )
    assert glossary_landmark(neither) == ""
