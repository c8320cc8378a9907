"""The structure tree of one tagged PDF: a node per element drawn, the parent tree, and the XMP packet.

Elements (writers/pdf/tags.py) only describe: role, attributes and the element they belong to. A layout may
reuse the flowables, and so the elements, of an earlier one (`iwobook watch` keeps unchanged sections), so all
that belongs to one file lives here: each element's node (its PDF object, with its kids in reading order) and
the parent tree that maps each page's MCIDs and each annotation back to their nodes.
"""

from __future__ import annotations

import itertools
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.pdfbase.pdfdoc import format as format_pdf

if TYPE_CHECKING:
    from iwobook.writers.pdf.tags import Element

NUMS_PER_LEAF = 256  # entries in one leaf of the parent tree, a number tree with one level of kids
ROOT_NAME = "StructTreeRoot"
_serials = itertools.count(1)


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


class Node(PDFObject):  # type: ignore[misc]
    """An element's structure element in one file: its parent node and its kids in reading order (child nodes,
    marked content as (page name, MCID), annotations as (annotation name, page name))."""

    def __init__(self, role: Role, parent: Node | None, lang: str = "", alt: str = "", scope: str = "") -> None:
        self.role = role
        self.parent = parent
        self.lang = lang
        self.alt = alt
        self.scope = scope
        self.kids: list[Node | tuple[str, int] | tuple[str, str]] = []
        self.name = ""

    def format(self, document: Any) -> bytes:
        """Return the StructElem dictionary as PDF bytes; MCIDs on its /Pg (its first content's page) are plain
        numbers, others marked-content references."""
        refs = document.idToObjectNumberAndVersion
        page = next((kid[0] for kid in self.kids if isinstance(kid, tuple) and isinstance(kid[1], int)), "")
        kids: list[str] = []
        for kid in self.kids:
            if isinstance(kid, Node):
                kids.append(ref(refs, kid.name))
            elif isinstance(kid[1], int):
                kids.append(
                    str(kid[1]) if kid[0] == page else f"<< /Type /MCR /Pg {ref(refs, kid[0])} /MCID {kid[1]} >>"
                )
            else:
                kids.append(f"<< /Type /OBJR /Obj {ref(refs, kid[0])} /Pg {ref(refs, kid[1])} >>")
        parent = self.parent.name if self.parent is not None else ROOT_NAME
        on_page = f" /Pg {ref(refs, page)}" if page else ""
        data = f"<< /S /{self.role} /P {ref(refs, parent)}{on_page} /K [ {' '.join(kids)} ]".encode("ascii")
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
    """The structure tree root of one file: the Document node, a node per element drawn, the group open (a Part
    that the elements without a parent go into) and the parent tree."""

    def __init__(self, document: Any, root: Node) -> None:
        self.document = document
        self.serial = next(_serials)  # tells this file's drawings from an earlier layout's
        self.root = root
        self.nodes: dict[Element, Node] = {}
        self.group: Node | None = None
        self.parents: dict[int, list[Node] | Node] = {}  # parent-tree key -> a page's nodes by MCID, or a Link
        self.next_key = 0
        self.count = 0
        self.register(root)

    def register(self, node: Node) -> None:
        """Give node its object in the file."""
        self.count += 1
        node.name = f"StructElem{self.count}"
        self.document.Reference(node, node.name)

    def node(self, element: Element) -> Node:
        """Return element's node, adding it (and, first, its parent's) after the kids its parent has so far; an
        element without a parent goes into the open group, else the Document."""
        node = self.nodes.get(element)
        if node is not None:
            return node
        parent = self.node(element.parent) if element.parent is not None else self.group or self.root
        node = Node(element.role, parent, element.lang, element.alt, element.scope)
        self.nodes[element] = node
        self.register(node)
        parent.kids.append(node)
        return node

    def link(self, parent: Node | None) -> tuple[Node, int]:
        """Return a new Link node in parent (else the Document) and its parent-tree key."""
        parent = parent or self.root
        node = Node(Role.LINK, parent)
        self.register(node)
        parent.kids.append(node)
        return node, self.key(node)

    def key(self, value: list[Node] | Node) -> int:
        """Return a new parent-tree key for a page's nodes (by MCID) or for an annotation's Link."""
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
                if isinstance(value, Node):
                    nums.append(f"{key} {ref(refs, value.name)}")
                else:
                    nums.append(f"{key} [ {' '.join(ref(refs, n.name) for n in value)} ]")
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
