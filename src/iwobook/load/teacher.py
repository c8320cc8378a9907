"""The teacher's material: manuscript/teacher.yaml, its chapter notes, page notes and unit sections, read
into a TeacherMaterial and checked against the book (every question needs its guidance)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from pathlib import Path

from iwobook.diagnostics import Code, InputError, Report
from iwobook.load.fields import Fields, mappings
from iwobook.load.files import read_text, relative_name, resolve_inside
from iwobook.load.markdown import MarkdownReader
from iwobook.load.prose import read_section
from iwobook.load.yamltree import Mapping, YNode, parse_yaml, type_name
from iwobook.model import Book, CrossRef, Inline, Inlines, Loc, Section
from iwobook.model.anchors import TITLE_PAGE
from iwobook.model.teacher import ChapterNotes, Guidance, PageNote, TeacherLabels, TeacherMaterial
from iwobook.walk import block_inlines, inlines_of

TEACHER_FILE = "manuscript/teacher.yaml"


class TeacherReader:
    """Reads the teacher's files of one manuscript, reporting every problem."""

    def __init__(self, root: Path, report: Report, book: Book) -> None:
        self.book = book
        self.root = root.resolve()
        self.manuscript = self.root / "manuscript"
        self.report = report
        self.reader = MarkdownReader()

    def _yaml(self, reference: str, where: tuple[str, int]) -> tuple[YNode | None, str]:
        """Return the located YAML tree of a file named in teacher.yaml, and its name."""
        path = resolve_inside(self.root, self.manuscript, reference, self.report, where)
        if path is None:
            return None, reference
        name = relative_name(path, self.root)
        text = read_text(path, self.root, self.report, where)
        return (parse_yaml(text, name, self.report) if text is not None else None), name

    def _inlines(self, f: Fields, name: str, required: bool = True) -> Inlines:
        """Return a one-paragraph Markdown field as inlines."""
        text, line = f.text_at(name, required)
        return self.reader.inlines(text, f.path, self.report, line) if text else ()

    def load(self, themes: set[str]) -> TeacherMaterial | None:
        """Return the teacher's material, or None when the book has no teacher.yaml."""
        path = self.root / TEACHER_FILE
        if not path.is_file():
            return None
        text = read_text(path, self.root, self.report, (TEACHER_FILE, 1))
        node = parse_yaml(text, TEACHER_FILE, self.report) if text is not None else None
        if not isinstance(node, Mapping):
            if node is not None:
                self.report.add(
                    TEACHER_FILE, node.line, Code.E122, f"teacher.yaml must be a mapping, not {type_name(node)}"
                )
            return None
        f = Fields(node, TEACHER_FILE, self.report, "teacher.yaml")
        labels = self._labels(f.mapping("labels"))
        chapters: list[ChapterNotes] = []
        chapters_file, line = f.text_at("chapters", required=False)
        if chapters_file:
            tree, name = self._yaml(chapters_file, (TEACHER_FILE, line))
            chapters = [self._chapter(item, name) for item in mappings(tree, name, self.report, "chapter notes")]
        pages: list[PageNote] = []
        pages_file, line = f.text_at("pages", required=False)
        if pages_file:
            tree, name = self._yaml(pages_file, (TEACHER_FILE, line))
            pages = [self._page(item, name) for item in mappings(tree, name, self.report, "page notes")]
        sections = [s for ref, at in f.texts("sections") if (s := self._section(ref, at, themes)) is not None]
        f.finish()
        return TeacherMaterial(Loc(TEACHER_FILE, 1), labels, tuple(chapters), tuple(pages), tuple(sections))

    def _labels(self, node: Mapping | None) -> TeacherLabels:
        """Return the notes column's words: teacher.yaml's, else the book's catalogue's (teacher.<name>)."""
        defaults = {d.name: self.book.messages(f"teacher.{d.name}") for d in dataclass_fields(TeacherLabels)}
        if node is None:
            return TeacherLabels(**defaults)
        f = Fields(node, TEACHER_FILE, self.report, "labels")
        words = {name: f.text(name, required=False, default=default) for name, default in defaults.items()}
        f.finish()
        return TeacherLabels(**words)

    def _chapter(self, node: Mapping, name: str) -> ChapterNotes:
        """Return one chapter's notes."""
        f = Fields(node, name, self.report, "chapter notes")
        chapter = f.ident("chapter")
        scenes = self._inlines(f, "scenes")
        # the vocabulary is the chapter's own (its front matter), printed in every edition
        section = next((s for s in self.book.chapters() if s.id == chapter), None)
        words = section.vocabulary if section is not None else ()
        check = self._inlines(f, "check")
        check_answer = self._inlines(f, "check_answer", required=False)
        guidance: list[Guidance] = []
        given = f.sequence("guidance")
        for item in mappings(given, name, self.report, "guidance") if given else []:
            g = Fields(item, name, self.report, "guidance")
            guidance.append(
                Guidance(
                    Loc(name, item.line),
                    self._inlines(g, "answer"),
                    self._inlines(g, "evidence"),
                    self._inlines(g, "misconception"),
                )
            )
            g.finish()
        f.finish()
        return ChapterNotes(Loc(name, node.line), chapter, scenes, tuple(words), check, check_answer, tuple(guidance))

    def _page(self, node: Mapping, name: str) -> PageNote:
        """Return the notes for the page where a section or entry begins."""
        f = Fields(node, name, self.report, "page notes")
        target = f.ident("at")
        text, line = f.text_at("notes")
        blocks = self.reader.blocks(text, name, self.manuscript, self.root, self.report, first_line=line)
        f.finish()
        return PageNote(Loc(name, node.line), target, blocks)

    def _section(self, reference: str, line: int, themes: set[str]) -> Section | None:
        """Return one unit section (a prose file like any other)."""
        path = resolve_inside(self.root, self.manuscript, reference, self.report, (TEACHER_FILE, line))
        if path is None:
            return None
        text = read_text(path, self.root, self.report, (TEACHER_FILE, line))
        if text is None:
            return None
        return read_section(text, path, self.root, self.reader, self.report, themes)


