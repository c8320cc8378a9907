"""Fonts for the PDF: register the shipped TrueType families and pick a font that can draw each character."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_VARIANTS = ("regular", "bold", "italic", "bolditalic")


@dataclass
class LazyFont:
    """A TrueType font registered with reportlab the first time it is asked for."""

    name: str
    path: Path
    _coverage: frozenset[int] | None = field(default=None, init=False, repr=False)

    def registered(self) -> str:
        """Register the font unless it is already; return its name."""
        self.coverage()
        return self.name

    def coverage(self) -> frozenset[int]:
        """Register the font unless it is already; return the code points it has glyphs for."""
        if self._coverage is None:
            self._coverage = frozenset(_register(self.name, self.path).face.charToGlyph.keys())
        return self._coverage


@dataclass(frozen=True)
class Family:
    """A registered family: reportlab font names by variant, its CJK companion (registered when first used),
    and the characters each covers."""

    key: str
    names: dict[str, str]
    coverage: frozenset[int]
    cjk_font: LazyFont

    @property
    def cjk(self) -> str:
        """Return the CJK companion's font name, registering it on first use."""
        return self.cjk_font.registered()

    @property
    def cjk_coverage(self) -> frozenset[int]:
        """Return the code points the CJK companion covers, registering it on first use."""
        return self.cjk_font.coverage()

    def name(self, weight: str, style: str) -> str:
        """Return the font name for a weight ('regular'/'bold') and style ('regular'/'italic')."""
        variant = ("bold" if weight == "bold" else "") + ("italic" if style == "italic" else "")
        return self.names[variant or "regular"]


def _register(name: str, path: Path) -> TTFont:
    """Register a TrueType font under name once per process; return it.

    Only reportlab's registry is asked: pdfmetrics.getFont on an unknown name would parse every AFM file
    on reportlab's Type 1 search path."""
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont):
            return font
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


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
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(cjk_name, bold, italic, cjk_name)
        coverage = frozenset(fonts["regular"].face.charToGlyph.keys())
        families[key] = Family(key, names, coverage, LazyFont(cjk_name, fonts_dir / files["cjk"]))
    return families
