"""Right-to-left and joined scripts: Arabic and Hebrew runs build, are drawn shaped in visual order, extract from
the PDF in logical order, and carry dir="rtl" in the EPUB."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz
from pypdf import PdfReader
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr

from iwobook.build import configure
from iwobook.check import load_checked
from iwobook.config import BuildConfig, Paper
from iwobook.model.scripts import is_rtl_language, needs_shaping
from iwobook.transform import prepare
from iwobook.writers.epub import render_epub
from iwobook.writers.pdf import render_pdf
from iwobook.writers.pdf.flowables import BookParagraph
from iwobook.writers.pdf.fonts import register_families
from iwobook.writers.pdf.markup import MarkupWriter
from iwobook.writers.pdf.shaping import FEATURES, resolve_levels
from iwobook.writers.pdf.stylesheet import load_stylesheet
from iwobook.writers.pdf.typeset import paragraph_styles

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
HELLO = "مرحبا بالعالم"  # "hello world": two Arabic words
SHALOM = "שלום עולם"
SALAM = "السلام عليكم"  # "peace be upon you": a lam-alef, drawn as glyphs the font maps no character to
SENTENCE = f"The sign reads [{HELLO}]{{lang=ar}} and the other one [{SHALOM}]{{lang=he}} today."
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def _book(tmp_path: Path) -> Path:
    """Return a copy of the mini fixture with Arabic and Hebrew runs in a chapter and an Arabic original."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    storm = root / "manuscript" / "02-storm.md"
    greeting = f"A greeting: [{SALAM}]{{lang=ar}}."
    storm.write_text(storm.read_text(encoding="utf-8") + f"\n{SENTENCE}\n\n{greeting}\n", encoding="utf-8")
    letters = root / "manuscript" / "data" / "letters.yaml"
    original = f"    - lang: ar\n      text: {HELLO}\n      source: A test source\n"
    text = letters.read_text(encoding="utf-8")
    letters.write_text(text.replace("  provenance: |\n", original + "  provenance: |\n", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    """Build the book with Arabic and Hebrew runs once: (its folder, PDF bytes, EPUB bytes)."""
    root = _book(tmp_path_factory.mktemp("scripts"))
    book = prepare(load_checked(root))
    config = configure(root, book, "a4", None)
    return root, render_pdf(book, config, _quiet), render_epub(book, config, _quiet, ())


def _logical(text: str) -> str:
    """Return extracted text without bidi controls, spaces collapsed (and letters as they are: the PDF's ToUnicode
    maps give letters, not the presentation forms reportlab stands shaped glyphs for)."""
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", text))


def _pdftotext(pdf: bytes, tmp_path: Path) -> str:
    """Return the text poppler's pdftotext extracts from pdf (its default, position-based order)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_rtl_runs_extract_in_logical_order_with_pdftotext(built: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    _, pdf, _ = built
    text = _logical(_pdftotext(pdf, tmp_path))
    start = text.index("The sign reads")
    words = ["The sign reads", "مرحبا", "بالعالم", "and the other one", "שלום", "עולם", "today."]
    at = [text.index(word, start) for word in words]
    assert at == sorted(at), text[start : start + 120]
    assert text.count(HELLO) >= 2  # the sentence and the letter's original, neither dropped


def test_extracted_text_has_letters_not_presentation_forms(built: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    _, pdf, _ = built
    text = _pdftotext(pdf, tmp_path)
    forms = sorted({f"U+{ord(c):04X}" for c in text if 0xFB1D <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF})
    assert not forms
    private = sorted({f"U+{ord(c):04X}" for c in text if 0xE000 <= ord(c) <= 0xF8FF})
    assert not private  # the lam-alef's glyphs give their letters back
    assert HELLO in _logical(text) and f"A greeting: {SALAM}." in _logical(text)


def test_rtl_runs_extract_exactly_with_pypdf(built: tuple[Path, bytes, bytes]) -> None:
    _, pdf, _ = built
    text = _logical("\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages))
    assert f"The sign reads {HELLO} and the other one {SHALOM} today." in text


def _harfbuzz_glyphs(font_name: str, text: str) -> list[int]:
    """Return the glyph ids HarfBuzz itself gives text in font_name's file, in visual order."""
    font = getFont(font_name)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(font.face._ttf_data))), buffer, FEATURES)
    return [info.codepoint for info in buffer.glyph_infos]


