"""The contents and chapter heads come from one place: the lowered outline (Book.outline) and each section's names
and label, which the PDF's contents and bookmarks, the EPUB's navigation document and NCX and the HTML index
all print as they are, worded for their kind of edition."""

from __future__ import annotations

import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from iwobook.build import build_outputs
from iwobook.check import load_checked
from iwobook.model import Book, Generated, GeneratedSection, Section, SectionKind
from iwobook.model.document import Medium, OutlineEntry, outline_lines
from iwobook.transform import prepare

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ILE = FIXTURES / "ile"
XHTML = "{http://www.w3.org/1999/xhtml}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"

Tree = list[tuple[str, "Tree"]]


@pytest.fixture(scope="module")
def book() -> Book:
    """Return the French fixture, prepared."""
    return prepare(load_checked(ILE))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the French fixture's PDF, EPUB and HTML edition once; return each by its kind."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path_factory.mktemp("ile")
    return {what: build_outputs(ILE, what, None, out, lambda _: None)[0] for what in ("pdf", "epub", "html")}


def outline_tree(entries: tuple[OutlineEntry, ...], medium: Medium) -> Tree:
    """Return the outline as (name for medium, entries under it) pairs."""
    return [(entry.names.of(medium), outline_tree(entry.children, medium)) for entry in entries]


def test_the_outline_lists_every_section_but_the_contents_and_the_colophon_under_its_titled_part(book: Book) -> None:
    """Titled parts head their sections; untitled parts' sections stand at the top; the contents and the colophon
    are left out; a chapter is '1. Title' in print and worded as a cross-reference on screen."""
    listed = [entry.target for _, entry in outline_lines(book.outline) if entry.role == "section"]
    expected = [
        s.id
        for s in book.sections()
        if not (isinstance(s, GeneratedSection) and s.source is Generated.CONTENTS)
        and not (isinstance(s, Section) and s.kind is SectionKind.COLOPHON)
    ]
    assert listed == expected
    parts = [entry for entry in book.outline if entry.role == "part"]
    titled = [part for part in book.parts if part.title]
    assert [p.names.in_print for p in parts] == [p.title for p in titled]
    assert [[c.target for c in p.children] for p in parts] == [[s.id for s in p.sections] for p in titled]
    assert all(entry.page.target == entry.target for _, entry in outline_lines(book.outline))
    first = book.chapters()[0]
    (entry,) = (e for _, e in outline_lines(book.outline) if e.target == first.id)
    assert entry.names.of(Medium.PRINT) == f"1. {first.title}"
    assert entry.names.of(Medium.PAGED_SCREEN) == book.targets[first.id].label == f"Chapitre 1\u202f: {first.title}"
    assert first.label == "Chapitre 1"


def nav_tree(ol: ElementTree.Element) -> Tree:
    """Return the labels of a navigation document's nested ordered list."""
    out: Tree = []
    for li in ol.findall(f"{XHTML}li"):
        link = li.find(f"{XHTML}a")
        inner = li.find(f"{XHTML}ol")
        label = link if link is not None else li.find(f"{XHTML}span")
        assert label is not None
        out.append(("".join(label.itertext()), nav_tree(inner) if inner is not None else []))
    return out


def ncx_tree(parent: ElementTree.Element) -> Tree:
    """Return the labels of an NCX's nested navigation points."""
    return [
        ("".join(point.find(f"{NCX}navLabel/{NCX}text").itertext()), ncx_tree(point))  # type: ignore[union-attr]
        for point in parent.findall(f"{NCX}navPoint")
    ]


def test_the_epub_navigation_and_ncx_are_the_outline_worded_for_a_screen(book: Book, outputs: dict[str, Path]) -> None:
    """The nav document's contents and the NCX's navigation map hold the outline's entries, as a screen names them."""
    with zipfile.ZipFile(outputs["epub"]) as epub:
        nav = ElementTree.fromstring(epub.read("EPUB/nav.xhtml"))
        ncx = ElementTree.fromstring(epub.read("EPUB/toc.ncx"))
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get("id") == "toc")
    ol = toc.find(f"{XHTML}ol")
    assert ol is not None
    expected = outline_tree(book.outline, Medium.PAGED_SCREEN)
    assert nav_tree(ol) == expected
    nav_map = ncx.find(f"{NCX}navMap")
    assert nav_map is not None
    assert ncx_tree(nav_map) == expected


