"""Glyph coverage: every character the book prints, in prose and in every data field, must have a glyph in some
font of each family of the style sheet (its faces or its fallback list); `check` reports those that have none."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path

from iwobook.config import BuildConfig
from iwobook.diagnostics import Code, Report
from iwobook.fonttable import VARIANTS, FamilyFonts, file_coverage, load_font_table
from iwobook.model import Book, Loc

# fields that hold names of things, not printed text
_NOT_PRINTED = frozenset(
    {"id", "lang", "language", "identifier", "path", "url", "target", "cover", "paper", "section_id", "places"}
)
_NEUTRAL = frozenset(map(ord, "\n\r\t"))
_LISTED = 5  # characters named in one diagnostic before "and N more"


def printed_texts(node: object, loc: Loc | None = None, name: str = "") -> Iterator[tuple[Loc, str]]:
    """Yield (place, text) for every string of a model node and its children; a node without a place of its
    own takes its parent's. Fields that name things (ids, language tags, paths, URLs) are left out."""
    if name in _NOT_PRINTED or isinstance(node, Enum | bool | int | float) or node is None:
        return
    if isinstance(node, str):
        if loc is not None and node:
            yield loc, node
        return
    if isinstance(node, Loc):
        return
    if isinstance(node, tuple | list):
        for item in node:
            yield from printed_texts(item, loc, name)
        return
    if is_dataclass(node):
        own = getattr(node, "loc", None)
        here = own if isinstance(own, Loc) else loc
        for f in fields(node):
            if not (name == "" and f.name in ("targets", "appearances")):  # the book's computed indexes
                yield from printed_texts(getattr(node, f.name), here, f.name)


def family_coverage(fonts_dir: Path, family: FamilyFonts) -> frozenset[int]:
    """Return every code point some font of a family (its regular face or a fallback's) can draw."""
    paths = [fonts_dir / family.main.file("regular")] + [fonts_dir / f.file("regular") for f in family.fallbacks]
    covered: set[int] = set()
    for path in paths:
        covered |= file_coverage(path)
    return frozenset(covered)


def _describe(chars: list[str]) -> str:
    """Return chars as the diagnostic names them: 'x' (U+0078), … and N more."""
    named = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:_LISTED])
    return named + (f" and {len(chars) - _LISTED} more" if len(chars) > _LISTED else "")


def check_coverage(book: Book, root: Path, report: Report) -> None:
    """Report, once per place, the characters some family of the style sheet has no font for (E170)."""
    config = BuildConfig(root=root)
    sheet = config.asset("styles.yaml")
    shown = str(sheet.relative_to(root) if sheet.is_relative_to(root) else sheet)
    try:
        table = load_font_table(config)
    except ValueError as error:
        report.add(shown, 1, Code.E123, str(error).removeprefix("style sheet: "))
        return
    fonts_dir = config.asset("fonts")
    coverage: dict[str, frozenset[int]] = {}
    for key, family in table.items():
        files = sorted({f.file(variant) for f in [family.main, *family.fallbacks] for variant in VARIANTS})
        missing = [name for name in files if not (fonts_dir / name).is_file()]
        if missing:
            names = ", ".join(missing)
            report.add(shown, 1, Code.E100, f"font family '{key}' names font files that do not exist: {names}")
            return
        coverage[key] = family_coverage(fonts_dir, family)
    everywhere = frozenset.intersection(*coverage.values()) if coverage else frozenset()
    lacking: dict[Loc, dict[str, set[str]]] = {}
    for loc, text in printed_texts(book):
        for char in set(text):
            code = ord(char)
            if code in everywhere or code in _NEUTRAL:
                continue
            for key, covered in coverage.items():
                if code not in covered:
                    lacking.setdefault(loc, {}).setdefault(char, set()).add(key)
    for loc, chars in lacking.items():
        ordered = sorted(chars)
        families = sorted({key for keys in chars.values() for key in keys})
        message = (
            f"no configured font ({', '.join(families)}) can draw {_describe(ordered)}; "
            "add a font that has it to a fallback list in the style sheet"
        )
        report.add(loc.file, loc.line, Code.E170, message)
