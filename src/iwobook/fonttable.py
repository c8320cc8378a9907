"""The style sheet's font table: each family's faces and its ordered fallback list, and what a font file covers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uharfbuzz
import yaml

from iwobook.config import BuildConfig

VARIANTS = ("regular", "bold", "italic", "bolditalic")
# a missing variant is drawn with the first of these that the font has
_STAND_IN = {"bold": ("regular",), "italic": ("regular",), "bolditalic": ("bold", "italic", "regular")}


@dataclass(frozen=True)
class FontFiles:
    """One font in its variants: file names (in the fonts folder) by variant, each variant filled in."""

    files: tuple[tuple[str, str], ...]

    def file(self, variant: str) -> str:
        """Return the file that draws variant ('regular', 'bold', 'italic' or 'bolditalic')."""
        return dict(self.files)[variant]


@dataclass(frozen=True)
class FamilyFonts:
    """A family of the font table: its own faces, then the fonts tried in order for characters they lack."""

    key: str
    main: FontFiles
    fallbacks: tuple[FontFiles, ...]


def _font_files(raw: object, where: str) -> FontFiles:
    """Return the FontFiles of one table entry (a mapping of variant to file name); raise ValueError if bad."""
    if not isinstance(raw, dict) or not isinstance(raw.get("regular"), str):
        raise ValueError(f"style sheet: {where} needs at least 'regular: <font file>'")
    unknown = set(raw) - set(VARIANTS)
    if unknown:
        raise ValueError(f"style sheet: unknown font variants {sorted(unknown)} in {where}")
    files: dict[str, str] = {variant: str(raw[variant]) for variant in VARIANTS if variant in raw}
    for variant, stand_ins in _STAND_IN.items():
        if variant not in files:
            files[variant] = next(files[s] for s in stand_ins if s in files)
    return FontFiles(tuple((variant, files[variant]) for variant in VARIANTS))


def parse_font_table(raw: dict[str, Any]) -> dict[str, FamilyFonts]:
    """Return the families of a style sheet's `fonts` mapping; `cjk: file` is read as a last fallback."""
    families: dict[str, FamilyFonts] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            raise ValueError(f"style sheet: font family '{key}' must be a mapping of variants and 'fallback'")
        own = {k: v for k, v in entry.items() if k not in ("fallback", "cjk")}
        fallback = entry.get("fallback", [])
        if not isinstance(fallback, list):
            raise ValueError(f"style sheet: 'fallback' of font family '{key}' must be a list")
        fallbacks = [_font_files(f, f"fallback {n} of font family '{key}'") for n, f in enumerate(fallback, 1)]
        if "cjk" in entry:
            fallbacks.append(_font_files({"regular": entry["cjk"]}, f"'cjk' of font family '{key}'"))
        families[str(key)] = FamilyFonts(str(key), _font_files(own, f"font family '{key}'"), tuple(fallbacks))
    return families


def load_font_table(config: BuildConfig) -> dict[str, FamilyFonts]:
    """Return the font table of config's style sheet."""
    path: Path = config.asset("styles.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return parse_font_table(data.get("fonts", {}) if isinstance(data, dict) else {})


def file_coverage(path: Path) -> Collection[int]:
    """Return the code points a TrueType file has glyphs for (HarfBuzz's set, read without loading glyphs)."""
    covered: Collection[int] = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))).unicodes
    return covered
