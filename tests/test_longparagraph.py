"""Long paragraphs in linear time: broken into lines a window of words at a time and split a window of lines at a
time, with exactly the lines, parts and PDF that reportlab's own paragraph gives."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from iwobook.writers.pdf.flowables import BookParagraph
from iwobook.writers.pdf.longparagraph import break_in_windows, can_break_in_windows


def make_text(count: int, seed: int = 3) -> str:
    """Return count words of ordinary and odd kinds: short and long, soft-hyphenated, wider than a line."""
    rng = random.Random(seed)
    words = []
    for _ in range(count):
        word = "".join(rng.choice("etaoinshrdlucmfwypvbgk") for _ in range(rng.randint(1, 12)))
        roll = rng.random()
        if roll < 0.01:
            word = word + "\u00ad" + word
        elif roll < 0.012:
            word = word * 12  # wider than the line: split by reportlab
        elif roll < 0.03:
            word = "interdisciplinary"
        words.append(word)
    return " ".join(words)


def make_style(hyphenation: str, alignment: int) -> ParagraphStyle:
    """Return a paragraph style with an indent, hyphenation (a pyphen language or none) and an alignment."""
    return ParagraphStyle(
        "t",
        fontName="Helvetica",
        fontSize=10,
        leading=12,
        firstLineIndent=12,
        alignment=alignment,
        hyphenationLang=hyphenation,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=1,
    )


def line_words(lines: Any) -> list[tuple[float, list[str], list[str]]]:
    """Return each line's room left, words and the kinds of its words (hyphenated parts have kinds of their own)."""
    return [(room, list(words), [type(w).__name__ for w in words]) for room, words in lines.lines]


@pytest.mark.parametrize("hyphenation", ["", "en_US"])
@pytest.mark.parametrize("size", [3, 7, 50])
def test_lines_broken_in_windows_are_reportlabs_own(hyphenation: str, size: int) -> None:
    """Breaking a few words at a time gives the very lines of breaking the whole paragraph at once, whatever
    falls at the end of a window: a hyphenated word, a soft hyphen, a word split for being wider than a line."""
    style = make_style(hyphenation, 4)
    text = make_text(600)
    widths = [188.0, 200.0]
    mine, own = BookParagraph(text, style), Paragraph(text, style)
    theirs = own.breakLines(widths)
    ours = break_in_windows(mine, widths, lambda scratch, at: Paragraph.breakLines(scratch, at), size)
    assert line_words(ours) == line_words(theirs)
    assert (ours.kind, ours.fontName, ours.fontSize, ours.ascent, ours.descent, ours.text) == (
        theirs.kind,
        theirs.fontName,
        theirs.fontSize,
        theirs.ascent,
        theirs.descent,
        theirs.text,
    )
    assert (mine._width_max, mine._hyphenations, mine._splitLongWordCount) == (
        own._width_max,
        own._hyphenations,
        own._splitLongWordCount,
    )


def test_only_long_paragraphs_of_one_font_break_in_windows() -> None:
    """Short paragraphs, and those of several fonts, take reportlab's own line breaking."""
    style = make_style("", 0)
    assert can_break_in_windows(BookParagraph(make_text(3000), style))
    assert not can_break_in_windows(BookParagraph(make_text(300), style))
    assert not can_break_in_windows(BookParagraph(make_text(1500) + " <i>x</i> " + make_text(1500), style))


def build_pdf(kind: type[Paragraph], text: str, style: ParagraphStyle) -> bytes:
    """Return the PDF of text as one paragraph of kind, then a short one, on small pages."""
    out = io.BytesIO()
    SimpleDocTemplate(out, invariant=1, pagesize=(300, 420)).build([kind(text, style), kind("The end.", style)])
    return out.getvalue()


def with_italics(text: str) -> str:
    """Return text with every fiftieth word in italics (a paragraph of several fonts)."""
    return " ".join(f"<i>{w}</i>" if i % 50 == 7 else w for i, w in enumerate(text.split()))


@pytest.mark.parametrize(
    ("hyphenation", "alignment", "words", "fonts"),
    [("", 0, 2500, 1), ("en_US", 4, 2500, 1), ("", 0, 1200, 2), ("en_US", 4, 1200, 2)],
)
def test_a_long_paragraph_prints_as_reportlabs_own(hyphenation: str, alignment: int, words: int, fonts: int) -> None:
    """A paragraph over tens of pages, in one font (broken in windows) or several, split a window of lines at a
    time, makes the same PDF, byte for byte, as reportlab's paragraph breaking and splitting it whole."""
    style, text = make_style(hyphenation, alignment), make_text(words)
    if fonts > 1:
        text = with_italics(text)
    assert build_pdf(BookParagraph, text, style) == build_pdf(Paragraph, text, style)


@pytest.mark.parametrize("fonts", [1, 2])
def test_the_rest_of_a_split_paragraph_gathers_its_words_only_when_asked(fonts: int) -> None:
    """The second part of a long paragraph's split keeps its lines and gathers its words only when something asks
    for them (its text, or lines for another width); then they are those of reportlab's own second part."""
    style, text = make_style("en_US", 4), make_text(2500)
    if fonts > 1:
        text = with_italics(text)
    mine, own = BookParagraph(text, style), Paragraph(text, style)
    mine.wrap(200, 240)
    own.wrap(200, 240)
    first, rest = mine.split(200, 240)
    theirs = own.split(200, 240)
    assert "_make_frags" in rest.__dict__
    assert rest.wrap(200, 240) == theirs[1].wrap(200, 240)
    assert "_make_frags" in rest.__dict__
    assert [first.getPlainText(), rest.getPlainText()] == [p.getPlainText() for p in theirs]
    assert "_make_frags" not in rest.__dict__
    assert rest.wrap(150, 240) == theirs[1].wrap(150, 240)
