"""Tagged PDF from reportlab: structure elements on flowables, marked content in the page streams.

A TaggedCanvas keeps every page's content inside a marked-content sequence: a structure element's
(`/P <</MCID 3>> BDC … EMC`) while a flowable that carries a tag draws (writers/pdf/tagged.py), or an
artifact (`/Artifact BMC … EMC`, typed for running heads and rules) the rest of the time, so nothing on a
page is left unmarked. An element joins the file's structure tree (writers/pdf/structtree.py) when its first
content is drawn, so the tree's order is the order of drawing, which is the story's reading order. Every page
gets /StructParents, every link annotation a /StructParent and a Link element with an OBJR; on save the
catalogue gets /StructTreeRoot (with its /ParentTree), /MarkInfo and an XMP /Metadata stream.

It uses Canvas's protected helpers as canvas.py does: _code (the page's operators, where addLiteral writes),
_setAnnotations (called with each finished page and form), _addAnnotation and _annotationrefs, and the
document's _timeStamp (reportlab is pinned in requirements.lock; tests/test_tags.py reads the files back with
pikepdf, pypdfium2 and poppler).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFName, PDFPage

from iwobook.writers.pdf.canvas import BookCanvas, InternalLink
from iwobook.writers.pdf.structtree import ROOT_NAME, Node, RawObject, Role, StructureTree, heading, make_xmp

__all__ = ["Element", "Role", "TaggedCanvas", "heading", "marked"]


class Element:
    """What a flowable's drawing is: a role with its attributes, inside a parent element (None: inside the
    open group, else the Document). Only a description: a file's tree has a node for it."""

    __slots__ = ("alt", "lang", "parent", "role", "scope")

    def __init__(self, role: Role, parent: Element | None = None, lang: str = "", alt: str = "", scope: str = ""):
        self.role = role
        self.parent = parent
        self.lang = lang
        self.alt = alt
        self.scope = scope


@contextmanager
def marked(canvas: Any, what: Element | str) -> Iterator[None]:
    """Mark what is drawn in the block as content of an element or as an artifact of a type ('' plain,
    'Pagination', 'Layout'); on a canvas that does not tag, do nothing."""
    if not hasattr(canvas, "begin_marked"):
        yield
        return
    canvas.begin_marked(what)
    try:
        yield
    finally:
        canvas.end_marked()


# the page dictionary keys reportlab writes, and the two a tagged page adds
PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


class TaggedCanvas(BookCanvas):
    """A BookCanvas that writes a tagged PDF: marked content on every page and the structure tree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = str(kwargs.get("lang") or "")
        self.tags = StructureTree(self._doc, Node(Role.DOCUMENT, None, self.lang))
        self.page_nodes: list[Node] = []  # by MCID on the page being drawn
        self.page_name = self._doc.thisPageName()  # the name reportlab gives the page being drawn
        self.open: list[Node | str] = [""]  # what is marked now: a node, or an artifact's type ('' plain)
        self._begin(self.open[-1])

    # ------------------------------------------------------------ marked content

    def _begin(self, what: Node | str) -> None:
        """Open the marked-content sequence of a node (a new MCID on this page) or an artifact."""
        if isinstance(what, Node):
            mcid = len(self.page_nodes)
            self.page_nodes.append(what)
            what.kids.append((self.page_name, mcid))
            self._code.append(f"/{what.role} <</MCID {mcid}>> BDC")
        elif what:
            self._code.append(f"/Artifact <</Type /{what}>> BDC")
        else:
            self._code.append("/Artifact BMC")

    def begin_marked(self, what: Element | str) -> None:
        """Mark what is drawn next as content of an element, or as an artifact of a type ('' for plain), until
        the matching end_marked; the enclosing sequence is closed meanwhile (they never nest)."""
        self._code.append("EMC")
        opened = what if isinstance(what, str) else self.tags.node(what)
        self.open.append(opened)
        self._begin(opened)

    def end_marked(self) -> None:
        """Close the sequence begin_marked opened and go on with the enclosing one (a new MCID if an element)."""
        self._code.append("EMC")
        self.open.pop()
        self._begin(self.open[-1])

    def set_group(self, element: Element | None) -> None:
        """Make element (a Part) the group that elements without a parent go into; None: the Document."""
        self.tags.group = None
        self.tags.group = self.tags.node(element) if element is not None else None

    def drawn_before(self, flowable: Any) -> bool:
        """Say whether flowable was drawn before in this file (a table's repeated header row); note it drawn."""
        if flowable.__dict__.get("_tag_drawn") == self.tags.serial:
            return True
        flowable._tag_drawn = self.tags.serial
        return False

    def showPage(self) -> None:  # reportlab's name
        """Close the page's last marked-content sequence, finish the page, and open the next page's."""
        self._code.append("EMC")
        super().showPage()
        self.page_name = self._doc.thisPageName()
        self._begin(self.open[-1])

    def _setAnnotations(self, page: Any) -> None:  # reportlab's hook, called with each finished page and form
        """Give a finished page its annotations, /StructParents and, when it has annotations, /Tabs /S."""
        super()._setAnnotations(page)
        if not isinstance(page, PDFPage):
            return
        page.__NoDefault__ = PAGE_KEYS  # PDFPage writes the keys this list names
        page.StructParents = self.tags.key(self.page_nodes)
        if page.Annots:
            page.Tabs = PDFName("S")
        self.page_nodes = []

    # ------------------------------------------------------------ annotations

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        """Add an annotation; a link gets /StructParent and a Link element (with an OBJR) in the element open."""
        if not addtopage or not isinstance(annotation, InternalLink | PDFDictionary):
            super()._addAnnotation(annotation, name, addtopage)
            return
        opened = None
        for what in reversed(self.open):
            if isinstance(what, Node):
                opened = what
                break
        link, key = self.tags.link(opened)
        if isinstance(annotation, InternalLink):
            annotation.struct_parent = key
        else:
            annotation["StructParent"] = key
        super()._addAnnotation(annotation, name, addtopage)
        link.kids.append((self._annotationrefs[-1].name, self.page_name))

    # ------------------------------------------------------------ the catalogue

    def save(self) -> None:
        """Write the structure tree, /MarkInfo and the XMP metadata into the catalogue, then the file."""
        if len(self._code) > 1:  # something was drawn after the last page: finish that page
            self.showPage()
        self._code.clear()
        self._doc.Reference(self.tags, ROOT_NAME)
        self.setCatalogEntry("StructTreeRoot", self.tags)
        self.setCatalogEntry("MarkInfo", RawObject(b"<< /Marked true >>"))
        info, stamp = self._doc.info, self._doc._timeStamp
        xmp = XMP(creator=lambda doc: make_xmp(info, self.lang, stamp).encode("utf-8"))
        xmp.filters = []  # metadata stays readable without decompression
        self.setCatalogEntry("Metadata", xmp)
        super().save()
