"""The command line: version, help, usage errors and `iwobook check` exit codes, run as a real process."""

from __future__ import annotations

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
    empty.mkdir()
    done = iwobook("-C", str(empty), "check")
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first == "manuscript/book.yaml:1: E100 file 'manuscript/book.yaml' does not exist"
    assert "Traceback" not in done.stderr
