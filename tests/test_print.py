"""Print quality of every edition of the study guide: mirrored frames, page economy, measure, quotes, links."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from iwobook.build import configure, render_output
from iwobook.check import load_checked
from iwobook.config import BuildConfig, Edition, Paper
from iwobook.model import Book
from iwobook.transform import prepare
from iwobook.writers.pdf import render_pdf
from iwobook.writers.pdf.stylesheet import Geometry, load_stylesheet

ROOT = Path(__file__).resolve().parents[1]


def _quiet(_: str) -> None:
    """Swallow progress lines."""


@dataclass(frozen=True)
class Run:
    """One glyph run drawn on a page: where it starts, its text and its size in points."""

    x: float
    y: float
    text: str
    size: float


@dataclass(frozen=True)
class Edition_:
    """A built edition: its name, page geometry, the PDF's bytes and the runs on each page."""

    name: str
    geometry: Geometry
    pdf: bytes
    labels: list[str]
    runs: list[list[Run]]


def page_runs(pdf: bytes, path: Path) -> tuple[list[str], list[list[Run]]]:
    """Return the page labels and the text runs on each page of pdf (written to path)."""
    path.write_bytes(pdf)
    reader = PdfReader(path)
    pages: list[list[Run]] = []
    for page in reader.pages:
        runs: list[Run] = []

        def visit(text: str, cm: Any, tm: Any, _font: Any, size: float, runs: list[Run] = runs) -> None:
            in_form = list(cm) == [1, 0, 0, 1, 0, 0] and tm[4] < 1  # pypdf gives no position inside forms
            if text.strip() and not in_form:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append(Run(x, y, text, size * abs(tm[0]) * abs(cm[0] or 1)))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return list(reader.page_labels), pages


def built(book: Book, config: BuildConfig, name: str, tmp: Path) -> Edition_:
    """Return an edition of book laid out for config."""
    paper = config.paper or Paper.A4
    geometry = load_stylesheet(config, paper.size).geometry
    pdf = render_pdf(book, config, _quiet)
    labels, runs = page_runs(pdf, tmp / f"{name}.pdf")
    return Edition_(name, geometry, pdf, labels, runs)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Edition_]:
    """Build the study guide's A4, Letter, large-print and booklet (A5 pages) editions once."""
    tmp = tmp_path_factory.mktemp("editions")
    book = prepare(load_checked(ROOT))
    a4 = configure(ROOT, book, "a4", tmp)
    return {
        "a4": built(book, a4, "a4", tmp),
        "letter": built(book, a4.with_paper(Paper.LETTER), "letter", tmp),
        "large-print": built(book, a4.with_edition(Edition.LARGE_PRINT), "large-print", tmp),
        "booklet": built(book, replace(a4.with_edition(Edition.BOOKLET), paper=Paper.A5), "booklet", tmp),
    }


