"""The command line: version, help, usage errors and `iwobook check` exit codes, run as a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iwobook import __version__

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def iwobook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m iwobook args` and return the finished process with its text output."""
    return subprocess.run(
        [sys.executable, "-m", "iwobook", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_version() -> None:
    """`iwobook --version` (the installed script) prints the package version and exits 0."""
    script = Path(sys.executable).parent / "iwobook"
    if not script.exists():
        pytest.skip("the iwobook script is not installed next to this Python")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"iwobook {__version__}"


def test_python_dash_m_version() -> None:
    """`python -m iwobook --version` works (the package has a __main__)."""
    done = iwobook("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"iwobook {__version__}"


def test_help_lists_commands_and_exit_codes() -> None:
    """--help exits 0, names the commands and documents every exit code."""
    done = iwobook("--help")
    assert done.returncode == 0
    assert "check" in done.stdout
    assert "build" in done.stdout
    assert "exit codes:" in done.stdout
    meanings = [("0", "success"), ("1", "the manuscript has problems"), ("2", "usage"), ("70", "internal")]
    for code, meaning in meanings:
        assert any(line.split()[:1] == [code] and meaning in line for line in done.stdout.splitlines()), code


def test_no_command_is_a_usage_error() -> None:
    """Without a command the help is printed and the exit code is 2."""
    done = iwobook()
    assert done.returncode == 2
    assert "usage: iwobook" in done.stdout + done.stderr


def test_unknown_command_is_a_usage_error() -> None:
    """An unknown command exits 2 (argparse's usage error)."""
    done = iwobook("frobnicate")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_check_clean_fixture() -> None:
    """`iwobook -C fixture check` exits 0 and says the manuscript is clean on stderr."""
    done = iwobook("-C", str(FIXTURE), "check")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "iwobook: the manuscript is clean"
    assert done.stdout == ""


def test_check_in_the_current_folder(tmp_path: Path) -> None:
    """Without -C, check reads the current folder."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    done = iwobook("check", cwd=root)
    assert done.returncode == 0, done.stderr


def test_check_bad_copy(tmp_path: Path) -> None:
    """On a bad copy, check exits 1 and prints every diagnostic and a count on stderr, with no traceback."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    storm = root / "manuscript" / "02-storm.md"
    text = storm.read_text(encoding="utf-8")
    storm.write_text(text.replace("[[mara]] keeps", "[[marra]] keeps"), encoding="utf-8")
    book = root / "manuscript" / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("paper: a4", "papr: a4"), encoding="utf-8")
    done = iwobook("-C", str(root), "check")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "manuscript/02-storm.md:12: E131 cross-reference to 'marra' names nothing in the book (did you mean 'mara'?)",
        "manuscript/book.yaml:14: E120 unknown field 'papr' in book.yaml (did you mean 'paper'?)",
        "iwobook: 2 problem(s) found",
    ]
    assert "Traceback" not in done.stderr


def test_check_broken_inputs_never_print_a_traceback(tmp_path: Path) -> None:
    """Hostile inputs (aliases, bad bytes, a fake image, no book.yaml): diagnostics, exit 1, no traceback."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    timeline = root / "manuscript" / "data" / "timeline.yaml"
    timeline.write_text("- &a\n  date: 1900\n  text: [*a]\n", encoding="utf-8")
    (root / "manuscript" / "intro.md").write_bytes(b"---\ntitle: x\n---\n\n\xff\n")
    (root / "assets" / "images" / "lighthouse.png").write_text("not a png", encoding="utf-8")
    done = iwobook("-C", str(root), "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "manuscript/data/timeline.yaml:3: E110" in done.stderr
    assert "manuscript/intro.md:5: E101" in done.stderr
    assert "manuscript/01-arrival.md:16: E142" in done.stderr
    empty = tmp_path / "empty"
    (empty / "manuscript").mkdir(parents=True)
    done = iwobook("-C", str(empty), "check")
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first == "manuscript/book.yaml:1: E100 file 'manuscript/book.yaml' does not exist"
    assert "Traceback" not in done.stderr


def broken_copy(tmp_path: Path) -> Path:
    """Return a copy of the fixture with one dangling cross-reference, in a new folder."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    storm = root / "manuscript" / "02-storm.md"
    storm.write_text(storm.read_text(encoding="utf-8").replace("[[mara]] keeps", "[[marra]] keeps"), encoding="utf-8")
    return root


def test_check_lists_problems_as_json(tmp_path: Path) -> None:
    """--format json prints a JSON array of problems on stdout (file, line, column, code, severity, message)."""
    done = iwobook("check", "--format", "json", "-C", str(broken_copy(tmp_path)))
    assert done.returncode == 1
    assert json.loads(done.stdout) == [
        {
            "file": "manuscript/02-storm.md",
            "line": 12,
            "column": None,
            "code": "E131",
            "severity": "error",
            "message": "cross-reference to 'marra' names nothing in the book (did you mean 'mara'?)",
        }
    ]
    assert done.stderr == "iwobook: 1 problem(s) found\n"
    clean = iwobook("--format", "json", "-C", str(FIXTURE), "check")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []


def test_build_lists_problems_as_github_annotations(tmp_path: Path) -> None:
    """--format github prints one workflow command a problem on stdout, with its file, line and code."""
    root = broken_copy(tmp_path)
    done = iwobook("-C", str(root), "--format", "github", "build", "pdf", "-q")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=manuscript/02-storm.md,line=12,title=E131::cross-reference to 'marra' names nothing in the "
        "book (did you mean 'mara'?)"
    ]
    assert not (root / "dist").exists() or not any((root / "dist").glob("*.pdf"))


