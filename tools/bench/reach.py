"""What the results reach: how each build's time grows with the words, and the project's aims met or missed."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .measure import BUILDS, FLOOR_OF, Build

# the reach the project aims for (reported as met or missed, never enforced)
TARGET_PDF_RATIO = 1.3
TARGET_EPUB_RATIO = 1.5
TARGET_MEMORY_MIB = 250.0
TARGET_HELP_MS = 150.0
TARGET_EXPONENT = 1.05  # "linear": time grows no faster than words^1.05


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


def summarise_reach(results: list[dict[str, Any]], help_times: dict[str, float]) -> dict[str, Any]:
    """Return the scaling of each build and the reach: each aim, its measured value, whether it is met."""
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
                value = mine.median / floor.median
                cpu = mine.cpu_median / floor.cpu_median
                aim(f"{kind} ≤ {target}× its floor at {scale}×", value, value <= target, f"CPU ratio {cpu:.2f}")
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
    value = help_times["median_ms"]
    aim(f"iwobook --help ≤ {TARGET_HELP_MS:.0f} ms", value, value <= TARGET_HELP_MS)
    return {"exponents": {kind: asdict(found) for kind, found in scalings.items()}, "reach": reach}
