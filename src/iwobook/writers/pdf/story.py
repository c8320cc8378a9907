"""The book as a story of flowables: cover, title page, front matter, parts, chapters and generated sections."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import assert_never

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer

from iwobook.model import (
    AnySection,
    Book,
    GeneratedSection,
    Matter,
    Part,
    Section,
    SectionKind,
    anchors,
    is_contents,
    listed_name,
)
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.breaks import (
    FootSpace,
    MatterStart,
    NotesFill,
    PageBreakAction,
    RectoBreak,
    RunOnBreak,
    VersoBreak,
)
from iwobook.writers.pdf.contents import ContentsWriter
from iwobook.writers.pdf.document import DocumentWriter, print_medium
from iwobook.writers.pdf.flowables import Anchor, CoverImage, LazySection, PageForms
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.makeup import MakeUp, Start, front_colophon
from iwobook.writers.pdf.pages import HeadStyle, PageState
from iwobook.writers.pdf.stylesheet import Geometry
from iwobook.writers.pdf.tagged import GroupMark
from iwobook.writers.pdf.tags import Element, Role


@dataclass(frozen=True)
class Opening:
    """How a section opens: its part, whether it starts that part, whether a chapter comes right before it."""

    part: Part
    starts_part: bool
    follows_chapter: bool
    start: Start = Start.AS_STYLED


def _is_kind(section: AnySection | None, kind: SectionKind) -> bool:
    """True when section is a manuscript section of kind."""
    return isinstance(section, Section) and section.kind is kind


class StoryBuilder:
    """Build the flowables of a prepared book, in reading order."""

    def __init__(
        self,
        book: Book,
        ts: Typesetter,
        state: PageState,
        geometry: Geometry,
        head: HeadStyle,
        cover: ImageReader | None,
        figure_family: Family,
        makeup: MakeUp,
    ) -> None:
        self.makeup = makeup
        self.colophon = front_colophon(book)
        self.head = head
        self.book = book
        self.ts = ts
        self.state = state
        self.geometry = geometry
        self.cover_image = cover
        self.words = book.messages
        self.medium = print_medium(book, ts.config)
        self.contents = ContentsWriter(book, ts, self.medium)
        # a section title that runs on below the last section has the chapters' drop above it (none at a page top)
        self.run_on_title = ParagraphStyle(
            "section_title", parent=ts.styles["chapter_title"], spaceBefore=geometry.chapter_drop
        )
        self.document = DocumentWriter(book, ts, state, figure_family)

    def story(self) -> list[Flowable]:
        """Return the book's flowables; each section stays a LazySection until layout reaches it."""
        out: list[Flowable] = [*self.cover(), *([] if self.makeup.cover_as_title else self.title_page())]
        matter = Matter.FRONT
        previous: AnySection | None = None
        for part in self.book.parts:
            if part.matter is not Matter.FRONT and matter is Matter.FRONT:
                out += [RectoBreak(), MatterStart("body")]
                matter = part.matter
            for index, section in enumerate(part.sections):
                opening = Opening(
                    part=part,
                    starts_part=index == 0 and bool(part.title),
                    follows_chapter=_is_kind(previous, SectionKind.CHAPTER),
                    start=self.makeup.start(section.id, self.colophon),
                )
                out.append(LazySection(partial(self.section, section, opening)))
                previous = section
        out.extend(self.back_cover())
        keys = self.contents.page_keys()
        out.append(
            PageForms(self.state, keys, self.ts.styles["toc_entry"].fontName, self.ts.styles["toc_entry"].fontSize)
        )
        return out

    def cover(self) -> list[Flowable]:
        """Return the cover page (the cover image over the whole page, or its space when there is no image) and
        its inside: blank, or the colophon's when the cover is the title page and the colophon opens the front
        matter (the front matter then starts after it)."""
        g = self.geometry
        meta = self.book.metadata
        if self.cover_image is None:
            image: Flowable = Spacer(g.width, g.height)
        else:
            alt = self.words("cover.alt", title=f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title)
            image = self.ts.structure.tag(CoverImage(self.cover_image, g.width, g.height), Role.FIGURE, alt=alt)
        out: list[Flowable] = [Anchor(self.state, anchors.COVER, self.words("page.cover"))]
        if self.makeup.cover_as_title:  # what is placed on the title page (a teacher's notes) is placed here
            out.append(Anchor(self.state, anchors.TITLE_PAGE))
        out.append(image)
        if self.makeup.cover_as_title and self.colophon is not None:
            return [*out, PageBreakAction()]
        return [*out, RectoBreak(), MatterStart("front")]

    def back_cover(self) -> list[Flowable]:
        """Return the back cover, always the last and a left-hand page: description, publisher, identifier."""
        meta = self.book.metadata
        out: list[Flowable] = [VersoBreak(), MatterStart("back-cover"), GroupMark(None)]
        out.append(Anchor(self.state, anchors.BACK_COVER, self.words("page.back_cover")))
        out.append(Spacer(1, self.geometry.text_height * 0.3))
        self.ts.structure.restart()
        identifier = "" if meta.identifier.lower().startswith("urn:uuid:") else meta.identifier  # not for readers
        with self.ts.structure.within(Role.SECT):
            if meta.description:
                out.append(self.ts.plain(meta.description, "back_cover"))
            for line in (
                meta.publisher,
                meta.licence and self.words("back_cover.licence", licence=meta.licence),
                identifier,
            ):
                if line:
                    out.append(self.ts.plain(line, "title_meta"))
        return out

    def title_page(self) -> list[Flowable]:
        """Return the title page: title, subtitle, contributors, publisher and edition."""
        meta = self.book.metadata
        out: list[Flowable] = [
            Anchor(self.state, anchors.TITLE_PAGE, self.words("page.title_page")),
            Spacer(1, self.geometry.text_height * 0.22),
        ]
        with self.ts.structure.within(Role.SECT):
            out.append(self.ts.plain(meta.title, "title", self.ts.structure.heading()))
            if meta.subtitle:
                out.append(self.ts.plain(meta.subtitle, "subtitle"))
            for person in meta.contributors:
                out.append(
                    self.ts.plain(
                        person.name
                        if person.role == "author"
                        else self.words(
                            "title_page.contributor",
                            name=person.name,
                            role=self.words.entries.get(f"role.{person.role}", person.role),
                        ),
                        "title_meta",
                    )
                )
            out.append(Spacer(1, 30))
            for line in (meta.publisher, meta.edition):
                if line:
                    out.append(self.ts.plain(line, "title_meta"))
        return out

    def _opening(self, section: AnySection, opening: Opening) -> list[Flowable]:
        """Return the page break, anchors and part title that open a section."""
        front = opening.part.matter is Matter.FRONT
        is_colophon = isinstance(section, Section) and section.kind is SectionKind.COLOPHON
        contents = is_contents(section)
        g = self.geometry
        out: list[Flowable]
        if opening.start is Start.SAME_PAGE:  # the colophon at the foot of the title page (see section)
            out = []
        elif opening.start is Start.FRONT_MATTER:  # after the colophon inside the cover
            out = [RectoBreak(), MatterStart("front")]
        elif opening.start is Start.NEW_PAGE:
            out = [PageBreakAction()]
        elif contents or (g.chapter_space >= 1 and not (front or is_colophon)):
            out = [RectoBreak("notes" if opening.follows_chapter and g.notes != "none" else "blank")]
        elif not (is_colophon or opening.starts_part) and g.chapter_space < 1:
            out = [RunOnBreak(g.text_height * g.chapter_space)]  # runs on below the last section (see section)
        else:
            out = [PageBreakAction()]
        if opening.starts_part or not opening.part.title:  # a titled part's sections go into its Part
            out.append(GroupMark(Element(Role.PART) if opening.starts_part else None))
        if opening.starts_part:
            key = anchors.part_id(section.id)
            title = self.ts.plain(opening.part.title, "part_title", self.ts.structure.heading())
            out += [Anchor(self.state, key, opening.part.title, 0), title]
        level = 1 if opening.part.title else 0
        bookmark = listed_name(section, self.medium)
        out.append(Anchor(self.state, section.id, bookmark, level, head=section.title, loc=section.loc))
        return out

    def section(self, section: AnySection, opening: Opening) -> list[Flowable]:
        """Return the flowables of one section (a Sect, in a Part when its part has a title)."""
        structure = self.ts.structure
        structure.restart(1 if opening.part.title else 0)  # a titled part is a group of the drawing
        out = self._opening(section, opening)
        with structure.within(Role.SECT):
            body = self._section_body(section)
        if opening.start is Start.SAME_PAGE:  # set at the foot of the page, below what comes before
            out.insert(0, FootSpace(body, self.geometry.chapter_drop))
        if isinstance(out[0], RunOnBreak):  # the opening's break: a short section runs on whenever it fits
            out[0].below = out[1:] + body
        return out + body

    def _section_body(self, section: AnySection) -> list[Flowable]:
        """Return the flowables of a section after its opening."""
        heading = self.ts.structure.heading()
        out: list[Flowable] = []
        match section:
            case Section(kind=SectionKind.CHAPTER):
                out += self.chapter(section)
            case Section(kind=SectionKind.COLOPHON):
                out += [
                    self.ts.plain(section.title, "chapter_title", heading),
                    *self.document.blocks(self.book.colophon),
                ]
                out += self.ts.blocks(section.blocks, "small_next", "small")
            case Section():
                title = self.ts.plain(section.title, "chapter_title", heading, look=self.run_on_title)
                out += [title, Spacer(1, 6), *self.ts.blocks(section.blocks)]
            case GeneratedSection():
                out += [self.ts.plain(section.title, "chapter_title", heading, look=self.run_on_title), Spacer(1, 6)]
                out += self.generated_section(section)
            case _:
                assert_never(section)
        return out

    def generated_section(self, section: GeneratedSection) -> list[Flowable]:
        """Return the body of a generated section: the contents, or its lowered blocks (whatever its kind, so a new
        kind of generated section needs nothing here)."""
        if is_contents(section):
            return self.contents.lines()
        return self.document.blocks(section.blocks)

    def chapter(self, chapter: Section) -> list[Flowable]:
        """Return a chapter: number, title, setting, characters present, text, questions and themes."""
        ts = self.ts
        out: list[Flowable] = [Spacer(1, self.geometry.chapter_drop)]
        number = ts.plain(chapter.label, "chapter_number", ts.structure.heading())
        out += [number, ts.structure.share(ts.plain(chapter.title, "chapter_title"), number)]
        if chapter.setting:
            out.append(ts.plain(chapter.setting, "setting"))
        out += self.document.blocks(chapter.before)
        out += ts.blocks(chapter.blocks)
        out += self.document.blocks(chapter.after)
        if self.geometry.notes == "end":
            out.append(NotesFill(self.head, self.geometry.text_height * 0.15))
        elif self.geometry.notes == "page":
            out += [PageBreakAction(), NotesFill(self.head, 0)]
        return out
