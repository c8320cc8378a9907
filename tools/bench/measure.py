"""Timing and memory of the benchmark's processes: each build at each scale, `iwobook --help`, `make pdf` twice."""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .project import BENCH_DIR, IWOBOOK, PROJECT, PYTHON, make_clean_environment, make_tool_command, say

BUILDS = (
    "iwobook-pdf",
    "iwobook-pdf-afm",
    "floor-pdf",
    "iwobook-epub",
    "iwobook-epub-warm",
    "floor-epub",
    "iwobook-all",
    "iwobook-check",
)
# each iwobook build and its floor; "warm" builds the EPUB where the PDF was just built, reusing its pagination
FLOOR_OF = {"iwobook-pdf": "floor-pdf", "iwobook-epub": "floor-epub", "iwobook-epub-warm": "floor-epub"}
# builds compared with something else: the PDF on a machine with many Type 1 fonts against the PDF, and
# `build all` (PDF, large print, booklet, EPUB) against the two floors together
COMPARED_WITH = {"iwobook-pdf-afm": ("iwobook-pdf",), "iwobook-all": ("floor-pdf", "floor-epub")}
# builds run only up to scale 10 (the benchmark would take too long at 100×)
SMALL_ONLY = ("iwobook-pdf-afm", "iwobook-all")
AFM_DIR = BENCH_DIR / "afm"
AFM_FILES = 500


@dataclass
class Run:
    """One process: wall seconds, CPU seconds (user + system), peak resident memory (MiB) and exit code."""

    seconds: float
    cpu_seconds: float
    max_rss_mib: float
    returncode: int
    error: str = ""


