"""Figures: a timeline for any span with every event drawn and nothing overlapping; map labels clear of
every outline, symbol and other label; legible sizes in every edition."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from iwobook.check import load_checked
from iwobook.figures import Circle, Drawing, Label, Line, Polygon, draw_map, draw_timeline
from iwobook.labelling import ASCENT, DESCENT, boxes_meet, edge_meets_box, polygon_edges
from iwobook.model import Book, Loc, TimelineEvent
from iwobook.transform import prepare

ROOT = Path(__file__).resolve().parents[1]
BOLD = "FigureTestSansBold"
registerFont(TTFont(BOLD, str(ROOT / "src" / "iwobook" / "assets" / "fonts" / "NotoSans-Bold.ttf")))


@pytest.fixture(scope="module")
def book() -> Book:
    """Return the prepared study guide."""
    return prepare(load_checked(ROOT))


def with_dates(book: Book, dates: list[str]) -> Book:
    """Return book with a timeline of one event on each date."""
    return replace(book, timeline=tuple(TimelineEvent(Loc("t.yaml", i + 1), d, ()) for i, d in enumerate(dates)))


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the distance from point p to the segment ab."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def assert_markers_clear(drawing: Drawing, count: int) -> None:
    """Every event has a marker; markers never touch; no stem runs through another marker or crosses a stem."""
    circles = [s for s in drawing.shapes if isinstance(s, Circle)]
    stems = [s for s in drawing.shapes if isinstance(s, Line) and s.grey > 0.3]
    assert len(circles) == count == len(stems)
    for i, one in enumerate(circles):
        for other in circles[i + 1 :]:
            assert math.dist(one.centre, other.centre) >= one.radius + other.radius, "two markers overlap"
    for i, stem in enumerate(stems):
        for j, circle in enumerate(circles):
            if i != j:
                for a, b in zip(stem.points, stem.points[1:], strict=False):
                    assert _segment_distance(circle.centre, a, b) > circle.radius, (
                        f"stem {i + 1} crosses marker {j + 1}"
                    )
    bottoms = sorted((s.points[0][0], s.points[1][0]) for s in stems)
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(bottoms)), "stems cross"


@pytest.mark.parametrize("size", [7.5, 14.0])
def test_study_guide_timeline_draws_every_event_apart(book: Book, size: float) -> None:
    drawing = draw_timeline(book, 420, size)
    assert drawing is not None
    assert_markers_clear(drawing, len(book.timeline))
    assert min(s.size for s in drawing.shapes if isinstance(s, Label)) >= size


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["1850", "1894", "1900-03", "1914-08-04", "1918-11-11", "1939", "1945", "1969-07-20"], ["1850", "1900"]),
        (["2020-03-01", "2020-03-02", "2020-03-02", "2020-03-05", "2020-03-09"], ["Mar 2020"]),
        (["1200", "1347", "1453", "1492", "1517", "1600", "1789"], ["1300", "1500"]),
        (["1944-06", "1945-02-19", "1945-03-26", "2005", "2006-12-20"], ["1944", "2006"]),
    ],
)
def test_any_span_from_days_to_centuries(book: Book, dates: list[str], expected: list[str]) -> None:
    drawing = draw_timeline(with_dates(book, dates), 420)
    assert drawing is not None
    assert_markers_clear(drawing, len(dates))
    labels = " ".join(s.text for s in drawing.shapes if isinstance(s, Label))
    assert all(word in labels for word in expected), labels


def label_box(label: Label) -> tuple[float, float, float, float]:
    """Return the box a label's text covers, measured with the real bold face."""
    width = stringWidth(label.text, BOLD, label.size)
    x, y = label.at
    left = x if label.anchor.value == "start" else x - width / 2 if label.anchor.value == "middle" else x - width
    return (left, y - ASCENT * label.size, left + width, y + DESCENT * label.size)


@pytest.mark.parametrize(("width", "size"), [(380.0, 7.5), (330.0, 7.5), (480.0, 14.0)])
def test_map_labels_overlap_no_shape_and_no_other_label(book: Book, width: float, size: float) -> None:
    drawing = draw_map(book, width, size)
    assert drawing is not None and book.map is not None
    places = book.map.places
    labels = [s for s in drawing.shapes if isinstance(s, Label) and s.bold and s.text != "N"]
    assert len(labels) == len(places)
    boxes = [label_box(label) for label in labels]

    def extent(points: tuple[tuple[float, float], ...]) -> tuple[float, float, float, float]:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))

    def small(box: tuple[float, float, float, float]) -> bool:
        return box[2] - box[0] <= 16 and box[3] - box[1] <= 16

    outlines = [s.points for s in drawing.shapes if isinstance(s, Polygon) and not small(extent(s.points))]
    edges = [edge for points in outlines for edge in polygon_edges(points)]
    symbols = [extent(s.points) for s in drawing.shapes if isinstance(s, Polygon) and small(extent(s.points))]
    symbols += [
        extent(s.points) for s in drawing.shapes if isinstance(s, Line) and s.grey == 0 and small(extent(s.points))
    ]
    symbols += [
        (c.centre[0] - c.radius, c.centre[1] - c.radius, c.centre[0] + c.radius, c.centre[1] + c.radius)
        for c in drawing.shapes
        if isinstance(c, Circle)
    ]
    assert len(symbols) >= len(places)
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= drawing.width and box[1] >= 0 and box[3] <= drawing.height
        for other in boxes[i + 1 :]:
            assert not boxes_meet(box, other), f"'{labels[i].text}' overlaps another label"
        for edge in edges:
            assert not edge_meets_box(edge, box), f"'{labels[i].text}' crosses an outline"
        for symbol in symbols:
            assert not boxes_meet(box, symbol), f"'{labels[i].text}' covers a symbol"
    assert all(label.size >= size for label in labels)
    assert not any("scale" in s.text.lower() for s in drawing.shapes if isinstance(s, Label))