def _setup(language: str = "en-GB") -> tuple[dict[str, Any], MarkupWriter]:
    """Return paragraph styles for a language and a markup writer over the shipped fonts."""
    config = BuildConfig(root=ROOT, paper=Paper.A5)
    sheet = load_stylesheet(config, Paper.A5.size)
    families = register_families(config.asset("fonts"), sheet.fonts)
    return dict(paragraph_styles(sheet, families, language)), MarkupWriter(families, {})


def _drawn(paragraph: BookParagraph, width: float = 300) -> list[list[tuple[str, str]]]:
    """Return each line of a wrapped paragraph as (font name, text drawn) pieces, left to right."""
    paragraph.wrap(width, 1000)
    return [[(w.fontName, w.text) for w in line.words if w.text] for line in paragraph.blPara.lines]


def test_drawn_glyphs_are_harfbuzz_joined_forms_in_visual_order() -> None:
    styles, markup = _setup()
    paragraph = BookParagraph(markup.text(f"Say {HELLO} now", "serif"), styles["body"])
    (line,) = _drawn(paragraph)
    assert line[0][1] == "Say " and line[-1][1] == " now"
    font_name, arabic = line[1]
    assert isinstance(arabic, ShapedStr)
    font = getFont(font_name)
    drawn = [font.face.charToGlyph[ord(char)] for char in arabic]
    expected = _harfbuzz_glyphs(font_name, HELLO)
    assert drawn == expected
    unshaped = [font.face.charToGlyph[ord(char)] for char in reversed(HELLO)]
    assert drawn != unshaped  # joined forms, not the isolated letters
    # the first logical word (مرحبا) is drawn on the right: its last glyph is the line's rightmost Arabic glyph
    first_word_glyphs = _harfbuzz_glyphs(font_name, "مرحبا")
    assert drawn[-len(first_word_glyphs) :] == first_word_glyphs


def test_two_arabic_words_alone_are_joined_and_right_to_left() -> None:
    styles, markup = _setup()
    (line,) = _drawn(BookParagraph(markup.text(HELLO, "serif"), styles["original"]))
    font_name = line[0][0]
    text = "".join(text for _, text in line)
    font = getFont(font_name)
    assert [font.face.charToGlyph[ord(c)] for c in text] == _harfbuzz_glyphs(font_name, HELLO)


def test_hebrew_words_reverse_and_latin_stays_unshaped() -> None:
    styles, markup = _setup()
    (line,) = _drawn(BookParagraph(markup.text(f"office {SHALOM} fit", "serif"), styles["body"]))
    assert line[0][1] == "office " and line[-1][1] == " fit"  # no ligatures, no kerning: Latin as before
    assert not isinstance(line[0][1], ShapedStr)
    hebrew = "".join(text for _, text in line[1:-1])
    assert hebrew == SHALOM[::-1]


def test_a_wrapped_rtl_run_keeps_logical_order_across_lines() -> None:
    styles, markup = _setup()
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה"]
    paragraph = BookParagraph(markup.text("Count " + " ".join(words) + " done", "serif"), styles["small"])
    lines = _drawn(paragraph, 80)
    assert len(lines) > 2
    # each line's Hebrew, read right to left, continues where the line above stopped
    seen = [w for line in lines for w in "".join(t for _, t in line)[::-1].split() if w in words]
    assert seen == words


def test_a_right_to_left_book_lays_out_lines_from_the_right() -> None:
    styles, markup = _setup("ar")
    assert styles["body"].bidi_base == 1
    (line,) = _drawn(BookParagraph(markup.text(f"{HELLO} BBC", "serif"), styles["small"]))
    texts = [text for _, text in line]
    assert texts[0] == "BBC"  # the Latin word follows the Arabic, so it stands on its left


