"""Tagged PDF from reportlab: structure elements, marked content in the page streams, the structure tree.

A TaggedCanvas keeps every page's content inside a marked-content sequence: either a structure element's
(`/P <</MCID 3>> BDC … EMC`) while a flowable that carries a tag draws (writers/pdf/tagged.py), or an
artifact (`/Artifact BMC … EMC`, typed for running heads and rules) the rest of the time, so nothing on a
page is left unmarked. An Element joins the tree when its first content is drawn, so the tree's order is the
order of drawing, which is the story's reading order. Every page gets /StructParents, every link annotation a
/StructParent and a Link element with an OBJR; on save the catalogue gets /StructTreeRoot (with its
/ParentTree), /MarkInfo and an XMP /Metadata stream.

It uses Canvas's protected helpers as canvas.py does: _code (the page's operators, as addLiteral writes
them), _setAnnotations (called with each finished page), _addAnnotation and _annotationrefs (reportlab is
pinned in requirements.lock; tests/test_tags.py reads the files back with pikepdf and pypdfium2).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFName, PDFObject, PDFPage, PDFString
from reportlab.pdfbase.pdfdoc import format as format_pdf

from iwobook.writers.pdf.canvas import BookCanvas, InternalLink

NUMS_PER_LEAF = 256  # entries in one leaf of the parent tree, a number tree with one level of kids


class Role(StrEnum):
    """The standard structure types the book uses."""

    DOCUMENT = "Document"
    PART = "Part"
    SECT = "Sect"
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"
    H4 = "H4"
    H5 = "H5"
    H6 = "H6"
    P = "P"
    L = "L"
    LI = "LI"
    LBL = "Lbl"
    LBODY = "LBody"
    BLOCKQUOTE = "BlockQuote"
    TABLE = "Table"
    TR = "TR"
    TH = "TH"
    TD = "TD"
    TOC = "TOC"
    TOCI = "TOCI"
    FIGURE = "Figure"
    CAPTION = "Caption"
    LINK = "Link"


def heading(level: int) -> Role:
    """Return the heading role H1…H6 for a level (clamped to 1…6)."""
    return Role(f"H{min(max(level, 1), 6)}")


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


class Element(PDFObject):  # type: ignore[misc]
    """A structure element: its role, parent and attributes, and (once drawn) its kids in reading order: child
    Elements, marked content (page name, MCID) and annotations (annotation name, page name)."""

    def __init__(self, role: Role, parent: Element | None = None, lang: str = "", alt: str = "", scope: str = ""):
        self.role = role
        self.parent = parent
        self.lang = lang
        self.alt = alt
        self.scope = scope
        self.kids: list[Element | tuple[str, int] | tuple[str, str]] = []
        self.name = ""  # the object's name in the PDF, once it has joined the tree

    def format(self, document: Any) -> bytes:
        """Return the StructElem dictionary as PDF bytes; MCIDs on its /Pg (its first content's page) are plain
        numbers, others marked-content references."""
        refs = document.idToObjectNumberAndVersion
        page = next((kid[0] for kid in self.kids if isinstance(kid, tuple) and isinstance(kid[1], int)), "")
        kids: list[str] = []
        for kid in self.kids:
            if isinstance(kid, Element):
                kids.append(ref(refs, kid.name))
            elif isinstance(kid[1], int):
                kids.append(
                    str(kid[1]) if kid[0] == page else f"<< /Type /MCR /Pg {ref(refs, kid[0])} /MCID {kid[1]} >>"
                )
            else:
                kids.append(f"<< /Type /OBJR /Obj {ref(refs, kid[0])} /Pg {ref(refs, kid[1])} >>")
        parent = self.parent.name if self.parent is not None else StructureTree.ROOT_NAME
        on_page = f" /Pg {ref(refs, page)}" if page else ""
        text = f"<< /S /{self.role} /P {ref(refs, parent)}{on_page} /K [ {' '.join(kids)} ]"
        data = text.encode("ascii")
        if self.lang:
            data += b" /Lang " + format_pdf(PDFString(self.lang), document)
        if self.alt:
            data += b" /Alt " + format_pdf(PDFString(self.alt), document)
        if self.scope:
            data += f" /A << /O /Table /Scope /{self.scope} >>".encode("ascii")
        return data + b" >>"


def ref(refs: dict[str, tuple[int, int]], name: str) -> str:
    """Return an indirect reference to the object reportlab registered under name."""
    number, generation = refs[name]
    return f"{number} {generation} R"


class StructureTree(PDFObject):  # type: ignore[misc]
    """The structure tree root: the Document element, and the parent tree that maps each page's MCIDs and each
    annotation back to their elements."""

    ROOT_NAME = "StructTreeRoot"

    def __init__(self, document: Any, lang: str) -> None:
        self.document = document
        self.root = Element(Role.DOCUMENT, lang=lang)
        self.count = 0
        self.parents: dict[int, list[Element] | Element] = {}  # parent-tree key -> a page's elements or a Link
        self.next_key = 0
        self.place(self.root)

    def place(self, element: Element) -> None:
        """Make element (and, first, its ancestors) part of the tree, after the kids its parent has so far."""
        if element.name:
            return
        if element.parent is None and element is not self.root:
            element.parent = self.root
        if element.parent is not None:
            self.place(element.parent)
            element.parent.kids.append(element)
        self.count += 1
        element.name = f"StructElem{self.count}"
        self.document.Reference(element, element.name)

    def key(self, value: list[Element] | Element) -> int:
        """Return a new parent-tree key for a page's elements (by MCID) or for an annotation's Link."""
        key = self.next_key
        self.parents[key] = value
        self.next_key += 1
        return key

    def format(self, document: Any) -> bytes:
        """Return the StructTreeRoot dictionary, with the parent tree in leaves of NUMS_PER_LEAF keys."""
        refs = document.idToObjectNumberAndVersion
        keys = sorted(self.parents)
        leaves = []
        for start in range(0, len(keys), NUMS_PER_LEAF):
            chunk = keys[start : start + NUMS_PER_LEAF]
            nums = []
            for key in chunk:
                value = self.parents[key]
                if isinstance(value, Element):
                    nums.append(f"{key} {ref(refs, value.name)}")
                else:
                    nums.append(f"{key} [ {' '.join(ref(refs, e.name) for e in value)} ]")
            leaf = RawObject(f"<< /Limits [ {chunk[0]} {chunk[-1]} ] /Nums [ {' '.join(nums)} ] >>".encode("ascii"))
            leaves.append(document.Reference(leaf).format(document).decode("ascii"))
        tree = f"<< /Kids [ {' '.join(leaves)} ] >>" if leaves else "<< /Nums [ ] >>"
        return (
            f"<< /Type /StructTreeRoot /K [ {ref(refs, self.root.name)} ] /ParentTree {tree}"
            f" /ParentTreeNextKey {self.next_key} >>"
        ).encode("ascii")


class RawObject(PDFObject):  # type: ignore[misc]
    """A PDF object whose bytes are ready."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        """Return the bytes."""
        return self.data


def make_xmp(info: Any, lang: str, stamp: Any) -> str:
    """Return an XMP packet with the document's title, language, authors, subject, keywords, tools and date
    (info is reportlab's PDFInfo, stamp its TimeStamp)."""
    year, month, day, hour, minute, second = stamp.YMDhms
    date = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{stamp.dhh:+03d}:{stamp.dmm:02d}"

    def text(value: Any) -> str:
        return escape(str(value or ""))

    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>{text(lang)}</rdf:li></rdf:Bag></dc:language>
<dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(info.subject)}</rdf:li></rdf:Alt></dc:description>
<pdf:Keywords>{text(info.keywords)}</pdf:Keywords>
<pdf:Producer>{text(info.producer)}</pdf:Producer>
<xmp:CreatorTool>{text(info.creator)}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


# the page dictionary keys reportlab writes, and the two a tagged page adds
PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


class TaggedCanvas(BookCanvas):
    """A BookCanvas that writes a tagged PDF: marked content on every page and the structure tree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = str(kwargs.get("lang") or "")
        self.tags = StructureTree(self._doc, self.lang)
        self.page_elements: list[Element] = []  # by MCID on the page being drawn
        self.page_name = self._doc.thisPageName()  # the name reportlab gives the page being drawn
        self.open: list[Element | str] = [""]  # what is marked now: an Element, or an artifact's type ('' plain)
        self._begin(self.open[-1])

    # ------------------------------------------------------------ marked content

    def _begin(self, what: Element | str) -> None:
        """Open the marked-content sequence of an element (a new MCID on this page) or an artifact."""
        if isinstance(what, Element):
            mcid = len(self.page_elements)
            self.page_elements.append(what)
            if not what.name:
                self.tags.place(what)
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
        self.open.append(what)
        self._begin(what)

    def end_marked(self) -> None:
        """Close the sequence begin_marked opened and go on with the enclosing one (a new MCID if an element)."""
        self._code.append("EMC")
        self.open.pop()
        self._begin(self.open[-1])

    def showPage(self) -> None:  # reportlab's name
        """Close the page's last marked-content sequence, finish the page, and open the next page's."""
        self._code.append("EMC")
        super().showPage()
        self.page_name = self._doc.thisPageName()
        self._begin(self.open[-1])

    def _setAnnotations(self, page: Any) -> None:  # reportlab's hook, called with each finished page and form
        """Give the finished page its annotations, /StructParents and, when it has annotations, /Tabs /S."""
        super()._setAnnotations(page)
        if not isinstance(page, PDFPage):
            return
        page.__NoDefault__ = PAGE_KEYS  # PDFPage writes the keys this list names
        page.StructParents = self.tags.key(self.page_elements)
        if page.Annots:
            page.Tabs = PDFName("S")
        self.page_elements = []

    # ------------------------------------------------------------ annotations

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        """Add an annotation; a link gets /StructParent and a Link element (with an OBJR) in the element open."""
        if not addtopage or not isinstance(annotation, (InternalLink, PDFDictionary)):
            super()._addAnnotation(annotation, name, addtopage)
            return
        opened = None
        for what in reversed(self.open):
            if isinstance(what, Element):
                opened = what
                break
        link = Element(Role.LINK, opened)
        key = self.tags.key(link)
        if isinstance(annotation, InternalLink):
            annotation.struct_parent = key
        else:
            annotation["StructParent"] = key
        super()._addAnnotation(annotation, name, addtopage)
        self.tags.place(link)
        link.kids.append((self._annotationrefs[-1].name, self.page_name))

    # ------------------------------------------------------------ the catalogue

    def save(self) -> None:
        """Write the structure tree, /MarkInfo and the XMP metadata into the catalogue, then the file."""
        if len(self._code) > 1:  # something was drawn after the last page: finish that page
            self.showPage()
        self._code.clear()
        self._doc.Reference(self.tags, StructureTree.ROOT_NAME)
        self.setCatalogEntry("StructTreeRoot", self.tags)
        self.setCatalogEntry("MarkInfo", RawObject(b"<< /Marked true >>"))
        info, stamp = self._doc.info, self._doc._timeStamp
        xmp = XMP(creator=lambda doc: make_xmp(info, self.lang, stamp).encode("utf-8"))
        xmp.filters = []  # metadata stays readable without decompression
        self.setCatalogEntry("Metadata", xmp)
        super().save()
