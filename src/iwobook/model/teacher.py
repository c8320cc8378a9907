"""The teacher's material of a book: notes for each chapter and its questions, notes for other pages, and
the unit materials printed on extra pages of the teacher's edition."""

from __future__ import annotations

from dataclasses import dataclass

from iwobook.model.book import Section, Word
from iwobook.model.nodes import Blocks, Inlines, Loc


@dataclass(frozen=True, slots=True)
class Guidance:
    """What a teacher needs for one discussion question: a strong answer, the evidence, a misconception."""

    loc: Loc
    answer: Inlines
    evidence: Inlines
    misconception: Inlines


@dataclass(frozen=True, slots=True)
class ChapterNotes:
    """A chapter's notes: where it is in the work (in words), vocabulary, a check question, guidance."""

    loc: Loc
    chapter: str
    scenes: Inlines
    vocabulary: tuple[Word, ...]
    check: Inlines
    check_answer: Inlines
    guidance: tuple[Guidance, ...]


@dataclass(frozen=True, slots=True)
class PageNote:
    """Notes printed beside the page where the section or entry with id target begins."""

    loc: Loc
    target: str
    text: Blocks


@dataclass(frozen=True, slots=True)
class TeacherLabels:
    """The words of the teacher's edition's notes column, in the book's language."""

    edition: str
    page: str
    scenes: str
    vocabulary: str
    check: str
    check_answer: str
    question: str
    answer: str
    evidence: str
    misconception: str
    unit: str


@dataclass(frozen=True, slots=True)
class TeacherMaterial:
    """Everything the teacher's edition adds to a book."""

    loc: Loc
    labels: TeacherLabels
    chapters: tuple[ChapterNotes, ...]
    pages: tuple[PageNote, ...]
    sections: tuple[Section, ...]

    def notes_for(self, chapter: str) -> ChapterNotes | None:
        """Return the notes of the chapter with id chapter, if there are any."""
        return next((c for c in self.chapters if c.chapter == chapter), None)
