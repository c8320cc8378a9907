"""Page make-up: a layout that leaves a blank page before the body or the back cover is laid out again with the
change that saves it (the colophon on the title page, a section on a new page), and only when it does; a pamphlet's
drawn cover is its title page when that spends fewer pages."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from iwobook.build import configure
from iwobook.check import load_checked
from iwobook.config import Edition
from iwobook.model import Book
from iwobook.transform import prepare
from iwobook.writers.pdf import layout_pdf
from iwobook.writers.pdf.makeup import MakeUp, PageFacts, Rules, RunOn, choose_makeup

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
ILE = ROOT / "tests" / "fixtures" / "ile"
TITLED = Rules(title_page="always")  # the blank-page trials alone


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def facts(pages: int, blanks: tuple[int, ...], body: int = 7, **extra: object) -> PageFacts:
    """Return page facts of a layout of pages pages, every page full but the blank ones."""
    filled = {page: 0.0 if page in blanks else 0.9 for page in range(1, pages + 1)}
    fields: dict[str, object] = {
        "pages": pages,
        "blanks": blanks,
        "title_page": 3,
        "body_start": body,
        "starts": {},
        "runs_on": (),
        "filled": filled,
    }
    fields.update(extra)
    return PageFacts(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def mini() -> Book:
    """The prepared mini book, whose front matter opens with its colophon."""
    return prepare(load_checked(MINI))


def never(_: MakeUp) -> PageFacts:
    """A layout that must not be asked for."""
    raise AssertionError("no trial was wanted")


def test_a_layout_without_blank_pages_is_kept_without_a_trial(mini: Book) -> None:
    assert choose_makeup(mini, facts(16, (2,)), never, TITLED) == MakeUp()


def test_a_blank_page_before_the_body_puts_the_colophon_on_the_title_page(mini: Book) -> None:
    tried: list[MakeUp] = []

    def lay_out(makeup: MakeUp) -> PageFacts:
        tried.append(makeup)
        return facts(14, (2,), body=5, starts={"contents": 4})  # the page after the colophon: the title's back

    assert choose_makeup(mini, facts(16, (2, 6)), lay_out, TITLED) == MakeUp(imprint_on_title=True)
    assert tried == [MakeUp(imprint_on_title=True)]


def test_a_colophon_too_long_for_the_title_page_stays_overleaf(mini: Book) -> None:
    spilled = facts(14, (2,), body=5, starts={"contents": 5})  # the colophon ran onto a page of its own
    assert choose_makeup(mini, facts(16, (2, 6)), lambda _: spilled, TITLED) == MakeUp()


def test_a_blank_page_before_the_back_cover_moves_the_last_run_on_section_first(mini: Book) -> None:
    runs = (RunOn("early", 8, 0.5), RunOn("late", 12, 0.5), RunOn("front", 4, 0.5))
    tried: list[frozenset[str]] = []

    def lay_out(makeup: MakeUp) -> PageFacts:
        tried.append(makeup.new_pages)
        return facts(16, (2,)) if makeup.new_pages == {"early"} else facts(16, (2, 15))

    plain = facts(16, (2, 15), runs_on=runs)
    assert choose_makeup(mini, plain, lay_out, TITLED) == MakeUp(new_pages=frozenset({"early"}))
    assert tried == [frozenset({"late"}), frozenset({"early"})]  # front matter is never moved for the back


def test_a_trial_that_leaves_a_nearly_empty_page_is_refused(mini: Book) -> None:
    plain = facts(16, (2, 15), runs_on=(RunOn("terms", 12, 0.6),))
    sparse = facts(16, (2,))
    sparse = PageFacts(**{**sparse.__dict__, "filled": {**sparse.filled, 13: 0.1}})
    assert choose_makeup(mini, plain, lambda _: sparse, TITLED) == MakeUp()


def test_two_sections_are_tried_together_when_one_is_not_enough(mini: Book) -> None:
    runs = (RunOn("a", 9, 0.5), RunOn("b", 10, 0.5))

    def lay_out(makeup: MakeUp) -> PageFacts:
        return facts(16, (2,)) if makeup.new_pages == {"a", "b"} else facts(16, (2, 15))

    chosen = choose_makeup(mini, facts(16, (2, 15), runs_on=runs), lay_out, TITLED)
    assert chosen == MakeUp(new_pages=frozenset({"a", "b"}))


def write_page_keys(root: Path, *keys: str) -> None:
    """Give the book under root the shipped style sheet with keys ("name: value") added to its page."""
    sheet = (ROOT / "src" / "iwobook" / "assets" / "styles.yaml").read_text(encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    added = "".join(f"\n  {key}" for key in keys)
    (root / "assets" / "styles.yaml").write_text(sheet.replace("  notes: none", "  notes: none" + added, 1), "utf-8")


def page_texts(root: Path, edition: Edition = Edition.STANDARD) -> list[str]:
    """Return the text of every page of the PDF of edition of the book under root."""
    book = prepare(load_checked(root))
    config = configure(root, book, None, None).with_edition(edition)
    data = layout_pdf(book, config, _quiet).data
    path = root / "out.pdf"
    path.write_bytes(data)
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.mark.parametrize("fixture", [MINI, ILE])
def test_a_short_book_leaves_no_inner_page_blank(fixture: Path, tmp_path: Path) -> None:
    """Both fixture books would leave blank pages before the body and the back cover; made up, every inner
    page carries text, the colophon sits on the title page and the contents on its back."""
    root = tmp_path / "book"
    shutil.copytree(fixture, root)
    texts = page_texts(root)
    inner = texts[2:-1]
    assert all(text.strip() for text in inner), [i + 3 for i, text in enumerate(inner) if not text.strip()]
    assert "Colophon" in texts[2] and not texts[2].lstrip().startswith("Colophon")  # below the title
    assert texts[3].lstrip().startswith(("Contents", "Sommaire"))


def test_save_blank_pages_false_and_a_title_page_always_keep_the_plain_layout(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    write_page_keys(root, "save_blank_pages: false", "title_page: always")
    texts = page_texts(root)
    assert "Colophon" not in texts[2] and texts[3].lstrip().startswith("Colophon")
    assert not texts[5].strip()  # the blank left-hand page before the body


def test_a_page_opened_by_a_section_has_no_running_head_though_another_runs_on_below(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    texts = page_texts(root)
    page = next(text for text in texts if "Recipient: Her brother" in text)
    assert "\nTerms\n" in page  # which runs on below the letters
    assert page.lstrip().startswith("Letters")  # no running head above them


def test_a_long_book_gets_one_trial(mini: Book) -> None:
    runs = tuple(RunOn(f"s{i}", 100 + i, 0.5) for i in range(6))
    tried: list[MakeUp] = []

    def lay_out(makeup: MakeUp) -> PageFacts:
        tried.append(makeup)
        return facts(500, (2, 499))

    assert choose_makeup(mini, facts(500, (2, 499), runs_on=runs), lay_out, TITLED) == MakeUp()
    assert tried == [MakeUp(new_pages=frozenset({"s5"}))]  # 100 pages of trials: one layout of 500 pages


def test_the_build_says_what_the_make_up_changed() -> None:
    makeup = MakeUp(imprint_on_title=True, new_pages=frozenset({"terms"}))
    assert makeup.summary({"terms": "Terms"}) == "the colophon on the title page, “Terms” on a new page"


def test_a_pamphlet_s_cover_is_its_title_page_when_that_saves_pages(mini: Book) -> None:
    tried: list[MakeUp] = []

    def lay_out(makeup: MakeUp) -> PageFacts:
        tried.append(makeup)
        return facts(16, (), body=5, starts={"contents": 3})  # the colophon inside the cover, the contents after

    assert choose_makeup(mini, facts(18, (2,)), lay_out) == MakeUp(cover_as_title=True)
    assert tried == [MakeUp(cover_as_title=True)]


def test_a_pamphlet_keeps_its_title_page_when_that_costs_no_more_pages(mini: Book) -> None:
    def lay_out(makeup: MakeUp) -> PageFacts:
        return facts(14, (2,), body=5, starts={"contents": 3 if makeup.cover_as_title else 4})

    assert choose_makeup(mini, facts(16, (2, 6)), lay_out) == MakeUp(imprint_on_title=True)


def test_a_colophon_too_long_for_the_inside_cover_keeps_the_title_page(mini: Book) -> None:
    spilled = facts(16, (), body=5, starts={"contents": 5})
    assert choose_makeup(mini, facts(18, (2,)), lambda _: spilled) == MakeUp()


def test_a_book_with_its_own_cover_image_or_over_48_pages_keeps_its_title_page(mini: Book) -> None:
    pictured = replace(mini, metadata=replace(mini.metadata, cover="assets/images/cover.png"))
    assert choose_makeup(pictured, facts(18, (2,)), never) == MakeUp()
    assert choose_makeup(mini, facts(52, (2,)), never) == MakeUp()  # 49 pages besides the covers


def test_title_page_never_makes_the_cover_the_title_page_from_the_first_layout(mini: Book) -> None:
    never_titled = Rules(title_page="never")
    assert never_titled.plain() == MakeUp(cover_as_title=True)
    assert choose_makeup(mini, facts(18, (2,)), never, never_titled) == MakeUp(cover_as_title=True)


def test_the_french_large_print_has_its_colophon_inside_the_cover_and_no_title_page(tmp_path: Path) -> None:
    """The large print of the French fixture has no blank page to save, but its title page, which repeats the
    cover, is a page a pamphlet need not spend: without it the book has 16 pages instead of 18."""
    root = tmp_path / "book"
    shutil.copytree(ILE, root)
    texts = page_texts(root, Edition.LARGE_PRINT)
    assert len(texts) == 16
    assert texts[1].lstrip().startswith("Colophon") and texts[2].lstrip().startswith("Sommaire")
    assert all(text.strip() for text in texts[1:-1])
    write_page_keys(root, "title_page: always")
    texts = page_texts(root, Edition.LARGE_PRINT)
    assert len(texts) == 18 and texts[2].lstrip().startswith("L’Île mystérieuse")
