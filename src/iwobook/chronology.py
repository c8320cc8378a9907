"""A time axis for any span, from days to centuries: dates in, axis segments, ticks and spread markers out.

Long gaps between runs of events are broken (each run gets its own stretch of axis), the tick unit of each
stretch follows its span (days, months, years, decades, centuries), and markers too close to sit side by side
are spread along the row, keeping their order, so that the stems from the axis to the markers never cross.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

LONG_GAP = 0.3  # a gap longer than this share of the whole span is broken
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
MONTH_STEPS = (1, 2, 3, 4, 6)
DAY_STEPS = (1, 2, 5, 7, 14)


def day_of(iso: str) -> float:
    """Return the day number (proleptic Gregorian ordinal) of an ISO date, mid-month for YYYY-MM and mid-year
    for YYYY."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 7, 1).toordinal() + 0.5
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 15).toordinal() + 0.5
    return datetime.date(parts[0], parts[1], parts[2]).toordinal() + 0.5


@dataclass(frozen=True)
class Segment:
    """A stretch of axis: the days from start to end drawn from x0 to x1 (points)."""

    start: float
    end: float
    x0: float
    x1: float

    def x_of(self, day: float) -> float:
        """Return the position of a day on this stretch."""
        if self.end <= self.start:
            return (self.x0 + self.x1) / 2
        return self.x0 + (day - self.start) / (self.end - self.start) * (self.x1 - self.x0)


@dataclass(frozen=True)
class Tick:
    """A tick on the axis, the label centred under it and, on a second row, the larger unit it starts (the
    year under a month, the month under a day); '' for none."""

    x: float
    label: str
    era: str = ""


def runs_of(days: list[float]) -> list[tuple[int, int]]:
    """Return (first, last) indexes of the runs of sorted days between long gaps."""
    if not days:
        return []
    span = days[-1] - days[0]
    runs: list[tuple[int, int]] = []
    first = 0
    for index in range(1, len(days)):
        if span > 0 and days[index] - days[index - 1] > LONG_GAP * span:
            runs.append((first, index - 1))
            first = index
    runs.append((first, len(days) - 1))
    return runs


def _padding(span: float, whole: float) -> float:
    """Return the days of axis left around a run of span days in a timeline of whole days."""
    return max(span * 0.06, 2.0) if span > 0 else max(whole * 0.005, 2.0)


def lay_out_axis(
    days: list[float], runs: list[tuple[int, int]], x0: float, x1: float, pitch: float, gap: float
) -> list[Segment]:
    """Return one segment per run between x0 and x1, gap points apart, each as wide as its share of the events
    and at least as wide as its markers side by side (pitch points each)."""
    whole = days[-1] - days[0]
    counts = [last - first + 1 for first, last in runs]
    spans = [float(count) for count in counts]  # room follows the events a run holds, not its years
    least = [max(count * pitch, 3 * pitch) for count in counts]
    room = x1 - x0 - gap * (len(runs) - 1)
    widths = [0.0] * len(runs)
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(runs)) if i not in fixed]
        share = room - sum(least[i] for i in fixed)
        total = sum(spans[i] for i in free) or 1.0
        for i in free:
            widths[i] = share * spans[i] / total
        short = [i for i in free if widths[i] < least[i]]
        if not short or len(short) == len(free):
            for i in short:
                widths[i] = least[i]
            break
        fixed.update(short)
        for i in short:
            widths[i] = least[i]
    segments: list[Segment] = []
    x = x0
    for (first, last), width in zip(runs, widths, strict=True):
        pad = _padding(days[last] - days[first], whole)
        segments.append(Segment(days[first] - pad, days[last] + pad, x, x + width))
        x += width + gap
    return segments


def _step(steps: tuple[int, ...], units: float, width: float, label_width: float) -> int:
    """Return the smallest step (in units) whose labels, label_width wide, fit side by side in width."""
    for step in steps:
        if width / max(units / step, 1.0) >= label_width * 1.3:
            return step
    return steps[-1]


def ticks_of(segment: Segment, month_name: Callable[[int], str], size: float, whole: float) -> list[Tick]:
    """Return the ticks of a segment in the unit its span calls for (days, months, years to millennia), spaced
    so that labels of type size do not touch; whole is the timeline's span in days, month_name(1..12) gives a
    month's short name."""
    start = datetime.date.fromordinal(int(segment.start))
    end = datetime.date.fromordinal(int(segment.end))
    span = max(segment.end - segment.start, 1.0)
    width = segment.x1 - segment.x0
    char = size * 0.62
    ticks: list[Tick] = []
    if span <= 92:
        step = _step(DAY_STEPS, span, width, char * 2.5)
        day, shown = start, 0
        while day <= end:
            if (day.toordinal() - start.toordinal()) % step == 0:
                era = f"{month_name(day.month)} {day.year}" if day.month != shown else ""
                shown = day.month
                ticks.append(Tick(segment.x_of(day.toordinal() + 0.5), str(day.day), era))
            day += datetime.timedelta(days=1)
        return ticks
    if span <= 5 * 366:
        step = _step(MONTH_STEPS, span / 30.4, width, char * 3.5)
        year, month, shown = start.year, start.month, 0
        while (year, month) <= (end.year, end.month):
            first = float(datetime.date(year, month, 1).toordinal())
            if segment.start <= first <= segment.end and (month - 1) % step == 0:
                era = str(year) if year != shown else ""
                shown = year
                ticks.append(Tick(segment.x_of(first), month_name(month), era))
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return ticks
    step = _step(YEAR_STEPS, span / 365.25, width, char * 4.5)
    year = (start.year // step + 1) * step
    while year <= end.year:
        ticks.append(Tick(segment.x_of(datetime.date(year, 1, 1).toordinal()), str(year)))
        year += step
    return ticks


def single_tick(segment: Segment, day: float, month_name: Callable[[int], str], whole: float) -> Tick:
    """Return the one tick of a run of a single event: its year (with the month and day when the whole
    timeline is short enough for them to matter)."""
    date = datetime.date.fromordinal(int(day))
    if whole <= 4 * 366:
        return Tick(segment.x_of(day), f"{date.day} {month_name(date.month)}", str(date.year))
    if whole <= 40 * 366:
        return Tick(segment.x_of(day), month_name(date.month), str(date.year))
    return Tick(segment.x_of(day), str(date.year))


def spread(xs: list[float], pitch: float, low: float, high: float) -> list[float]:
    """Return positions for markers wanted at sorted xs, at least pitch apart (less when they cannot all fit)
    and within [low, high], moved as little as they can be (least squares), in their order."""
    if not xs:
        return []
    count = len(xs)
    pitch = min(pitch, (high - low) / max(count - 1, 1))
    blocks: list[tuple[float, int]] = []  # pool-adjacent-violators over x_i - i * pitch: (mean, size)
    for index, x in enumerate(xs):
        blocks.append((x - index * pitch, 1))
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (m2, c2), (m1, c1) = blocks.pop(), blocks.pop()
            blocks.append(((m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2))
    lowest = [mean for mean, size in blocks for _ in range(size)]
    top = high - (count - 1) * pitch
    return [min(max(value, low), top) + index * pitch for index, value in enumerate(lowest)]
