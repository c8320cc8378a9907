"""Checks across the whole manuscript: unique ids, resolvable cross-references, readable images."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from iwobook.coverage import check_coverage
from iwobook.diagnostics import Code, InputError, Report, suggest
from iwobook.load.book import ManuscriptLoader
from iwobook.load.files import image_problem
from iwobook.load.messages import load_messages
from iwobook.load.prosecache import ProseCache
from iwobook.load.styles import check_stylesheet
from iwobook.model import Blocks, Book, Generated, GeneratedSection, Loc, Section
from iwobook.walk import book_refs, figures_of


def check_ids(book: Book, report: Report) -> None:
    """Report ids used twice across sections, characters, terms and letters, and twice among themes."""
    seen: dict[str, Loc] = {}
    records: list[tuple[str, Loc]] = [(s.id, s.loc) for s in book.sections()]
    records += [(c.id, c.loc) for c in book.characters]
    records += [(t.id, t.loc) for t in book.terms]
    records += [(le.id, le.loc) for le in book.letters]
    for ident, loc in records:
        if not ident:
            continue
        if ident in seen:
            report.add(loc.file, loc.line, Code.E130, f"id '{ident}' is already used at {seen[ident]}")
        else:
            seen[ident] = loc
    themes: dict[str, Loc] = {}
    for theme in book.themes:
        if theme.id in themes:
            report.add(
                theme.loc.file,
                theme.loc.line,
                Code.E130,
                f"theme '{theme.id}' is already defined at {themes[theme.id]}",
            )
        themes.setdefault(theme.id, theme.loc)


def check_references(book: Book, report: Report) -> None:
    """Report cross-references and letter authors that name no known target."""
    known = {s.id for s in book.sections()} | {c.id for c in book.characters}
    known |= {t.id for t in book.terms} | {le.id for le in book.letters}
    for ref, _owner in book_refs(book):
        if ref.target not in known:
            hint = suggest(ref.target, known)
            what = f"'{ref.target}'" if ref.target else "an empty target"
            message = f"cross-reference to {what} names nothing in the book{hint}"
            report.add(ref.loc.file, ref.loc.line, Code.E131, message)
    characters = {c.id for c in book.characters}
    for letter in book.letters:
        if letter.author and letter.author not in characters:
            report.add(
                letter.loc.file,
                letter.loc.line,
                Code.E131,
                f"letter author '{letter.author}' is not a character id{suggest(letter.author, characters)}",
            )


def check_images(book: Book, root: Path, report: Report) -> None:
    """Report figures that Pillow cannot open safely (the loader checks the cover, at its line)."""
    blocks: list[Blocks] = [s.blocks for s in book.sections() if isinstance(s, Section)]
    blocks += [c.description for c in book.characters] + [t.definition for t in book.terms]
    blocks += [le.text + le.provenance for le in book.letters]
    for figure in (f for b in blocks for f in figures_of(b)):
        problem = image_problem(root / figure.path)
        if problem:
            report.add(figure.loc.file, figure.loc.line, Code.E142, f"image '{figure.path}' {problem}")


def check_places(book: Book, report: Report) -> None:
    """Report chapter places the map does not define."""
    places = {p.id for p in book.map.places} if book.map else set()
    for section in book.sections():
        if isinstance(section, Section):
            for place in section.places:
                if place not in places:
                    what = (
                        f"unknown place '{place}'{suggest(place, places)}" if places else f"place '{place}' but no map"
                    )
                    report.add(section.loc.file, section.loc.line, Code.E131, f"chapter names {what}")


def check_map_section(book: Book, report: Report) -> None:
    """Report a map section when book.yaml names no map file."""
    for section in book.sections():
        if isinstance(section, GeneratedSection) and section.source is Generated.MAP and book.map is None:
            report.add(
                section.loc.file, section.loc.line, Code.E121, "a map section needs 'map' under data in book.yaml"
            )


def check_book(book: Book, root: Path, report: Report, fonts: bool = True) -> None:
    """Run every whole-book check, adding diagnostics to report (glyph coverage only when fonts, that is when
    the style sheet's font table is sound)."""
    check_ids(book, report)
    check_places(book, report)
    check_map_section(book, report)
    check_references(book, report)
    check_images(book, root, report)
    if fonts:
        check_coverage(book, root, report)


def load_checked(root: Path, prose: ProseCache | None = None) -> Book:
    """Return the checked Book of the manuscript under root (reusing the prose files kept in prose, when
    given); raise InputError with every diagnostic."""
    report = Report()
    book = ManuscriptLoader(root, report, prose).load()
    if prose is not None:
        prose.forget_unused()
    sheet = Report()
    check_stylesheet(root, sheet)
    report.extend(sheet.items)
    if book is not None:
        check_book(book, root.resolve(), report, fonts=not sheet)
        book = replace(book, messages=load_messages(root, book.metadata.language, report))
    report.suppress_cascades(Code.E131, "manuscript/")
    if report or book is None:
        raise InputError(report.sorted())
    return book
