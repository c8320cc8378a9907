"""iwobook decides whether an output is stale: the set of inputs, their resolved targets and their contents."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from iwobook import cli

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
UP_TO_DATE = "up to date: nothing changed since the last build"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start without PAPER or SOURCE_DATE_EPOCH."""
    monkeypatch.delenv("PAPER", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def build(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, bool, str]:
    """Build the PDF of root; return the exit code, whether it was skipped as up to date, and stdout."""
    code = cli.main(["-C", str(root), "build", "pdf", *extra])
    out, err = capsys.readouterr()
    return code, UP_TO_DATE in err, out


def old_times(path: Path) -> None:
    """Give path the times of a file written long ago (what make would trust)."""
    os.utime(path, (1_000_000_000, 1_000_000_000), follow_symlinks=False)


def test_only_a_change_of_inputs_or_outputs_rebuilds(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    pdf = root / "dist" / "the-lighthouse-keeper.pdf"
    assert build(capsys, root) == (0, False, f"{pdf}\n")
    assert build(capsys, root) == (0, True, f"{pdf}\n")
    # touched but unchanged: no rebuild
    (root / "manuscript" / "02-storm.md").touch()
    assert build(capsys, root)[1] is True
    assert build(capsys, root)[1] is True
    # a chapter replaced by a symbolic link to other text with an old time: rebuilt
    (root / "drafts").mkdir()
    other = root / "drafts" / "02-storm.md"
    chapter = root / "manuscript" / "02-storm.md"
    other.write_text(chapter.read_text(encoding="utf-8").replace("A storm comes.", "A gale comes."))
    old_times(other)
    chapter.unlink()
    chapter.symlink_to("../drafts/02-storm.md")
    old_times(chapter)
    assert build(capsys, root)[:2] == (0, False)
    assert build(capsys, root)[1] is True
    # the environment is part of the question
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build(capsys, root)[:2] == (0, False)
    assert build(capsys, root)[1] is True
    # an output changed or removed behind iwobook's back
    pdf.write_bytes(b"%PDF- damaged")
    assert build(capsys, root)[:2] == (0, False)
    pdf.unlink()
    assert build(capsys, root)[:2] == (0, False)
    # --force always builds
    assert build(capsys, root, "--force")[:2] == (0, False)


def test_a_deleted_data_file_is_noticed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    assert build(capsys, root, "-q")[0] == 0
    (root / "manuscript" / "data" / "terms.yaml").unlink()
    code = cli.main(["-C", str(root), "build", "pdf", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "manuscript/book.yaml:21: E100 file 'manuscript/data/terms.yaml' does not exist" in err


def test_a_corrupt_stamp_rebuilds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    assert build(capsys, root)[:2] == (0, False)
    stamp = root / "dist" / ".cache" / "stamp-pdf.json"
    for broken in (b"{", b"[]", b'{"key": 1}', b"\xff"):
        stamp.write_bytes(broken)
        assert build(capsys, root)[:2] == (0, False)
    assert build(capsys, root)[1] is True


def test_the_html_folder_is_stale_when_a_file_in_it_changes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The HTML edition is a folder: a second build returns at once, an edited or removed page rebuilds."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)

    def build_html() -> bool:
        assert cli.main(["-C", str(root), "build", "html"]) == 0
        return UP_TO_DATE in capsys.readouterr().err

    assert not build_html()
    assert build_html()
    folder = next((root / "dist").glob("*-html"))
    index = folder / "index.html"
    original = index.read_bytes()
    index.write_bytes(original + b"<!-- edited -->")
    assert not build_html()
    assert index.read_bytes() == original
    assert build_html()
    next(p for p in sorted(folder.iterdir()) if p.name != "index.html" and p.is_file()).unlink()
    assert not build_html()
