"""The teacher's edition: page for page with the student edition of record, guidance beside every question,
the teacher's diagnostics (E180, E181, E131) with the exact line, and the study guide's teacher material."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from iwobook.build import PrintRecord, configure, render_output
from iwobook.check import load_checked
from iwobook.diagnostics import InputError, Report
from iwobook.load.messages import load_messages
from iwobook.load.teacher import load_teacher
from iwobook.model import Book, Paragraph, Text, plain_text
from iwobook.model.teacher import TeacherMaterial
from iwobook.transform import prepare
from iwobook.walk import block_inlines
from iwobook.writers.pdf import PdfLayout, layout_pdf
from iwobook.writers.pdf.teacher import NotesWriter, is_numbered

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def _quiet(_: str) -> None:
    """Discard progress lines."""


def words_of(text: str) -> str:
    """Return text as one line of words, hyphenated line ends joined, for comparing extracted PDF text."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Editions:
    """The study guide, its teacher's material, the student layout of record and the teacher's PDF."""

    book: Book
    material: TeacherMaterial
    student: PdfLayout
    teacher: PdfReader


@pytest.fixture(scope="module")
def editions() -> Editions:
    """Build the study guide's student edition of record and its teacher's edition once."""
    book = prepare(load_checked(ROOT))
    config = configure(ROOT, book, None, None)
    record = PrintRecord(book, config)
    student = layout_pdf(book, record.config, _quiet)
    teacher = render_output(book, config, "teacher", _quiet, record)
    return Editions(book, load_teacher(ROOT, book), student, PdfReader(io.BytesIO(teacher)))


def test_every_numbered_student_page_is_on_the_teacher_page_with_its_number(editions: Editions) -> None:
    student = PdfReader(io.BytesIO(editions.student.data))
    teacher = editions.teacher
    labels = teacher.page_labels
    numbered = [i for i, label in enumerate(editions.student.labels) if is_numbered(label)]
    assert len(numbered) > 50
    for index in numbered:
        label = editions.student.labels[index]
        assert student.page_labels[index] == label
        assert labels[index] == label, (index, label, labels[index])
        page = words_of(student.pages[index].extract_text())
        sheet = words_of(teacher.pages[index].extract_text())
        assert page in sheet, f"student page {label} is not on the teacher's page {labels[index]}"
        assert f"Notes for page {label}" in sheet
    unit = [label for label in labels[len(student.pages) :]]
    assert unit and all(re.fullmatch(r"T\d+", label) for label in unit)


def test_every_question_has_its_guidance_on_its_page(editions: Editions) -> None:
    student = PdfReader(io.BytesIO(editions.student.data))
    index_of = {label: i for i, label in enumerate(editions.student.labels) if is_numbered(label)}
    count = 0
    for chapter in editions.book.chapters():
        notes = editions.material.notes_for(chapter.id)
        assert notes is not None, chapter.id
        for question, guidance in zip(chapter.questions, notes.guidance, strict=True):
            label = editions.student.block_pages[f"{question[0].loc.file}:{question[0].loc.line}"]
            index = index_of[label]
            longest = max((n.text for n in question if isinstance(n, Text)), key=len)
            opening = " ".join(longest.split()[:4])
            assert opening in words_of(student.pages[index].extract_text()), (chapter.id, label, opening)
            sheet = words_of(editions.teacher.pages[index].extract_text())
            assert words_of(plain_text(guidance.answer)) in sheet, (chapter.id, label)
            count += 1
    assert count == 64


