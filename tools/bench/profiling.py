"""Profiles of the builds (pyinstrument's call tree, cProfile's flat list) and of `iwobook --help`'s imports."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from .measure import run_synth
from .project import BENCH_DIR, IWOBOOK, PROJECT, PYTHON, say


def format_flat_profile(path: Path, top: int = 40) -> str:
    """Return the top functions of the cProfile file at path by their own time: share, seconds, calls."""
    import pstats

    stats = pstats.Stats(str(path))
    table: Any = stats.stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in table.values()) or 1.0
    lines = [f"{'self %':>7} {'self s':>8} {'cum s':>8} {'calls':>10}  function  (total {total:.1f} s, cProfile)"]
    ranked = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    for (file, line, name), (_, calls, own, cumulative, _) in ranked:
        where = file.split("site-packages/")[-1].split("/src/")[-1]
        lines.append(f"{own / total:7.1%} {own:8.2f} {cumulative:8.2f} {calls:10}  {name}  {where}:{line}")
    return "\n".join(lines) + "\n"


def write_import_times() -> Path:
    """Write and print the slowest imports of `iwobook --help` (python -X importtime); return the report's path."""
    imports = subprocess.run(
        [str(PYTHON), "-X", "importtime", str(IWOBOOK), "--help"], capture_output=True, text=True, cwd=PROJECT
    ).stderr
    rows: list[tuple[int, str]] = []
    for row in imports.splitlines():
        parts = row.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    report = BENCH_DIR / "importtime-help.txt"
    total = max((us for us, _ in rows), default=0)
    lines = [f"cumulative µs  module   (largest cumulative import: {total / 1000:.1f} ms)"]
    lines += [f"{us:12}  {name}" for us, name in sorted(rows, reverse=True)[:25]]
    report.write_text("\n".join(lines) + "\n\n" + imports, encoding="utf-8")
    print("\n".join(lines))
    return report


def profile_builds(scale: int) -> int:
    """Profile the PDF and EPUB builds at scale and `iwobook --help`'s imports; return the exit status."""
    python = str(PYTHON)
    if subprocess.run([python, "-c", "import pyinstrument"], capture_output=True).returncode != 0:
        say("pyinstrument is not installed: .venv/bin/pip install pyinstrument (not part of requirements.lock)")
        return 2
    root = run_synth(scale)
    for what in ("pdf", "epub"):
        out = BENCH_DIR / f"out-{scale}" / f"profile-{what}"
        out.mkdir(parents=True, exist_ok=True)
        build = ["-m", "iwobook", "-C", str(root), "build", what, "--out", str(out), "-q"]
        # the call tree, sampled (little overhead): iwobook's frames shown, libraries collapsed below them
        tree = BENCH_DIR / f"profile-{what}-{scale}-tree.txt"
        command = [python, "-m", "pyinstrument", "-r", "text", "--no-color", "-p", "time=percent_of_total"]
        command += ["--show", "*/iwobook/*", "-o", str(tree), *build]
        subprocess.run(command, check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
        say(f"wrote {tree.relative_to(PROJECT)}")
        # functions by their own time, with call counts (cProfile: exact counts, but it slows calls down)
        stats = BENCH_DIR / f"profile-{what}-{scale}.prof"
        command = [python, "-m", "cProfile", "-o", str(stats), *build]
        subprocess.run(command, check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
        flat = BENCH_DIR / f"profile-{what}-{scale}-flat.txt"
        flat.write_text(format_flat_profile(stats), encoding="utf-8")
        say(f"wrote {flat.relative_to(PROJECT)}")
    report = write_import_times()
    say(f"wrote {report.relative_to(PROJECT)}")
    return 0
