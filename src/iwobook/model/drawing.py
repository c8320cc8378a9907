"""Drawing primitives: the shapes a figure is made of, which the PDF draws as vector graphics and the EPUB as SVG.

Coordinates are in points with the origin at the top left, y growing downwards; greys run from 0 (black)
to 1 (white), so nothing is carried by colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Anchor(Enum):
    """Where a text label sits relative to its point."""

    START = "start"
    MIDDLE = "middle"
    END = "end"


@dataclass(frozen=True, slots=True)
class Line:
    """A straight line (or polyline) through points."""

    points: tuple[tuple[float, float], ...]
    grey: float = 0.0
    width: float = 0.8
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed shape with an optional fill and outline."""

    points: tuple[tuple[float, float], ...]
    fill: float | None = None
    stroke: float | None = 0.0
    width: float = 0.8
    dash: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Circle:
    """A circle (a marker)."""

    centre: tuple[float, float]
    radius: float
    fill: float | None = 0.0
    stroke: float | None = 0.0


@dataclass(frozen=True, slots=True)
class Label:
    """A line of text at a point (the baseline), with its anchor."""

    at: tuple[float, float]
    text: str
    size: float = 8.0
    bold: bool = False
    anchor: Anchor = Anchor.START
    grey: float = 0.0
    halo: bool = False


Shape = Line | Polygon | Circle | Label


@dataclass(frozen=True)
class Drawing:
    """A figure: its size in points, shapes, a title, and alt text describing it."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    title: str
    alt: str
