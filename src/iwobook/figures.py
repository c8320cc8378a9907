"""Figures as drawing primitives computed from the model (the timeline and the map).

Both writers render the same primitives: the PDF as vector graphics, the EPUB as SVG. Coordinates are in
points with the origin at the top left, y growing downwards; greys run from 0 (black) to 1 (white), so
nothing is carried by colour.
"""

from __future__ import annotations

import math
from typing import assert_never

from iwobook.chronology import day_of, lay_out_axis, runs_of, single_tick, spread, ticks_of
from iwobook.labelling import find_label_spot, polygon_edges, text_width
from iwobook.model import Book, MapData, Marker, Place, PlaceKind
from iwobook.model.drawing import Anchor, Circle, Drawing, Label, Line, Polygon, Shape

BREAK_WIDTH = 18.0  # points of axis left out where a long gap is broken
FIGURE_WIDTH = 440.0  # points: a figure's own size, for a screen (an SVG scales it to the reading width)


__all__ = ["Anchor", "Circle", "Drawing", "Label", "Line", "Polygon", "Shape"]


# ---------------------------------------------------------------- timeline


def _room(ends: list[float], row: int, x: float, text: str, size: float) -> bool:
    """Return True (and take the room) when a label centred at x fits after the last one of its row."""
    half = text_width(text, size) / 2
    if x - half < ends[row] + size * 0.5:
        return False
    ends[row] = x + half
    return True


def draw_timeline(book: Book, width: float, size: float = 7.5) -> Drawing | None:
    """Return the timeline figure, or None without events: every event as a numbered marker above an axis that
    follows the data (days to centuries, long gaps broken), markers spread so that none touches another and
    stems never cross; size is the type size of its labels."""
    events = book.timeline
    if not events:
        return None
    days = [day_of(e.date) for e in events]
    radius = max(6.4, size * 0.95)
    pitch = 2 * radius + 3.0
    margin = radius + 2.0
    runs = runs_of(days)
    rows = max(1, math.ceil(len(days) * pitch / (width - 2 * margin)))  # markers that cannot sit side by side
    segments = lay_out_axis(days, runs, margin, width - margin, pitch / rows, BREAK_WIDTH)
    whole = days[-1] - days[0]
    row_y = [radius + 2.0 + (rows - 1 - r) * (2 * radius + 3.0) for r in range(rows)]  # row 0 nearest the axis
    axis_y = row_y[0] + radius + 14.0
    shapes: list[Shape] = []
    ends = [-1e9, -1e9]  # where the last label of each row under the axis ends
    for index, segment in enumerate(segments):
        shapes.append(Line(((segment.x0, axis_y), (segment.x1, axis_y)), width=1.2))
        if index:  # the break between two runs: two short slanted strokes
            gap_x = segment.x0 - BREAK_WIDTH / 2
            for dx in (-3.0, 3.0):
                shapes.append(Line(((gap_x + dx - 2.5, axis_y + 4), (gap_x + dx + 2.5, axis_y - 4)), width=0.9))
        first, last = runs[index]
        ticks = ticks_of(segment, book.messages.month, size, whole)
        if first == last and not ticks:
            ticks = [single_tick(segment, days[first], book.messages.month, whole)]
        for tick in ticks:
            shapes.append(Line(((tick.x, axis_y - 3), (tick.x, axis_y + 3)), width=0.6))
            if _room(ends, 0, tick.x, tick.label, size):
                shapes.append(
                    Label((tick.x, axis_y + 4 + size * 1.1), tick.label, size, anchor=Anchor.MIDDLE, grey=0.2)
                )
            if tick.era and _room(ends, 1, tick.x, tick.era, size):
                era_y = axis_y + 4 + size * 2.3
                shapes.append(Label((tick.x, era_y), tick.era, size, bold=True, anchor=Anchor.MIDDLE, grey=0.2))
    wanted = [segments[i].x_of(d) for i, (a, b) in enumerate(runs) for d in days[a : b + 1]]
    placed = spread(wanted, pitch / rows, margin, width - margin)
    for index, (true_x, x) in enumerate(zip(wanted, placed, strict=True)):
        y = row_y[index % rows]
        points = [(true_x, axis_y), (x, row_y[0] + radius + 2.0)]
        if y != row_y[0]:  # up between the markers of the rows below
            points.append((x, y + radius + 1.0))
        shapes.append(Line(tuple(points), grey=0.45, width=0.5))
        shapes.append(Circle((x, y), radius, fill=1.0, stroke=0.0))
        shapes.append(Label((x, y + size * 0.36), str(index + 1), size, bold=True, anchor=Anchor.MIDDLE))
    height = axis_y + 4 + size * 2.3 + size * 0.5
    words = book.messages
    alt = words("timeline.alt", count=len(events), first=words.date(events[0].date), last=words.date(events[-1].date))
    return Drawing(width, height, tuple(shapes), words("timeline.title"), alt)


