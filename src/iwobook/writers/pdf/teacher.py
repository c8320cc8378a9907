"""The teacher's notes sheets: for every page of the student edition of record, a sheet twice its width
whose left half is left free for that page and whose right half holds the notes for it; then the unit
materials on further sheets. The student pages are placed on the sheets afterwards (iwobook.overlay)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from iwobook.config import MM, BuildConfig, Paper
from iwobook.diagnostics import Code, Diagnostic, InputError
from iwobook.model import Book, Inlines, Section, block_key, listed_name
from iwobook.model.document import Medium
from iwobook.model.teacher import ChapterNotes, TeacherMaterial
from iwobook.writers.pdf import PdfCapture, PdfLayout, _source_date
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.fonts import register_families
from iwobook.writers.pdf.markup import MarkupWriter
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.structtree import make_xmp
from iwobook.writers.pdf.stylesheet import Geometry, load_stylesheet
from iwobook.writers.pdf.typeset import paragraph_styles

NOTES_WIDTH = 88 * MM  # two notes columns, each well narrower than the student's text block
NOTES_GAP = 8 * MM


@dataclass(frozen=True)
class NotesSheets:
    """The notes sheets' PDF and what the overlay needs: the student page width, the sheets' labels, the
    unit materials' outline entries (title, sheet from 0) and the XMP packet."""

    data: bytes
    page_width: float
    labels: tuple[str, ...]
    unit_pages: int
    unit_outline: tuple[tuple[str, int], ...] = ()
    xmp: str = ""


class NotesWriter:
    """Typesets the notes of the teacher's edition in the student edition's style sheet."""

    def __init__(self, book: Book, material: TeacherMaterial, config: BuildConfig) -> None:
        paper = config.paper or Paper.from_name(book.metadata.paper)
        sheet = load_stylesheet(config, paper.size)
        families = register_families(config.asset("fonts"), sheet.fonts)
        self.styles = paragraph_styles(sheet, families, book.metadata.language)
        self.markup = MarkupWriter(families, book.targets, links=False)
        family_of = {name: spec.family for name, spec in sheet.styles.items()}
        self.family_of = family_of
        self.g: Geometry = sheet.geometry
        self.ts = Typesetter(self.styles, self.markup, config, family_of, NOTES_WIDTH, self.g.text_height, PageState())
        self.book = book
        self.material = material
        self.labels = material.labels

    def para(self, inlines: Inlines, style: str, lead: str = "") -> Paragraph:
        """Return a paragraph of inlines in style, after a bold lead-in label when given ('Point to:')."""
        family = self.family_of[style]
        head = f"<b>{self.markup.text(self.book.messages('format.label', label=lead), family)}</b> " if lead else ""
        return Paragraph(head + self.markup.inlines(inlines, family), self.styles[style])

    def plain(self, text: str, style: str) -> Paragraph:
        """Return a paragraph of plain text in style."""
        return Paragraph(self.markup.text(text, self.family_of[style]), self.styles[style])

    def chapter_notes(self, chapter: Section, notes: ChapterNotes) -> list[Flowable]:
        """Return a chapter's notes: its title, where it runs, vocabulary and the check question."""
        out: list[Flowable] = [self.plain(listed_name(chapter, Medium.PRINT_RECORD), "label")]
        out.append(self.para(notes.scenes, "small", self.labels.scenes))
        if notes.vocabulary:
            out.append(self.plain(self.labels.vocabulary, "label"))
            out += [self.para(w.meaning, "small", w.word) for w in notes.vocabulary]
        out.append(self.para(notes.check, "small", self.labels.check))
        if notes.check_answer:
            out.append(self.para(notes.check_answer, "small", self.labels.check_answer))
        return out

    def guidance(self, chapter: Section, number: int, notes: ChapterNotes) -> list[Flowable]:
        """Return the guidance of one question, kept together under its number."""
        g = notes.guidance[number - 1]
        name = listed_name(chapter, Medium.PRINT_RECORD)
        words = self.book.messages("teacher.question_of", label=self.labels.question, number=number, chapter=name)
        head = self.plain(words, "label")
        parts = [
            self.para(g.answer, "small", self.labels.answer),
            self.para(g.evidence, "small", self.labels.evidence),
            self.para(g.misconception, "small", self.labels.misconception),
        ]
        head.keepWithNext = 1
        for part in parts[:-1]:
            part.keepWithNext = 1
        return [head, *parts]

    def page_notes(self, places: Mapping[str, str]) -> dict[str, list[Flowable]]:
        """Return the notes of every printed page, by page label, in the order the book reads."""
        out: dict[str, list[Flowable]] = {}
        for chapter in self.book.chapters():
            notes = self.material.notes_for(chapter.id)
            if notes is None:
                continue
            opening = places.get("#" + chapter.id)
            if opening:
                out.setdefault(opening, []).extend(self.chapter_notes(chapter, notes))
            for number, question in enumerate(chapter.questions, start=1):
                page = places.get(block_key(question[0].loc)) if question else None
                if page and number <= len(notes.guidance):
                    out.setdefault(page, []).extend(self.guidance(chapter, number, notes))
        for note in self.material.pages:
            page = places.get("#" + note.target)
            if page:
                out.setdefault(page, []).extend(self.ts.blocks(note.text, "small_next", "small"))
        return out

    def unit_story(self) -> tuple[list[Flowable], dict[int, str]]:
        """Return the unit materials, each section under its title, and the titles' flowables by identity."""
        out: list[Flowable] = []
        titles: dict[int, str] = {}
        for section in self.material.sections:
            title = self.plain(section.title, "heading2")
            title.keepWithNext = 1
            titles[id(title)] = section.title
            out.append(title)
            out += self.ts.blocks(section.blocks, "body", "body_first")
        return out, titles


