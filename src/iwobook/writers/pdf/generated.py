"""Generated pieces the PDF still lays out itself: the contents, the colophon's rows and chapter furniture."""

from __future__ import annotations

from reportlab.platypus import Flowable

from iwobook.config import Edition, Paper
from iwobook.model import (
    AnySection,
    Book,
    Generated,
    GeneratedSection,
    Section,
    SectionKind,
    anchors,
)
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.flowables import BookParagraph, TocLine
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.tags import Role


class GeneratedWriter:
    """Lay out the sections the builder makes from the metadata and the data files."""

    def __init__(self, book: Book, ts: Typesetter, state: PageState) -> None:
        self.book = book
        self.ts = ts
        self.state = state
        self.words = book.messages

    # ------------------------------------------------------------ small pieces

    def labelled(self, key: str, markup: str, style: str = "meta") -> Flowable:
        """Return a 'Label: value' line: the label is the message under key, value is ready markup."""
        bold = self.ts.markup.text(self.words.label(key), self.ts.family_of[style])
        return self._paragraph(f"<b>{bold}</b> {markup}", style)

    def _paragraph(self, markup: str, style: str, role: Role = Role.P) -> Flowable:
        """Return a paragraph (an element of role) of ready markup."""
        return self.ts.structure.tag(BookParagraph(markup, self.ts.styles[style]), role)

    def colophon_metadata(self) -> list[Flowable]:
        """Return the metadata block printed above the colophon's text."""
        meta = self.book.metadata
        family = self.ts.family_of["meta"]
        words = self.words
        date = words.date(meta.date)
        rows = [
            (
                "colophon.title",
                words("colophon.title_and_subtitle", title=meta.title, subtitle=meta.subtitle)
                if meta.subtitle
                else meta.title,
            ),
            ("colophon.edition", meta.edition),
            (
                "colophon.published",
                words("colophon.published_by", publisher=meta.publisher, date=date) if meta.publisher else date,
            ),
            ("colophon.identifier", meta.identifier),
            ("colophon.rights", meta.rights),
            ("colophon.licence", meta.licence),
            ("colophon.pages", self.page_numbers()),
        ]
        return [self.labelled(label, self.ts.markup.text(value, family)) for label, value in rows if value]

    def page_numbers(self) -> str:
        """Return what this edition's page numbers are to the e-book's: the same in the edition of record (the
        standard edition on the book's own paper, which the e-book's page list follows), this edition's own in
        any other."""
        config = self.ts.config
        record = Paper.from_name(self.book.metadata.paper) if self.book.metadata.paper else Paper.A4
        same = config.edition in (Edition.STANDARD, Edition.TEACHER) and (config.paper or record) is record
        return self.words("colophon.pages_record" if same else "colophon.pages_other", paper=record.label)

    # ------------------------------------------------------------ the table of contents

    def _toc_sections(self) -> list[tuple[AnySection, str, int]]:
        """Return (section, part title to print first or '', level) for every TOC entry."""
        out: list[tuple[AnySection, str, int]] = []
        for part in self.book.parts:
            for index, section in enumerate(part.sections):
                if isinstance(section, GeneratedSection) and section.source is Generated.CONTENTS:
                    continue
                if isinstance(section, Section) and section.kind is SectionKind.COLOPHON:
                    continue
                out.append((section, part.title if index == 0 else "", 1 if part.title else 0))
        return out

    def toc_keys(self) -> list[str]:
        """Return the anchors whose page numbers the table of contents prints."""
        return [section.id for section, _, _ in self._toc_sections()]

    def contents(self) -> list[Flowable]:
        """Return the table of contents: parts, sections and chapters with page numbers."""
        out: list[Flowable] = []
        structure = self.ts.structure
        with structure.within(Role.TOC):
            for section, part_title, level in self._toc_sections():
                if part_title:
                    line = TocLine(
                        self.ts.markup.text(part_title, self.ts.family_of["toc_part"]),
                        self.ts.styles["toc_part"],
                        anchors.part_id(section.id),
                    )
                    out.append(structure.tag(line, Role.TOCI))
                title = section.title
                if isinstance(section, Section) and section.kind is SectionKind.CHAPTER:
                    title = self.words("chapter.numbered_title", number=section.number, title=section.title)
                style = "toc_entry" if level else "toc_part"
                line = TocLine(self.ts.markup.text(title, self.ts.family_of[style]), self.ts.styles[style], section.id)
                out.append(structure.tag(line, Role.TOCI))
        return out

    def part_keys(self) -> list[str]:
        """Return the anchors of part titles that the table of contents prints."""
        return [anchors.part_id(s.id) for s, part_title, _ in self._toc_sections() if part_title]
