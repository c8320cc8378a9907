"""Latency of `iwobook watch`: how long after a chapter of the study guide is saved its new PDF is written."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import statistics
import subprocess
import threading
import time
from typing import Any

from .project import BENCH_DIR, IWOBOOK, PROJECT, make_clean_environment, say

WATCH_DIR = BENCH_DIR / "watch-guide"


def _read_lines(stream: Any, lines: queue.Queue[tuple[float, str]]) -> None:
    """Put (arrival time, line) for each line of stream into lines."""
    for line in stream:
        lines.put((time.perf_counter(), line))


def _wait_for(lines: queue.Queue[tuple[float, str]], *texts: str) -> tuple[float, str]:
    """Return (arrival time, line) of the next line holding one of texts (two minutes at most)."""
    while True:
        arrived, line = lines.get(timeout=120)
        if any(text in line for text in texts):
            return arrived, line


def measure_watch(edits: int = 9) -> dict[str, Any]:
    """Run `iwobook watch pdf` on a copy of the study guide, save edits to one chapter after another, and return
    each edit's latency (save to the line saying the PDF was written), the build times watch printed and the
    watch process's peak memory."""
    shutil.rmtree(WATCH_DIR, ignore_errors=True)
    for folder in ("manuscript", "assets"):
        if (PROJECT / folder).is_dir():
            shutil.copytree(PROJECT / folder, WATCH_DIR / folder)
    chapters = sorted((WATCH_DIR / "manuscript" / "chapters").glob("*.md"))
    command = [str(IWOBOOK), "-C", str(WATCH_DIR), "watch", "pdf", "--out", str(WATCH_DIR / "dist"), "-q"]
    process = subprocess.Popen(
        command, env=make_clean_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stderr, lines), daemon=True).start()
    latencies: list[float] = []
    builds: list[float] = []
    cpus: list[float] = []
    failure = ""
    try:
        _, line = _wait_for(lines, "built in", "problem(s)")
        say(f"watch: first build: {line.strip()}")
        for number in range(edits):
            chapter = chapters[number % len(chapters)]
            text = chapter.read_text(encoding="utf-8")
            saved = time.perf_counter()
            chapter.write_text(text + f"\nThis sentence was added by edit {number + 1} of the benchmark.\n", "utf-8")
            arrived, line = _wait_for(lines, "built in", "problem(s)")
            if "problem(s)" in line:
                failure = line.strip()
                break
            latencies.append(arrived - saved)
            builds.append(float(line.split("built in ")[1].split()[0]))
            cpus.append(float(line.split("(CPU ")[1].split()[0]))
            done = f"{latencies[-1]:.2f} s, build {builds[-1]:.2f} s, CPU {cpus[-1]:.2f} s"
            say(f"watch: edit {number + 1}/{edits} ({chapter.name}): {done}")
            time.sleep(0.3)
    except queue.Empty:
        failure = "no build within two minutes"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / 1024
        except ChildProcessError:
            peak = float("nan")
    if failure:
        say(f"watch: {failure}")
    return {
        "edits": edits,
        "latencies": latencies,
        "builds": builds,
        "median_s": statistics.median(latencies) if latencies else float("nan"),
        "max_s": max(latencies, default=float("nan")),
        "build_median_s": statistics.median(builds) if builds else float("nan"),
        "cpus": cpus,
        "cpu_median_s": statistics.median(cpus) if cpus else float("nan"),
        "cpu_max_s": max(cpus, default=float("nan")),
        "peak_mib": peak,
        "exit_status": process.returncode,
        "failure": failure,
    }


def make_watch_lines(watch: dict[str, Any]) -> list[str]:
    """Return the table (Markdown) of the watch latency."""
    if not watch.get("latencies"):
        return [f"watch: no latency measured ({watch.get('failure', '')})"]
    return [
        "| watch (study guide, one chapter edited) | edits | median s | max s | build median s | build CPU median s "
        "| build CPU max s | peak MiB | exit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| save → new PDF | {len(watch['latencies'])} | {watch['median_s']:.2f} | {watch['max_s']:.2f} "
        f"| {watch['build_median_s']:.2f} | {watch['cpu_median_s']:.2f} | {watch['cpu_max_s']:.2f} "
        f"| {watch['peak_mib']:.0f} | {watch['exit_status']} |",
    ]
