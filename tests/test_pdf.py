"""PDF writer: page text where the TOC says, Japanese extracted, running heads, fonts, labels, golden layout."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from iwobook.build import configure
from iwobook.check import load_checked
from iwobook.config import BuildConfig, Paper
from iwobook.diagnostics import InputError, Report
from iwobook.load.book import ManuscriptLoader
from iwobook.load.messages import load_messages
from iwobook.model import Book
from iwobook.transform import prepare
from iwobook.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden"


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def build(root: Path, paper: str | None = None) -> tuple[Book, bytes]:
    """Return the prepared book under root and its PDF bytes."""
    book = prepare(load_checked(root))
    config = configure(root, book, paper, None)
    return book, render_pdf(book, config, _quiet)


def page_texts(pdf: bytes, tmp_path: Path) -> tuple[list[str], list[str]]:
    """Return (page labels, page texts) of a PDF."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    return list(reader.page_labels), [page.extract_text() or "" for page in reader.pages]


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, bytes, list[str], list[str]]:
    """Build the real book once for this module."""
    book, pdf = build(ROOT)
    labels, texts = page_texts(pdf, tmp_path_factory.mktemp("real"))
    return book, pdf, labels, texts


def test_toc_page_numbers_point_at_the_chapter_titles(real: tuple[Book, bytes, list[str], list[str]]) -> None:
    book, _, labels, texts = real
    toc_page = next(i for i, t in enumerate(texts) if t.lstrip().startswith("Contents"))
    toc = texts[toc_page] + texts[toc_page + 1]
    checked = 0
    for chapter in book.chapters():
        match = re.search(rf"{chapter.number}\. {re.escape(chapter.title)}[\s.]*?(\d+)\n", toc)
        assert match, f"chapter {chapter.number} is not in the contents"
        page = labels.index(match.group(1))
        assert chapter.title in texts[page], f"'{chapter.title}' is not on page {match.group(1)}"
        assert f"Chapter {chapter.number}" in texts[page]
        checked += 1
    assert checked == len(book.chapters()) >= 10


def test_front_matter_is_roman_and_body_starts_at_one_on_a_right_hand_page(
    real: tuple[Book, bytes, list[str], list[str]],
) -> None:
    _, _, labels, _ = real
    assert labels[0] == "Cover"
    assert labels[2] == "i"
    first_body = labels.index("1")
    assert first_body % 2 == 0, "page 1 must be a right-hand (odd physical) page"
    assert all(re.fullmatch(r"[ivxlc]+", label) for label in labels[2:first_body])
    assert labels[-1] == "Back cover" and len(labels) % 2 == 0, "the back cover is the last, left-hand page"
    assert labels[first_body:-1] == [str(n) for n in range(1, len(labels) - first_body)]


def test_glossary_names_and_letters_in_both_languages(real: tuple[Book, bytes, list[str], list[str]]) -> None:
    book, _, _, texts = real
    text = "\n".join(texts)
    flat = re.sub(r"\s+", "", text)
    for character in book.characters:
        assert character.name in text
        for name in character.originals:
            assert name.text in flat
    japanese = [o.text for le in book.letters for o in le.originals if o.lang == "ja"]
    assert japanese
    for original in japanese:
        assert re.sub(r"\s+", "", original)[:12] in flat, "Japanese letter text missing or blank"
    for letter in book.letters:
        assert letter.title in text


def test_running_heads(real: tuple[Book, bytes, list[str], list[str]]) -> None:
    book, _, labels, texts = real
    first_body = labels.index("1")
    title = book.metadata.title
    lines = [[line.strip() for line in t.splitlines()] for t in texts[:-1]]
    versos = [page for i, page in enumerate(lines) if i >= first_body and i % 2 == 1 and any(page)]
    rectos = [page for i, page in enumerate(lines) if i >= first_body and i % 2 == 0 and any(page)]
    # sections open on either side; left-hand pages that do not open a section carry the book title,
    # right-hand pages that do not open a section carry the title of the section they belong to
    titles = {s.title for s in book.sections()} | {p.title for p in book.parts if p.title}
    versos = [page for page in versos if page[0] not in titles and not page[0].startswith("Chapter")]
    assert versos and all(title in page for page in versos)
    continuing = [page for page in rectos if page[0] not in titles and not page[0].startswith("Chapter")]
    assert continuing and all(any(line in titles for line in page) for page in continuing)


