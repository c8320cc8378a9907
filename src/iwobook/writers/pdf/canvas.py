"""Canvases for the PDF writer: light internal links for the book, and a canvas for the pagination alone."""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject
from reportlab.pdfbase.pdfdoc import format as format_pdf
from reportlab.pdfgen.canvas import Canvas

# reportlab's LinkAnnotation with Border [0 0 0] and empty Contents, as its PDFDictionary formats it
LINK_TEMPLATE = b"<<\n/Border [ 0 0 0 ] /Contents () /Dest %s /Rect [ %s ] /Subtype /Link /Type /Annot\n>>"
TAGGED_LINK_TEMPLATE = LINK_TEMPLATE[:-3] + b" /StructParent %d\n>>"


class InternalLink(PDFObject):  # type: ignore[misc]
    """A link annotation to a named destination, with no border and no contents. It keeps only its rectangle
    and destination until the file is written (a reportlab LinkAnnotation keeps six objects), then formats
    exactly as LinkAnnotation does; each destination is formatted once for all its links."""

    struct_parent: int | None = None  # its key in a tagged PDF's parent tree (writers/pdf/tags.py)

    def __init__(self, rect: tuple[float, ...], destination: Any, formatted: dict[str, bytes]) -> None:
        self.rect = rect
        self.destination = destination
        self.formatted = formatted

    def format(self, document: Any) -> bytes:
        """Return the annotation dictionary as PDF bytes."""
        name = self.destination.name
        dest = self.formatted.get(name)
        if dest is None:
            dest = self.formatted[name] = bytes(format_pdf(self.destination, document))
        rect = fp_str(*self.rect).encode("ascii")
        if self.struct_parent is not None:
            return TAGGED_LINK_TEMPLATE % (dest, rect, self.struct_parent)
        return LINK_TEMPLATE % (dest, rect)


class BookCanvas(Canvas):  # type: ignore[misc]
    """reportlab's canvas, whose links to destinations inside the book (one per linked line) are InternalLinks.

    It calls Canvas's protected helpers _absRect, _bookmarkReference and _addAnnotation, as linkRect itself does
    (reportlab is pinned in requirements.lock; tests/test_pdf.py checks the bytes against LinkAnnotation's)."""

    draws_text = True  # read by BookParagraph.drawOn

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formatted_destinations: dict[str, bytes] = {}

    def linkRect(  # reportlab's name and parameters
        self,
        contents: str,
        destinationname: str,
        Rect: Any = None,
        addtopage: int = 1,
        name: str | None = None,
        relative: int = 1,
        thickness: float = 0,
        color: Any = None,
        dashArray: Any = None,
        **kw: Any,
    ) -> None:
        """Add a link to a named destination; the plain kind paragraphs make is an InternalLink."""
        if contents or name or not addtopage or thickness or color or dashArray or kw:
            super().linkRect(
                contents, destinationname, Rect, addtopage, name, relative, thickness, color, dashArray, **kw
            )
            return
        link = InternalLink(
            self._absRect(Rect, relative), self._bookmarkReference(destinationname), self.formatted_destinations
        )
        self._addAnnotation(link)


class LayoutCanvas(BookCanvas):
    """A canvas for the pagination alone: pages are laid out, but paragraphs are not drawn (they still record
    where pages begin), no link is made and no file is formatted."""

    draws_text = False

    def linkRect(self, *args: Any, **kwargs: Any) -> None:
        """Make no link: nobody follows it."""

    def linkURL(self, *args: Any, **kwargs: Any) -> None:
        """Make no link: nobody follows it."""

    def save(self) -> None:
        """Do nothing: nobody reads the file."""
