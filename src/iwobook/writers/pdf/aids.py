"""Study aids in the PDF: the timeline with its figure, the map, the theme tracker, who appears where."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from iwobook.figures import draw_map, draw_timeline, legend, place_chapters, place_label, timeline_numbers
from iwobook.model import Book, anchors, block_key
from iwobook.model.symbols import MARKER_SYMBOLS, theme_symbol
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.figure import DrawingFlowable
from iwobook.writers.pdf.flowables import BookParagraph, KeyedParagraph, LateParagraph
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.tagged import tag_table
from iwobook.writers.pdf.tags import Element, Role

_RULE = (0.6, 0.6, 0.6)


class StudyAids:
    """Lay out the study aids computed from the model."""

    def __init__(self, book: Book, ts: Typesetter, state: PageState, figure_family: Family) -> None:
        self.book = book
        self.ts = ts
        self.state = state
        self.figure_family = figure_family
        self.words = book.messages

    def _table(self, rows: list[list[Flowable]], widths: list[float], header: bool = False) -> Table:
        """Return a table in the text font, hairlines between rows, the first row repeated as a header."""
        table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.ts.styles["base"].fontName),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, _RULE),
        ]
        if header:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, (0, 0, 0)))
        table.setStyle(TableStyle(commands))
        return table

    def timeline(self) -> list[Flowable]:
        """Return the timeline figure and the numbered list of dates and events it matches."""
        if not self.book.timeline:
            return []
        out: list[Flowable] = []
        drawing = draw_timeline(self.book, self.ts.text_width, self.ts.styles["figure"].fontSize)
        if drawing is not None:
            figure = DrawingFlowable(drawing, self.figure_family, self.ts.text_height * 0.9)
            out += [self.ts.structure.tag(figure, Role.FIGURE, alt=drawing.alt), Spacer(1, 10)]
        numbers = timeline_numbers(self.book)
        date_style = self.ts.styles["timeline_date"]
        rows = [
            [
                self.ts.keyed(str(numbers[i]) if i in numbers else "", "timeline_date", block_key(e.loc)),
                self.ts.plain(self.words.date(e.date), "timeline_date"),
                self.ts.para(e.text, "timeline_text"),
            ]
            for i, e in enumerate(self.book.timeline)
        ]
        events = Element(Role.L, self.ts.structure.parent)
        for number, date, text in rows:  # a list of events: the number is the label, the date and text the body
            item = Element(Role.LI, events)
            body = Element(Role.LBODY, item)
            number.tag = Element(Role.LBL, item)
            date.tag, text.tag = Element(Role.P, body), Element(Role.P, body)
        number_width = stringWidth("00", date_style.fontName, date_style.fontSize) + 8
        date_width = 10 + max(
            stringWidth(self.words.date(e.date), date_style.fontName, date_style.fontSize) for e in self.book.timeline
        )
        out.append(self._table(rows, [number_width, date_width, self.ts.text_width - date_width - number_width]))
        return out

    def map(self) -> list[Flowable]:
        """Return the map, its key and the places with the chapters that name them."""
        data = self.book.map
        drawing = draw_map(self.book, self.ts.text_width, self.ts.styles["figure"].fontSize)
        if data is None or drawing is None:
            return []
        figure = DrawingFlowable(drawing, self.figure_family, self.ts.text_height * 0.9)
        out: list[Flowable] = [self.ts.structure.tag(figure, Role.FIGURE, alt=drawing.alt)]
        out.append(self.ts.plain(data.note, "caption", Role.CAPTION))
        key = "   ".join(f"{MARKER_SYMBOLS[marker]} {word}" for marker, word in legend(self.book))
        out.append(self._labelled("map.key", self.ts.markup.text(key, self.ts.family_of["meta"])))
        chapters = place_chapters(self.book)
        for place in data.places:
            label = self.ts.markup.text(
                place_label(self.book, place, chapters.get(place.id, ())), self.ts.family_of["meta"]
            )
            text = self.ts.markup.text(place.note, self.ts.family_of["meta"])
            place_line = KeyedParagraph(
                f"<b>{label}</b>: {text}",
                self.ts.styles["entry_meta"],
                state=self.state,
                key=anchors.id_key(anchors.place_id(place.id)),
            )
            out.append(self.ts.structure.tag(place_line, Role.P))
        return [KeepTogether(out[:3]), *out[3:]]

    def _labelled(self, label: str, markup: str) -> Paragraph:
        """Return a 'Label: value' paragraph of ready markup."""
        paragraph = BookParagraph(
            f"<b>{self.ts.markup.text(self.words.label(label), self.ts.family_of['meta'])}</b> {markup}",
            self.ts.styles["meta"],
        )
        return self.ts.structure.tag(paragraph, Role.P)

    def themes(self) -> list[Flowable]:
        """Return the theme tracker: themes by chapters, each tagged cell holding the theme's symbol."""
        chapters = self.book.chapters()
        if not chapters or not self.book.themes:
            return []
        cell = self.ts.styles["timeline_date"]
        words = self.words
        not_tagged = words("themes.not_tagged_mark")
        header = [self.ts.plain(words("themes.theme"), "timeline_date")]
        header += [self.ts.plain(str(c.number), "timeline_date") for c in chapters]
        rows = [header]
        for theme in self.book.themes:
            symbol = theme_symbol(theme)
            row = [self.ts.plain(f"{symbol}  {theme.label}", "timeline_text")]
            row += [self.ts.plain(symbol if theme.id in c.themes else not_tagged, "timeline_date") for c in chapters]
            rows.append(row)
        first = max(stringWidth(f"M  {t.label}", cell.fontName, cell.fontSize) for t in self.book.themes) * 0.75 + 12
        first = min(first, self.ts.text_width * 0.42)
        # a chapter column holds its number and marks on one line; the theme column gets what is left
        marks = [str(c.number) for c in chapters] + [theme_symbol(t) for t in self.book.themes] + [not_tagged]
        need = max(stringWidth(m, cell.fontName, cell.fontSize) for m in marks) + 7  # the padding, and a point to spare
        rest = max(need, (self.ts.text_width - first) / len(chapters))
        rest = min(rest, self.ts.text_width * 0.8 / len(chapters))
        first = self.ts.text_width - rest * len(chapters)
        tag_table(rows, self.ts.structure.parent, header_rows=1, header_columns=1)
        table = self._table(rows, [first] + [rest] * len(chapters), header=True)
        table.setStyle(TableStyle([("ALIGN", (1, 0), (-1, -1), "CENTER")]))
        pairs = [words("format.pair", symbol=theme_symbol(t), meaning=t.label) for t in self.book.themes]
        pairs.append(words("format.pair", symbol=not_tagged, meaning=words("themes.not_tagged")))
        titles = words("format.series").join(words("format.pair", symbol=c.number, meaning=c.title) for c in chapters)
        return [
            table,
            Spacer(1, 8),
            self._labelled(
                "themes.key", self.ts.markup.text(words("format.series").join(pairs), self.ts.family_of["meta"])
            ),
            self._labelled("themes.chapters", self.ts.markup.text(titles, self.ts.family_of["meta"])),
        ]

    def appearances(self) -> list[Flowable]:
        """Return who appears where: each character with the chapters (and printed pages) that mention them."""
        family = self.ts.family_of["meta"]
        words = self.words
        rows: list[list[Flowable]] = [
            [
                self.ts.plain(words("appearances.character"), "label"),
                self.ts.plain(words("appearances.chapters"), "label"),
            ]
        ]
        pages = self.state.anchor_pages
        for character in self.book.characters:

            def cited(key: str = character.id) -> str:
                parts = [
                    self.ts.markup.link(
                        a.section_id,
                        words("appearances.chapter_page", number=a.number, page=pages.get(a.section_id, "?")),
                        family,
                    )
                    for a in self.book.appearances.get(key, ())
                ]
                separator = self.ts.markup.text(words("format.comma"), family)
                return separator.join(parts) or self.ts.markup.text(words("appearances.none"), family)

            name = self.ts.markup.link(character.id, character.name, family)
            rows.append([BookParagraph(name, self.ts.styles["meta"]), LateParagraph(cited, self.ts.styles["meta"])])
        width = self.ts.text_width * 0.34
        tag_table(rows, self.ts.structure.parent, header_rows=1, header_columns=1)
        return [self._table(rows, [width, self.ts.text_width - width], header=True)]
