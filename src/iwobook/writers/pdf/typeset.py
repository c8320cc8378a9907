"""Paragraph styles for reportlab from the style sheet, with a cautious pyphen hyphenator."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyphen
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from iwobook.model.scripts import is_rtl_language
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.shaping import right_to_left
from iwobook.writers.pdf.stylesheet import StyleSheet, StyleSpec

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}

# A word is only hyphenated when it is long, all lower case (so names never split) and both parts
# keep at least four letters: hyphenated line ends stay rare.
MIN_WORD = 9
MIN_PART = 4
# Longer "words" (a pasted hash, a run of letters) are never hyphenated: reportlab asks for every break of a
# word again at each line, so hyphenating one of 100,000 letters would take time quadratic in its length.
MAX_WORD = 64


def make_hyphenator(language: str) -> Callable[[str], Iterator[tuple[str, str]]] | None:
    """Return a reportlab hyphenation callable for a BCP 47 language, or None when pyphen lacks it."""
    tag = language.replace("-", "_")
    choice = tag if tag in pyphen.LANGUAGES else (tag.split("_")[0] if tag.split("_")[0] in pyphen.LANGUAGES else None)
    if choice is None:
        return None
    dictionary = pyphen.Pyphen(lang=choice, left=MIN_PART, right=MIN_PART)

    def hyphenate(word: str) -> Iterator[tuple[str, str]]:
        if not MIN_WORD <= len(word) <= MAX_WORD or not word.isalpha() or not word.islower():
            return
        for head, tail in dictionary.iterate(word):
            if len(head) >= MIN_PART and len(tail) >= MIN_PART:
                yield head, tail

    return hyphenate


def paragraph_styles(sheet: StyleSheet, families: dict[str, Family], language: str) -> dict[str, ParagraphStyle]:
    """Return a reportlab ParagraphStyle for every style of the sheet."""
    hyphenator = make_hyphenator(language)
    styles = {name: _paragraph_style(spec, families, hyphenator) for name, spec in sheet.styles.items()}
    if is_rtl_language(language):  # BookParagraph lays every line out right to left
        styles = {name: right_to_left(style) for name, style in styles.items()}
    return styles


def _paragraph_style(
    spec: StyleSpec, families: dict[str, Family], hyphenator: Callable[[str], Iterator[tuple[str, str]]] | None
) -> ParagraphStyle:
    """Return the ParagraphStyle of one resolved style."""
    family = families[spec.family]
    font = family.name(spec.weight, spec.style)  # CJK runs switch to their fallback font in the markup
    grey = 1 - spec.grey if spec.grey else 0
    return ParagraphStyle(
        spec.name,
        fontName=font,
        fontSize=spec.size,
        leading=spec.leading,
        alignment=_ALIGN.get(spec.align, TA_LEFT),
        spaceBefore=spec.space_before,
        spaceAfter=spec.space_after,
        firstLineIndent=spec.first_indent,
        leftIndent=spec.left_indent,
        rightIndent=spec.right_indent,
        textColor=Color(1 - grey, 1 - grey, 1 - grey) if spec.grey else Color(0, 0, 0),
        allowWidows=0,
        allowOrphans=0,
        hyphenationLang=hyphenator if (spec.hyphenate and hyphenator) else "",
        embeddedHyphenation=0,
        uriWasteReduce=0.3,
        splitLongWords=1,
        wordWrap="CJK" if spec.cjk_wrap else None,
        bulletFontName=family.name("regular", "regular"),
    )
