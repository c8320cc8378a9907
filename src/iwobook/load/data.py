"""Data files (characters, letters, terms, timeline, map): YAML read into model records."""

from __future__ import annotations

from pathlib import Path

from iwobook.diagnostics import Code, Report, suggest
from iwobook.load.dates import iso_date_problem, written_date_problem
from iwobook.load.fields import Fields, mappings
from iwobook.load.markdown import MarkdownReader
from iwobook.load.yamltree import Mapping, YNode, type_name
from iwobook.model import (
    BUILTIN_LETTER_KINDS,
    Blocks,
    Character,
    Letter,
    LetterKind,
    Loc,
    MapData,
    Marker,
    OriginalText,
    Place,
    PlaceKind,
    Term,
    TimelineEvent,
)

_LABEL_SIDES = ("right", "left", "above", "below")


class DataReader:
    """Read the entries of one data file, with Markdown fields parsed in place."""

    def __init__(self, name: str, path: Path, root: Path, reader: MarkdownReader, report: Report) -> None:
        self.name = name
        self.path = path
        self.root = root
        self.reader = reader
        self.report = report

    def _blocks(self, fields: Fields, field_name: str, required: bool = True) -> Blocks:
        """Return a Markdown field as blocks; lines count from the line after the key for block scalars."""
        text, line = fields.text_at(field_name, required)
        if not text:
            return ()
        return self.reader.blocks(text, self.name, self.path.parent, self.root, self.report, first_line=line)

    def originals(self, f: Fields, what: str, source: bool = False) -> tuple[OriginalText, ...]:
        """Return the 'originals' list of a record: each a text with its language tag (and source when asked)."""
        out: list[OriginalText] = []
        for item in mappings(f.sequence("originals"), self.name, self.report, f"{what} original"):
            o = Fields(item, self.name, self.report, f"{what} original")
            lang, text = o.lang(), o.text("text")
            out.append(OriginalText(Loc(self.name, item.line), lang, text, o.text("source") if source else ""))
            o.finish()
        return tuple(out)

    def characters(self, node: YNode | None) -> list[Character]:
        """Return the characters of a characters file."""
        out: list[Character] = []
        for item in mappings(node, self.name, self.report, "character"):
            f = Fields(item, self.name, self.report, "character")
            out.append(
                Character(
                    loc=Loc(self.name, item.line),
                    id=f.ident(),
                    name=f.title("name"),
                    short=f.title("short", required=False),
                    originals=self.originals(f, "character"),
                    rank=f.text("rank", required=False),
                    role=f.text("role"),
                    actor=f.text("actor", required=False),
                    historical=f.flag("historical"),
                    description=self._blocks(f, "description"),
                )
            )
            f.finish()
        return out

    def letters(self, node: YNode | None, kinds: dict[str, LetterKind]) -> list[Letter]:
        """Return the entries of a letters file; kinds are the letter kinds the book knows, by id."""
        out: list[Letter] = []
        for item in mappings(node, self.name, self.report, "letter"):
            f = Fields(item, self.name, self.report, "letter")
            letter_id = f.ident()
            title = f.title()
            author = f.ident("author", required=False)
            recipient = f.text("recipient")
            date = f.text("date")
            if date and (problem := written_date_problem(date)):
                self.report.add(self.name, f.line_of("date"), Code.E123, f"date '{date}' {problem}")
            kind = f.text("kind", required=False, default="letter")
            if kind not in kinds:
                self.report.add(
                    self.name,
                    f.line_of("kind"),
                    Code.E123,
                    f"letter kind '{kind}' is neither built in ({', '.join(BUILTIN_LETTER_KINDS)}) nor declared"
                    f" under 'letter_kinds' in book.yaml{suggest(kind, kinds)}",
                )
            text = self._blocks(f, "text")
            originals = self.originals(f, "letter", source=True)
            provenance = self._blocks(f, "provenance")
            f.finish()
            out.append(
                Letter(
                    Loc(self.name, item.line),
                    letter_id,
                    title,
                    author,
                    recipient,
                    date,
                    kinds.get(kind, LetterKind(kind, kind)),
                    text,
                    originals,
                    provenance,
                )
            )
        return out

    def terms(self, node: YNode | None) -> list[Term]:
        """Return the entries of a glossary of terms."""
        out: list[Term] = []
        for item in mappings(node, self.name, self.report, "term"):
            f = Fields(item, self.name, self.report, "term")
            out.append(
                Term(
                    Loc(self.name, item.line),
                    f.ident(),
                    f.title("term"),
                    self.originals(f, "term"),
                    self._blocks(f, "definition"),
                )
            )
            f.finish()
        return out

    def timeline(self, node: YNode | None) -> list[TimelineEvent]:
        """Return the events of a timeline, reporting bad dates and events out of order."""
        out: list[TimelineEvent] = []
        for item in mappings(node, self.name, self.report, "timeline"):
            f = Fields(item, self.name, self.report, "timeline event")
            date = f.text("date")
            line = f.line_of("date")
            problem = iso_date_problem(date, "any") if date else None
            if problem:
                self.report.add(self.name, line, Code.E123, f"date '{date}' {problem}")
            text, text_line = f.text_at("text")
            f.finish()
            ordered = out and date and not problem and not iso_date_problem(out[-1].date, "any")
            if ordered and date < out[-1].date[: len(date)]:
                self.report.add(self.name, line, Code.E160, f"event dated {date} comes after one dated {out[-1].date}")
            inlines = self.reader.inlines(text, self.name, self.report, text_line)
            out.append(TimelineEvent(Loc(self.name, item.line), date, inlines))
        return out

    def map_data(self, node: YNode | None) -> MapData | None:
        """Return the map of a map file: title, note, outline and places."""
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self.report.add(self.name, node.line, Code.E122, f"the map file must be a mapping, not {type_name(node)}")
            return None
        f = Fields(node, self.name, self.report, "map")
        title = f.title()
        note = f.text("note")
        outline = f.points("outline", required=True, least=3)
        kinds = self.place_kinds(f.sequence("kinds"))
        places: list[Place] = []
        for item in mappings(f.sequence("places", required=True), self.name, self.report, "place"):
            p = Fields(item, self.name, self.report, "place")
            if kinds:
                kind = kinds.get(p.choice("kind", kinds, required=False))
            elif named := p.text("kind", required=False):
                message = f"kind '{named}' is not declared: list the map's kinds under 'kinds' (id, label, marker)"
                self.report.add(self.name, p.line_of("kind"), Code.E123, message)
                kind = None
            else:
                kind = None
            at = p.points("at", required=True, least=0)
            places.append(
                Place(
                    Loc(self.name, item.line),
                    p.ident(),
                    p.title("name"),
                    kind,
                    at[0] if at else (50.0, 50.0),
                    p.points("shape", least=3),
                    p.text("note", required=False),
                    p.choice("label", _LABEL_SIDES, required=False, default="right") or "right",
                )
            )
            p.finish()
        f.finish()
        return MapData(Loc(self.name, node.line), title, note, outline, tuple(places), tuple(kinds.values()))

    def place_kinds(self, node: YNode | None) -> dict[str, PlaceKind]:
        """Return the kinds of place a map declares, by id: the words of its key and the marker drawn."""
        kinds: dict[str, PlaceKind] = {}
        for item in mappings(node, self.name, self.report, "place kind"):
            k = Fields(item, self.name, self.report, "place kind")
            ident, label = k.ident(), k.title("label")
            marker = Marker(k.choice("marker", [m.value for m in Marker], default="circle") or "circle")
            k.finish()
            if ident in kinds:
                self.report.add(self.name, item.line, Code.E130, f"place kind '{ident}' is declared twice")
            elif ident:
                kinds[ident] = PlaceKind(Loc(self.name, item.line), ident, label, marker)
        return kinds