def check_teacher(material: TeacherMaterial, book: Book, report: Report) -> None:
    """Report questions without guidance (E180), guidance without a question (E181), notes for chapters the
    book lacks and cross-references that name nothing (E131)."""
    chapters = {c.id: c for c in book.chapters()}
    for notes in material.chapters:
        chapter = chapters.get(notes.chapter)
        if chapter is None:
            report.add(
                notes.loc.file,
                notes.loc.line,
                Code.E131,
                f"notes for chapter '{notes.chapter}', which the book does not have",
            )
            continue
        for extra in notes.guidance[len(chapter.questions) :]:
            report.add(
                extra.loc.file,
                extra.loc.line,
                Code.E181,
                f"guidance with no question: '{chapter.id}' has {len(chapter.questions)} questions",
            )
    for chapter in chapters.values():
        found = material.notes_for(chapter.id)
        given = len(found.guidance) if found else 0
        for number, question in enumerate(chapter.questions[given:], start=given + 1):
            loc = question[0].loc if question else chapter.loc
            report.add(loc.file, loc.line, Code.E180, f"question {number} of '{chapter.id}' has no teacher's guidance")
    for inline in teacher_inlines(material):
        if isinstance(inline, CrossRef) and inline.target not in book.targets:
            message = f"cross-reference to '{inline.target}' names nothing in the book"
            report.add(inline.loc.file, inline.loc.line, Code.E131, message)
    places = set(book.targets) | {s.id for s in book.sections()} | {TITLE_PAGE}
    for page in material.pages:
        if page.target not in places:
            report.add(
                page.loc.file,
                page.loc.line,
                Code.E131,
                f"page notes at '{page.target}', which names nothing in the book",
            )


def teacher_inlines(material: TeacherMaterial) -> list[Inline]:
    """Return every inline node of the teacher's material, nested ones included."""
    runs: list[Inlines] = []
    for notes in material.chapters:
        runs += [notes.scenes, notes.check, notes.check_answer, *(w.meaning for w in notes.vocabulary)]
        runs += [part for g in notes.guidance for part in (g.answer, g.evidence, g.misconception)]
    out: list[Inline] = []
    for run in runs:
        out += list(inlines_of(run))
    for page in material.pages:
        out += list(block_inlines(page.text))
    for section in material.sections:
        out += list(block_inlines(section.blocks))
    return out


def load_teacher(root: Path, book: Book) -> TeacherMaterial:
    """Return the checked teacher's material of the book under root; raise InputError with every problem."""
    report = Report()
    material = TeacherReader(root, report, book).load({t.id for t in book.themes})
    if material is None and not report:
        report.add(
            TEACHER_FILE, 1, Code.E100, "the teacher's edition needs manuscript/teacher.yaml (see docs/teacher.md)"
        )
    if material is not None:
        check_teacher(material, book, report)
    if report or material is None:
        raise InputError(report.sorted())
    return material
