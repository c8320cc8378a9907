"""The EPUB's page-list against the print edition: every marker sits where that printed page begins.

The real book is built once (PDF of the print edition of record, and the EPUB through the build, which
lays that edition out again for its page numbers). Each PDF page's body text is extracted with pypdf
without the running head and the folio (text outside the text frame); the EPUB's visible text is read
in reading order with the page-break markers in it. For every page-list entry the first words after the
marker must equal the first words of that printed page (for a blank or notes page: of the next page with
text). Hyphens are ignored when words are compared, so a word the PDF hyphenated at a line end
('intest-' 'ines') equals the EPUB's ('intestines'). A drawn figure's text (the timeline's ticks, the
map's names) is left out of both: it is no prose, no page-start key counts its words, and each edition
draws the figure for its own width, so their ticks differ.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from iwobook.build import book_epoch, render_output
from iwobook.check import load_checked
from iwobook.config import BuildConfig, Edition, Paper
from iwobook.model import Book, PageStart
from iwobook.transform import prepare
from iwobook.writers.pdf import layout_pdf, paginate_pdf
from iwobook.writers.pdf.stylesheet import load_stylesheet

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
WORDS = 5
X = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/", "x": X[1:-1]}
# elements whose content runs on in the same line; every other element starts a new block of text
INLINE = frozenset({"a", "em", "strong", "span", "code", "dfn", "time", "b", "i", "small", "abbr", "cite", "q", "br"})
MARKER = "\x00"  # stands for a page-break marker in the text stream: "\x00<id>\x00"
NUMBER = "data-test-number"


@dataclass(frozen=True)
class Printed:
    """The print edition: its pagination, and each numbered page's label and body text."""

    pagination: tuple[PageStart, ...]
    labels: list[str]
    texts: list[str]


@dataclass(frozen=True)
class Ebook:
    """The EPUB: its entries, the page list (label, file, id) and the text after each marker id."""

    entries: dict[str, bytes]
    page_list: list[tuple[str, str, str]]
    after: dict[str, list[str]]


def _quiet(_: str) -> None:
    """Swallow progress lines."""


@pytest.fixture(scope="module", params=[ROOT, FIXTURES / "ile", FIXTURES / "mini"], ids=["guide", "ile", "mini"])
def root(request: pytest.FixtureRequest) -> Path:
    """The study guide and the two fixture books (short ones, whose page make-up moves their front matter)."""
    path: Path = request.param
    return path


@pytest.fixture(scope="module")
def book(root: Path) -> Book:
    """The manuscript, checked and prepared."""
    return prepare(load_checked(root))


@pytest.fixture(scope="module")
def config(book: Book, root: Path) -> BuildConfig:
    """The configuration of the print edition of record (standard edition on the book's paper)."""
    paper = Paper.from_name(book.metadata.paper)
    return BuildConfig(root=root, paper=paper, edition=Edition.STANDARD, source_date_epoch=book_epoch(book))


def body_text(reader: PdfReader, index: int, bottom: float, top: float) -> str:
    """Return the text of a PDF page inside the text frame (no running head, no folio), without the text of a
    drawn figure (marked content of a Figure: axis ticks and labels drawn for the page's width, which the
    EPUB draws for a phone's; no page-start key counts their words)."""
    kept: list[str] = []
    marks: list[bool] = []  # the open marked-content sequences: True for a figure's

    def operate(operator: bytes, operands: list[object], cm: list[float], tm: list[float]) -> None:
        if operator in (b"BDC", b"BMC"):
            marks.append(bool(operands) and operands[0] == "/Figure")
        elif operator == b"EMC" and marks:
            marks.pop()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if any(marks):
            return
        if bottom - 0.5 <= y <= top + 0.5:
            kept.append(text)
        elif kept and text.endswith("\n") and not kept[-1].endswith("\n"):
            kept.append("\n")

    reader.pages[index].extract_text(visitor_operand_before=operate, visitor_text=visit)
    return "".join(kept)


@pytest.fixture(scope="module")
def printed(book: Book, config: BuildConfig) -> Printed:
    """Lay out the print edition and extract every numbered page's body text."""
    return read_printed(book, config)


def read_printed(book: Book, config: BuildConfig) -> Printed:
    """Return the print edition's pagination and each numbered page's label and body text."""
    layout = layout_pdf(book, config, _quiet)
    assert config.paper is not None
    geometry = load_stylesheet(config, config.paper.size).geometry
    reader = PdfReader(io.BytesIO(layout.data))
    covers = {book.messages(f"page.{name}") for name in ("cover", "inside_cover", "back_cover")}
    labels, texts = [], []
    for index, label in enumerate(reader.page_labels):
        if label in covers:
            continue
        labels.append(label)
        texts.append(body_text(reader, index, geometry.margin_bottom, geometry.height - geometry.margin_top))
    return Printed(layout.pagination, labels, texts)


