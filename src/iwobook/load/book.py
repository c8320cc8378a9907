"""book.yaml: the metadata, the themes, the data files and the reading order; loads the whole manuscript."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import assert_never

from iwobook.diagnostics import Code, Report
from iwobook.load.data import DataReader
from iwobook.load.dates import iso_date_problem
from iwobook.load.fields import Fields, mappings
from iwobook.load.files import image_problem, read_text, relative_name, resolve_inside
from iwobook.load.markdown import MarkdownReader
from iwobook.load.prose import read_section
from iwobook.load.prosecache import ProseCache
from iwobook.load.typography import typeset_fields
from iwobook.load.yamltree import Mapping, Scalar, YNode, parse_yaml, type_name
from iwobook.model import (
    BUILTIN_LETTER_KINDS,
    AnySection,
    Book,
    Character,
    Contributor,
    Generated,
    GeneratedSection,
    Letter,
    LetterKind,
    Loc,
    MapData,
    Matter,
    Metadata,
    Part,
    Term,
    Theme,
    TimelineEvent,
)

BOOK_FILE = "manuscript/book.yaml"
_ROLES = ("author", "editor", "illustrator", "translator", "contributor")


def _metadata(f: Fields, loc: Loc, root: Path, report: Report) -> Metadata:
    """Return the metadata fields of book.yaml."""
    contributors: list[Contributor] = []
    for item in mappings(f.sequence("contributors", required=True), f.path, report, "contributor"):
        c = Fields(item, f.path, report, "contributor")
        contributors.append(Contributor(c.text("name"), c.choice("role", _ROLES, default="author")))
        c.finish()
    date = f.text("date")
    if date and (problem := iso_date_problem(date)):
        report.add(f.path, f.line_of("date"), Code.E123, f"date '{date}' {problem}")
    cover = f.text("cover", required=False)
    if cover:
        line = f.line_of("cover")
        target = resolve_inside(root, root, cover, report, (f.path, line))
        if target is not None and not target.is_file():
            report.add(f.path, line, Code.E140, f"cover image '{cover}' does not exist")
        elif target is not None and (problem := image_problem(target)):
            report.add(f.path, line, Code.E142, f"cover '{cover}' {problem}")
    return Metadata(
        loc=loc,
        title=f.title(),
        subtitle=f.text("subtitle", required=False),
        language=f.lang("language"),
        identifier=f.text("identifier"),
        contributors=tuple(contributors),
        publisher=f.text("publisher", required=False),
        rights=f.text("rights"),
        licence=f.text("licence", required=False),
        description=f.text("description", required=False),
        subjects=tuple(s for s, _ in f.texts("subjects")),
        edition=f.text("edition", required=False),
        date=date,
        paper=f.choice("paper", ["a4", "letter"], required=False, default="a4") or "a4",
        cover=cover,
    )


def _themes(f: Fields, report: Report) -> list[Theme]:
    """Return the themes list of book.yaml."""
    out: list[Theme] = []
    for item in mappings(f.sequence("themes"), f.path, report, "theme"):
        t = Fields(item, f.path, report, "theme")
        out.append(Theme(Loc(f.path, item.line), t.ident(), t.text("label"), t.text("symbol", required=False)))
        t.finish()
    return out


def _letter_kinds(f: Fields, report: Report) -> dict[str, LetterKind]:
    """Return the letter kinds a book knows by id: the built-in ones and those book.yaml declares."""
    kinds = {kind: LetterKind(kind, kind.capitalize()) for kind in BUILTIN_LETTER_KINDS}
    declared: dict[str, int] = {}
    for item in mappings(f.sequence("letter_kinds"), f.path, report, "letter kind"):
        k = Fields(item, f.path, report, "letter kind")
        ident, label = k.ident(), k.title("label")
        k.finish()
        if ident in declared:
            where = f"{f.path}:{declared[ident]}"
            report.add(f.path, item.line, Code.E130, f"letter kind '{ident}' is already declared at {where}")
        elif ident:
            declared[ident] = item.line
            kinds[ident] = LetterKind(ident, label or ident, declared=True)
    return kinds


@dataclass
class DataFiles:
    """The records read from the data files."""

    characters: list[Character] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    map: MapData | None = None


def missing_data(book: Book, source: Generated) -> str:
    """Return what a generated section of kind source lacks in book ('' when it has something to show)."""
    chapters = book.chapters()
    match source:
        case Generated.CONTENTS | Generated.MAP:
            return ""  # the contents always lists the sections; a map needs its file (E121), outline and places
        case Generated.CHARACTERS:
            return "" if book.characters else "the book has no characters"
        case Generated.LETTERS:
            return "" if book.letters else "the book has no letters"
        case Generated.TERMS:
            return "" if book.terms else "the book has no terms"
        case Generated.TIMELINE:
            return "" if book.timeline else "the book has no timeline events"
        case Generated.APPEARANCES:
            return "" if book.characters and chapters else "it needs characters and chapters"
        case Generated.THEMES:
            return "" if any(c.themes for c in chapters) else "no chapter is tagged with a theme"
        case _:
            assert_never(source)


class ManuscriptLoader:
    """Load a manuscript folder into a Book, collecting every diagnostic on the way."""

    def __init__(self, root: Path, report: Report, prose: ProseCache | None = None) -> None:
        self.root = root.resolve()
        self.prose = prose  # parsed prose files kept from the last load (`iwobook watch`)
        self.manuscript = self.root / "manuscript"
        self.report = report
        self.reader = MarkdownReader()
        self.troubled: set[Generated] = set()  # kinds whose data (or, for themes, chapters) had problems

    def _yaml(self, reference: str, where: tuple[str, int]) -> tuple[YNode | None, Path | None]:
        """Return the located YAML tree of a manuscript file named in book.yaml."""
        path = resolve_inside(self.root, self.manuscript, reference, self.report, where)
        if path is None:
            return None, None
        text = read_text(path, self.root, self.report, where)
        if text is None:
            return None, path
        return parse_yaml(text, relative_name(path, self.root), self.report), path

    def load(self) -> Book | None:
        """Return the Book, or None when book.yaml itself cannot be read."""
        book_path = self.root / BOOK_FILE
        text = read_text(book_path, self.root, self.report, (BOOK_FILE, 1))
        if text is None:
            return None
        problems = len(self.report.items)
        node = parse_yaml(text, BOOK_FILE, self.report)
        if not isinstance(node, Mapping):
            if node is None and len(self.report.items) == problems:  # only comments: say why we stop
                self.report.add(BOOK_FILE, 1, Code.E104, "file is empty (it holds only comments)")
            elif node is not None:
                self.report.add(BOOK_FILE, node.line, Code.E122, f"book.yaml must be a mapping, not {type_name(node)}")
            return None
        f = Fields(node, BOOK_FILE, self.report, "book.yaml")
        metadata = _metadata(f, Loc(BOOK_FILE, 1), self.root, self.report)
        self.reader = MarkdownReader(metadata.language)  # quotation marks in the book's language
        themes = _themes(f, self.report)
        data = self._data(f.mapping("data"), _letter_kinds(f, self.report))
        parts = self._parts(f, {t.id for t in themes})
        f.finish()
        book = Book(
            metadata=metadata,
            parts=tuple(parts),
            characters=tuple(data.characters),
            letters=tuple(data.letters),
            terms=tuple(data.terms),
            timeline=tuple(data.timeline),
            map=data.map,
            themes=tuple(themes),
        )
        self._report_empty(book)
        return typeset_fields(book, self.reader.plain)

    def _report_empty(self, book: Book) -> None:
        """Report generated sections that would print an empty titled page (unless their data had problems)."""
        for section in book.sections():
            if not isinstance(section, GeneratedSection) or section.source in self.troubled:
                continue
            if lack := missing_data(book, section.source):
                message = f"generated section '{section.id}' would be an empty page: {lack}; remove it from contents"
                self.report.add(section.loc.file, section.loc.line, Code.E151, message)

    def _data(self, node: Mapping | None, kinds: dict[str, LetterKind]) -> DataFiles:
        """Return the records of each data file that book.yaml names."""
        out = DataFiles()
        if node is None:
            return out
        f = Fields(node, BOOK_FILE, self.report, "data")
        for kind in (Generated.CHARACTERS, Generated.LETTERS, Generated.TERMS, Generated.TIMELINE, Generated.MAP):
            reference = f.text(kind.value, required=False)
            if not reference:
                continue
            problems = len(self.report.items)
            tree, path = self._yaml(reference, (BOOK_FILE, f.line_of(kind.value)))
            if path is None:
                self.troubled.add(kind)
                continue
            reader = DataReader(relative_name(path, self.root), path, self.root, self.reader, self.report)
            match kind:
                case Generated.CHARACTERS:
                    out.characters = reader.characters(tree)
                case Generated.LETTERS:
                    out.letters = reader.letters(tree, kinds)
                case Generated.TERMS:
                    out.terms = reader.terms(tree)
                case Generated.TIMELINE:
                    out.timeline = reader.timeline(tree)
                case Generated.MAP:
                    out.map = reader.map_data(tree)
            if len(self.report.items) > problems:
                self.troubled.add(kind)
        if Generated.CHARACTERS in self.troubled:
            self.troubled.add(Generated.APPEARANCES)
        f.finish()
        return out

    def _parts(self, f: Fields, themes: set[str]) -> list[Part]:
        """Return the parts of the reading order with their sections loaded."""
        parts: list[Part] = []
        problems = len(self.report.items)
        for item in mappings(f.sequence("contents", required=True), BOOK_FILE, self.report, "part"):
            p = Fields(item, BOOK_FILE, self.report, "part")
            title = p.title(required=False)
            matter_name = p.choice("matter", [m.value for m in Matter], required=False, default="body")
            matter = Matter(matter_name or "body")
            sections: list[AnySection] = []
            sequence = p.sequence("sections", required=True)
            for entry in sequence.items if sequence else ():
                section = self._section(entry, themes)
                if section is not None:
                    sections.append(section)
            p.finish()
            parts.append(Part(Loc(BOOK_FILE, item.line), title, matter, tuple(sections)))
        if len(self.report.items) > problems:  # a chapter that did not load may hold themes and references
            self.troubled |= {Generated.THEMES, Generated.APPEARANCES}
        return parts

    def _section(self, entry: YNode, themes: set[str]) -> AnySection | None:
        """Return the section one entry of a part's 'sections' names."""
        if isinstance(entry, Scalar) and isinstance(entry.value, str):
            where = (BOOK_FILE, entry.line)
            path = resolve_inside(self.root, self.manuscript, entry.raw, self.report, where)
            if path is None:
                return None
            text = read_text(path, self.root, self.report, where)
            if text is None:
                return None
            if self.prose is None:
                return read_section(text, path, self.root, self.reader, self.report, themes)
            key = (str(path), text, tuple(sorted(themes)))
            make = partial(read_section, text, path, self.root, self.reader, self.report, themes)
            return self.prose.read(key, self.report, make)
        if isinstance(entry, Mapping):
            g = Fields(entry, BOOK_FILE, self.report, "generated section")
            source = g.choice("generated", [k.value for k in Generated])
            title = g.title()
            section_id = g.ident("id", required=False, default=source)
            g.finish()
            if not source:
                return None
            return GeneratedSection(Loc(BOOK_FILE, entry.line), section_id, title, Generated(source))
        self.report.add(
            BOOK_FILE,
            entry.line,
            Code.E122,
            f"a section must be a file path or {{generated: ..., title: ...}}, not {type_name(entry)}",
        )
        return None
