"""Environment and output-folder faults: one line, a documented exit code, dist/ as it was, no temporary files."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iwobook import cli, output
from iwobook.config import MAX_EPOCH, epoch_from_text
from iwobook.diagnostics import UsageProblem

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
SLUG = "the-lighthouse-keeper"


def snapshot(folder: Path) -> dict[str, str]:
    """Return every file and folder under folder with the digest of each file's bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the command line in this process; return its exit code and what it printed on stderr."""
    code = cli.main(["-C", str(MINI), *args])
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start every test without PAPER or SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("PAPER", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "1e9", "12 days", "0x10", "٣"])
def test_a_bad_source_date_epoch_is_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, err = run(capsys, "build", "pdf", "-q", "--out", str(tmp_path))
    assert code == cli.EXIT_USAGE == 2
    assert err == (
        f"iwobook: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (0 to {MAX_EPOCH}), not '{value}'\n"
    )
    assert snapshot(tmp_path) == {}


def test_a_bad_paper_is_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPER", "foo")
    assert run(capsys, "build", "pdf", "-q") == (2, "iwobook: PAPER must be a4 or letter, not 'foo'\n")


def test_the_largest_epoch_is_accepted() -> None:
    assert epoch_from_text(str(MAX_EPOCH)) == MAX_EPOCH
    assert epoch_from_text("0") == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_epoch_text_is_a_number_or_a_usage_problem(text: str) -> None:
    try:
        value = epoch_from_text(text)
    except UsageProblem as problem:
        assert str(problem).startswith("SOURCE_DATE_EPOCH must be")
    else:
        assert 0 <= value <= MAX_EPOCH and str(value) == text.lstrip("0").rjust(1, "0")


def test_the_output_folder_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "dist"
    blocker.write_text("not a folder")
    code, err = run(capsys, "build", "pdf", "-q", "--out", str(blocker))
    assert code == cli.EXIT_CANNOT_CREATE == 73
    expected = f"cannot write {blocker}/{SLUG}.pdf: {blocker} is a file, not a folder; nothing was written"
    assert err == f"iwobook: {expected}\n"
    assert blocker.read_text() == "not a folder"


def test_the_output_folder_is_under_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "sub"
    code, err = run(capsys, "build", "epub", "-q", "--out", str(out))
    assert code == 73
    expected = f"cannot write {out}/{SLUG}.epub: {tmp_path / 'file'} is a file, not a folder; nothing was written"
    assert err.splitlines()[-1] == "iwobook: " + expected


def test_build_all_is_all_or_nothing_when_one_output_is_blocked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A folder where the EPUB belongs: no PDF is renamed into place either, and no temporary file stays."""
    (tmp_path / f"{SLUG}.pdf").write_bytes(b"%PDF- previous")
    (tmp_path / f"{SLUG}.epub").mkdir()
    before = snapshot(tmp_path)
    code, err = run(capsys, "build", "all", "-q", "--out", str(tmp_path))
    assert code == 73
    assert err.splitlines() == [
        f"iwobook: cannot write {tmp_path}/{SLUG}.epub: a folder of that name is in the way; nothing was written"
    ]
    assert snapshot(tmp_path) == before


def test_a_full_disk_is_exit_73_and_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / f"{SLUG}.pdf").write_bytes(b"%PDF- previous")
    before = snapshot(tmp_path)
    written: list[int] = []

    def full(handle: int, data: bytes) -> None:
        written.append(len(data))
        os.close(handle)
        if len(written) == 3:  # the third output finds the disk full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "_write_file", full)
    code, err = run(capsys, "build", "all", "-q", "--out", str(tmp_path))
    assert code == 73
    assert err.splitlines() == [
        f"iwobook: cannot write {tmp_path}/{SLUG}-booklet.pdf: No space left on device; nothing was written"
    ]
    assert snapshot(tmp_path) == before


def test_files_abandoned_by_a_killed_build_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".{SLUG}.pdf.999999999.abc123.part"  # no process has this id
    alive = tmp_path / f".{SLUG}.pdf.{os.getpid()}.abc123.part"
    dead.write_bytes(b"half")
    alive.write_bytes(b"half")
    output.write_atomically(tmp_path / f"{SLUG}.pdf", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, f"{SLUG}.pdf"])


@pytest.mark.parametrize("cache", ["{not json", "[]", '[["i", "k", "many"]]', '{"a": 1}', "\udcff"])
def test_a_corrupt_pagination_cache_is_rebuilt(capsys: pytest.CaptureFixture[str], tmp_path: Path, cache: str) -> None:
    out = tmp_path / "out"
    assert run(capsys, "build", "pdf", "-q", "--out", str(out))[0] == 0
    (cached,) = (out / ".cache").glob("pagination-*.json")
    good = json.loads(cached.read_text())
    cached.write_bytes(cache.encode("utf-8", "surrogateescape"))
    code, err = run(capsys, "build", "epub", "--out", str(out))
    assert code == 0, err
    assert "the cached page numbers do not parse; laying the print edition out again" in err
    assert json.loads(cached.read_text()) == good
    assert not [p for p in out.rglob("*.part")]


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["build", "pdf", "--paper", "a3"])
    assert done.value.code == 2
    assert "invalid choice: 'a3'" in capsys.readouterr().err


def test_the_help_documents_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for code in ("0", "1", "2", "70", "73", "130"):
        assert f"\n  {code} " in text


def test_a_project_copy_still_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    assert cli.main(["-C", str(root), "build", "pdf", "-q", "--out", str(tmp_path / "o")]) == 0
    assert (tmp_path / "o" / f"{SLUG}.pdf").is_file()