def fill_frame(frame: Frame, story: list[Flowable], canvas: Canvas) -> None:
    """Draw the flowables at the head of story into frame while they fit, splitting paragraphs and keeping a
    flowable marked keepWithNext with the next one; remove what was drawn from story. (reportlab's own
    Frame.addFromList neither splits nor keeps flowables together; the frame's free height is private.)"""
    while story:
        group = 1
        while group < len(story) and getattr(story[group - 1], "keepWithNext", False):
            group += 1
        if group > 1 and not frame._atTop:
            width = frame._getAvailableWidth()
            height = sum(
                f.wrapOn(canvas, width, frame._aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story[:group]
            )
            if height > frame._y - frame._y1p:
                return
        if frame.add(story[0], canvas, trySplit=1):
            del story[0]
            continue
        parts = frame.split(story[0], canvas)
        if len(parts) < 2 or not frame.add(parts[0], canvas, trySplit=1):
            return
        story[0:1] = parts[1:]


def draw_header(canvas: Canvas, writer: NotesWriter, x: float, text: str) -> None:
    """Draw the notes column's header line at the running head's height."""
    g = writer.g
    style: ParagraphStyle = writer.styles["running_head"]
    canvas.saveState()
    canvas.setFont(style.fontName, style.fontSize)
    canvas.drawString(x, g.height - g.margin_top + g.head_offset, text)
    canvas.restoreState()


def is_numbered(label: str) -> bool:
    """Return True for a printed page number (arabic or roman), False for 'Cover' and the like."""
    return label.isdigit() or (bool(label) and set(label) <= set("ivxlcdm"))


def sheet_places(layout: PdfLayout) -> dict[str, str]:
    """Return the page label of every block key and anchor of layout; an anchor on a page with no number (the
    title page's, on the cover of a pamphlet) has its page's label, such as the cover's."""
    places = dict(layout.block_pages)
    for key, page in (layout.facts.starts if layout.facts else {}).items():
        if not places.get("#" + key) and 0 < page <= len(layout.labels):
            places["#" + key] = layout.labels[page - 1]
    return places


def render_notes_sheets(
    book: Book, material: TeacherMaterial, layout: PdfLayout, config: BuildConfig, say: Callable[[str], None]
) -> NotesSheets:
    """Return one notes sheet for every page of the student layout, then the unit materials' sheets; beside
    the last page (the back cover) the unit materials' contents, found by laying the sheets out once before."""
    writer = NotesWriter(book, material, config)
    draft = draw_sheets(writer, layout, config, ())
    sheets = draw_sheets(writer, layout, config, tuple((t, draft.labels[i]) for t, i in draft.unit_outline))
    say(f"{len(layout.labels)} notes sheets and {sheets.unit_pages} pages of unit materials")
    return sheets


def unit_contents(writer: NotesWriter, guide: tuple[tuple[str, str], ...]) -> list[Flowable]:
    """Return the unit materials' contents: a heading, then each section's page label and title."""
    out: list[Flowable] = [writer.plain(writer.labels.unit, "label")]
    family = writer.family_of["small"]
    for title, label in guide:
        text = f"<b>{writer.markup.text(label, family)}</b>\u2002{writer.markup.text(title, family)}"
        out.append(Paragraph(text, writer.styles["small"]))
    return out


def draw_sheets(
    writer: NotesWriter, layout: PdfLayout, config: BuildConfig, guide: tuple[tuple[str, str], ...]
) -> NotesSheets:
    """Return the notes sheets with guide (unit section titles and their page labels) beside the last page."""
    book, material, g = writer.book, writer.material, writer.g
    width, height = g.width, g.height
    first = width + (width - 2 * NOTES_WIDTH - NOTES_GAP) / 2
    columns = ((first, NOTES_WIDTH), (first + NOTES_WIDTH + NOTES_GAP, NOTES_WIDTH))
    notes = writer.page_notes(sheet_places(layout))
    capture = PdfCapture()
    labels = writer.labels
    words = book.messages

    def page_of(label: str) -> str:
        return words("teacher.page_of", label=labels.page, page=label)

    overflow: list[Flowable] = []
    sheets: list[str] = list(layout.labels)
    with _source_date(config.source_date_epoch or 0):
        base = writer.styles["base"]
        canvas = Canvas(
            capture,
            pagesize=(2 * width, height),
            invariant=1,
            pageCompression=1,
            initialFontName=base.fontName,
            initialFontSize=base.fontSize,
            initialLeading=base.leading,
        )
        canvas.setTitle(f"{book.metadata.title}: {labels.edition}")
        canvas.setAuthor(", ".join(c.name for c in book.metadata.contributors))
        canvas.setCreator(f"iwobook ({config.edition.value} edition)")
        for index, label in enumerate(layout.labels):
            numbered = is_numbered(label)
            draw_header(
                canvas,
                writer,
                first,
                words("format.facts").join((labels.edition, page_of(label))) if numbered else labels.edition,
            )
            last = index == len(layout.labels) - 1
            flowables = list(notes.get(label, [])) if numbered or not last else []
            if last and not numbered and guide:
                flowables = unit_contents(writer, guide)
            for x, w in columns:
                fill_frame(Frame(x, g.margin_bottom, w, g.text_height, 0, 0, 0, 0, showBoundary=0), flowables, canvas)
            if flowables:
                overflow += [writer.plain(page_of(label) if numbered else label, "label"), *flowables]
            canvas.showPage()
        unit_story, titles = writer.unit_story()
        story = overflow + unit_story
        outline: list[tuple[str, int]] = []
        unit = 0
        while story:
            unit += 1
            left = g.margin_inner if (len(sheets) + 1) % 2 == 1 else g.margin_outer
            sheet = words("teacher.sheet", number=unit)
            draw_header(canvas, writer, left, words("format.facts").join((labels.edition, labels.unit, sheet)))
            before = (len(story), story[0])
            for x, w in ((left, g.text_width), *columns):
                fill_frame(Frame(x, g.margin_bottom, w, g.text_height, 0, 0, 0, 0, showBoundary=0), story, canvas)
            if story and (len(story), story[0]) == before:
                where = material.sections[0].loc if material.sections else material.loc
                message = "a block of the teacher's material is too large to fit on any page; shorten or split it"
                raise InputError([Diagnostic(where.file, where.line, Code.E171, message)])
            left_over = {id(f) for f in story}
            outline += [(titles.pop(key), len(sheets)) for key in list(titles) if key not in left_over]
            sheets.append(sheet)
            canvas.showPage()
        xmp = make_xmp(canvas._doc.info, book.metadata.language, canvas._doc._timeStamp)
        canvas.save()
    return NotesSheets(capture.getvalue(), width, tuple(sheets), unit, tuple(outline), xmp)