def test_the_teacher_material_is_complete(editions: Editions) -> None:
    material = editions.material
    for chapter in editions.book.chapters():
        notes = material.notes_for(chapter.id)
        assert notes is not None and notes.scenes and notes.check, chapter.id
        assert 5 <= len(notes.vocabulary) <= 8, chapter.id
        assert len(notes.guidance) == len(chapter.questions)
        for g in notes.guidance:
            words = sum(len(plain_text(part).split()) for part in (g.answer, g.evidence, g.misconception))
            assert words >= 25 and g.answer and g.evidence and g.misconception, (chapter.id, words)
    titles = {s.id: s for s in material.sections}
    assert {"lesson-plan", "prompts", "rubric", "primary-sources", "symbols", "map-and-timeline"} <= set(titles)
    prompts = [b for b in titles["prompts"].blocks if not isinstance(b, Paragraph)]
    assert prompts and len(getattr(prompts[0], "items", ())) >= 8
    symbols = " ".join(getattr(node, "text", "") for node in block_inlines(titles["symbols"].blocks))
    for symbol in ("letters", "shovel", "pistol", "flag"):
        assert symbol in symbols.lower()


# --- the teacher's diagnostics on a tiny copy of the mini fixture ----------------------------------------

TEACHER_YAML = "chapters: teacher/chapters.yaml\n"
GUIDANCE = "    - {answer: a strong answer, evidence: the scene, misconception: a common mistake}\n"


def chapter_notes(chapter: str, guidance: int) -> str:
    """Return the notes of one mini chapter with guidance for its first questions."""
    head = f"- chapter: {chapter}\n  scenes: the whole part\n  check: A check question?\n"
    return head + "  guidance:\n" + GUIDANCE * guidance


def teacher_problems(tmp_path: Path, chapters: str) -> list[str]:
    """Return the teacher's diagnostics of the mini fixture with chapters as its chapter notes."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / "manuscript" / "teacher.yaml").write_text(TEACHER_YAML, encoding="utf-8")
    (root / "manuscript" / "teacher").mkdir()
    (root / "manuscript" / "teacher" / "chapters.yaml").write_text(chapters, encoding="utf-8")
    book = prepare(load_checked(root))
    with pytest.raises(InputError) as raised:
        load_teacher(root, book)
    return [str(d) for d in raised.value.diagnostics]


def test_e180_a_question_without_guidance(tmp_path: Path) -> None:
    problems = teacher_problems(tmp_path, chapter_notes("arrival", 3) + chapter_notes("storm", 2))
    assert problems == ["manuscript/02-storm.md:9: E180 question 3 of 'storm' has no teacher's guidance"]


def test_e180_a_chapter_without_notes(tmp_path: Path) -> None:
    problems = teacher_problems(tmp_path, chapter_notes("arrival", 3))
    assert problems == [
        f"manuscript/02-storm.md:{line}: E180 question {n} of 'storm' has no teacher's guidance"
        for n, line in ((1, 7), (2, 8), (3, 9))
    ]


def test_e181_guidance_without_a_question(tmp_path: Path) -> None:
    problems = teacher_problems(tmp_path, chapter_notes("arrival", 4) + chapter_notes("storm", 3))
    assert problems == ["manuscript/teacher/chapters.yaml:8: E181 guidance with no question: 'arrival' has 3 questions"]


def test_e131_notes_for_a_chapter_the_book_lacks(tmp_path: Path) -> None:
    notes = chapter_notes("arrival", 3) + chapter_notes("storm", 3) + chapter_notes("harbour", 0)
    problems = teacher_problems(tmp_path, notes)
    assert problems == [
        "manuscript/teacher/chapters.yaml:15: E131 notes for chapter 'harbour', which the book does not have"
    ]


def test_a_book_without_teacher_material_says_so(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    with pytest.raises(InputError) as raised:
        load_teacher(root, prepare(load_checked(root)))
    assert [d.code.name for d in raised.value.diagnostics] == ["E100"]


def test_the_vocabulary_is_in_the_student_edition_and_the_e_book(editions: Editions, tmp_path: Path) -> None:
    """Each chapter's words to know are printed under its title for students, and are in its EPUB chapter."""
    pdf = tmp_path / "student.pdf"
    pdf.write_bytes(editions.student.data)
    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    epub = tmp_path / "book.epub"
    epub.write_bytes(render_output(editions.book, configure(ROOT, editions.book, "a4", tmp_path), "epub", _quiet))
    with zipfile.ZipFile(epub) as archive:
        chapters = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")}
    for chapter in editions.book.chapters():
        assert 5 <= len(chapter.vocabulary) <= 8, chapter.id
        document = next(text for name, text in chapters.items() if f'id="{chapter.id}"' in text)
        for word in chapter.vocabulary:
            assert f"{word.word}: " in printed, (chapter.id, word.word)
            assert f"<dfn>{word.word}</dfn>" in document, (chapter.id, word.word)
    assert printed.count("Words to know:") == len(editions.book.chapters())


