"""Tagged PDF: the structure tree read back with pikepdf (qpdf), pypdfium2 (PDFium) and poppler's pdfinfo."""

from __future__ import annotations

import ctypes
import io
import itertools
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from iwobook.build import configure
from iwobook.check import load_checked
from iwobook.config import Edition
from iwobook.transform import prepare
from iwobook.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
HEADING = re.compile(r"^H([1-6])$")


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def build(root: Path, edition: Edition = Edition.STANDARD) -> bytes:
    """Return the PDF of the book under root in an edition."""
    book = prepare(load_checked(root))
    config = configure(root, book, None, None)
    return render_pdf(book, replace(config.with_edition(edition)), _quiet)


@dataclass
class Tree:
    """What the structure tree holds, gathered in reading order."""

    roles: list[str] = field(default_factory=list)  # every element's /S, pre-order
    marked: set[tuple[tuple[int, int], int]] = field(default_factory=set)  # (page objgen, MCID) the tree uses
    pages_of: dict[int, set[tuple[int, int]]] = field(default_factory=dict)  # element objgen -> pages it is on
    figures: list[Any] = field(default_factory=list)
    tables: list[Any] = field(default_factory=list)
    objrs: dict[tuple[int, int], Any] = field(default_factory=dict)  # annotation objgen -> its Link element


def kids_of(element: Any) -> list[Any]:
    """Return an element's /K as a list."""
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def walk(element: Any, tree: Tree) -> None:
    """Gather element and its descendants into tree."""
    role = str(element.get("/S"))[1:]
    tree.roles.append(role)
    if role == "Figure":
        tree.figures.append(element)
    if role == "Table":
        tree.tables.append(element)
    page = element.get("/Pg")
    for kid in kids_of(element):
        if isinstance(kid, int):
            assert page is not None, f"{role} has an MCID but no /Pg"
            tree.marked.add((page.objgen, kid))
            tree.pages_of.setdefault(element.objgen, set()).add(page.objgen)
        elif kid.get("/Type") == "/MCR":
            tree.marked.add((kid.Pg.objgen, int(kid.MCID)))
            tree.pages_of.setdefault(element.objgen, set()).add(kid.Pg.objgen)
        elif kid.get("/Type") == "/OBJR":
            assert role == "Link"
            tree.objrs[kid.Obj.objgen] = element
        else:
            assert kid.P.objgen == element.objgen, f"{kid.get('/S')}'s /P is not its parent {role}"
            walk(kid, tree)


def descendants(element: Any) -> list[Any]:
    """Return an element's descendant elements."""
    out = []
    for kid in kids_of(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out += [kid, *descendants(kid)]
    return out


def read_tree(pdf: Any) -> Tree:
    """Return the gathered structure tree of pdf."""
    tree = Tree()
    for top in kids_of(pdf.Root.StructTreeRoot):
        walk(top, tree)
    return tree


def instructions(stream: Any) -> list[tuple[Any, str]]:
    """Return the (operands, operator name) of every instruction of a page or form's content."""
    return [(i.operands, str(i.operator)) for i in pikepdf.parse_content_stream(stream)]


def form_has_text(xobject: Any) -> bool:
    """Say whether a form XObject shows text."""
    if xobject.get("/Subtype") != "/Form":
        return False
    return any(op in TEXT_SHOWING for _, op in instructions(xobject))


def unmarked_text(pdf: Any, tree: Tree) -> list[str]:
    """Return a description of every text-showing operator (or form with text) that is neither in an artifact
    nor in a marked-content sequence whose MCID the tree references; check MCIDs against the parent tree."""
    problems = []
    parent_tree = number_tree(pdf.Root.StructTreeRoot.ParentTree)
    for number, page in enumerate(pdf.pages, start=1):
        by_mcid = parent_tree[int(page.obj.StructParents)]
        stack: list[tuple[str, int | None]] = []
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
        for operands, op in instructions(page):
            name = op
            if name in ("BDC", "BMC"):
                props = operands[1] if name == "BDC" else None
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                stack.append((str(operands[0]), mcid))
                if mcid is not None:
                    assert mcid < len(by_mcid) and (page.obj.objgen, mcid) in tree.marked
                    assert by_mcid[mcid].objgen in tree.pages_of
            elif name == "EMC":
                stack.pop()
            elif name in TEXT_SHOWING or (name == "Do" and form_has_text(xobjects[str(operands[0])])):
                tag, mcid = stack[-1] if stack else ("", None)
                if tag != "/Artifact" and (mcid is None or (page.obj.objgen, mcid) not in tree.marked):
                    problems.append(f"page {number}: {name} {operands!r:.60} in {tag or 'no marked content'}")
        assert not stack, f"page {number}: marked content left open"
    return problems


def number_tree(node: Any) -> dict[int, Any]:
    """Return the entries of a number tree."""
    out: dict[int, Any] = {}
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(number_tree(kid))
    return out


@pytest.fixture(scope="module", params=["real-standard", "real-large-print", "mini-standard"])
def tagged(request: pytest.FixtureRequest) -> tuple[bytes, Any, Tree]:
    """Build a book in an edition; return its bytes, the pikepdf document and its gathered tree."""
    book, edition = request.param.split("-", 1)
    data = build(ROOT if book == "real" else MINI, Edition(edition))
    pdf = pikepdf.open(io.BytesIO(data))
    return data, pdf, read_tree(pdf)


def test_catalogue_says_tagged_language_title_and_metadata(tagged: tuple[bytes, Any, Tree]) -> None:
    _, pdf, _ = tagged
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang)
    assert root.ViewerPreferences.DisplayDocTitle is True
    meta = pdf.open_metadata()
    assert meta["dc:title"] == str(pdf.docinfo.Title)
    assert str(root.Lang) in str(meta["dc:language"])
    assert "pdfuaid:part" not in meta


