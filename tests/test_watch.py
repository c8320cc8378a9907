"""`iwobook watch`: warm builds after edits are byte for byte clean builds; the command rebuilds, reports, stops."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iwobook.build import build_outputs
from iwobook.diagnostics import InputError
from iwobook.watch import Rebuilder

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
EPOCH = "1700000000"


def _quiet() -> None:
    """Print nothing."""


def _copy(source: Path, to: Path) -> Path:
    """Copy a project's manuscript and assets to to; return it."""
    for folder in ("manuscript", "assets"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, to / folder)
    return to


def _rebuilder(root: Path, what: str, problems: list[InputError]) -> Rebuilder:
    """Return a rebuilder writing to root/warm that collects its problems."""
    return Rebuilder(root, what, None, root / "warm", lambda: lambda _: None, problems.append)


def _clean(root: Path, what: str, out: str) -> dict[str, bytes]:
    """Build what from nothing into root/out; return the outputs by name."""
    return {p.name: p.read_bytes() for p in build_outputs(root, what, None, root / out, lambda _: None)}


def _outputs(paths: list[Path] | None) -> dict[str, bytes]:
    """Return the files at paths by name."""
    assert paths is not None
    return {p.name: p.read_bytes() for p in paths}


def _edit(path: Path, old: str, new: str) -> None:
    """Replace old by new in the file at path."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build with a fixed SOURCE_DATE_EPOCH, as a reproducible build does."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_warm_builds_after_edits_equal_clean_builds(tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    problems: list[InputError] = []
    rebuilder = _rebuilder(root, "all", problems)
    assert _outputs(rebuilder.build()) == _clean(root, "all", "clean-0")
    storm = root / "manuscript" / "02-storm.md"
    longer = "A storm comes. " + "The wind rises and the glass shakes in every window of the tower. " * 40
    _edit(storm, "A storm comes. ", longer)  # the chapter grows by pages: later pages move
    assert _outputs(rebuilder.build()) == _clean(root, "all", "clean-1")
    assert rebuilder.cache.hits > 0  # the unchanged sections were kept, not made again
    _edit(storm, longer, "A storm comes. ")
    assert _outputs(rebuilder.build()) == _clean(root, "all", "clean-2")
    assert problems == []


def test_warm_study_guide_after_a_chapter_edit_equals_a_clean_build(tmp_path: Path) -> None:
    root = _copy(ROOT, tmp_path)
    rebuilder = _rebuilder(root, "pdf", [])
    rebuilder.build()
    chapter = sorted((root / "manuscript" / "chapters").glob("*.md"))[3]
    text = chapter.read_text(encoding="utf-8")
    paragraph = "\n\nThis added paragraph makes the chapter longer, so its last page and the pages after it move.\n"
    chapter.write_text(text + paragraph * 12, encoding="utf-8")
    hits = rebuilder.cache.hits
    assert _outputs(rebuilder.build()) == _clean(root, "pdf", "clean")
    assert rebuilder.cache.hits > hits


def test_a_broken_manuscript_is_reported_and_the_last_outputs_kept(tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    problems: list[InputError] = []
    rebuilder = _rebuilder(root, "pdf", problems)
    good = _outputs(rebuilder.build())
    _edit(root / "manuscript" / "02-storm.md", "A storm comes.", "A storm comes [[nowhere]].")
    assert rebuilder.build() is None
    expected = ["manuscript/02-storm.md:12: E131 cross-reference to 'nowhere' names nothing in the book"]
    assert [str(d) for e in problems for d in e.diagnostics] == expected
    assert {p.name: p.read_bytes() for p in (root / "warm").glob("*.pdf")} == good
    hits = rebuilder.warm.prose.hits
    _edit(root / "manuscript" / "01-arrival.md", "The island's name", "The name of the island")
    assert rebuilder.build() is None  # the broken file, kept parsed, reports its problem again
    assert [str(d) for d in problems[-1].diagnostics] == expected
    assert rebuilder.warm.prose.hits > hits


def test_asset_changes_empty_the_cache_and_font_changes_restart(tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    rebuilder = _rebuilder(root, "pdf", [])
    rebuilder.build()
    assert rebuilder.cache.sections
    assert not rebuilder.note_changes([root / "manuscript" / "02-storm.md"])
    assert rebuilder.cache.sections
    assert not rebuilder.note_changes([root / "assets" / "styles.yaml"])
    assert not rebuilder.cache.sections
    assert rebuilder.note_changes([root / "assets" / "fonts" / "new.ttf"])


def _lines(stream: object, into: queue.Queue[str]) -> None:
    """Put each line read from stream into the queue."""
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def _wait_for(lines: queue.Queue[str], text: str) -> list[str]:
    """Return the lines read until one contains text (a minute at most, so a hang fails instead of waiting)."""
    seen: list[str] = []
    while True:
        line = lines.get(timeout=60)
        seen.append(line)
        if text in line:
            return seen


def test_watch_command_rebuilds_reports_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    out = root / "dist"
    command = [sys.executable, "-m", "iwobook", "-C", str(root), "watch", "pdf", "--out", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, errors), daemon=True).start()
    try:
        _wait_for(errors, "watching for changes")
        pdf = next(out.glob("*.pdf"))
        _edit(root / "manuscript" / "02-storm.md", "A storm comes.", "A great storm comes.")
        _wait_for(errors, "built in")
        rebuilt = pdf.read_bytes()
        assert rebuilt == _clean(root, "pdf", "clean")[pdf.name]
        _edit(root / "manuscript" / "02-storm.md", "A great storm", "A [[nowhere]] storm")
        seen = _wait_for(errors, "problem(s) found")
        assert "manuscript/02-storm.md:12: E131 cross-reference to 'nowhere' names nothing in the book\n" in seen
        assert seen[-1] == "iwobook: 1 problem(s) found; the last good outputs are kept\n"
        _wait_for(errors, "watching for changes")
        assert pdf.read_bytes() == rebuilt
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        assert _wait_for(errors, "stopped") == ["iwobook: stopped watching\n"]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