def test_every_font_is_embedded(real: tuple[Book, bytes, list[str], list[str]], tmp_path: Path) -> None:
    _, pdf, _, _ = real
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = resources.get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), (
                f"{font['/BaseFont']} not embedded"
            )
    assert not any("Helvetica" in n or "Times" in n for n in names)


def test_metadata_and_language(real: tuple[Book, bytes, list[str], list[str]], tmp_path: Path) -> None:
    book, pdf, _, _ = real
    path = tmp_path / "meta.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    assert reader.metadata is not None and reader.metadata.title == book.metadata.title
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == book.metadata.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Cover" in outline_titles and "Contents" in outline_titles


def test_hyphenated_line_ends_are_rare_and_never_split_names(real: tuple[Book, bytes, list[str], list[str]]) -> None:
    book, _, _, texts = real
    lines = [line for t in texts for line in t.splitlines() if len(line) > 40]
    hyphenated = [line for line in lines if re.search(r"[a-z]-$", line)]
    assert len(hyphenated) / len(lines) < 0.03
    names = {part for c in book.characters for part in c.name.split()}
    for line in hyphenated:
        stem = line.split()[-1].rstrip("-")
        assert not any(name.startswith(stem) and name != stem for name in names if stem[:1].isupper())


def test_same_sources_same_bytes() -> None:
    _, first = build(MINI)
    _, second = build(MINI)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_letter_paper(tmp_path: Path) -> None:
    _, pdf = build(MINI, "letter")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    box = PdfReader(path).pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_undrawable_character_is_still_a_build_error_past_check(tmp_path: Path) -> None:
    """`check` reports undrawable text (tests/test_diagnostics.py); text that reaches the writer anyway is
    kept and reported, never dropped."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    chapter = root / "manuscript" / "02-storm.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("A storm comes.", "A storm comes \U0001f300."), encoding="utf-8"
    )
    loaded = ManuscriptLoader(root, Report()).load()  # loaded without the whole-book checks
    assert loaded is not None
    book = prepare(replace(loaded, messages=load_messages(root, loaded.metadata.language, Report())))
    config: BuildConfig = replace(configure(root, book, None, None), paper=Paper.A4)
    with pytest.raises(InputError) as caught:
        render_pdf(book, config, _quiet)
    assert [str(d) for d in caught.value.diagnostics] == [
        "manuscript/02-storm.md:12: E170 character '\U0001f300' (U+1F300) cannot be drawn by any configured font"
    ]


def test_markup_characters_print_literally(tmp_path: Path) -> None:
    _, pdf = build(MINI)
    _, texts = page_texts(pdf, tmp_path)
    assert any("<b>bold?</b> & ]]> <script>" in re.sub(r"\s+", " ", t) for t in texts)


def test_appears_in_links_land_on_the_first_mention() -> None:
    """An entry's 'Appears in' links land on the line of the chapter that first names it (Mara and Tomas in the
    first line of chapter 1's prose), not at the chapter's title as the contents' link does."""
    _, pdf = build(MINI)
    reader = PdfReader(io.BytesIO(pdf))
    number = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    texts = [page.extract_text() or "" for page in reader.pages]
    characters = next(i for i, text in enumerate(texts) if "Appears in" in text and "Mara Holm" in text)
    arrival = next(i for i, text in enumerate(texts) if "Mara Holm arrives" in text)

    def baselines(index: int) -> list[tuple[float, str]]:
        """Return (baseline, text) of every text run on page index."""
        lines: list[tuple[float, str]] = []
        reader.pages[index].extract_text(visitor_text=lambda t, cm, tm, f, s: lines.append((tm[5] * cm[3] + cm[5], t)))
        return lines

    def dests(index: int, above: float = 0) -> set[tuple[int, int]]:
        """Return (x, top) of every link on page index above the height above that goes to the arrival page."""
        links = [a.get_object() for a in reader.pages[index].get("/Annots", [])]
        return {
            (round(a["/Dest"][2]), round(a["/Dest"][3]))
            for a in links
            if number[a["/Dest"][0].idnum] == arrival and float(a["/Rect"][1]) > above
        }

    baseline = next(y for y, text in baselines(arrival) if text.startswith("Mara Holm arrives"))
    # the letters may run on below the characters on the same page, with links of their own: count only the links
    # above their title (the lowest "Letters" on the page; the running head above may say it too)
    end = min((y for y, text in baselines(characters) if text.strip() == "Letters"), default=0.0)
    landed = dests(characters, end)
    assert len(landed) == 2 and all(0 < top - baseline < 20 for _, top in landed), (landed, baseline)
    contents = next(i for i, text in enumerate(texts) if "Contents" in text)
    assert all(top - baseline > 40 for _, top in dests(contents))


