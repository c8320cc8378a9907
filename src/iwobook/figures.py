"""Figures as drawing primitives computed from the model (the timeline and the schematic map).

Both writers render the same primitives: the PDF as vector graphics, the EPUB as SVG. Coordinates are in
points with the origin at the top left, y growing downwards; greys run from 0 (black) to 1 (white), so
nothing is carried by colour.
"""

from __future__ import annotations

from iwobook.model import Book, MapData, Place, PlaceKind
from iwobook.model.drawing import Anchor, Circle, Drawing, Label, Line, Polygon, Shape

__all__ = ["Anchor", "Circle", "Drawing", "Label", "Line", "Polygon", "Shape"]


# ---------------------------------------------------------------- timeline


def _month_index(iso: str) -> float:
    """Return months since year 0 for an ISO date (mid-month when only YYYY-MM, mid-year when YYYY)."""
    parts = [int(p) for p in iso.split("-")]
    year, month = parts[0], (parts[1] if len(parts) > 1 else 7)
    day = parts[2] if len(parts) > 2 else 15
    return year * 12 + (month - 1) + (day - 1) / 31


def timeline_span(book: Book) -> tuple[int, int]:
    """Return the indexes (into book.timeline) of the first and last event of the longest run of events
    no more than two years apart: the main story the figure draws, leaving out distant framing events."""
    dates = [_month_index(e.date) for e in book.timeline]
    best = (0, -1)
    start = 0
    for index in range(len(dates)):
        if index and dates[index] - dates[index - 1] > 24:
            start = index
        if index - start > best[1] - best[0]:
            best = (start, index)
    return best


def draw_timeline(book: Book, width: float) -> Drawing | None:
    """Return the timeline figure: a month axis with numbered event markers, or None without events."""
    first, last = timeline_span(book)
    if last < first:
        return None
    events = book.timeline[first : last + 1]
    dates = [_month_index(e.date) for e in events]
    low, high = int(min(dates)), int(max(dates)) + 1
    margin = 14.0
    axis_y = 62.0
    span = max(high - low, 1)

    def x_of(value: float) -> float:
        return margin + (value - low) / span * (width - 2 * margin)

    shapes: list[Shape] = [Line(((margin, axis_y), (width - margin, axis_y)), width=1.2)]
    for month in range(low, high + 1):
        x = x_of(month)
        shapes.append(Line(((x, axis_y - 3), (x, axis_y + 3)), width=0.6))
        if month < high:
            name = book.messages.month(month % 12 + 1)
            label = f"{name} {month // 12}" if month % 12 in (0,) or month == low else name
            shapes.append(Label((x_of(month + 0.5), axis_y + 14), label, 7, anchor=Anchor.MIDDLE, grey=0.25))
    rows: list[float] = []
    for number, value in enumerate(dates, start=first + 1):
        x = x_of(value)
        row = 0
        while row < len(rows) and x - rows[row] < 15:
            row += 1
        if row == len(rows):
            rows.append(x)
        rows[row] = x
        y = axis_y - 11 - row * 15
        shapes.append(Line(((x, axis_y), (x, y + 4)), grey=0.5, width=0.4))
        shapes.append(Circle((x, y), 6.4, fill=1.0, stroke=0.0))
        shapes.append(Label((x, y + 2.7), str(number), 7.5, bold=True, anchor=Anchor.MIDDLE))
    top = axis_y - 11 - len(rows) * 15
    shifted = tuple(_shift(s, -top + 6) for s in shapes)
    height = axis_y - top + 6 + 24
    words = book.messages
    alt = words("timeline.alt", count=len(events), first=words.date(events[0].date), last=words.date(events[-1].date))
    return Drawing(width, height, shifted, words("timeline.title"), alt)


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


def draw_map(book: Book, width: float) -> Drawing | None:
    """Return the schematic map: land, places with a symbol per kind, chapter numbers, north arrow."""
    data: MapData | None = book.map
    if data is None:
        return None
    height = width * 0.82
    pad = 18.0

    def pt(point: tuple[float, float]) -> tuple[float, float]:
        x, y = point
        return pad + x / 100 * (width - 2 * pad), pad + (100 - y) / 100 * (height - 2 * pad)

    shapes: list[Shape] = [Polygon(tuple(pt(p) for p in data.outline), fill=0.88, stroke=0.0, width=1.0)]
    chapters = place_chapters(book)
    for place in data.places:
        if place.shape:
            style = _AREA_STYLE[place.kind]
            shapes.append(Polygon(tuple(pt(p) for p in place.shape), fill=style[0], stroke=style[1], dash=style[2]))
    for place in data.places:
        x, y = pt(place.at)
        shapes.extend(_marker(place.kind, x, y))
        anchor, dx, dy = _LABEL_SIDES[place.label_side]
        text = place_label(book, place, chapters.get(place.id, ()))
        shapes.append(Label((x + dx, y + dy), text, 7.5, bold=True, anchor=anchor, halo=True))
    north_x, north_y = width - pad - 6, pad + 6
    shapes.append(Polygon(((north_x, north_y), (north_x - 5, north_y + 14), (north_x + 5, north_y + 14)), fill=0.0))
    words = book.messages
    shapes.append(Label((north_x, north_y + 26), words("map.north_letter"), 9, bold=True, anchor=Anchor.MIDDLE))
    shapes.append(Label((pad, height - 4), words("map.not_to_scale"), 7, anchor=Anchor.START, grey=0.3))
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

# fill, stroke, dash for places drawn as areas
_AREA_STYLE: dict[PlaceKind, tuple[float | None, float | None, tuple[float, ...]]] = {
    PlaceKind.BEACH: (0.55, 0.0, ()),
    PlaceKind.AIRFIELD: (1.0, 0.0, (3.0, 2.0)),
    PlaceKind.AREA: (0.72, 0.2, (1.0, 2.0)),
    PlaceKind.PEAK: (0.6, 0.0, ()),
    PlaceKind.POSITION: (None, 0.0, ()),
}


def _marker(kind: PlaceKind, x: float, y: float) -> list[Shape]:
    """Return the symbol of a place kind at (x, y): triangle, square, circle, diamond or cross."""
    match kind:
        case PlaceKind.PEAK:
            return [Polygon(((x, y - 6), (x - 6, y + 5), (x + 6, y + 5)), fill=0.0)]
        case PlaceKind.AIRFIELD:
            return [Polygon(((x - 4, y - 4), (x + 4, y - 4), (x + 4, y + 4), (x - 4, y + 4)), fill=1.0, stroke=0.0)]
        case PlaceKind.BEACH:
            return [Circle((x, y), 3.5, fill=0.0)]
        case PlaceKind.AREA:
            return [Polygon(((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)), fill=1.0, stroke=0.0)]
        case PlaceKind.POSITION:
            return [
                Line(((x - 5, y - 5), (x + 5, y + 5)), width=1.6),
                Line(((x - 5, y + 5), (x + 5, y - 5)), width=1.6),
            ]


def legend(book: Book) -> list[tuple[PlaceKind, str]]:
    """Return (kind, meaning) for each kind of place the map uses, for a key below the map."""
    used = [] if book.map is None else list(dict.fromkeys(p.kind for p in book.map.places))
    return [(kind, book.messages(f"map.kind.{kind.value}")) for kind in used]


def timeline_numbers(book: Book) -> dict[int, int]:
    """Return, for each index of book.timeline inside the drawn span, the number its marker shows."""
    first, last = timeline_span(book)
    return {index: index + 1 for index in range(first, last + 1)}
