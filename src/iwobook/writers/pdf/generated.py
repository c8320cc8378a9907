"""The one generated section the PDF still lays out itself: the contents."""

from __future__ import annotations

from reportlab.platypus import Flowable

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
from iwobook.writers.pdf.flowables import TocLine
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.tags import Role


class GeneratedWriter:
    """Lay out the sections the builder makes from the metadata and the data files."""

    def __init__(self, book: Book, ts: Typesetter, state: PageState) -> None:
        self.book = book
        self.ts = ts
        self.state = state
        self.words = book.messages

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
