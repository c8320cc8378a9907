"""Figures in the PDF: the drawing primitives of iwobook.figures drawn as vector graphics by a flowable."""

from __future__ import annotations

from typing import Any, assert_never

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from iwobook.model.drawing import Anchor, Circle, Drawing, Label, Line, Polygon, Shape
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.tagged import Tagged


class DrawingFlowable(Tagged, Flowable):  # type: ignore[misc]
    """A flowable that draws a Drawing, scaled down to fit the frame's width and at most max_height; drawn as the
    content of its tag."""

    def __init__(self, drawing: Drawing, family: Family, max_height: float) -> None:
        super().__init__()
        self.max_height = max_height
        self.drawing = drawing
        self.family = family
        self.scale = 1.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the drawing's size, scaled to fit the available width and a page's height."""
        self.scale = min(1.0, available_width / self.drawing.width, self.max_height / self.drawing.height)
        self.width = self.drawing.width * self.scale
        self.height = self.drawing.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        """Draw every shape, flipping y so the drawing's origin is its top-left corner."""
        canvas = self.canv
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.scale(self.scale, -self.scale)
        for shape in self.drawing.shapes:
            self._shape(canvas, shape)
        canvas.restoreState()

    def _shape(self, canvas: Any, shape: Shape) -> None:
        """Draw one primitive."""
        match shape:
            case Line(points=points, grey=grey, width=width, dash=dash):
                canvas.setStrokeGray(grey)
                canvas.setLineWidth(width)
                canvas.setDash(list(dash) if dash else [])
                path = canvas.beginPath()
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
                canvas.drawPath(path, stroke=1, fill=0)
            case Polygon(points=points, fill=fill, stroke=stroke, width=width, dash=dash):
                path = canvas.beginPath()
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
                path.close()
                if fill is not None:
                    canvas.setFillGray(fill)
                if stroke is not None:
                    canvas.setStrokeGray(stroke)
                canvas.setLineWidth(width)
                canvas.setDash(list(dash) if dash else [])
                canvas.drawPath(path, stroke=int(stroke is not None), fill=int(fill is not None))
            case Circle(centre=(x, y), radius=radius, fill=fill, stroke=stroke):
                if fill is not None:
                    canvas.setFillGray(fill)
                if stroke is not None:
                    canvas.setStrokeGray(stroke)
                canvas.setDash([])
                canvas.setLineWidth(0.8)
                canvas.circle(x, y, radius, stroke=int(stroke is not None), fill=int(fill is not None))
            case Label():
                self._label(canvas, shape)
            case _:
                assert_never(shape)

    def _label(self, canvas: Any, label: Label) -> None:
        """Draw a text label upright (the canvas is flipped), with fallback fonts, bidi and shaping as needed."""
        runs = self.family.runs(label.text, label.size, "bold" if label.bold else "regular")
        width = sum(stringWidth(text, name, label.size) for text, name in runs)
        x, y = label.at
        if label.anchor is Anchor.MIDDLE:
            x -= width / 2
        elif label.anchor is Anchor.END:
            x -= width
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(1, -1)
        passes = ((2, 1.0), (0, label.grey)) if label.halo else ((0, label.grey),)
        for mode, grey in passes:
            canvas.saveState()  # the text render mode is graphics state: restore it after each pass
            canvas.setLineWidth(2.4)
            text_object = canvas.beginText(0, 0)
            text_object.setTextRenderMode(mode)
            text_object.setFillGray(grey)
            text_object.setStrokeGray(1.0)
            cursor = 0.0
            for text, name in runs:
                text_object.setFont(name, label.size)
                text_object.setTextOrigin(cursor, 0)
                text_object.textOut(text)
                cursor += stringWidth(text, name, label.size)
            canvas.drawText(text_object)
            canvas.restoreState()
        canvas.restoreState()
