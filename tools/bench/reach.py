"""What the results reach: how each build's time grows with the words, and the project's aims met or missed."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .measure import BUILDS, FLOOR_OF, Build
from .report import compare_with

# the reach the project aims for (reported as met or missed, never enforced)
TARGET_PDF_RATIO = 1.3
TARGET_EPUB_RATIO = 1.5
TARGET_MEMORY_MIB = 250.0
TARGET_HELP_MS = 150.0
TARGET_EXPONENT = 1.05  # "linear": time grows no faster than words^1.05
TARGET_ALL_RATIO = 1.3  # `build all` against the two floors together
TARGET_AFM_RATIO = 1.1  # "the time does not change" with many AFM files, within this machine's noise
TARGET_WATCH_MEDIAN_S = 0.5
TARGET_WATCH_MAX_S = 1.0


def fit_exponent(points: list[tuple[float, float]]) -> float:
    """Return the least-squares slope of log(time) against log(words) over (words, time) points."""
    good = [(math.log(w), math.log(t)) for w, t in points if t > 0 and not math.isnan(t)]
    if len(good) < 2:
        return math.nan
    mx = statistics.fmean(x for x, _ in good)
    my = statistics.fmean(y for _, y in good)
    sxx = sum((x - mx) ** 2 for x, _ in good)
    return sum((x - mx) * (y - my) for x, y in good) / sxx if sxx else math.nan


@dataclass
class Scaling:
    """How one build's time grows with the words: least-squares exponents, and the CPU exponent per step."""

    wall: float
    cpu: float
    steps: dict[str, float]  # "10→100": the CPU exponent between two neighbouring scales
    from_10: list[float]  # the steps that start at 10× or more (fixed start-up costs hide the slope below)


def fit_scaling(results: list[dict[str, Any]], kind: str) -> Scaling:
    """Return the scaling of the build kind over the scales of results where it succeeded."""
    done = sorted((r for r in results if r["builds"][kind].ok), key=lambda r: r["words"])

    def fit(rows: tuple[dict[str, Any], ...] | list[dict[str, Any]], time: Callable[[Build], float]) -> float:
        return fit_exponent([(float(r["words"]), time(r["builds"][kind])) for r in rows])

    steps: dict[str, float] = {}
    from_10: list[float] = []
    for low, high in itertools.pairwise(done):
        value = fit((low, high), lambda b: b.cpu_median)
        steps[f"{low['scale']}→{high['scale']}"] = value
        if low["scale"] >= 10:
            from_10.append(value)
    return Scaling(fit(done, lambda b: b.median), fit(done, lambda b: b.cpu_median), steps, from_10)


def summarise_reach(
    results: list[dict[str, Any]], help_times: dict[str, float], watch: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the scaling of each build and the reach: each aim, its measured value (CPU ratios of paired runs,
    as the aims say), whether it is met."""
    scalings = {kind: fit_scaling(results, kind) for kind in BUILDS}
    reach: list[dict[str, Any]] = []

    def aim(text: str, value: float, met: bool, note: str = "") -> None:
        reach.append({"aim": text, "value": value, "met": met, "note": note})

    for result in results:
        b: dict[str, Build] = result["builds"]
        scale = result["scale"]
        for kind, floor_kind in FLOOR_OF.items():
            mine, floor = b[kind], b[floor_kind]
            target = TARGET_PDF_RATIO if kind == "iwobook-pdf" else TARGET_EPUB_RATIO
            if mine.ok and floor.ok and scale <= 10:
                wall = mine.median / floor.median
                value = mine.cpu_median / floor.cpu_median
                aim(f"{kind} ≤ {target}× its floor's CPU at {scale}×", value, value <= target, f"wall {wall:.2f}×")
        for kind, target, what in (
            ("iwobook-pdf-afm", TARGET_AFM_RATIO, "the PDF's CPU time with 500 AFM files on reportlab's path"),
            ("iwobook-all", TARGET_ALL_RATIO, "`build all` (PDF, large print, booklet, EPUB) against both floors"),
        ):
            against = compare_with(b, kind)
            if b[kind].ok and against is not None:
                value = b[kind].cpu_median / against[1]
                wall = b[kind].median / against[0]
                aim(f"{what} ≤ {target}× at {scale}×", value, value <= target, f"wall {wall:.2f}×")
        if scale >= 100:
            for kind in FLOOR_OF:
                if b[kind].runs:
                    value = b[kind].peak_mib
                    text = f"{kind} peak memory ≤ {TARGET_MEMORY_MIB:.0f} MiB at {scale}×"
                    aim(text, value, value <= TARGET_MEMORY_MIB)
    for kind in FLOOR_OF:
        found = scalings[kind]
        if math.isnan(found.wall):
            continue
        note = f"CPU fit {found.cpu:.2f}" + "".join(f", CPU {step} {k:.2f}" for step, k in found.steps.items())
        met = found.wall <= TARGET_EXPONENT and all(k <= TARGET_EXPONENT for k in found.from_10)
        aim(f"{kind} time ∝ words^k, k ≤ {TARGET_EXPONENT} (fit, and each step from 10× up)", found.wall, met, note)
    if watch and watch.get("latencies"):
        median, worst = watch["median_s"], watch["max_s"]
        text = f"watch: a new PDF of the study guide after a chapter edit, median ≤ {TARGET_WATCH_MEDIAN_S} s"
        note = f"build CPU median {watch['cpu_median_s']:.2f} s, max {watch['cpu_max_s']:.2f} s"
        aim(text, median, median <= TARGET_WATCH_MEDIAN_S, note)
        aim(f"watch: never more than {TARGET_WATCH_MAX_S:.0f} s", worst, worst <= TARGET_WATCH_MAX_S)
    value = help_times["median_ms"]
    aim(f"iwobook --help ≤ {TARGET_HELP_MS:.0f} ms", value, value <= TARGET_HELP_MS)
    return {"exponents": {kind: asdict(found) for kind, found in scalings.items()}, "reach": reach}