def test_a_paragraph_wholly_in_arabic_reads_from_the_right() -> None:
    styles, markup = _setup()
    paragraph = BookParagraph(markup.text(HELLO, "serif"), styles["original"])
    paragraph.wrap(300, 1000)
    assert paragraph.style.bidi_base == 1 and paragraph.style.alignment == TA_RIGHT
    mixed = BookParagraph(markup.text(f"Say {HELLO}", "serif"), styles["original"])
    mixed.wrap(300, 1000)
    assert mixed.style.alignment == TA_LEFT  # the book's direction wins where there is Latin text


def test_running_heads_and_labels_draw_runs_in_visual_order() -> None:
    config = BuildConfig(root=ROOT, paper=Paper.A5)
    family = register_families(config.asset("fonts"), load_stylesheet(config, Paper.A5.size).fonts)["sans"]
    assert family.runs("Plain head", 9) == [("Plain head", "iw-sans-regular")]
    runs = family.runs(f"Head {HELLO} end", 9)
    assert [font for _, font in runs] == ["iw-sans-regular", "iw-sans-fb1", "iw-sans-regular"]
    assert isinstance(runs[1][0], ShapedStr)
    bold = family.runs(HELLO, 9, "bold")
    assert bold[0][1] == "iw-sans-fb1-bold"


def test_bidi_levels() -> None:
    assert resolve_levels("ab אב cd", 0) == [0, 0, 0, 1, 1, 0, 0, 0]
    assert resolve_levels("אב 12 ג", 1) == [1, 1, 1, 2, 2, 1, 1]
    assert resolve_levels("ab ", 1)[-1] == 1  # trailing whitespace takes the base level (L1)


def test_epub_marks_rtl_runs(built: tuple[Path, bytes, bytes]) -> None:
    _, _, epub = built
    with zipfile.ZipFile(BytesIO(epub)) as archive:
        pages = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")]
    joined = "\n".join(pages)
    assert f'<span lang="ar" xml:lang="ar" dir="rtl">{HELLO}</span>' in joined
    assert f'<span lang="he" xml:lang="he" dir="rtl">{SHALOM}</span>' in joined
    assert 'lang="ar" xml:lang="ar" dir="rtl"><p>' in joined.replace("\n", "")  # the letter's original
    assert '<html xmlns="http://www.w3.org/1999/xhtml"' in joined and 'dir="rtl"><head>' not in joined


def test_a_right_to_left_book_turns_its_pages_from_the_right(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    book_yaml = root / "manuscript" / "book.yaml"
    text = book_yaml.read_text(encoding="utf-8")
    book_yaml.write_text(re.sub(r"(?m)^language: .*$", "language: ar", text, count=1), encoding="utf-8")
    # iwobook ships no Arabic catalogue: the book brings its own (here the English wording, for the test only)
    (root / "assets" / "locales").mkdir(parents=True)
    english = ROOT / "src" / "iwobook" / "assets" / "locales" / "en.yaml"
    shutil.copyfile(english, root / "assets" / "locales" / "ar.yaml")
    book = prepare(load_checked(root))
    epub = render_epub(book, configure(root, book, "a4", None), _quiet, ())
    with zipfile.ZipFile(BytesIO(epub)) as archive:
        opf = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".opf"))
        page = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    assert 'page-progression-direction="rtl"' in opf
    assert 'lang="ar" xml:lang="ar" dir="rtl"' in page.split("<head>")[0]


def test_language_directions() -> None:
    assert is_rtl_language("ar") and is_rtl_language("he-IL") and is_rtl_language("fa")
    assert not is_rtl_language("ar-Latn") and is_rtl_language("az-Arab") and not is_rtl_language("en")
    assert needs_shaping(HELLO) and needs_shaping(SHALOM) and not needs_shaping("Noto 日本")
