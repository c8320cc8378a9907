"""Fonts for the PDF: each family's faces, and its ordered fallback fonts registered only when text needs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.abag import ABag
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from iwobook.fonttable import VARIANTS, FamilyFonts, FontFiles, file_coverage, parse_font_table
from iwobook.model.scripts import needs_shaping
from iwobook.writers.pdf.shaping import ShapingFont, needs_reordering, reorder_line

# a character reportlab can always draw in the current font (they never choose a fallback)
_NEUTRAL = frozenset(map(ord, "\n\t "))
JAPANESE_PROBE = ord("日")


@dataclass
class LazyFont:
    """A fallback font in its variants, registered with reportlab (as a shaping font) the first time it draws."""

    name: str
    paths: dict[str, Path]
    _coverage: frozenset[int] | None = field(default=None, init=False, repr=False)
    _registered: bool = field(default=False, init=False, repr=False)

    def registered(self) -> str:
        """Register every variant unless done (each file once: variants that share a file share a font); return
        the regular variant's name (markup switches to it)."""
        if not self._registered:
            for variant in VARIANTS:
                _register(self._name_of(variant), self.paths[variant], ShapingFont)
                addMapping(self.name, "bold" in variant, "italic" in variant, self._name_of(variant))
            self._registered = True
        return self.name

    def _name_of(self, variant: str) -> str:
        """Return the registered name of a variant: the first variant's with the same file."""
        first = next(v for v in VARIANTS if self.paths[v] == self.paths[variant])
        return self.name if first == "regular" else f"{self.name}-{first}"

    def variant(self, weight: str, style: str) -> str:
        """Return the registered name of a weight ('regular'/'bold') and style ('regular'/'italic')."""
        variant = ("bold" if weight == "bold" else "") + ("italic" if style == "italic" else "")
        self.registered()
        return self._name_of(variant or "regular")

    def coverage(self) -> frozenset[int]:
        """Return the code points the regular variant covers (read without registering the font)."""
        if self._coverage is None:
            self._coverage = frozenset(file_coverage(self.paths["regular"]))
        return self._coverage


@dataclass
class Family:
    """A family: reportlab font names of its faces, what they cover, and its fallbacks in the style sheet's order."""

    key: str
    names: dict[str, str]
    coverage: frozenset[int]
    fallbacks: tuple[LazyFont, ...]
    _chosen: dict[int, LazyFont | None] = field(default_factory=dict, repr=False)

    def name(self, weight: str, style: str) -> str:
        """Return the font name for a weight ('regular'/'bold') and style ('regular'/'italic')."""
        variant = ("bold" if weight == "bold" else "") + ("italic" if style == "italic" else "")
        return self.names[variant or "regular"]

    def fallback_for(self, code: int) -> LazyFont | None:
        """Return the first fallback font that covers code (None when none does), without registering it."""
        if code not in self._chosen:
            self._chosen[code] = next((f for f in self.fallbacks if code in f.coverage()), None)
        return self._chosen[code]

    def font_for(self, code: int) -> str | None:
        """Return the name of the font that draws code: the family's own, a fallback (registered now), or None."""
        if code in self.coverage or code in _NEUTRAL:
            return self.names["regular"]
        fallback = self.fallback_for(code)
        return fallback.registered() if fallback else None

    def font_runs(self, text: str) -> list[tuple[str, LazyFont | None, bool]]:
        """Split text into runs of one font: (text, the fallback that draws it or None for the family's own
        faces, whether some font has its characters). A space between two characters of a joined or
        right-to-left script stays in their run, so the run is shaped as one."""
        runs: list[tuple[str, LazyFont | None, bool]] = []
        pending = ""  # spaces after a fallback run: they join it when the same script goes on
        for char in text:
            code = ord(char)
            if code in _NEUTRAL:
                if runs and runs[-1][1] is not None:
                    pending += char
                else:
                    _extend(runs, char, None, True)
                continue
            drawable = code in self.coverage
            font = None if drawable else self.fallback_for(code)
            drawable = drawable or font is not None
            if pending:
                joins = font is not None and runs[-1][1] is font and needs_shaping(char)
                _extend(runs, pending, runs[-1][1] if joins else None, True)
                pending = ""
            _extend(runs, char, font, drawable)
        if pending:
            _extend(runs, pending, None, True)
        return runs

    def runs(self, text: str, size: float, weight: str = "regular", style: str = "regular") -> list[tuple[str, str]]:
        """Return one line of text as (drawn text, font name) pairs in visual order, for drawing on a canvas:
        each character in a font that has it, right-to-left runs reordered, joined scripts shaped."""
        if text.isascii() and all(ord(char) in self.coverage for char in text):
            return [(text, self.name(weight, style))]
        frags = []
        for chunk, fallback, _drawable in self.font_runs(text):
            name = fallback.variant(weight, style) if fallback else self.name(weight, style)
            frags.append(ABag(fontName=name, fontSize=size, text=chunk))
        if not needs_reordering(text, 0):
            return [(f.text, f.fontName) for f in frags]
        words, _grown = reorder_line(frags, 0)
        return [(f.text, f.fontName) for f in words]

    @property
    def cjk_font(self) -> LazyFont:
        """Return the fallback that draws Japanese (the family's first fallback when none does)."""
        found = self.fallback_for(JAPANESE_PROBE)
        if found is not None:
            return found
        if not self.fallbacks:
            raise ValueError(f"style sheet: font family '{self.key}' has no fallback font for Japanese")
        return self.fallbacks[0]

    @property
    def cjk(self) -> str:
        """Return the name of the font that draws Japanese, registering it on first use."""
        return self.cjk_font.registered()


def _extend(runs: list[tuple[str, LazyFont | None, bool]], text: str, font: LazyFont | None, drawable: bool) -> None:
    """Append text to the last run when font and drawability match, else start a run."""
    if runs and runs[-1][1] is font and runs[-1][2] == drawable:
        runs[-1] = (runs[-1][0] + text, font, drawable)
    else:
        runs.append((text, font, drawable))


def _register(name: str, path: Path, kind: type[TTFont] = TTFont) -> TTFont:
    """Register a TrueType font under name once per process; return it.

    Only reportlab's registry is asked: pdfmetrics.getFont on an unknown name would parse every AFM file
    on reportlab's Type 1 search path."""
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont):
            return font
    font = kind(name, str(path))
    pdfmetrics.registerFont(font)
    return font


def _fallback(base: str, fonts_dir: Path, files: FontFiles) -> LazyFont:
    """Return the lazy fallback font named base for a font table entry."""
    return LazyFont(base, {variant: fonts_dir / files.file(variant) for variant in VARIANTS})


def register_families(fonts_dir: Path, spec: dict[str, Any]) -> dict[str, Family]:
    """Register the faces of every family of the style sheet's font table (its fallbacks wait until drawn);
    return them by key ('serif', 'sans')."""
    families: dict[str, Family] = {}
    table: dict[str, FamilyFonts] = parse_font_table(spec)
    for key, entry in table.items():
        base = f"iw-{key}"
        names = {variant: f"{base}-{variant}" for variant in VARIANTS}
        fonts = {variant: _register(names[variant], fonts_dir / entry.main.file(variant)) for variant in VARIANTS}
        for variant in VARIANTS:
            addMapping(names["regular"], "bold" in variant, "italic" in variant, names[variant])
        coverage = frozenset(fonts["regular"].face.charToGlyph.keys())
        fallbacks = tuple(_fallback(f"{base}-fb{n}", fonts_dir, f) for n, f in enumerate(entry.fallbacks, 1))
        families[key] = Family(key, names, coverage, fallbacks)
    return families
