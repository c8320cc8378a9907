"""The contents as the PDF sets it: the lowered outline (Book.outline) as lines with leaders and page numbers."""

from __future__ import annotations

from reportlab.platypus import Flowable

from iwobook.model import Book
from iwobook.model.document import Medium, outline_lines
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.flowables import TocLine
from iwobook.writers.pdf.tags import Role


class ContentsWriter:
    """Set the book's contents from its outline, worded for a print edition of medium."""

    def __init__(self, book: Book, ts: Typesetter, medium: Medium) -> None:
        self.book = book
        self.ts = ts
        self.medium = medium

    def page_keys(self) -> list[str]:
        """Return the anchors whose page numbers the contents prints: its sections', then its parts'."""
        lines = [entry for _, entry in outline_lines(self.book.outline)]
        return [e.page.target for e in lines if e.role != "part"] + [e.page.target for e in lines if e.role == "part"]

    def lines(self) -> list[Flowable]:
        """Return the contents: a line per entry, top-level entries (parts, untitled parts' sections) in the part
        style, those under a part in the entry style, each tagged TOCI within one TOC."""
        out: list[Flowable] = []
        structure = self.ts.structure
        with structure.within(Role.TOC):
            for level, entry in outline_lines(self.book.outline):
                style = "toc_entry" if level else "toc_part"
                markup = self.ts.markup.text(entry.names.of(self.medium), self.ts.family_of[style])
                out.append(structure.tag(TocLine(markup, self.ts.styles[style], entry.page.target), Role.TOCI))
        return out
