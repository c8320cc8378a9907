"""Page breaks and the space that places a block on its page: breaks to a side, a new page, a break unless a
section runs on, the start of front or body matter, ruled notes, white space that sets a block at a page's foot."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import ActionFlowable, CondPageBreak, Flowable, KeepTogether

from iwobook.writers.pdf.pages import HeadStyle, draw_notes


class RectoBreak(ActionFlowable):  # type: ignore[misc]
    """Start the next page on a right-hand page; a skipped left-hand page is truly blank or ruled for notes."""

    def __init__(self, fill: str = "blank") -> None:
        super().__init__(("recto", fill))


class NotesFill(Flowable):  # type: ignore[misc]
    """Fill what is left of the page with ruled lines for notes, when at least a few lines are left."""

    def __init__(self, head: HeadStyle, min_height: float) -> None:
        super().__init__()
        self.head = head
        self.min_height = min_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the rest of the page (or nothing when too little is left)."""
        self.width = available_width
        self.height = available_height - 1 if available_height >= self.min_height else 0
        return self.width, self.height

    def draw(self) -> None:
        """Draw the notes lines."""
        if self.height:
            draw_notes(self.canv, 0, 0, self.width, self.height - 6, self.head)


def _height_within(canvas: Any, flowables: list[Flowable], width: float, height: float) -> float:
    """Return the height flowables take at width with their spaces, or more than height once they pass it."""
    needed = 0.0
    for item in flowables:
        if isinstance(item, KeepTogether):  # which reports an endless height to force its split
            needed += _height_within(canvas, list(item._content), width, height - needed)
        else:
            needed += item.wrapOn(canvas, width, height)[1] + item.getSpaceBefore() + item.getSpaceAfter()
        if needed > height:
            break
    return needed


class RunOnBreak(CondPageBreak):  # type: ignore[misc]
    """Start a new page unless height is left on this one or what follows (below, the rest of its section) fits
    in what is left."""

    def __init__(self, height: float) -> None:
        super().__init__(height)
        self.below: list[Flowable] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Break the frame when neither height nor the whole of what follows fits; take no space."""
        if available_height >= self.height:
            return 0, 0
        if _height_within(self.canv, self.below, available_width, available_height) < available_height - 1:
            return 0, 0
        width, height = super().wrap(available_width, available_height)
        return float(width), float(height)


class FootSpace(Flowable):  # type: ignore[misc]
    """White space that sets the flowables after it at the foot of the page: the height they leave, or at least
    min_height when they do not fit."""

    def __init__(self, below: list[Flowable], min_height: float) -> None:
        super().__init__()
        self.below = below
        self.min_height = min_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the height the flowables below leave on the page, less a point to spare."""
        needed = _height_within(self.canv, self.below, available_width, available_height)
        self.width = available_width
        self.height = max(self.min_height, available_height - needed - 1)
        return self.width, self.height

    def draw(self) -> None:
        """Draw nothing."""


class VersoBreak(ActionFlowable):  # type: ignore[misc]
    """Start the next page on a left-hand page (for the back cover), leaving a skipped page blank."""

    def __init__(self) -> None:
        super().__init__(("verso",))


class PageBreakAction(ActionFlowable):  # type: ignore[misc]
    """Start a new page (either side)."""

    def __init__(self) -> None:
        super().__init__(("newPage",))


class MatterStart(ActionFlowable):  # type: ignore[misc]
    """Restart page numbering: 'front' in roman numerals, 'body' in arabic, both from 1."""

    def __init__(self, matter: str) -> None:
        super().__init__(("matter", matter))
