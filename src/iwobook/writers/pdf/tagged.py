"""Structure roles on flowables: a flowable's `tag` (an Element) is the element its drawing is content of.

The story builder and the typesetter attach tags where they make flowables from the model; a Structure says
which element is open (Part, Sect, BlockQuote, L…) so that new elements get the right parent. Drawing on a
TaggedCanvas (writers/pdf/tags.py) then marks each flowable's content; on any other canvas tags cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.platypus import Flowable, Image, ListFlowable, Paragraph

from iwobook.writers.pdf.tags import Element, Role, heading, marked

SECTIONS = (Role.PART, Role.SECT)


class Tagged:
    """Mixin for flowables: drawn inside the marked content of their tag; their split parts keep the tag (one
    element, content on each page). Drawn a second time (a table's repeated header row) they are artifacts."""

    tag: Element | None = None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # reportlab's name
        """Draw inside the tag's marked content. A paragraph made without a tag is a P of its own when nothing
        else is marked (so no text falls out of the tree), else content of what is open (a TOC entry's title)."""
        tag = self.tag
        if not hasattr(canvas, "begin_marked"):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
            return
        if tag is None:
            if canvas.open[-1] != "" or not isinstance(self, Paragraph):
                super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
                return
            tag = self.tag = Element(Role.P)
        canvas.begin_marked("Pagination" if canvas.drawn_before(self) else tag)
        try:
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
        finally:
            canvas.end_marked()

    def split(self, available_width: float, available_height: float) -> list[Any]:
        """Split, giving every part this flowable's tag."""
        parts: list[Any] = super().split(available_width, available_height)  # type: ignore[misc]
        for part in parts:
            part.tag = self.tag
        return parts


class TaggedImage(Tagged, Image):  # type: ignore[misc]
    """An image drawn as the content of its tag (a Figure)."""


class LabelDrawer:
    """A list item's bullet or number, drawn as the content of an Lbl element."""

    def __init__(self, bullet: Any, tag: Element) -> None:
        self.bullet = bullet
        self.tag = tag

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the bullet inside the Lbl's marked content."""
        with marked(canvas, self.tag):
            self.bullet.drawOn(indenter, canvas, x, y, _sW)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bullet, name)


class TaggedList(ListFlowable):  # type: ignore[misc]
    """A list whose items' bullets are Lbl elements of the items' LI (the LI its first flowable's tag is in).

    It overrides ListFlowable's protected _makeLIIndenter, which wraps each item's flowables with its bullet."""

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> Any:  # reportlab's name
        """Make the item's indenter, its bullet drawn as an Lbl."""
        item = getattr(flowable, "tag", None)
        while item is not None and item.role is not Role.LI:
            item = item.parent
        if bullet is not None and item is not None:
            bullet = LabelDrawer(bullet, Element(Role.LBL, item))
        return super()._makeLIIndenter(flowable, bullet, params)


class GroupMark(Flowable):  # type: ignore[misc]
    """A zero-size mark where a group (a Part) begins, or (element None) where the open one ends: elements
    without a parent drawn after it go into the group. It is drawn in every layout, so each file makes its own
    Part node even when the flowables after it are an earlier layout's."""

    def __init__(self, element: Element | None) -> None:
        super().__init__()
        self.element = element
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take no space."""
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # reportlab's name
        """Open the group (closing the one open) on a canvas that tags."""
        if hasattr(canvas, "set_group"):
            canvas.set_group(self.element)


class Structure:
    """Where the story is in the book's structure while flowables are made: the open grouping elements, and how
    many sections enclose them that are open groups of the drawing (a Part, see GroupMark)."""

    def __init__(self) -> None:
        self.stack: list[Element | None] = [None]  # None: the open group, else the Document
        self.outer = 0

    @property
    def parent(self) -> Element | None:
        """Return the element new elements go into."""
        return self.stack[-1]

    def restart(self, outer: int = 0) -> None:
        """Start again at the open group (outer sections deep), with no element open."""
        self.stack[1:] = []
        self.outer = outer

    @contextmanager
    def within(self, role: Role, lang: str = "") -> Iterator[Element]:
        """Open a grouping element inside the current one for the flowables made in the block."""
        element = Element(role, self.parent, lang=lang)
        self.stack.append(element)
        try:
            yield element
        finally:
            self.stack.pop()

    def heading(self, depth: int = 0) -> Role:
        """Return the heading role of the open section's title (depth 0) or of a heading depth levels below."""
        sections = self.outer + sum(1 for e in self.stack if e is not None and e.role in SECTIONS)
        return heading(max(sections, 1) + depth)

    def tag(self, flowable: Flowable, role: Role, lang: str = "", alt: str = "") -> Flowable:
        """Give flowable a new element of role in the current one; return flowable."""
        flowable.tag = Element(role, self.parent, lang=lang, alt=alt)
        return flowable

    def share(self, flowable: Flowable, other: Flowable) -> Flowable:
        """Give flowable other's element (two flowables, one element); return flowable."""
        flowable.tag = other.tag
        return flowable


def tag_table(rows: list[list[Any]], parent: Element | None, header_rows: int = 0, header_columns: int = 0) -> None:
    """Tag the cells of a table in parent: a Table of TR rows, TH cells for the first header_rows rows (scope
    Column) and header_columns columns (scope Row), TD cells for the others."""
    table = Element(Role.TABLE, parent)
    for r, row in enumerate(rows):
        tr = Element(Role.TR, table)
        for c, cell in enumerate(row):
            if r < header_rows:
                cell.tag = Element(Role.TH, tr, scope="Column")
            elif c < header_columns:
                cell.tag = Element(Role.TH, tr, scope="Row")
            else:
                cell.tag = Element(Role.TD, tr)