def test_golden_page_layout(tmp_path: Path) -> None:
    """The mini book's page-by-page text (label, line count, first and last line) stays as recorded."""
    _, pdf = build(MINI)
    labels, texts = page_texts(pdf, tmp_path)
    rows = []
    for label, text in zip(labels, texts, strict=True):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        rows.append(f"{label}\t{len(lines)}\t{lines[0] if lines else ''}\t{lines[-1] if lines else ''}")
    actual = "\n".join(rows) + "\n"
    golden = GOLDEN / "pdf-pages-mini.txt"
    if os.environ.get("IWOBOOK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), "no golden file: run with IWOBOOK_UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_a_paragraph_over_many_pages_breaks_its_lines_once() -> None:
    """The rest of a split paragraph keeps its broken lines: splitting page after page gives reportlab's own
    parts and sizes, and the words broken into lines are those of the whole paragraph and of each page's part,
    not the whole rest again on every page (which made time grow with the square of a paragraph's length)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from iwobook.writers.pdf.flowables import BookParagraph

    breaks: list[int] = []

    class Counted(BookParagraph):
        def breakLines(self, width: Any) -> Any:
            breaks.append(sum(len(getattr(f, "words", None) or f.text.split()) for f in self.frags))
            return super().breakLines(width)

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, firstLineIndent=12, alignment=4)
    text = " ".join(f"word{i % 97}" for i in range(3000))
    mine, own = Counted(text, style), Paragraph(text, style)
    pages = 0
    while True:
        assert mine.wrap(200, 240) == own.wrap(200, 240)
        parts, theirs = mine.split(200, 240), own.split(200, 240)
        assert [p.getPlainText() for p in parts] == [p.getPlainText() for p in theirs]
        pages += 1
        if len(parts) < 2:
            break
        first, mine = parts
        assert first.wrap(200, 240) == theirs[0].wrap(200, 240)
        own = theirs[1]
    assert pages > 20
    assert sum(breaks) <= 2 * 3000


@pytest.mark.parametrize(
    "rect", [(10, 20, 110, 35), (72.5, 700.25, 523.123456, 715.0), (-3.3333333, 0.0001, 1e-7, 841.8897637795277)]
)
def test_internal_links_write_the_same_pdf_as_reportlab_links(rect: tuple[float, float, float, float]) -> None:
    """A page with links made by the book's canvas is byte for byte the page reportlab's own canvas makes."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from iwobook.writers.pdf.canvas import BookCanvas, InternalLink

    def write(maker: type[Canvas]) -> tuple[bytes, int]:
        """Return the PDF of one page with two links (one in translated coordinates) and its InternalLinks."""
        out = io.BytesIO()
        canvas = maker(out, invariant=1)
        canvas.bookmarkHorizontal("target", 0, 700)
        canvas.linkRect("", "target", rect, relative=0)
        canvas.translate(30.5, -12.25)
        canvas.linkRect("", "target", rect, relative=1)
        links = sum(isinstance(obj, InternalLink) for obj in canvas._doc.idToObject.values())
        canvas.save()
        return out.getvalue(), links

    own, none = write(Canvas)
    book, links = write(BookCanvas)
    assert (none, links) == (0, 2)
    assert book == own


def test_book_paragraph_wraps_as_reportlab_does() -> None:
    """Remembered line breaks give reportlab's sizes and splits, also after a split that found no room and at
    a width too small for any line."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from iwobook.writers.pdf.flowables import BookParagraph

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    text = "Several words that will need more than one line at a narrow width. " * 3
    mine, own = BookParagraph(text, style), Paragraph(text, style)
    for width, height in [(0, 100), (120, 500), (120, 5), (120, 500), (300, 500), (120, 30)]:
        assert mine.wrap(width, height) == own.wrap(width, height)
        assert [p.getPlainText() for p in mine.split(width, height)] == [
            p.getPlainText() for p in own.split(width, height)
        ]
