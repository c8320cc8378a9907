"""The benchmark's report: the results table (Markdown), the summary printed after it, results.json."""

from __future__ import annotations

import json
import math
import os
import platform
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .measure import BUILDS, COMPARED_WITH, FLOOR_OF, Build
from .project import BENCH_DIR


def format_number(value: float, digits: int = 2) -> str:
    """Return value with digits decimals for the table ('-' when unknown)."""
    return "-" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def make_table_lines(results: list[dict[str, Any]]) -> Iterator[str]:
    """Yield the lines of the table (Markdown) of results, one row per build and scale."""
    fmt = format_number
    yield (
        "| scale | words | build | runs | wall s | best s | CPU s | peak MiB | pages | pages/s | kwords/s "
        "| wall ÷ floor | CPU ÷ floor | memory ÷ floor |"
    )
    yield "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for result in results:
        builds: dict[str, Build] = result["builds"]
        for kind in BUILDS:
            build = builds[kind]
            if not build.runs:
                continue
            seconds = build.median
            best = min((r.seconds for r in build.good_runs), default=math.nan)
            ratio = cpu = memory = "-"
            against = compare_with(builds, kind)
            if against is not None:
                ratio = fmt(seconds / against[0]) + "×"
                cpu = fmt(build.cpu_median / against[1]) + "×"
                memory = fmt(build.peak_mib / against[2]) + "×"
            pages = str(build.pages) if build.pages else "-"
            per_second = fmt(build.pages / seconds, 1) if build.pages else "-"
            failed = "" if build.ok else " FAILED"
            yield (
                f"| {result['scale']}× | {result['words']:,} | {kind}{failed} | {len(build.runs)} | {fmt(seconds)} "
                f"| {fmt(best)} | {fmt(build.cpu_median)} | {fmt(build.peak_mib, 0)} | {pages} | {per_second} "
                f"| {fmt(result['words'] / seconds / 1000, 1)} | {ratio} | {cpu} | {memory} |"
            )


def compare_with(builds: dict[str, Build], kind: str) -> tuple[float, float, float] | None:
    """Return (wall s, CPU s, peak MiB) of what kind is compared with (its floor, or COMPARED_WITH's builds
    together, the largest of their peaks), or None when there is nothing or it failed."""
    names = COMPARED_WITH.get(kind) or ((FLOOR_OF[kind],) if kind in FLOOR_OF else ())
    others = [builds[name] for name in names]
    if not others or not all(other.ok for other in others):
        return None
    return (
        sum(o.median for o in others),
        sum(o.cpu_median for o in others),
        max(o.peak_mib for o in others),
    )


@dataclass
class Outcome:
    """What a benchmark found: the runs per scale, the table, exponents and reach, --help, the make check."""

    results: list[dict[str, Any]]
    lines: list[str]  # the table
    found: dict[str, Any]  # "exponents" and "reach", from reach.summarise_reach
    help_times: dict[str, float]
    make_check: dict[str, Any]  # empty when skipped
    watch: dict[str, Any]  # watching.measure_watch's latencies


def print_summary(outcome: Outcome) -> None:
    """Print the outcome: the table, the exponents, the --help times, the `make pdf` check and the reach."""
    results, found, help_times, make_check = outcome.results, outcome.found, outcome.help_times, outcome.make_check
    print("\n".join(outcome.lines))
    print()
    if len(results) >= 2:
        scales = ", ".join(str(r["scale"]) for r in results)
        print(f"exponent k of time ∝ words^k (least squares over scales {scales}):")
        for kind, values in found["exponents"].items():
            steps = "".join(f"   CPU {step}: {format_number(k, 3)}" for step, k in values["steps"].items())
            wall, cpu = format_number(values["wall"], 3), format_number(values["cpu"], 3)
            print(f"  {kind:17} wall k = {wall}   CPU k = {cpu}{steps}")
    print(
        f"iwobook --help: median {help_times['median_ms']:.0f} ms, best {help_times['best_ms']:.0f} ms "
        f"(python -c pass: {help_times['python_startup_median_ms']:.0f} ms)"
    )
    if make_check:
        if make_check["ok"]:
            did = "rebuilt the PDF" if make_check["second_make_pdf_ran_iwobook"] else "did nothing"
            did += f" in {make_check.get('second_make_pdf_seconds', 0):.2f} s"
            print(
                f"second `make pdf`: {did} (output: {make_check['second_make_pdf_output']!r}); "
                f"`make -n pdf` would run iwobook: {make_check['make_n_pdf_would_run_iwobook']}; "
                f"`make -q pdf` exit status {make_check['make_q_pdf_status']}"
            )
        else:
            print(f"`make pdf` failed:\n{make_check['error']}")
    print()
    for aim in found["reach"]:
        note = f" ({aim['note']})" if aim["note"] else ""
        print(f"{'met   ' if aim['met'] else 'MISSED'} {aim['aim']}: {aim['value']:.2f}{note}")


def write_results(outcome: Outcome, load: tuple[float, float, float], elapsed: float) -> Path:
    """Write the outcome (every run), the load at the start and the seconds to dist/bench/results.json; return it."""
    document = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load,
        },
        "seconds": elapsed,
        "scales": [
            {
                "scale": r["scale"],
                "words": r["words"],
                "synth": r["synth"],
                "builds": {
                    kind: {
                        "median_s": b.median,
                        "peak_mib": b.peak_mib,
                        "pages": b.pages,
                        "size_kib": b.size_kib,
                        "runs": [asdict(run) for run in b.runs],
                    }
                    for kind, b in r["builds"].items()
                    if b.runs
                },
            }
            for r in outcome.results
        ],
        "help": outcome.help_times,
        "make": outcome.make_check,
        "watch": outcome.watch,
        "table": outcome.lines,
        **outcome.found,
    }
    path = BENCH_DIR / "results.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path
