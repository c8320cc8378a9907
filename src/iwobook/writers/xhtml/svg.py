"""Drawings (model.drawing primitives) as inline SVG, for the EPUB's content documents and the HTML pages.

The SVG carries its title and its text alternative (<title>, <desc>); the <svg> element has role="img"
and is labelled by the <desc>, so assistive technology reads the alt text and not the scattered labels.
Greys become hex greys; numbers are written with at most two decimals and the viewBox in whole numbers, so
the same drawing always gives the same markup.
"""

from __future__ import annotations

import math
from typing import assert_never

from iwobook.model import script_runs
from iwobook.model.drawing import Anchor, Circle, Drawing, Label, Line, Polygon, Shape
from iwobook.writers.xhtml.markup import SVG_NS, Element, Node, h
from iwobook.writers.xhtml.text import JAPANESE, get_primary_language

FONT = "sans-serif"
HALO = "halo"
CIRCLE_STROKE = 0.8
HALO_WIDTH = 2.4
ANCHORS = {Anchor.START: "start", Anchor.MIDDLE: "middle", Anchor.END: "end"}


def fmt(value: float) -> str:
    """Return a number with at most two decimals and no trailing zeros ('-0' written as '0')."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def grey(level: float | None) -> str:
    """Return a grey level (0 black .. 1 white) as an SVG paint; None is no paint."""
    if level is None:
        return "none"
    value = round(max(0.0, min(1.0, level)) * 255)
    return f"#{value:02x}{value:02x}{value:02x}"


def points_attr(points: tuple[tuple[float, float], ...]) -> str:
    """Return points as an SVG points attribute."""
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def dash_attrs(dash: tuple[float, ...]) -> dict[str, str]:
    """Return the stroke-dasharray attribute of a dash pattern (none for a solid line)."""
    return {"stroke-dasharray": " ".join(fmt(d) for d in dash)} if dash else {}


def render_label_text(label: Label, lang: str) -> list[Node]:
    """Return a label's text, Japanese runs in xml:lang tspans when the book is not in Japanese."""
    if get_primary_language(lang) == JAPANESE:
        return [label.text]
    return [h("tspan", {"xml:lang": JAPANESE}, run) if cjk else run for run, cjk in script_runs(label.text)]


def render_label(label: Label, lang: str) -> list[Element]:
    """Return a text label; with a halo, a white outlined copy (hidden from assistive technology) goes first."""
    x, y = label.at
    attrs = {
        "x": fmt(x),
        "y": fmt(y),
        "font-size": fmt(label.size),
        "text-anchor": ANCHORS[label.anchor],
        **({"font-weight": "bold"} if label.bold else {}),
    }
    out: list[Element] = []
    if label.halo:
        halo = {
            **attrs,
            "class": HALO,
            "aria-hidden": "true",
            "fill": grey(1.0),
            "stroke": grey(1.0),
            "stroke-width": fmt(HALO_WIDTH),
            "stroke-linejoin": "round",
        }
        out.append(h("text", halo, render_label_text(label, lang)))
    out.append(h("text", {**attrs, "fill": grey(label.grey)}, render_label_text(label, lang)))
    return out


def render_shape(shape: Shape, lang: str) -> list[Element]:
    """Return the SVG elements of one drawing primitive."""
    match shape:
        case Line(points=points, grey=level, width=width, dash=dash):
            attrs = {"fill": "none", "stroke": grey(level), "stroke-width": fmt(width), **dash_attrs(dash)}
            if len(points) == 2:
                (x1, y1), (x2, y2) = points
                return [h("line", {"x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2), **attrs})]
            return [h("polyline", {"points": points_attr(points), **attrs})]
        case Polygon(points=points, fill=fill, stroke=stroke, width=width, dash=dash):
            attrs = {"fill": grey(fill), "stroke": grey(stroke)}
            if stroke is not None:
                attrs |= {"stroke-width": fmt(width), **dash_attrs(dash)}
            return [h("polygon", {"points": points_attr(points), **attrs})]
        case Circle(centre=(x, y), radius=radius, fill=fill, stroke=stroke):
            attrs = {"cx": fmt(x), "cy": fmt(y), "r": fmt(radius), "fill": grey(fill), "stroke": grey(stroke)}
            if stroke is not None:
                attrs["stroke-width"] = fmt(CIRCLE_STROKE)
            return [h("circle", attrs)]
        case Label():
            return render_label(shape, lang)
        case _:
            assert_never(shape)


def render_svg(drawing: Drawing, ident: str, role: str, lang: str) -> Element:
    """Return the drawing as an inline <svg role="img"> with the class role: title, text alternative, white
    ground, shapes.

    The viewBox is whole numbers (the drawing's size rounded up), which every renderer accepts (Kindle's
    publishing guidelines rule out fractional ones)."""
    width, height = str(math.ceil(drawing.width)), str(math.ceil(drawing.height))
    desc_id = f"{ident}-desc"
    return h(
        "svg",
        {
            "xmlns": SVG_NS,
            "id": ident,
            "class": role,
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": desc_id,
        },
        h("title", {"id": f"{ident}-title"}, drawing.title),
        h("desc", {"id": desc_id}, drawing.alt),
        h("rect", {"x": "0", "y": "0", "width": width, "height": height, "fill": grey(1.0)}),
        h("g", {"font-family": FONT}, [element for shape in drawing.shapes for element in render_shape(shape, lang)]),
    )


def contains_svg(nodes: list[Node]) -> bool:
    """Return True when any element in nodes (at any depth) is an <svg>."""
    return any(isinstance(node, Element) and (node.tag == "svg" or contains_svg(list(node.children))) for node in nodes)
