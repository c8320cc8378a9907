"""Glyph coverage: every character the book prints, in prose and in every data field, must have a glyph in some
font of each family of the style sheet (its faces or its fallback list); `check` reports those that have none."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
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
        kind: type = type(node)
        for field_name in _field_names(kind):
            if not (name == "" and field_name in ("targets", "appearances")):  # the book's computed indexes
                yield from printed_texts(getattr(node, field_name), here, field_name)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """Return the names of a dataclass's fields that may hold printed text."""
    return tuple(f.name for f in fields(kind) if f.name not in _NOT_PRINTED and f.name != "loc")


def lacking_codes(fonts_dir: Path, family: FamilyFonts, codes: set[int]) -> set[int]:
    """Return the code points of codes that no font of a family (its regular face, then each fallback's)
    can draw; a fallback's file is read only while some code point is still without a glyph."""
    remaining = set(codes)
    for face in [family.main, *family.fallbacks]:
        if not remaining:
            break
        covered = file_coverage(fonts_dir / face.file("regular"))
        remaining = {code for code in remaining if code not in covered}
    return remaining


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
    texts = list(printed_texts(book))
    used = {ord(char) for _loc, text in texts for char in set(text)} - _NEUTRAL
    lacking_in: dict[str, set[int]] = {}
    for key, family in table.items():
        files = sorted({f.file(variant) for f in [family.main, *family.fallbacks] for variant in VARIANTS})
        missing = [name for name in files if not (fonts_dir / name).is_file()]
        if missing:
            names = ", ".join(missing)
            report.add(shown, 1, Code.E100, f"font family '{key}' names font files that do not exist: {names}")
            return
        lacking_in[key] = lacking_codes(fonts_dir, family, used)
    undrawable = {chr(code) for codes in lacking_in.values() for code in codes}
    if not undrawable:
        return
    lacking: dict[Loc, dict[str, set[str]]] = {}
    for loc, text in texts:
        for char in undrawable.intersection(text):
            keys = {key for key, codes in lacking_in.items() if ord(char) in codes}
            lacking.setdefault(loc, {}).setdefault(char, set()).update(keys)
    for loc, chars in lacking.items():
        ordered = sorted(chars)
        families = sorted({key for keys in chars.values() for key in keys})
        message = (
            f"no configured font ({', '.join(families)}) can draw {_describe(ordered)}; "
            "add a font that has it to a fallback list in the style sheet"
        )
        report.add(loc.file, loc.line, Code.E170, message)