def run_process(command: list[str], cwd: Path = PROJECT, env: dict[str, str] | None = None) -> Run:
    """Run command in a fresh process in cwd (with env added to the environment); return its wall time and its
    own peak memory (wait4 rusage)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        environment = {**make_clean_environment(), **(env or {})}
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    tail = "\n".join(text.strip().splitlines()[-15:]) if process.returncode else ""
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, tail)


def count_pdf_pages(path: Path) -> int:
    """Return the number of pages of the PDF at path."""
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def find_only_file(folder: Path, suffix: str) -> Path:
    """Return the one file with suffix in folder (iwobook names its outputs after the book's title)."""
    found = sorted(folder.glob(f"*{suffix}"))
    if len(found) != 1:
        raise RuntimeError(f"expected one {suffix} in {folder}, found {len(found)}")
    return found[0]


def take_median(values: list[float]) -> float:
    """Return the median of values, or NaN when there are none."""
    return statistics.median(values) if values else math.nan


@dataclass
class Build:
    """The runs of one build at one scale, the pages of its PDF and the size of its output."""

    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    size_kib: float = 0.0

    @property
    def good_runs(self) -> list[Run]:
        """Return the runs that succeeded."""
        return [r for r in self.runs if r.returncode == 0]

    @property
    def ok(self) -> bool:
        """Return True when every run succeeded."""
        return bool(self.runs) and all(r.returncode == 0 for r in self.runs)

    @property
    def median(self) -> float:
        """Return the median wall time of the successful runs."""
        return take_median([r.seconds for r in self.good_runs])

    @property
    def cpu_median(self) -> float:
        """Return the median CPU time of the successful runs."""
        return take_median([r.cpu_seconds for r in self.good_runs])

    @property
    def peak_mib(self) -> float:
        """Return the largest peak memory of the runs."""
        return max((r.max_rss_mib for r in self.runs), default=math.nan)


def make_build_command(kind: str, root: Path, out: Path) -> list[str]:
    """Return the command line of the build kind of the book under root, writing into the folder out."""
    match kind:
        case "iwobook-pdf" | "iwobook-pdf-afm" | "iwobook-epub" | "iwobook-epub-warm" | "iwobook-all":
            what = kind.removeprefix("iwobook-").removesuffix("-warm").removesuffix("-afm")
            return [str(IWOBOOK), "-C", str(root), "build", what, "--out", str(out), "-q"]
        case "iwobook-check":
            return [str(IWOBOOK), "-C", str(root), "check"]
        case "floor-pdf" | "floor-epub":
            return make_tool_command(kind, str(root), str(out / f"floor.{kind.removeprefix('floor-')}"))
    raise ValueError(kind)


def write_afm_folder(folder: Path = AFM_DIR, count: int = AFM_FILES) -> Path:
    """Fill folder with count AFM files (Ghostscript's, where installed, then copies of reportlab's own with
    other font names), the Type 1 search path of a machine with many fonts; return it."""
    import reportlab

    if len(list(folder.glob("*.afm"))) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    found = sorted(Path("/usr/share/fonts/type1").rglob("*.afm"))[:count]
    for path in found:
        shutil.copy(path, folder / path.name)
    model = (Path(reportlab.__file__).parent / "fonts" / "DarkGardenMK.afm").read_text(encoding="latin-1")
    for number in range(count - len(found)):
        text = model.replace("FontName DarkGardenMK", f"FontName BenchFont{number}")
        (folder / f"bench{number:04}.afm").write_text(text, encoding="latin-1")
    return folder


def run_synth(scale: int) -> Path:
    """Write the synthetic book of scale in its own process; return its folder, dist/bench/synth-SCALE."""
    root = BENCH_DIR / f"synth-{scale}"
    subprocess.run(make_tool_command("synth", "--scale", str(scale), "--out", str(root)), check=True, cwd=PROJECT)
    return root


def measure_scale(scale: int, repeats: int) -> dict[str, Any]:
    """Generate and check the book of scale, time every build repeats times, interleaved; return the runs."""
    started = time.perf_counter()
    root = run_synth(scale)
    stats = json.loads((root / "synth.json").read_text(encoding="utf-8"))
    say(f"scale {scale}: generated {stats['words']:,} words in {time.perf_counter() - started:.1f} s")
    builds = {kind: Build() for kind in BUILDS}
    check = run_process(make_build_command("iwobook-check", root, root))
    if check.returncode != 0:
        say(f"scale {scale}: `iwobook check` failed on the synthetic book (a bug in synth_*.py):\n{check.error}")
        builds["iwobook-check"].runs.append(check)
        return {"scale": scale, "words": stats["words"], "synth": stats, "builds": builds}
    afm = {"RL_T1SearchPath": str(write_afm_folder())}
    for repeat in range(1, repeats + 1):
        for kind in BUILDS:
            if kind in SMALL_ONLY and scale > 10:
                continue
            if kind == "iwobook-epub-warm":  # next to the PDF just built, with its cached pagination
                out = BENCH_DIR / f"out-{scale}" / "iwobook-pdf"
            else:
                out = BENCH_DIR / f"out-{scale}" / kind
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
            env = afm if kind == "iwobook-pdf-afm" else None
            run = run_process(make_build_command(kind, root, out), env=env)
            builds[kind].runs.append(run)
            state = (
                f"{run.seconds:7.2f} s CPU {run.cpu_seconds:6.2f} s {run.max_rss_mib:6.0f} MiB"
                if run.returncode == 0
                else "FAILED"
            )
            say(f"scale {scale} run {repeat}/{repeats} {kind:17} {state}")
            if run.returncode != 0:
                say(run.error)
                continue
            if kind in ("iwobook-check", "iwobook-all"):
                continue
            is_pdf = kind.endswith(("pdf", "pdf-afm"))
            result = find_only_file(out, ".pdf" if is_pdf else ".epub")
            builds[kind].size_kib = result.stat().st_size / 1024
            if is_pdf and not builds[kind].pages:
                builds[kind].pages = count_pdf_pages(result)
    return {"scale": scale, "words": stats["words"], "synth": stats, "builds": builds}


def time_help(runs: int = 15) -> dict[str, float]:
    """Return the median and best wall time (ms) of runs of `iwobook --help`, and of `python -c pass`."""
    for _ in range(2):
        run_process([str(IWOBOOK), "--help"])
    help_times = [run_process([str(IWOBOOK), "--help"]).seconds * 1000 for _ in range(runs)]
    bare = [run_process([str(PYTHON), "-c", "pass"]).seconds * 1000 for _ in range(runs)]
    return {
        "median_ms": statistics.median(help_times),
        "best_ms": min(help_times),
        "python_startup_median_ms": statistics.median(bare),
    }


def check_make() -> dict[str, Any]:
    """Run `make pdf` twice; return whether the second (and `make -n`, `make -q pdf`) would rebuild anything."""
    env = make_clean_environment()

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", *args], cwd=PROJECT, env=env, capture_output=True, text=True
        )

    first = make("pdf")
    if first.returncode != 0:
        return {"ok": False, "error": (first.stdout + first.stderr)[-2000:]}
    before = {p.name: p.stat().st_mtime_ns for p in (PROJECT / "dist").glob("*.pdf")}
    dry = make("-n", "pdf")
    question = make("-q", "pdf")
    start = time.perf_counter()
    second = make("pdf")
    seconds = time.perf_counter() - start
    after = {p.name: p.stat().st_mtime_ns for p in (PROJECT / "dist").glob("*.pdf")}
    return {
        "ok": True,
        "second_make_pdf_output": second.stdout.strip(),
        # make always asks iwobook, which decides; "ran" means it built the PDF again
        "second_make_pdf_ran_iwobook": before != after,
        "second_make_pdf_seconds": seconds,
        "pdf_rewritten": before != after,
        "make_n_pdf_output": dry.stdout.strip(),
        "make_n_pdf_would_run_iwobook": "iwobook build" in dry.stdout,
        "make_q_pdf_status": question.returncode,
    }