def test_all_text_is_tagged_content_or_an_artifact(tagged: tuple[bytes, Any, Tree]) -> None:
    _, pdf, tree = tagged
    assert tree.marked
    assert unmarked_text(pdf, tree) == []


def test_every_page_has_struct_parents_and_annotated_pages_tab_in_structure_order(
    tagged: tuple[bytes, Any, Tree],
) -> None:
    _, pdf, _ = tagged
    keys = [int(page.obj.StructParents) for page in pdf.pages]
    assert len(set(keys)) == len(keys)
    for page in pdf.pages:
        if page.obj.get("/Annots"):
            assert page.obj.Tabs == "/S"


def test_every_link_has_struct_parent_and_a_link_element(tagged: tuple[bytes, Any, Tree]) -> None:
    _, pdf, tree = tagged
    parent_tree = number_tree(pdf.Root.StructTreeRoot.ParentTree)
    links = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
    assert links
    for annotation in links:
        element = parent_tree[int(annotation.StructParent)]
        assert element.S == "/Link"
        assert tree.objrs[annotation.objgen].objgen == element.objgen


def test_figures_have_alt_text(tagged: tuple[bytes, Any, Tree]) -> None:
    _, _, tree = tagged
    assert tree.figures
    for figure in tree.figures:
        assert str(figure.get("/Alt", "")).strip()


