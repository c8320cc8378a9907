"""Keeping blocks together without moving whole paragraphs: what reportlab's KeepTogether does not offer.

KeepTogether moves everything it holds to the next page when it does not fit, so a heading kept with a
long paragraph leaves the rest of its page empty. KeepEnd keeps a heading with the first lines of what
follows and a closing line (a "Mentioned in" line) with the last lines before it; the paragraphs between
break across pages as usual.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable
from reportlab.platypus.flowables import _listWrapOn

# lines of a paragraph that stay with the heading above it, and with the closing line below it
LINES_KEPT = 2


def _height(flowables: list[Any], width: float, canv: Any) -> float:
    """Return the height a list of flowables takes at width, space between them included."""
    return float(_listWrapOn(flowables, width, canv)[1])


def _leading(flowable: Any) -> float:
    """Return the leading of a paragraph (its style's), or 0 for anything else."""
    return float(flowable.style.leading) if isinstance(flowable, Paragraph) else 0.0


class KeepEnd(KeepTogether):  # type: ignore[misc]
    """Body flowables (a heading first) and a closing flowable: the heading stays with the first lines of
    the body, the closing flowable with its last lines, and the body breaks across pages between them."""

    def __init__(self, body: list[Flowable], tail: list[Flowable]) -> None:
        super().__init__([*body, *tail])
        self._body = list(body)
        self._tail = list(tail)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        """Return what to place for aW × aH: everything when it fits; the body's head moved on when even
        its first lines do not fit; otherwise the body, its last lines carried over with the tail."""
        canv = self.canv
        # what is returned goes back on the story one by one, so it begins with an action (as KeepTogether's)
        flow = NullActionFlowable()
        if _height(self._content, aW, canv) <= aH:
            return [flow, *self._content]
        frame = getattr(self, "_frame", None)
        at_top = frame is None or getattr(frame, "_atTop", False)
        moved = [flow if at_top else FrameBreak(), *self._content]
        body, tail = self._body, self._tail
        # the head (what comes before the first paragraph) must fit with that paragraph's first lines
        first = next((i for i, f in enumerate(body) if isinstance(f, Paragraph) and i > 0), None)
        if first is not None and _height(body[:first], aW, canv) + LINES_KEPT * _leading(body[first]) > aH:
            return moved
        if _height(body, aW, canv) > aH or not tail:
            # the body breaks on this page anyway: what follows its break carries the tail along
            return [flow, *body[:-1], KeepEnd(body[-1:], tail)] if len(body) > 1 else [flow, *body, *tail]
        # the body fits and the tail does not: carry the last lines of the body's last paragraph over
        last = body[-1]
        room = aH - _height(body[:-1], aW, canv) - LINES_KEPT * _leading(last)
        parts = last.split(aW, room) if isinstance(last, Paragraph) and room > 0 else []
        if len(parts) == 2:
            return [flow, *body[:-1], parts[0], KeepTogether([parts[1], *tail])]
        return moved
