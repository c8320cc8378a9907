"""The iwobook benchmark: build a synthetic book at several scales with iwobook and with two minimal floors.

Run from the project root:

    python -m tools.bench [--scales "1 10"] [--repeats N] [--no-make] [--no-watch]   # `make bench` runs this
    python -m tools.bench profile [--scale 10]                            # pyinstrument + importtime
    python -m tools.bench synth [--scale N] [--seed N] [--dense-timeline] [--out DIR]   # just the book
    python -m tools.bench floor-pdf ROOT OUT.pdf                          # the plain reportlab floor
    python -m tools.bench floor-epub ROOT OUT.epub                        # the plain ebooklib floor
    python -m tools.bench pathological [--megabytes 1] [--word 100000]    # one huge paragraph, one huge word

For each scale, the generator (synth_files.py) writes dist/bench/synth-SCALE (about 15,000 words per unit of
scale); `iwobook check` must pass on it. Then each build runs in a fresh process, interleaved, `--repeats`
times (default 3 up to scale 10, 1 above): iwobook's PDF, the reportlab floor, iwobook's EPUB cold (in an
empty folder, so it lays out the print edition for its page-list) and warm (next to the PDF just built,
reusing its pagination), the ebooklib floor, `iwobook check` (load and check only), and up to scale 10 the PDF
with reportlab's Type 1 search path at 500 AFM files (iwobook-pdf-afm: a machine with many fonts) and
`build all`. Then `iwobook watch pdf` runs on a copy of the study guide and one chapter after another is
edited: the latency from each save to the new PDF (watching.py). Wall time is measured
around the process; CPU time and peak memory are the process's own (user + system time and ru_maxrss from
wait4()). The table gives medians, pages per second and the ratios iwobook / floor; results go to
dist/bench/results.json (rewritten by every run), and the exponent of time against words is fitted over the
scales. It also times `iwobook --help`, and runs `make pdf` twice to see that the second does nothing. A
benchmark, not a test: it never fails on timings (it exits non-zero only when a build itself fails). The
floors are described in floors.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .floors import write_floor_epub, write_floor_pdf
from .measure import check_make, measure_scale, time_help
from .pathological import measure_rows, print_rows, run_pathological_command, write_rows
from .profiling import profile_builds
from .project import BENCH_DIR, PROJECT, say
from .reach import summarise_reach
from .report import Outcome, make_table_lines, print_summary, write_results
from .synth_files import write_synthetic_book
from .watching import make_watch_lines, measure_watch

PROG = "python -m tools.bench"


def run_benchmark(scales: list[int], repeats: int | None, with_make: bool, with_watch: bool = True) -> int:
    """Run the benchmark at scales; print the table; write dist/bench/results.json. Return 1 if a build failed."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load = os.getloadavg()
    results = [measure_scale(scale, repeats or (3 if scale <= 10 else 1)) for scale in scales]
    watch: dict[str, Any] = {}
    if with_watch:
        say("timing iwobook watch on the study guide")
        watch = measure_watch()
    say("timing iwobook --help")
    help_times = time_help()
    make_check: dict[str, Any] = {}
    if with_make:
        say("checking that a second `make pdf` does nothing")
        make_check = check_make()
    outcome = Outcome(
        results,
        [*make_table_lines(results), *(["", *make_watch_lines(watch)] if watch else [])],
        summarise_reach(results, help_times, watch),
        help_times,
        make_check,
        watch,
    )
    print_summary(outcome)
    say("timing pathological sizes: a 1 MB paragraph and a 100,000-letter word")
    pathological = measure_rows()
    print_rows(pathological)
    write_rows(pathological)
    elapsed = time.perf_counter() - started
    print(f"\nbenchmark took {elapsed / 60:.1f} min; load average at start {load[0]:.2f}")
    path = write_results(outcome, load, elapsed)
    print(f"results: {path.relative_to(PROJECT)}")
    failed = any(not b.ok for r in results for b in r["builds"].values() if b.runs)
    return 1 if failed else 0


def run_synth_command(args: list[str]) -> int:
    """Run `synth` with its command-line args: write one synthetic book; return the exit status."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} synth", description="Generate a synthetic iwobook manuscript for the benchmark."
    )
    parser.add_argument("--scale", type=int, default=1, help="1 gives about 15,000 words (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--dense-timeline",
        action="store_true",
        help="one unbroken run of timeline events (at scale 100 the timeline figure outgrows the page)",
    )
    parser.add_argument("--out", type=Path, help="folder to write (default: dist/bench/synth-SCALE)")
    options = parser.parse_args(args)
    if options.scale < 1:
        parser.error("--scale must be at least 1")
    root = options.out or BENCH_DIR / f"synth-{options.scale}"
    stats = write_synthetic_book(root, options.scale, options.seed, options.dense_timeline)
    message = (
        f"{root}: {stats.words:,} words, {stats.files} files, {stats.chapters} chapters, "
        f"{stats.cross_references:,} cross-references"
    )
    say(message, who="synth")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line with argv (default: sys.argv[1:]); return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    floors: dict[str, Callable[[Path, Path], None]] = {"floor-pdf": write_floor_pdf, "floor-epub": write_floor_epub}
    if args and args[0] in floors:
        if len(args) != 3:
            print(f"usage: {PROG} {args[0]} ROOT OUT", file=sys.stderr)
            return 2
        floors[args[0]](Path(args[1]), Path(args[2]))
        return 0
    if args and args[0] == "synth":
        return run_synth_command(args[1:])
    if args and args[0] == "pathological":
        return run_pathological_command(args[1:])
    if args and args[0] == "profile":
        parser = argparse.ArgumentParser(prog=f"{PROG} profile")
        parser.add_argument("--scale", type=int, default=10)
        return profile_builds(parser.parse_args(args[1:]).scale)
    parser = argparse.ArgumentParser(prog=PROG, description="Benchmark iwobook against plain floors.")
    parser.add_argument("--scales", default="1 10", help='scales to run, e.g. "1 10 100" (default: "1 10")')
    parser.add_argument("--repeats", type=int, help="runs per build (default: 3 up to scale 10, else 1)")
    parser.add_argument("--no-make", action="store_true", help="skip the `make pdf` twice check")
    parser.add_argument("--no-watch", action="store_true", help="skip the `iwobook watch` latency")
    options = parser.parse_args(args)
    try:
        scales = [int(s) for s in options.scales.replace(",", " ").split()]
    except ValueError:
        parser.error(f"--scales must be whole numbers, not {options.scales!r}")
    if not scales or min(scales) < 1:
        parser.error("--scales needs at least one scale of 1 or more")
    return run_benchmark(scales, options.repeats, not options.no_make, not options.no_watch)