def _shift(shape: Shape, dy: float) -> Shape:
    """Return shape moved down by dy."""
    match shape:
        case Line(points=p):
            return Line(tuple((x, y + dy) for x, y in p), shape.grey, shape.width, shape.dash)
        case Polygon(points=p):
            return Polygon(tuple((x, y + dy) for x, y in p), shape.fill, shape.stroke, shape.width, shape.dash)
        case Circle(centre=(x, y)):
            return Circle((x, y + dy), shape.radius, shape.fill, shape.stroke)
        case Label(at=(x, y)):
            return Label((x, y + dy), shape.text, shape.size, shape.bold, shape.anchor, shape.grey, shape.halo)


# ---------------------------------------------------------------- map


def place_chapters(book: Book) -> dict[str, tuple[int, ...]]:
    """Return, for each place id, the numbers of the chapters that name it as a key place."""
    out: dict[str, list[int]] = {}
    for chapter in book.chapters():
        for place in chapter.places:
            out.setdefault(place, []).append(chapter.number)
    return {key: tuple(value) for key, value in out.items()}


def place_label(book: Book, place: Place, chapters: tuple[int, ...]) -> str:
    """Return a place's label with the chapters it is a key place of."""
    if not chapters:
        return place.name
    words = book.messages
    return words("map.place_chapters", name=place.name, chapters=words("format.comma").join(str(n) for n in chapters))


def marker_of(kind: PlaceKind | None) -> Marker:
    """Return the marker a place of kind is drawn with (a circle for a place of no declared kind)."""
    return kind.marker if kind is not None else Marker.CIRCLE


def marker_box(marker: Marker, x: float, y: float) -> tuple[float, float, float, float]:
    """Return the box a place's symbol covers (with a little room around it)."""
    half = 7.0 if marker is Marker.TRIANGLE else 6.0
    return (x - half, y - half, x + half, y + half)


def draw_map(book: Book, width: float, size: float = 7.5) -> Drawing | None:
    """Return the map: land, places with a symbol per kind, chapter numbers and a north arrow; each
    label is placed where it overlaps no outline, symbol or other label (size: the labels' type size)."""
    data: MapData | None = book.map
    if data is None:
        return None
    height = width * 0.82
    pad = 18.0

    def pt(point: tuple[float, float]) -> tuple[float, float]:
        x, y = point
        return pad + x / 100 * (width - 2 * pad), pad + (100 - y) / 100 * (height - 2 * pad)

    land = tuple(pt(p) for p in data.outline)
    shapes: list[Shape] = [Polygon(land, fill=0.88, stroke=0.0, width=1.0)]
    edges = polygon_edges(land)
    chapters = place_chapters(book)
    for place in data.places:
        if place.shape:
            style = _AREA_STYLE[marker_of(place.kind)]
            outline = tuple(pt(p) for p in place.shape)
            shapes.append(Polygon(outline, fill=style[0], stroke=style[1], dash=style[2]))
            edges += polygon_edges(outline)
    areas = len(shapes)
    north_x, north_y = width - pad - 6, pad + 6
    shapes.append(Polygon(((north_x, north_y), (north_x - 5, north_y + 14), (north_x + 5, north_y + 14)), fill=0.0))
    shapes.append(
        Label(
            (north_x, north_y + 26), book.messages("map.north_letter"), max(9.0, size), bold=True, anchor=Anchor.MIDDLE
        )
    )
    obstacles = [(north_x - 8, north_y - 2, north_x + 8, north_y + 28)]
    points = [pt(place.at) for place in data.places]
    obstacles += [marker_box(marker_of(place.kind), x, y) for place, (x, y) in zip(data.places, points, strict=True)]
    for place, (x, y) in zip(data.places, points, strict=True):
        shapes.extend(_marker(marker_of(place.kind), x, y))
    bounds = (2.0, 2.0, width - 2.0, height - 2.0)
    for place, point in zip(data.places, points, strict=True):
        text = place_label(book, place, chapters.get(place.id, ()))
        spot = find_label_spot(point, text, size, place.label_side, bounds, obstacles, edges)
        obstacles.append(spot.box)
        near = (min(max(point[0], spot.box[0]), spot.box[2]), min(max(point[1], spot.box[1]), spot.box[3]))
        if math.dist(point, near) > 1.8 * size:  # a label moved away from its place points back to it
            reach = 7.0 / max(math.dist(point, near), 1.0)
            start = (point[0] + (near[0] - point[0]) * reach, point[1] + (near[1] - point[1]) * reach)
            shapes.insert(areas, Line((start, near), grey=0.35, width=0.5))  # under symbols and labels
        anchor = {"start": Anchor.START, "middle": Anchor.MIDDLE, "end": Anchor.END}[spot.anchor]
        shapes.append(Label(spot.at, text, size, bold=True, anchor=anchor, halo=True))
    words = book.messages
    described = words("format.series").join(
        words("map.marker", words=place_label(book, p, chapters.get(p.id, ())), meaning=p.note)
        if p.note
        else place_label(book, p, chapters.get(p.id, ()))
        for p in data.places
    )
    alt = words("map.alt", title=data.title, note=data.note, places=described)
    return Drawing(width, height, tuple(shapes), data.title, alt)


