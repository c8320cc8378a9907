"""The HTML edition's own fonts: for the characters of its pages that a family's main faces lack (Arabic, Hebrew,
Japanese...), subsets of the style sheet's fallback fonts, so that a reader without such fonts still sees them.

Each family of the font table keeps its faces to the reader's own fonts (the generic family of the CSS); its
fallbacks, in their order, draw what the faces lack, as in the PDF. A subset holds only the characters the
pages use (HarfBuzz's subsetter, which gives the same bytes for the same input), beside the fonts' licences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz

from iwobook.config import BuildConfig
from iwobook.fonttable import file_coverage, load_font_table
from iwobook.writers.xhtml.markup import Element, Node

FONTS_FOLDER = "fonts"


@dataclass(frozen=True)
class WebFont:
    """A font of the edition: the CSS family it is named by, its file in the edition and its bytes."""

    family: str
    file: str
    data: bytes


def collect_characters(nodes: Iterable[Node]) -> set[str]:
    """Return every character of the text and text-bearing attributes (alt, aria-label) of nodes."""
    found: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.update(node)
            continue
        found.update(char for key, value in node.attrs if key in ("alt", "aria-label") for char in value)
        stack.extend(node.children)
    return found


def subset_font(path: Path, characters: set[str]) -> bytes:
    """Return the font file at path cut down to characters."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    wanted = uharfbuzz.SubsetInput()
    for char in sorted(characters):
        wanted.unicode_set.add(ord(char))
    plan = uharfbuzz.subset(face, wanted)
    if plan is None:
        raise ValueError(f"cannot subset the font {path.name}")
    return bytes(plan.blob.data)


def make_web_fonts(config: BuildConfig, pages: Iterable[Element]) -> tuple[dict[str, tuple[str, ...]], list[WebFont]]:
    """Return, for each family of the style sheet, the CSS families of its fallback subsets in order, and the
    subsets: only fallbacks that draw a character of the pages which the family's regular face lacks."""
    used = {char for char in collect_characters(pages) if ord(char) > 0x7F}
    fonts_dir = config.asset(FONTS_FOLDER)
    families: dict[str, tuple[str, ...]] = {}
    made: dict[str, WebFont] = {}
    for key, family in load_font_table(config).items():
        missing = used - {chr(c) for c in file_coverage(fonts_dir / family.main.file("regular"))}
        names: list[str] = []
        for fallback in family.fallbacks:
            if not missing:
                break
            path = fonts_dir / fallback.file("regular")
            covered = set(file_coverage(path))
            drawn = {char for char in missing if ord(char) in covered}
            if not drawn:
                continue
            missing -= drawn
            name = f"{FONTS_FOLDER}/{key}-{path.stem}.ttf"
            made[name] = WebFont(f"iwobook {key} {len(names) + 1}", name, subset_font(path, drawn))
            names.append(made[name].family)
        families[key] = tuple(names)
    return families, list(made.values())


def collect_licences(config: BuildConfig) -> dict[str, bytes]:
    """Return the licence texts beside the fonts (every .txt of the fonts folder), by their file in the edition."""
    folder = config.asset(FONTS_FOLDER)
    return {f"{FONTS_FOLDER}/{path.name}": path.read_bytes() for path in sorted(folder.glob("*.txt"))}