def visible_text(element: ET.Element, out: list[str]) -> None:
    """Append the text a reader sees in element to out, markers as MARKER-delimited ids.

    A list item shows its number or bullet (written on it by number_lists) before its content; a marker
    at the very start of an item stands before the number, where the printed page begins. A drawn figure's
    text (inline SVG) is no prose and is left out, as body_text leaves out the PDF's Figure content.
    """
    tag = element.tag.split("}")[-1]
    if (
        element.get("hidden") is not None
        or "visually-hidden" in (element.get("class") or "").split()
        or element.tag == f"{X}head"
        or element.tag.startswith(SVG)
    ):
        return
    if element.get(OPS_TYPE) == "pagebreak":
        out.append(f" {MARKER}{element.get('id')}{MARKER} ")
        return
    block = tag not in INLINE and tag != "tspan"
    out.append(" " if block else "")
    children = list(element)
    lead = 0
    if tag == "li" and not (element.text or "").strip():
        while lead < len(children) and children[lead].get(OPS_TYPE) == "pagebreak":
            lead += 1
            if (children[lead - 1].tail or "").strip():
                break
    for child in children[:lead]:
        visible_text(child, out)
    if tag == "li":
        out.append(f" {element.get(NUMBER, '')} ")
    out.append(element.text or "")
    out += [child.tail or "" for child in children[:lead]]
    for child in children[lead:]:
        visible_text(child, out)
        out.append(child.tail or "")
    out.append(" " if block else "")


def number_lists(element: ET.Element, in_nav: bool = False) -> None:
    """Write on each list item the number or bullet the reader shows ('3.', '•'; none in navigation and keys)."""
    tag = element.tag.split("}")[-1]
    if tag in ("ol", "ul"):
        plain = in_nav or "key" in (element.get("class") or "").split()
        start = int(element.get("start") or 1)
        for n, item in enumerate(element.findall(f"{X}li")):
            item.set(NUMBER, "" if plain else (f"{start + n}." if tag == "ol" else "•"))
    for child in element:
        number_lists(child, in_nav or tag == "nav")


@pytest.fixture(scope="module")
def ebook(book: Book, config: BuildConfig) -> Ebook:
    """Build the EPUB through the build (which lays out the print edition for it) and read its text."""
    return read_ebook(render_output(book, replace(config, paper=None), "epub", _quiet))


