"""`iwobook serve`: the HTML edition on the loopback address, rebuilt after a save, stopped by Ctrl-C."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from iwobook.serve import RELOAD_SCRIPT, VERSION_PATH

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


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


def _get(url: str) -> tuple[int, bytes]:
    """Return the status and body of a GET of url."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_builds_serves_the_index_rebuilds_and_stops(tmp_path: Path) -> None:
    """On a free port of 127.0.0.1: the index with the reload script, the files as built, a new build number
    after a save, and exit 0 on Ctrl-C."""
    for folder in ("manuscript", "assets"):
        if (MINI / folder).is_dir():
            shutil.copytree(MINI / folder, tmp_path / folder)
    command = [sys.executable, "-m", "iwobook", "-C", str(tmp_path), "serve", "--port", "0"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stderr, errors), daemon=True).start()
    try:
        announced = _wait_for(errors, "serving the HTML edition at")[-1]
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", announced)
        assert match, announced
        url = match.group(0)
        _wait_for(errors, "watching for changes")
        status, index = _get(url)
        assert status == 200
        built = tmp_path / "dist" / "the-lighthouse-keeper-html" / "index.html"
        assert index == built.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"\n</body>", 1)
        assert _get(url + "style.css") == (200, built.with_name("style.css").read_bytes())
        assert _get(url + VERSION_PATH.lstrip("/")) == (200, b"1")
        chapter = tmp_path / "manuscript" / "01-arrival.md"
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("one bag", "two bags"), encoding="utf-8")
        _wait_for(errors, "built in")
        assert _get(url + VERSION_PATH.lstrip("/")) == (200, b"2")
        assert b"two bags" in _get(url + "arrival.html")[1]
        assert _get(url + "nothing.html")[0] == 404
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
