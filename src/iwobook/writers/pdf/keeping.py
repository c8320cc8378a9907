"""Keeping blocks together without moving whole paragraphs: what reportlab's KeepTogether does not offer.

KeepTogether moves everything it holds to the next page when it does not fit, so a heading kept with a
long paragraph leaves the rest of its page empty. KeepEnd keeps a heading with the first lines of what
follows and a closing line (a "Mentioned in" line) with the last lines before it; the paragraphs between
break across pages as usual. `arrange` groups the generic renderer's laid-out blocks by how they keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable
from reportlab.platypus.flowables import _listWrapOn

# lines of a paragraph that stay with the heading above it, and with the closing line below it
LINES_KEPT = 2


def _height(flowables: list[Any], width: float, canv: Any) -> float:
    """Return the height a list of flowables takes at width below other text: the space between them and the
    space before the first that takes room (which reportlab's own sum leaves out, as at the top of a frame)."""
    height = float(_listWrapOn(flowables, width, canv)[1])
    shown = next((f for f in flowables if not hasattr(f, "frameAction") and f.wrapOn(canv, width, 1e7)[1] > 0), None)
    return height + (float(shown.getSpaceBefore()) if shown is not None else 0.0)


def _leading(flowable: Any) -> float:
    """Return the leading of a paragraph (its style's), or 0 for anything else."""
    return float(flowable.style.leading) if isinstance(flowable, Paragraph) else 0.0


class KeepEnd(KeepTogether):  # type: ignore[misc]
    """A head (a heading, an entry's name), a body and a tail (a closing line): the head stays with the first
    lines of the body, the tail with its last lines, and the body breaks across pages between them."""

    def __init__(self, head: list[Flowable], body: list[Flowable], tail: list[Flowable]) -> None:
        super().__init__([*head, *body, *tail])
        self._body = [*head, *body]
        self._head = len(head)
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
        # the head must fit with the first lines of what follows it
        first = self._head
        if 0 < first < len(body) and _height(body[:first], aW, canv) + LINES_KEPT * _leading(body[first]) > aH:
            return moved
        if len(body) > 1 and _height(body, aW, canv) > aH:
            # the body breaks before its last flowable: that one, placed later, carries the tail along
            return [flow, *body[:-1], KeepEnd([], body[-1:], tail)]
        # break the last flowable so that its last lines go on with the tail (at the foot of this page when it
        # is taller than what is left, else just before its last lines)
        last = body[-1]
        left = aH - _height(body[:-1], aW, canv)
        room = min(left, last.wrap(aW, left)[1] - LINES_KEPT * _leading(last))
        parts = last.split(aW, room) if isinstance(last, Paragraph) and room > 0 else []
        if len(parts) == 2:
            return [flow, *body[:-1], parts[0], KeepTogether([parts[1], *tail])]
        return moved


@dataclass
class Laid:
    """Flowables of one block in reading order, with how they keep: 'anchor' (a destination, kept with what
    follows), 'lead', 'body', 'whole' (moves whole with its leads) or 'tail' (a closing line)."""

    keeping: str
    flowables: list[Flowable]


def arrange(laid: list[Laid]) -> list[Flowable]:
    """Return laid-out flowables kept as their roles say: each run of leads with what follows it up to the next
    lead or closing line (KeepEnd: the leads with its first lines, the closing line with its last), a run with
    an original wording whole; destinations with what follows them. Nothing nests a keep in another (a
    KeepTogether reports an endless height to force its split, so one inside another never fits)."""
    out: list[Flowable] = []
    head: list[Flowable] = []
    body: list[Flowable] = []
    whole = False
    anchors: list[Flowable] = []

    def flush(tail: list[Flowable]) -> None:
        nonlocal whole
        if (whole and (head or tail)) or (head and tail and not body):
            out.append(KeepTogether([*head, *body, *tail]))
        elif (head and body) or (tail and body):
            out.append(KeepEnd(list(head), list(body), tail))
        else:
            out.extend([*head, *body, *tail])
        head.clear()
        body.clear()
        whole = False

    for item in laid:
        if item.keeping == "anchor":
            anchors += item.flowables
            continue
        made, anchors = [*anchors, *item.flowables], []
        if item.keeping == "lead":
            if body:
                flush([])
            head.extend(made)
        elif item.keeping == "tail":
            flush(made)
        else:
            whole = whole or item.keeping == "whole"
            body.extend(made)
    flush([])
    return out + anchors