def test_book_is_found_from_a_subfolder(tmp_path: Path) -> None:
    """Run inside manuscript/ or deeper, iwobook finds the book by walking up to the nearest book.yaml."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / "manuscript" / "data").mkdir(exist_ok=True)
    for where in (root / "manuscript", root / "manuscript" / "data", root / "assets" / "images"):
        done = iwobook("check", cwd=where)
        assert done.returncode == 0, (where, done.stderr)
    done = iwobook("output-path", "epub", cwd=root / "manuscript")
    assert done.stdout == f"{root.resolve() / 'dist' / 'the-lighthouse-keeper.epub'}\n"


def test_no_book_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    """Where no folder up the tree holds a book, one line says so and how to start one; exit 2."""
    done = iwobook("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"iwobook: no book here: neither {tmp_path.resolve()} nor a folder above it has manuscript/book.yaml "
        "(start one with `iwobook new FOLDER`, or name it with -C FOLDER)\n"
    )


def test_global_options_go_anywhere(tmp_path: Path) -> None:
    """-C, -q and --format are accepted before or after the command."""
    for args in (("-q", "-C", str(FIXTURE), "output-path", "pdf"), ("output-path", "pdf", "-C", str(FIXTURE), "-q")):
        done = iwobook(*args)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith("the-lighthouse-keeper.pdf")


def test_build_lists_problems_as_json_and_leaves_dist_alone(tmp_path: Path) -> None:
    """A failed build with --format json prints only the JSON array on stdout: one object per problem, in the
    order of `check`, with the project-relative file and its line; dist/ keeps the last good build."""
    root = broken_copy(tmp_path)
    characters = root / "manuscript" / "data" / "characters.yaml"
    characters.write_text(characters.read_text(encoding="utf-8").replace("  rank: Keeper\n", "  rang: Keeper\n"))
    dist = root / "dist"
    dist.mkdir()
    (dist / "the-lighthouse-keeper.pdf").write_bytes(b"%PDF- last good build")
    done = iwobook("build", "pdf", "--format", "json", cwd=root / "manuscript")
    assert done.returncode == 1
    rows = json.loads(done.stdout)
    assert [(r["file"], r["line"], r["code"]) for r in rows] == [
        ("manuscript/02-storm.md", 12, "E131"),
        ("manuscript/data/characters.yaml", 4, "E120"),
    ]
    assert all(set(r) == {"file", "line", "column", "code", "severity", "message"} for r in rows)
    assert all(r["column"] is None and r["severity"] == "error" for r in rows)
    assert rows[1]["message"].startswith("unknown field 'rang'")
    assert done.stderr.endswith("iwobook: 2 problem(s) found; nothing was written\n")
    assert "Traceback" not in done.stderr
    assert [p.name for p in dist.iterdir()] == ["the-lighthouse-keeper.pdf"]
    assert (dist / "the-lighthouse-keeper.pdf").read_bytes() == b"%PDF- last good build"


def test_github_annotations_escape_their_data_and_properties() -> None:
    """Percent signs, line breaks, colons and commas cannot end or split a GitHub workflow command."""
    from iwobook.diagnostics import Code, Diagnostic
    from iwobook.listing import format_listing

    found = [Diagnostic("manuscript/a,b:c.md", 3, Code.E101, "100% sure: one\ntwo, three")]
    assert format_listing(found, "github") == (
        "::error file=manuscript/a%2Cb%3Ac.md,line=3,title=E101::100%25 sure: one%0Atwo, three\n"
    )
    assert format_listing(found, "text") == "manuscript/a,b:c.md:3: E101 100% sure: one\ntwo, three\n"
    assert format_listing([], "github") == format_listing([], "text") == ""
    assert json.loads(format_listing([], "json")) == []


def test_output_path_names_every_output(tmp_path: Path) -> None:
    """`iwobook output-path FORMAT` prints the file a build of FORMAT writes, one line per output for all."""
    done = iwobook("-C", str(FIXTURE), "output-path", "all")
    assert done.returncode == 0, done.stderr
    dist = FIXTURE.resolve() / "dist"
    names = ["the-lighthouse-keeper.pdf", "the-lighthouse-keeper-large-print.pdf", "the-lighthouse-keeper-booklet.pdf"]
    assert done.stdout.splitlines() == [str(dist / name) for name in [*names, "the-lighthouse-keeper.epub"]]
    done = iwobook("-C", str(FIXTURE), "output-path", "teacher", "--out", str(tmp_path))
    assert done.stdout == f"{tmp_path.resolve() / 'the-lighthouse-keeper-teacher.pdf'}\n"
    broken = iwobook("output-path", "pdf", "--format", "github", "-C", str(broken_copy(tmp_path)))
    assert broken.returncode == 1
    assert broken.stdout.startswith("::error file=manuscript/02-storm.md,line=12,title=E131::")


def test_a_clean_build_lists_an_empty_json_array(tmp_path: Path) -> None:
    """With --format json a good build prints [] on stdout (the written files are in the progress lines)."""
    done = iwobook("-C", str(FIXTURE), "build", "epub", "--out", str(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert f"wrote {tmp_path.resolve() / 'the-lighthouse-keeper.epub'}" in done.stderr