def read_ebook(data: bytes) -> Ebook:
    """Return the EPUB's entries, its page list and the words after each page-break marker."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    package = ET.fromstring(entries["EPUB/content.opf"])
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind("opf:manifest/opf:item", NS)}
    spine = [str(hrefs[ref.get("idref")]) for ref in package.iterfind("opf:spine/opf:itemref", NS)]
    pieces: list[str] = []
    for file in spine:
        root = ET.fromstring(entries[f"EPUB/{file}"])
        number_lists(root)
        body = root.find(f"{X}body")
        assert body is not None
        visible_text(body, pieces)
    stream = "".join(pieces)
    after: dict[str, list[str]] = {}
    for match in re.finditer(f"{MARKER}([^{MARKER}]*){MARKER}", stream):
        rest = re.sub(f"{MARKER}[^{MARKER}]*{MARKER}", " ", stream[match.end() : match.end() + 2000])
        after[match.group(1)] = rest.split()
    nav = ET.fromstring(entries["EPUB/nav.xhtml"])
    page_list: list[tuple[str, str, str]] = []
    for element in nav.iter(f"{X}nav"):
        if element.get(OPS_TYPE) == "page-list":
            for link in element.iter(f"{X}a"):
                file, _, ident = (link.get("href") or "").partition("#")
                page_list.append(("".join(link.itertext()).strip(), file, ident))
    return Ebook(entries, page_list, after)


def first_words(text: str, count: int = WORDS) -> list[str]:
    """Return the first words of a PDF page's text, a word hyphenated at a line end joined again, without the
    page numbers print alone adds to cross-references ('(p. 42)', ', p. 42')."""
    joined = re.sub(r"(\w)-\n(?=\w)", r"\1-", text)
    joined = re.sub(r"\s*\(p\.[\s\u00a0]\d+\)|,\s*p\.[\s\u00a0]\d+", "", joined)
    return joined.split()[:count]


def same(words: list[str], other: list[str]) -> bool:
    """Return True when two word lists are equal, hyphens aside; a printed page may begin inside a word
    hyphenated across the page break, whose marker then stands before that word."""
    mine = [w.replace("-", "").replace("\u00ad", "") for w in words]
    theirs = [w.replace("-", "").replace("\u00ad", "") for w in other]
    if mine and theirs and mine[0] != theirs[0] and theirs[0].endswith(mine[0]):
        return mine[1:] == theirs[1 : len(mine)]
    return mine == theirs


def is_blank(text: str) -> bool:
    """Return True for a page without text of its own: blank, or only ruled for notes."""
    return text.split() in ([], ["Notes"])


def compare(printed: Printed, ebook: Ebook) -> list[tuple[str, str, list[str], list[str]]]:
    """Return (label, key, PDF words, EPUB words) for every page-list entry whose first words differ."""
    keys = {start.label: start.key + (f"+{start.word}" if start.word else "") for start in printed.pagination}
    texts = dict(zip(printed.labels, printed.texts, strict=True))
    order = printed.labels
    differ = []
    for label, _file, ident in ebook.page_list:
        index = order.index(label)
        while index < len(order) - 1 and is_blank(texts[order[index]]):
            index += 1
        expected = first_words(texts[order[index]])
        found = ebook.after.get(ident, [])[: len(expected)]
        if not same(expected, found):
            differ.append((label, keys.get(label, "?"), expected, found))
    return differ


def test_page_list_is_present_and_in_order(printed: Printed, ebook: Ebook) -> None:
    """The navigation document has a page list; its labels are the printed page labels, in order."""
    assert ebook.page_list, "no page-list in the navigation document"
    labels = [label for label, _, _ in ebook.page_list]
    assert labels == [start.label for start in printed.pagination]
    assert labels == printed.labels, (
        f"the page list lacks printed pages {[x for x in printed.labels if x not in labels]}"
        f" and has pages the PDF does not print {[x for x in labels if x not in printed.labels]}"
    )


def test_every_page_list_entry_has_its_marker(ebook: Ebook) -> None:
    """Each entry links to an empty pagebreak span with the page's label as its accessible name."""
    for label, file, ident in ebook.page_list:
        root = ET.fromstring(ebook.entries[f"EPUB/{file}"])
        marker = next((e for e in root.iter() if e.get("id") == ident), None)
        assert marker is not None, (label, file, ident)
        assert marker.get(OPS_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label") == label and not "".join(marker.itertext())
    assert len({ident for _, _, ident in ebook.page_list}) == len(ebook.page_list)


def test_page_source_metadata(book: Book, ebook: Ebook) -> None:
    """dc:source names the print edition (in the book's language) and is the source of pagination; no
    pageBreakSource (EPUBCheck 4.2 rejects it); the page features are set."""
    package = ET.fromstring(ebook.entries["EPUB/content.opf"])
    metas = [(m.get("property"), m.get("refines"), m.text) for m in package.iterfind("opf:metadata/opf:meta", NS)]
    source = package.find("opf:metadata/dc:source", NS)
    named = book.messages.entries["epub.print_edition"].replace("{book}", "")  # ", print edition"
    assert source is not None and named in (source.text or "")
    assert ("source-of", f"#{source.get('id')}", "pagination") in metas
    assert all(prop != "pageBreakSource" for prop, _, _ in metas)
    features = {text for prop, _, text in metas if prop == "schema:accessibilityFeature"}
    assert {"pageNavigation", "printPageNumbers", "pageBreakMarkers"} <= features


def test_no_block_keys_reach_the_epub(ebook: Ebook) -> None:
    """The renderers' block keys are removed from every document."""
    assert not any(b"data-iwobook-key" in data for name, data in ebook.entries.items() if name.endswith(".xhtml"))


def test_markers_sit_where_the_printed_pages_begin(printed: Printed, ebook: Ebook) -> None:
    """After every marker the EPUB reads the same first words as that printed page (or the next with text)."""
    differ = compare(printed, ebook)
    total = len(ebook.page_list)
    rate = (total - len(differ)) / total if total else 0.0
    report = "\n".join(
        f"  page {label} ({key}): PDF {' '.join(pdf)!r} / EPUB {' '.join(found)!r}" for label, key, pdf, found in differ
    )
    print(f"\npage-list: {total} entries, {total - len(differ)} match the print edition ({rate:.0%})")
    assert not differ, f"{len(differ)} of {total} pages begin elsewhere in the EPUB:\n{report}"


def test_pagination_without_writing_matches_the_written_pdf(book: Book, config: BuildConfig, printed: Printed) -> None:
    """A cold EPUB build lays out without the cover image or the PDF file; its page starts are the PDF's."""
    assert paginate_pdf(book, config, _quiet) == printed.pagination
