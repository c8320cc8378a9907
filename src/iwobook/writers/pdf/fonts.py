"""Fonts for the PDF: register the shipped TrueType families and pick a font that can draw each character."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_VARIANTS = ("regular", "bold", "italic", "bolditalic")


@dataclass(frozen=True)
class Family:
    """A registered family: reportlab font names by variant, its CJK companion, and the characters it covers."""

    key: str
    names: dict[str, str]
    cjk: str
    coverage: frozenset[int]
    cjk_coverage: frozenset[int]

    def name(self, weight: str, style: str) -> str:
        """Return the font name for a weight ('regular'/'bold') and style ('regular'/'italic')."""
        variant = ("bold" if weight == "bold" else "") + ("italic" if style == "italic" else "")
        return self.names[variant or "regular"]


def _register(name: str, path: Path) -> TTFont:
    """Register a TrueType font under name once per process; return it."""
    try:
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont):
            return font
    except KeyError:
        pass
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


def _coverage(font: TTFont) -> frozenset[int]:
    """Return the code points that font has glyphs for."""
    return frozenset(font.face.charToGlyph.keys())


def register_families(fonts_dir: Path, spec: dict[str, dict[str, str]]) -> dict[str, Family]:
    """Register every family of the style sheet's font table; return them by key ('serif', 'sans')."""
    families: dict[str, Family] = {}
    for key, files in spec.items():
        base = f"iw-{key}"
        names = {variant: f"{base}-{variant}" for variant in _VARIANTS}
        fonts = {variant: _register(names[variant], fonts_dir / files[variant]) for variant in _VARIANTS}
        for variant in _VARIANTS:
            addMapping(names["regular"], "bold" in variant, "italic" in variant, names[variant])
        cjk_name = f"{base}-cjk"
        cjk_font = _register(cjk_name, fonts_dir / files["cjk"])
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(cjk_name, bold, italic, cjk_name)
        families[key] = Family(key, names, cjk_name, _coverage(fonts["regular"]), _coverage(cjk_font))
    return families
