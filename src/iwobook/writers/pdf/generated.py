"""Generated sections in the PDF: contents, colophon data, characters, letters, terms and the timeline."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

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
from iwobook.model.messages import kind_label
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.flowables import Anchor, BookParagraph, LateParagraph, TocLine
from iwobook.writers.pdf.keeping import KeepEnd
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

    def mark(self, key: str) -> Flowable:
        """Return an invisible mark where a generated line begins, so a page starting there is located."""
        return Anchor(self.state, key)

    def appearances(self, key: str, label: str = "entry.appears_in") -> list[Flowable]:
        """Return the 'Appears in' line of an entry, citing chapters and their printed pages."""
        found = self.book.appearances.get(key, ())
        if not found:
            return []
        family = self.ts.family_of["meta"]

        def make() -> str:
            cited = [
                self.ts.markup.link(
                    a.section_id,
                    self.words(
                        "entry.chapter_page", number=a.number, page=self.state.anchor_pages.get(a.section_id, "?")
                    ),
                    family,
                )
                for a in found
            ]
            head = self.ts.markup.text(self.words.label(label), family)
            return f"<b>{head}</b> " + self.ts.markup.text(self.words("format.comma"), family).join(cited)

        late = self.ts.structure.tag(LateParagraph(make, self.ts.styles["entry_meta"]), Role.P)
        return [self.mark(anchors.appears_id(key)), late]

    def theme_line(self, theme_ids: tuple[str, ...]) -> Flowable:
        """Return the themes of a chapter with their symbols."""
        themes = {t.id: t for t in self.book.themes}
        family = self.ts.family_of["meta"]
        labels = [f"[{themes[t].symbol}] {themes[t].label}" if themes[t].symbol else themes[t].label for t in theme_ids]
        return self.labelled("chapter.themes", self.ts.markup.text(self.words("format.series").join(labels), family))

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

    # ------------------------------------------------------------ data sections

    def characters(self) -> list[Flowable]:
        """Return the character glossary."""
        out: list[Flowable] = []
        family = self.ts.family_of["entry_meta"]
        for c in self.book.characters:
            name = self.ts.markup.text(c.name, self.ts.family_of["entry_name"])
            if c.originals:
                originals = self.words("format.comma").join(o.text for o in c.originals)
                name = self.ts.markup.text(
                    self.words("format.name_and_other", name=c.name, other=originals), self.ts.family_of["entry_name"]
                )
            status = self.words(
                "format.sentence", text=self.words("entry.historical" if c.historical else "entry.fictional")
            )
            details = [c.rank, c.role] + ([self.words("entry.played_by", actor=c.actor)] if c.actor else [])
            head: list[Flowable] = [
                Anchor(self.state, c.id, loc=c.loc),
                self._paragraph(name, "entry_name"),
                self._paragraph(
                    f"<b>{self.ts.markup.text(status, family)}</b> "
                    + self.ts.markup.text(self.words("format.facts").join(details), family),
                    "entry_meta",
                ),
            ]
            body = self.ts.blocks(c.description, "body", "body_first")
            out.append(KeepEnd(head, body, self.appearances(c.id)))
        return out

    def letters(self) -> list[Flowable]:
        """Return the letters appendix: each text set apart, its originals, provenance and mentions."""
        out: list[Flowable] = []
        family = self.ts.family_of["entry_meta"]
        for le in self.book.letters:
            w = self.words
            facts = [kind_label(w, le.kind.id, le.kind.label)]
            if le.recipient:
                facts.append(f"{w.label('letter.recipient')} {le.recipient}")
            if le.date:
                facts.append(f"{w.label('letter.date')} {w.date(le.date)}")
            author = self.book.targets.get(le.author)
            if author:
                facts.append(f"{w.label('letter.author')} {author.label}")
            meta = w("format.facts").join(facts)
            head: list[Flowable] = [
                Anchor(self.state, le.id, loc=le.loc),
                self.ts.plain(le.title, "entry_name", self.ts.structure.heading(1)),
                self._paragraph(self.ts.markup.text(meta, family), "entry_meta"),
            ]
            with self.ts.structure.within(Role.BLOCKQUOTE):
                text = self.ts.blocks(le.text, "letter_text", "letter_text")
            out.append(KeepTogether([*head, *text[:1]]))
            out += text[1:]
            for number, original in enumerate(le.originals, start=1):
                label = w("letter.wording", language=w.language_name(original.lang))
                if original.source:
                    label += w("format.facts") + f"{w.label('letter.source')} {original.source}"
                style = (
                    "original_cjk"
                    if original.lang.split("-")[0] in ("ja", "zh", "ko") and original.lang != "ja-Latn"
                    else "original"
                )
                # the mark stays with its label and text, so a page beginning there is located at the label
                mark = self.mark(anchors.original_id(le.id, number))
                line = self.ts.plain(label, "entry_meta")
                with self.ts.structure.within(Role.BLOCKQUOTE, lang=original.lang):
                    wording = self.ts.plain(original.text, style)
                out.append(KeepTogether([mark, line, wording]))
            mentions = self.appearances(le.id, "entry.mentioned_in")
            if le.provenance:
                label = self.ts.plain(self.words("letter.provenance"), "label", self.ts.structure.heading(2))
                provenance = self.ts.blocks(le.provenance, "small_next", "small")
                mark = self.mark(anchors.provenance_id(le.id))
                # the label keeps the first lines, and the mentions (never the first line of a page: their
                # wording differs in the e-book) the last lines; the note itself may break across pages
                out.append(KeepEnd([mark, label], provenance, mentions))
            elif mentions and out:
                out[-1:] = [KeepTogether([out[-1], *mentions])]
            else:
                out += mentions
        return out

    def terms(self) -> list[Flowable]:
        """Return the glossary of terms."""
        out: list[Flowable] = []
        for t in self.book.terms:
            originals = self.words("format.comma").join(o.text for o in t.originals)
            shown = self.words("format.name_and_other", name=t.term, other=originals) if t.originals else t.term
            name = self.ts.markup.text(shown, self.ts.family_of["entry_name"])
            body = self.ts.blocks(t.definition, "body", "body_first")
            head = [Anchor(self.state, t.id, loc=t.loc), self._paragraph(name, "entry_name")]
            # the entry's name keeps its first lines, and 'Appears in' (never the first line of a page: its
            # wording differs in the e-book) its last lines
            out.append(KeepEnd(head, body, self.appearances(t.id)))
        return out
