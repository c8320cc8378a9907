"""Typesetting details: Japanese line breaking (kinsoku), the cautious hyphenator, font fallback markup."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Paragraph

from iwobook.config import BuildConfig, Paper
from iwobook.model import Loc, Target, TargetKind
from iwobook.writers.pdf.fonts import register_families
from iwobook.writers.pdf.markup import MarkupWriter
from iwobook.writers.pdf.stylesheet import load_stylesheet
from iwobook.writers.pdf.typeset import make_hyphenator, paragraph_styles

ROOT = Path(__file__).resolve().parents[1]
TELEGRAM = "戦局最後ノ関頭ニ直面セリ、敵来攻以来麾下将兵ノ敢闘ハ真ニ鬼神ヲ哭シムルモノアリ。" * 3


def _setup() -> tuple[dict[str, object], MarkupWriter]:
    """Return the standard paragraph styles and a markup writer over the shipped fonts."""
    config = BuildConfig(root=ROOT, paper=Paper.A5)
    sheet = load_stylesheet(config, Paper.A5.size)
    families = register_families(config.asset("fonts"), sheet.fonts)
    styles = paragraph_styles(sheet, families, "en-GB")
    return dict(styles), MarkupWriter(families, {"saigo": Target("saigo", TargetKind.CHARACTER, "Saigō", "characters")})


def test_japanese_lines_never_start_with_closing_punctuation() -> None:
    styles, markup = _setup()
    for width in range(60, 200, 7):
        paragraph = Paragraph(markup.text(TELEGRAM, "serif"), styles["original_cjk"])
        paragraph.wrap(width, 1000)
        starts = []
        for line in paragraph.blPara.lines:
            words = getattr(line, "words", None)
            text = "".join(getattr(w, "text", "") for w in words) if words else "".join(line[1])
            starts.append(text[:1])
        assert len(starts) > 2
        assert not any(start in "、。，．）」" for start in starts), (width, starts)


def test_hyphenator_skips_names_short_words_and_keeps_four_letters_each_side() -> None:
    hyphenate = make_hyphenator("en-GB")
    assert hyphenate is not None
    assert list(hyphenate("Kuribayashi")) == []
    assert list(hyphenate("enemy")) == []
    pairs = list(hyphenate("administration"))
    assert pairs and all(len(head) >= 4 and len(tail) >= 4 for head, tail in pairs)


def test_markup_escapes_once_and_switches_font_for_japanese() -> None:
    _, markup = _setup()
    text = markup.text("A <b> & ]]> 西郷 run", "serif", Loc("x.md", 3))
    assert "&lt;b&gt; &amp; ]]&gt;" in text
    assert '<font name="iw-serif-fb3">西郷</font>' in text
    assert markup.problems == []


def test_undrawable_characters_are_found_with_their_place() -> None:
    _, markup = _setup()
    markup.text("Iōjima 硫黄島 \U0001f600 Saigō", "serif", Loc("x.md", 7))
    assert [(p.loc, p.char) for p in markup.problems] == [(Loc("x.md", 7), "\U0001f600")]


def test_french_spacing_never_breaks_a_line() -> None:
    """The narrow no-break spaces of French typography (inside « », before : ; ! ?) never end or start a line."""
    styles, markup = _setup()
    text = "Il répond\u202f: «\u202fJamais\u202f!\u202f» Puis il ajoute\u202f; «\u202fla mer\u202f?\u202f» " * 4
    for width in range(90, 240, 7):  # narrow columns, but wider than the longest bound run
        paragraph = Paragraph(markup.text(text, "serif"), styles["body"])
        paragraph.wrap(width, 2000)
        lines = [" ".join(line[1]) for line in paragraph.blPara.lines]
        assert len(lines) > 2
        assert not any(line.startswith(tuple(":;!?»")) or line.endswith("«") for line in lines), (width, lines)