def test_few_teacher_sheets_are_nearly_empty(editions: Editions) -> None:
    """Beside the title page stand notes on how the edition works, so at most 6 % of the inner sheets (covers
    and the last sheet excluded) carry under 60 words besides the running heads and folios."""
    pages = editions.teacher.pages
    inner = range(2, len(pages) - 1)
    furniture = 8  # the notes column's header ('Teacher's edition · Notes for page N'), a running head, a folio
    empty = [i + 1 for i in inner if len(pages[i].extract_text().split()) - furniture < 60]
    assert len(empty) <= 0.06 * len(inner), empty
    title = editions.student.labels.index("i")
    assert "How this edition works" in words_of(pages[title].extract_text())


def test_the_teacher_edition_has_the_student_outline_then_the_unit_materials(editions: Editions) -> None:
    """Every bookmark of the student edition opens the sheet of the same page; the unit materials follow
    under their own bookmark, each on its T page; the sheets are trimmed to themselves and carry XMP."""
    student = PdfReader(io.BytesIO(editions.student.data))
    teacher = editions.teacher

    def marks(reader: PdfReader, items: list[object]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for item in items:
            if isinstance(item, list):
                out += marks(reader, item)
            else:
                page = reader.get_destination_page_number(item)  # type: ignore[arg-type]
                assert page is not None
                out.append((str(getattr(item, "title", "")), reader.page_labels[page]))
        return out

    own = marks(student, list(student.outline))
    ours = marks(teacher, list(teacher.outline))
    assert len(own) > 30 and ours[: len(own)] == own
    unit = ours[len(own) :]
    assert unit[0][0] == editions.material.labels.unit
    assert [title for title, _ in unit[1:]] == [s.title for s in editions.material.sections]
    assert all(re.fullmatch(r"T\d+", label) for _, label in unit)
    back = words_of(teacher.pages[len(student.pages) - 1].extract_text())
    assert all(f"{label} {title}" in back for title, label in unit[1:]), "the back cover's sheet lists the unit"
    assert all(page.trimbox == page.mediabox for page in teacher.pages)
    xmp = teacher.xmp_metadata
    assert xmp is not None and xmp.dc_title is not None
    assert "Teacher" in xmp.dc_title["x-default"]


def test_the_notes_column_speaks_the_book_s_language(tmp_path: Path) -> None:
    """A French book whose teacher.yaml sets one label gets the others from the French catalogue, each lead-in
    label with the French colon, and the guidance head from teacher.question_of."""
    root = tmp_path / "ile"
    shutil.copytree(Path(__file__).parent / "fixtures" / "ile", root)
    book = prepare(load_checked(root))
    notes = "".join(chapter_notes(chapter.id, len(chapter.questions)) for chapter in book.chapters())
    (root / "manuscript" / "teacher.yaml").write_text(TEACHER_YAML + "labels: {unit: Pour la classe}\n", "utf-8")
    (root / "manuscript" / "teacher").mkdir()
    (root / "manuscript" / "teacher" / "chapters.yaml").write_text(notes, encoding="utf-8")
    material = load_teacher(root, book)
    assert material.labels.unit == "Pour la classe"
    assert (material.labels.edition, material.labels.answer) == ("Édition du professeur", "Une bonne réponse")
    writer = NotesWriter(book, material, configure(root, book, "a4", tmp_path))
    chapter = book.chapters()[0]
    head, answer, *_ = writer.guidance(chapter, 1, material.chapters[0])
    assert head.getPlainText() == f"Question 1 ({chapter.number}. {chapter.title})"
    assert answer.getPlainText().startswith("Une bonne réponse\u00a0: ")  # never a line break before the colon
    # the notes column's header and the unit sheets' labels are the catalogue's patterns, not the writer's
    book = prepare(load_checked(root))
    config = configure(root, book, "a4", tmp_path)
    teacher = PdfReader(io.BytesIO(render_output(book, config, "teacher", _quiet, PrintRecord(book, config))))
    texts = [page.extract_text() or "" for page in teacher.pages]
    assert any("Édition du professeur · Notes pour la page 1" in text for text in texts)
    assert any("Édition du professeur · Notes pour la page ii" in text for text in texts)


def test_unit_sheets_are_labelled_and_headed_from_the_catalogue(editions: Editions) -> None:
    labels = list(editions.teacher.page_labels)
    first = labels.index("T1")
    assert labels[first:] == [f"T{n}" for n in range(1, len(labels) - first + 1)]
    assert "Teacher’s edition · Unit materials · T1" in (editions.teacher.pages[first].extract_text() or "")


def test_a_page_s_notes_are_worded_in_the_language_s_order(tmp_path: Path) -> None:
    """Japanese puts the page number before the words ("7ページの注"), English after them."""
    english = load_messages(tmp_path, "en", Report())
    assert english("teacher.page_of", label=english("teacher.page"), page="7") == "Notes for page 7"
    japanese = load_messages(tmp_path, "ja", Report())
    assert japanese("teacher.page_of", label=japanese("teacher.page"), page="7") == "7ページの注"


def test_notes_for_the_title_page_of_a_pamphlet_stand_beside_its_cover(tmp_path: Path) -> None:
    """With `title_page: never` the French fixture's cover is its title page and its colophon is printed inside
    the cover: the notes placed at the title page and at the colophon stand beside those two pages, not lost."""
    root = tmp_path / "ile"
    shutil.copytree(Path(__file__).parent / "fixtures" / "ile", root)
    sheet = (ROOT / "src" / "iwobook" / "assets" / "styles.yaml").read_text(encoding="utf-8")
    (root / "assets").mkdir()
    never = sheet.replace("  notes: none", "  notes: none\n  title_page: never", 1)
    (root / "assets" / "styles.yaml").write_text(never, encoding="utf-8")
    book = prepare(load_checked(root))
    notes = "".join(chapter_notes(chapter.id, len(chapter.questions)) for chapter in book.chapters())
    (root / "manuscript" / "teacher.yaml").write_text(TEACHER_YAML + "pages: teacher/pages.yaml\n", "utf-8")
    (root / "manuscript" / "teacher").mkdir()
    (root / "manuscript" / "teacher" / "chapters.yaml").write_text(notes, encoding="utf-8")
    pages = "- at: title-page\n  notes: Montrer la couverture.\n- at: colophon\n  notes: Lire la licence.\n"
    (root / "manuscript" / "teacher" / "pages.yaml").write_text(pages, encoding="utf-8")
    config = configure(root, book, "a4", tmp_path)
    record = PrintRecord(book, config)
    student = layout_pdf(book, record.config, _quiet)
    assert student.labels[:3] == ("Couverture", book.messages("page.inside_cover"), "i")  # no title page
    teacher = PdfReader(io.BytesIO(render_output(book, config, "teacher", _quiet, record)))
    assert "Montrer la couverture." in (teacher.pages[0].extract_text() or "")
    assert "Lire la licence." in (teacher.pages[1].extract_text() or "")
