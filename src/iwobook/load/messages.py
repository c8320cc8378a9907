"""The book's message catalogue: iwobook's own for the book's language, then the book's assets/locales overrides.

Catalogues are flat YAML mappings of key to message (assets/locales/<language>.yaml). iwobook's en.yaml
is the reference: every key it has must have a message in the book's language, from iwobook's catalogue
for that language or from the book's own, so that no word falls back to English by accident (E190).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from iwobook.config import BUILTIN_ASSETS
from iwobook.diagnostics import Code, Report, suggest
from iwobook.load.files import read_text, relative_name
from iwobook.load.yamltree import Mapping, Scalar, parse_yaml, type_name
from iwobook.model.messages import Messages, placeholders

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
LOCALES = "locales"
REFERENCE = "en"
BOOK_FILE = "manuscript/book.yaml"


@dataclass(frozen=True)
class Catalogue:
    """One catalogue file's messages and the line of each key."""

    path: str
    messages: dict[str, str]
    lines: dict[str, int]
    last_line: int


def shipped_languages() -> list[str]:
    """Return the languages iwobook ships a catalogue for ('de', 'en', ...)."""
    return sorted(p.stem for p in (BUILTIN_ASSETS / LOCALES).glob("*.yaml"))


def catalogue_names(language: str) -> list[str]:
    """Return the file stems a language's messages come from, the general first ('fr', then 'fr-CA')."""
    primary = language.split("-")[0].lower()
    return list(dict.fromkeys([primary, language] if language else [primary]))


def read_catalogue(path: Path, root: Path, report: Report, reference: dict[str, str] | None) -> Catalogue | None:
    """Return the messages of one catalogue file, reporting syntax, unknown keys, types and placeholders.

    reference is the English catalogue the keys and placeholders are checked against (None: it is the reference).
    """
    name = relative_name(path, root)
    text = read_text(path, root, report, (name, 1))
    if text is None:
        return None
    node = parse_yaml(text, name, report)
    last = max(1, text.rstrip("\n").count("\n") + 1)
    if node is None:
        return Catalogue(name, {}, {}, last)
    if not isinstance(node, Mapping):
        report.add(name, node.line, Code.E122, f"a message catalogue must be a mapping, not {type_name(node)}")
        return None
    messages: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key, line, value in node.entries:
        if reference is not None and key not in reference:
            report.add(name, line, Code.E120, f"unknown message '{key}'{suggest(key, reference)}")
            continue
        if not isinstance(value, Scalar) or not isinstance(value.value, str):
            report.add(name, line, Code.E122, f"message '{key}' must be text, not {type_name(value)}")
            continue
        if reference is not None:
            extra = placeholders(value.value) - placeholders(reference[key])
            if extra:
                allowed = ", ".join(f"{{{p}}}" for p in sorted(placeholders(reference[key]))) or "none"
                names = ", ".join(f"{{{p}}}" for p in sorted(extra))
                report.add(name, line, Code.E123, f"message '{key}' uses {names}; it can use {allowed}")
                continue
        messages[key] = value.value
        lines[key] = line
    return Catalogue(name, messages, lines, last)


def language_line(root: Path) -> int:
    """Return the line of book.yaml's language field (1 when it cannot be found)."""
    path = root / BOOK_FILE
    node = parse_yaml(path.read_text(encoding="utf-8"), BOOK_FILE, Report()) if path.is_file() else None
    if isinstance(node, Mapping):
        return next((line for key, line, _ in node.entries if key == "language"), node.line)
    return 1


def load_messages(root: Path, language: str, report: Report) -> Messages:
    """Return the book's messages in its language: iwobook's catalogue, then the book's own (which win).

    Every key of iwobook's English catalogue must have a message: one that does not is E190, at the book's
    own catalogue for the language (or at book.yaml's language field when the book has none).
    """
    root = root.resolve()
    if not LANGUAGE_TAG.fullmatch(language):
        return Messages(language)  # the loader reports the tag itself
    shipped_dir = BUILTIN_ASSETS / LOCALES
    reference = read_catalogue(shipped_dir / f"{REFERENCE}.yaml", root, report, None)
    if reference is None:
        return Messages(language)
    shipped = [shipped_dir / f"{name}.yaml" for name in catalogue_names(language)]
    own = [root / "assets" / LOCALES / f"{name}.yaml" for name in catalogue_names(language)]
    merged: dict[str, str] = {}
    book_catalogue: Catalogue | None = None
    found = False
    for path in dict.fromkeys(p.resolve() for p in shipped + own if p.is_file()):
        catalogue = read_catalogue(path, root, report, reference.messages)
        found = True
        if catalogue is not None:
            merged.update(catalogue.messages)
            if path.is_relative_to(root) and not path.is_relative_to(shipped_dir.resolve()):
                book_catalogue = catalogue
    missing = [key for key in reference.messages if key not in merged]
    if not found:
        line = language_line(root)
        ships = ", ".join(shipped_languages())
        report.add(
            BOOK_FILE,
            line,
            Code.E190,
            f"no message catalogue for language '{language}' (iwobook has {ships}): add"
            f" assets/locales/{catalogue_names(language)[0]}.yaml with every message of iwobook's en.yaml",
        )
    elif missing:
        where = (book_catalogue.path, book_catalogue.last_line) if book_catalogue else (BOOK_FILE, language_line(root))
        target = book_catalogue.path if book_catalogue else f"assets/locales/{catalogue_names(language)[0]}.yaml"
        for key in missing:
            report.add(
                where[0], where[1], Code.E190, f"message '{key}' has no wording in '{language}': add it to {target}"
            )
    return Messages(language, merged)