# where a place's label goes: anchor and offset from the marker
_LABEL_SIDES = {
    "right": (Anchor.START, 8.0, 3.0),
    "left": (Anchor.END, -8.0, 3.0),
    "above": (Anchor.MIDDLE, 0.0, -10.0),
    "below": (Anchor.MIDDLE, 0.0, 15.0),
}

# fill, stroke, dash for places drawn as areas, by the marker of their kind
_AREA_STYLE: dict[Marker, tuple[float | None, float | None, tuple[float, ...]]] = {
    Marker.CIRCLE: (0.55, 0.0, ()),
    Marker.SQUARE: (1.0, 0.0, (3.0, 2.0)),
    Marker.DIAMOND: (0.72, 0.2, (1.0, 2.0)),
    Marker.TRIANGLE: (0.6, 0.0, ()),
    Marker.CROSS: (None, 0.0, ()),
}


def _marker(marker: Marker, x: float, y: float) -> list[Shape]:
    """Return a place's marker at (x, y): triangle, square, circle, diamond or cross."""
    match marker:
        case Marker.TRIANGLE:
            return [Polygon(((x, y - 6), (x - 6, y + 5), (x + 6, y + 5)), fill=0.0)]
        case Marker.SQUARE:
            return [Polygon(((x - 4, y - 4), (x + 4, y - 4), (x + 4, y + 4), (x - 4, y + 4)), fill=1.0, stroke=0.0)]
        case Marker.CIRCLE:
            return [Circle((x, y), 3.5, fill=0.0)]
        case Marker.DIAMOND:
            return [Polygon(((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)), fill=1.0, stroke=0.0)]
        case Marker.CROSS:
            return [
                Line(((x - 5, y - 5), (x + 5, y + 5)), width=1.6),
                Line(((x - 5, y + 5), (x + 5, y - 5)), width=1.6),
            ]
        case _:
            assert_never(marker)


def legend(book: Book) -> list[tuple[Marker, str]]:
    """Return (marker, the author's words) for each declared kind of place the map uses, for its key."""
    if book.map is None:
        return []
    used = {p.kind.id for p in book.map.places if p.kind is not None}
    return [(kind.marker, kind.label) for kind in book.map.kinds if kind.id in used]


def timeline_numbers(book: Book) -> dict[int, int]:
    """Return, for each index of book.timeline, the number its marker shows (every event is drawn)."""
    return {index: index + 1 for index in range(len(book.timeline))}


def draw_figure(book: Book, figure: str, width: float, size: float = 7.5) -> Drawing | None:
    """Return the named figure of the book ('timeline' or 'map') drawn for width with labels of size points, or
    None when it has no data (or no such figure)."""
    if figure == "timeline":
        return draw_timeline(book, width, size)
    if figure == "map":
        return draw_map(book, width, size)
    return None