def test_headings_nest_without_skipping_a_level(tagged: tuple[bytes, Any, Tree]) -> None:
    _, _, tree = tagged
    levels = [int(m.group(1)) for role in tree.roles if (m := HEADING.match(role))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_tables_have_header_cells_with_scope(tagged: tuple[bytes, Any, Tree]) -> None:
    _, _, tree = tagged
    assert tree.tables
    for table in tree.tables:
        rows = [e for e in kids_of(table) if e.S == "/TR"]
        assert rows and len(rows) == len(kids_of(table))
        headers = [e for e in descendants(table) if e.S == "/TH"]
        assert headers
        assert all(str(h.A.Scope) in ("/Column", "/Row") for h in headers)


def test_lists_have_items_with_labels_and_bodies(tagged: tuple[bytes, Any, Tree]) -> None:
    _, pdf, _ = tagged
    lists = [e for e in descendants(pdf.Root.StructTreeRoot) if e.S == "/L"]
    assert lists
    for group in lists:
        for item in kids_of(group):
            assert item.S == "/LI"
            assert [str(k.S) for k in kids_of(item)] in (["/Lbl", "/LBody"], ["/LBody"])


def test_a_paragraph_split_across_pages_is_one_element() -> None:
    """A paragraph that breaks across two pages is one P with content on both; the lines of a list item too; a
    paragraph made without a role is still a P."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import ListItem, SimpleDocTemplate

    from iwobook.writers.pdf.flowables import BookParagraph
    from iwobook.writers.pdf.tagged import Structure, TaggedList
    from iwobook.writers.pdf.tags import Role, TaggedCanvas

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    structure = Structure()
    long_text = "Words that fill the page and go on to the next one. " * 300
    first = structure.tag(BookParagraph(long_text, style), Role.P)
    with structure.within(Role.L):
        with structure.within(Role.LI), structure.within(Role.LBODY):
            item = structure.tag(BookParagraph(long_text, style), Role.P)
        items = [ListItem(item)]
    out = io.BytesIO()
    untagged = BookParagraph("A paragraph made without a role.", style)
    story = [first, TaggedList(items, bulletType="1"), untagged]
    SimpleDocTemplate(out, lang="en").build(story, canvasmaker=TaggedCanvas)
    pdf = pikepdf.open(io.BytesIO(out.getvalue()))
    tree = read_tree(pdf)
    assert tree.roles == ["Document", "P", "L", "LI", "Lbl", "LBody", "P", "P"]  # the last: no role given
    spans = sorted(len(pages) for pages in tree.pages_of.values())
    assert spans[:2] == [1, 1] and len(spans) == 4 and min(spans[2:]) > 1  # the Lbl, the last P; the long Ps
    assert unmarked_text(pdf, tree) == []


def test_pdfium_finds_a_structure_tree_on_every_page_with_text(tagged: tuple[bytes, Any, Tree]) -> None:
    data, pdf, tree = tagged
    with_content = {i for i, page in enumerate(pdf.pages) if any(p == page.obj.objgen for p, _ in tree.marked)}
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            if text.count_chars() > 0:
                structure = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
                try:
                    count = pdfium_c.FPDF_StructTree_CountChildren(structure)
                    assert count > 0, f"page {index + 1} has text but PDFium finds no structure tree"
                    if index in with_content:  # pages with only artifacts (a notes page) have an empty tree
                        top = pdfium_c.FPDF_StructTree_GetChildAtIndex(structure, 0)
                        assert element_type(top) == "Document"
                        assert pdfium_c.FPDF_StructElement_CountChildren(top) > 0
                finally:
                    pdfium_c.FPDF_StructTree_Close(structure)
            text.close()
            page.close()
    finally:
        document.close()


def element_type(element: Any) -> str:
    """Return a PDFium structure element's type."""
    size = pdfium_c.FPDF_StructElement_GetType(element, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_StructElement_GetType(element, buffer, size)
    return buffer.raw[: max(size - 2, 0)].decode("utf-16-le")


def test_poppler_reads_the_body_in_order_without_running_heads_or_folios(tmp_path: Path) -> None:
    path = tmp_path / "mini.pdf"
    path.write_bytes(build(MINI))
    text = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    lines = [line.strip().strip('"') for line in text.splitlines()]
    order = ["The Lighthouse Keeper", "Contents", "Chapter 1", "Chapter 2", "A storm comes.", "The sea was a wall"]
    found = [next(i for i, line in enumerate(lines) if line.startswith(words)) for words in order]
    assert found == sorted(found)
    assert "She trims the wick." in lines
    assert lines.count("The Lighthouse Keeper") == 1, "the book title outside the title page (a running head?)"
    shown = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # the folio of the title page (with the colophon at its foot) is printed, and not read out (every page of
    # this book opens a section, so it prints no running heads; the study guide's are checked by the artifact
    # tests)
    assert "i" in shown.split() and "i" not in lines
    pdf = pikepdf.open(path)
    labelled = sum(1 for page in pdf.pages if pagination_text(page))
    assert labelled >= len(pdf.pages) // 2  # the folios (and running heads) are pagination artifacts


def pagination_text(page: Any) -> int:
    """Return how many text-showing operators a page has inside /Pagination artifacts."""
    count = 0
    stack: list[bool] = []
    for operands, op in instructions(page):
        name = op
        if name in ("BDC", "BMC"):
            props = operands[1] if name == "BDC" else None
            stack.append(isinstance(props, pikepdf.Dictionary) and props.get("/Type") == "/Pagination")
        elif name == "EMC":
            stack.pop()
        elif name in TEXT_SHOWING and stack and stack[-1]:
            count += 1
    return count