@pytest.fixture(scope="module")
def imposed(editions: dict[str, Edition_], tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the imposed booklet (A5 pages two-up on A4 sheets)."""
    book = prepare(load_checked(ROOT))
    config = configure(ROOT, book, "a4", tmp_path_factory.mktemp("booklet"))
    return render_output(book, config, "booklet", _quiet)


EDITIONS = ["a4", "letter", "large-print", "booklet"]


@pytest.mark.parametrize("name", EDITIONS)
def test_every_page_has_the_frame_of_its_side(editions: dict[str, Edition_], name: str) -> None:
    """Odd pages are right-hand pages with the binding margin on the left; even pages the other way round,
    whatever blank, notes or inserted pages came before; judged on every page that carries text."""
    edition = editions[name]
    g = edition.geometry
    checked = 0
    for number, runs in enumerate(edition.runs, 1):
        if number == 1 or not runs:
            continue  # the cover is an image
        left, other = (g.margin_inner, g.margin_outer) if number % 2 == 1 else (g.margin_outer, g.margin_inner)
        lowest = min(run.x for run in runs)
        assert lowest >= left - 0.5, f"{name} page {number}: text at x={lowest:.1f}, left of its frame ({left:.1f})"
        body = [run.x for run in runs if g.margin_bottom <= run.y <= g.height - g.margin_top]
        if len(body) >= 6:
            start = min(body)
            assert abs(start - other) >= 1, f"{name} page {number}: text block on the other side's frame ({start:.1f})"
            checked += 1
    assert checked >= len(edition.runs) // 2


def test_booklet_links_land_on_its_sheets_and_it_stays_small(editions: dict[str, Edition_], imposed: bytes) -> None:
    """Every link of the imposed booklet goes to one of its sheets; it stores no other page objects and weighs
    at most the A4 edition's size plus 20 %."""
    reader = PdfReader(io.BytesIO(imposed))
    sheets = {page.indirect_reference.idnum for page in reader.pages if page.indirect_reference}
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    internal = [a for a in links if "/Dest" in a]
    assert len(internal) > 400
    assert all(a["/Dest"][0].idnum in sheets for a in internal)
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    stored = [reader.get_object(n) for n in numbers]
    assert sum(isinstance(o, DictionaryObject) and o.get("/Type") == "/Page" for o in stored) == len(reader.pages)
    assert len(imposed) <= 1.2 * len(editions["a4"].pdf)


def _fills(page: Any) -> int:
    """Return how many fill operations a page's content stream paints (a figure paints many)."""
    content = page.get_contents()
    if content is None:
        return 0
    return sum(1 for _, op in ContentStream(content, page.pdf).operations if op in (b"f", b"f*", b"B", b"B*", b"b"))


@pytest.mark.parametrize("name", ["a4", "letter", "large-print"])
def test_at_most_six_percent_of_inner_pages_are_nearly_empty(editions: dict[str, Edition_], name: str) -> None:
    """Chapters and sections run on below the last one when enough of the page is left, so a few stray lines
    never get a page to themselves; pages with under 60 words and no figure stay under 6 % of the inner pages."""
    edition = editions[name]
    reader = PdfReader(io.BytesIO(edition.pdf))
    g = edition.geometry
    inner = range(2, len(reader.pages) - 1)  # covers and the inside of the cover excluded
    empty = []
    for index in inner:
        runs = edition.runs[index]
        words = sum(len(r.text.split()) for r in runs if g.margin_bottom <= r.y <= g.height - g.margin_top)
        if words < 60 and _fills(reader.pages[index]) < 4:
            empty.append(index + 1)
    assert len(empty) <= 0.06 * len(inner), f"{name}: nearly empty pages {empty}"


def test_a_chapter_opening_below_another_keeps_the_running_head(editions: dict[str, Edition_]) -> None:
    edition = editions["a4"]
    g = edition.geometry
    head_zone = g.height - g.margin_top
    mid_page = 0
    for number, runs in enumerate(edition.runs, 1):
        texts = [r.text for r in runs if r.y < head_zone]
        starts = [i for i, t in enumerate(texts) if re.fullmatch(r"Chapter \d+", t.strip())]
        if starts and starts[0] > 3:  # a chapter that opens below other text
            assert any(r.y > head_zone for r in runs), f"page {number} lost its running head"
            mid_page += 1
    assert mid_page >= 3


@pytest.mark.parametrize("name", EDITIONS)
def test_no_internal_names_are_printed(editions: dict[str, Edition_], name: str) -> None:
    """No research file names, fact-sheet names, repository paths or raw identifiers in the printed text."""
    runs = editions[name].runs
    text = " ".join(r.text for page in runs for r in page)
    for pattern in (r"\b[0-9a-f]{3}_[0-9a-f]{16}\.txt", r"FACTS\.md", r"assets/", r"manuscript/", r"\.ya?ml\b"):
        assert not re.search(pattern, text), f"{name} prints {pattern}"
    assert "urn:uuid" not in " ".join(r.text for r in runs[-1]), f"{name}: the back cover prints a raw identifier"


@pytest.mark.parametrize("name", EDITIONS)
def test_quotation_marks_are_typographic(editions: dict[str, Edition_], name: str) -> None:
    text = " ".join(r.text for page in editions[name].runs for r in page)
    assert text.count("\u2019") > 100 and text.count("\u201c") > 10
    assert text.count("'") + text.count('"') == 0


@pytest.mark.parametrize("name", EDITIONS)
def test_not_to_scale_is_said_once_in_the_authors_words(editions: dict[str, Edition_], name: str) -> None:
    text = " ".join(r.text for page in editions[name].runs for r in page).lower()
    assert text.count("not to scale") == 1


def test_large_print_text_is_large_everywhere(editions: dict[str, Edition_]) -> None:
    """No text under 12 pt in large print, figures and tables included, and at most 5 % under 14 pt."""
    sizes = [(r.size, len(r.text.strip())) for page in editions["large-print"].runs[1:] for r in page]
    assert min(size for size, _ in sizes) >= 12 - 0.01
    small = sum(n for size, n in sizes if size < 14 - 0.01)
    assert small <= 0.05 * sum(n for _, n in sizes)


@pytest.mark.parametrize("name", EDITIONS)
def test_theme_tracker_numbers_stay_on_one_line(editions: dict[str, Edition_], name: str) -> None:
    """Every chapter number heading a column of the theme tracker is drawn whole, as one run on one row."""
    runs = next(page for page in editions[name].runs if any(r.text.strip() == "Theme" for r in page))
    head = next(r for r in runs if r.text.strip() == "Theme")
    row = sorted((r.x, r.text.strip()) for r in runs if abs(r.y - head.y) < 1 and r is not head)
    assert [text for _, text in row] == [str(n) for n in range(1, 14)]


@pytest.mark.parametrize("name", ["a4", "large-print"])
def test_a_letters_source_note_starts_where_its_wording_ends(editions: dict[str, Edition_], name: str) -> None:
    """No page of the letters holds only an original's wording while its 'Where this comes from' note moved
    on whole: the note's heading follows on the same page when there is room for it and two lines."""
    pages = editions[name].runs
    for number, runs in enumerate(pages[:-1], start=1):
        text = [r.text.strip() for r in runs]
        lowest = min((r.y for r in runs), default=0)
        following = [r.text.strip() for r in pages[number]]
        if "wording" in " ".join(text) and following[:2] and "Where this comes from" in following[:3]:
            assert lowest < 0.35 * max(r.y for r in runs), f"{name}: page {number} ends early before a source note"


@pytest.mark.parametrize("name", ["a4", "large-print", "booklet"])
def test_cross_references_cite_the_page_their_section_or_letter_is_on(editions: dict[str, Edition_], name: str) -> None:
    """A printed reference to a letter or a section says on which page it stands, in every edition: 'see The
    kitchen draught, p. 42' and 'his farewell telegram (p. 39)' name the page where that letter begins."""
    book = prepare(load_checked(ROOT))
    edition = editions[name]
    pages = ["".join(r.text for r in page) for page in edition.runs]
    flat = re.sub(r"[ \t\r\n]+", " ", " ".join(pages))
    by_label = dict(zip(edition.labels, pages, strict=True))
    checked = 0
    for letter in book.letters:
        title = re.sub(r"[ \t\r\n]+", " ", letter.title)
        for cited in re.findall(re.escape(title) + r"(?:, p\.[ \u00a0]| \(p\.[ \u00a0])(\d+)", flat):
            assert title in re.sub(r"[ \t\r\n]+", " ", by_label[cited]), f"{name}: '{title}' is not on p. {cited}"
            checked += 1
    assert checked >= 3
    assert re.search(r"\(p\.[ \u00a0]\d+\)", flat) and not re.search(r"p\.[ \u00a0](?:00\b|\?)", flat)


@pytest.mark.parametrize("name", ["a4", "letter"])
def test_a_second_paragraph_is_indented_everywhere(editions: dict[str, Edition_], name: str) -> None:
    """In chapters, character and term entries, letters' source notes and the colophon, a paragraph after
    the first begins indented, so two paragraphs never read as one."""
    pages = editions[name].runs

    def starts(words: str) -> float:
        """Return where the run that begins with words starts, from the left edge of its page's text block (an
        entry may run on to the next page, which has the other side's margins)."""
        page = next(page for page in pages if any(r.text.startswith(words) for r in page))
        edge = Counter(round(r.x) for r in page).most_common(1)[0][0]
        return next(r.x for r in page if r.text.startswith(words)) - edge

    # a character entry (Hanako's second paragraph) and the colophon's second paragraph of its sources
    assert starts("Saigō promises") - starts("Hanako is a") == pytest.approx(12, abs=0.6)
    assert starts("We checked") - starts("This booklet draws") == pytest.approx(10, abs=0.6)
