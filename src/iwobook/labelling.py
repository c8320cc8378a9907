"""Label placement for figures: boxes in, a place for every label that overlaps no shape and no other label.

Each label tries its author's side first, then the other sides and corners at growing distances from its
point; the first candidate that stays inside the figure and clears every marker, every outline's edge and
every label already placed wins. Widths are estimated generously from the type size, so a placed label never
touches what it was kept apart from.
"""

from __future__ import annotations

from dataclasses import dataclass

from iwobook.model import is_cjk

Box = tuple[float, float, float, float]  # left, top, right, bottom (y grows downwards)
Edge = tuple[tuple[float, float], tuple[float, float]]

LATIN_EM = 0.64  # a generous average advance of bold sans-serif letters, in ems
CJK_EM = 1.0
ASCENT, DESCENT = 0.78, 0.24  # of the type size, above and below the baseline


def text_width(text: str, size: float) -> float:
    """Return a generous estimate of the width of text set in bold sans-serif at size points."""
    return sum(size * (CJK_EM if is_cjk(ch) else LATIN_EM * (0.45 if ch in " .,;:()'’|il1" else 1.0)) for ch in text)


@dataclass(frozen=True)
class Placed:
    """A label's baseline start point, its anchor ('start', 'middle' or 'end') and its box."""

    at: tuple[float, float]
    anchor: str
    box: Box


def label_box(x: float, y: float, anchor: str, width: float, size: float) -> Box:
    """Return the box of a label of width whose baseline point is (x, y) with anchor."""
    left = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
    return (left - 1.0, y - ASCENT * size - 1.0, left + width + 1.0, y + DESCENT * size + 1.0)


def boxes_meet(a: Box, b: Box) -> bool:
    """Return True when two boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def edge_meets_box(edge: Edge, box: Box) -> bool:
    """Return True when a straight edge crosses or lies inside a box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = edge
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def polygon_edges(points: tuple[tuple[float, float], ...]) -> list[Edge]:
    """Return the edges of a closed polygon."""
    return [(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]


# candidate offsets from the point, in multiples of the type size: (anchor, dx, dy of the baseline)
_SIDES = {
    "right": ("start", 1.0, 0.35),
    "left": ("end", -1.0, 0.35),
    "above": ("middle", 0.0, -1.0),
    "below": ("middle", 0.0, 1.75),
    "above-right": ("start", 0.7, -0.8),
    "below-right": ("start", 0.7, 1.5),
    "above-left": ("end", -0.7, -0.8),
    "below-left": ("end", -0.7, 1.5),
}


def find_label_spot(
    point: tuple[float, float],
    text: str,
    size: float,
    preferred: str,
    bounds: Box,
    obstacles: list[Box],
    edges: list[Edge],
) -> Placed:
    """Return where a label of text goes near point: the first candidate (preferred side first) that stays in
    bounds and meets no obstacle box and no edge; failing that, the candidate meeting the fewest."""
    width = text_width(text, size)
    sides = [preferred, *(s for s in _SIDES if s != preferred)]
    best: tuple[int, Placed] | None = None
    for distance in (1.0, 1.6, 2.4, 3.4, 4.6, 6.0, 8.0, 10.0):
        for side in sides:
            anchor, dx, dy = _SIDES.get(side, _SIDES["right"])
            x = point[0] + dx * size * distance
            y = point[1] + dy * size * (distance if dy < 0 else 1.0 + (distance - 1.0) * 0.8)
            box = label_box(x, y, anchor, width, size)
            inside = box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]
            clashes = sum(boxes_meet(box, o) for o in obstacles) + sum(edge_meets_box(e, box) for e in edges)
            clashes += 0 if inside else 100
            placed = Placed((x, y), anchor, box)
            if clashes == 0:
                return placed
            if best is None or clashes < best[0]:
                best = (clashes, placed)
    assert best is not None
    return best[1]