class ContentsReader(HTMLParser):
    """The HTML index's contents (nav#contents) as a tree of entry labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Tree = []
        self.stack: list[Tree] = []
        self.label: list[str] | None = None
        self.depth = 0  # open elements inside the contents, 0 outside it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav" and ("id", "contents") in attrs:
            self.depth = 1
            return
        if not self.depth:
            return
        self.depth += 1
        if tag == "ol":
            self.stack.append(self.root if not self.stack else self.stack[-1][-1][1])
        elif tag in ("a", "span") and self.stack:
            self.label = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if tag == "ol" and self.stack:
            self.stack.pop()
        elif tag in ("a", "span") and self.label is not None:
            self.stack[-1].append(("".join(self.label), []))
            self.label = None

    def handle_data(self, data: str) -> None:
        if self.label is not None:
            self.label.append(data)


def test_the_html_index_is_the_outline_worded_for_a_screen(book: Book, outputs: dict[str, Path]) -> None:
    """The index page's contents holds the outline's entries, as a screen names them, under the title of the
    book's contents section (as in print and the EPUB)."""
    reader = ContentsReader()
    index = (outputs["html"] / "index.html").read_text(encoding="utf-8")
    reader.feed(index)
    assert reader.root == outline_tree(book.outline, Medium.SCREEN)
    contents = next(s for s in book.sections() if isinstance(s, GeneratedSection) and s.source is Generated.CONTENTS)
    assert f'<h2 id="contents-title">{contents.title}</h2>' in index


def test_the_pdf_contents_and_bookmarks_are_the_outline_worded_for_print(book: Book, outputs: dict[str, Path]) -> None:
    """The printed contents sets the outline's entries in order, each followed by leaders and its page number,
    and the bookmarks name every listed section and every chapter as print does."""
    reader = PdfReader(outputs["pdf"])
    contents = next(s for s in book.sections() if isinstance(s, GeneratedSection) and s.source is Generated.CONTENTS)
    texts = [page.extract_text() or "" for page in reader.pages]
    start = next(i for i, text in enumerate(texts) if text.lstrip().startswith(contents.title))
    printed = re.sub(r"\s+", " ", " ".join(texts[start : start + 2]))
    position = 0
    for _, entry in outline_lines(book.outline):
        name = re.sub(r"\s+", " ", entry.names.of(Medium.PRINT))
        found = printed.find(name, position)
        assert found >= 0, f"'{name}' is not in the printed contents after position {position}"
        position = found + len(name)

    def flatten(items: list[object]) -> list[Destination]:
        out: list[Destination] = []
        for item in items:
            out += flatten(item) if isinstance(item, list) else [item]  # type: ignore[list-item]
        return out

    bookmarks = {str(d.title): d for d in flatten(list(reader.outline))}
    assert {entry.names.in_print for _, entry in outline_lines(book.outline)} <= set(bookmarks)
    for chapter in book.chapters():
        page = reader.get_destination_page_number(bookmarks[f"{chapter.number}. {chapter.title}"])
        assert page is not None
        assert f"{chapter.label}\n{chapter.title}\n" in texts[page]  # the label over the title


def test_no_writer_words_a_chapter_or_the_contents() -> None:
    """The writers use no catalogue message of a chapter's head or a contents entry ('chapter.number',
    'chapter.numbered_title', 'chapter.reference'): those words are lowered."""
    writers = Path(__file__).resolve().parents[1] / "src" / "iwobook" / "writers"
    pattern = re.compile(r"""["']chapter\.(?:number|numbered_title|reference)["']""")
    hits = [
        f"{path.relative_to(writers)}:{number}"
        for path in sorted(writers.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert hits == []
