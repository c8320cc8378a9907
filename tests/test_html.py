"""The HTML edition: every page of the study guide, the mini book and the French book passes the Nu HTML Checker,
pages link to pages that exist, carry landmarks and languages, need no script, and build reproducibly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from iwobook.build import build_outputs
from iwobook.output import write_folder_atomically

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BOOKS = {"guide": ROOT, "mini": FIXTURES / "mini", "ile": FIXTURES / "ile"}
EPOCH = "1700000000"


def skip_or_fail(reason: str) -> None:
    """Skip the test with reason; on CI (environment variable CI set) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


def vnu_jar() -> Path | None:
    """Return the Nu HTML Checker's jar: $VNU_JAR, or the project's .tools install (.ci/run puts it there)."""
    named = os.environ.get("VNU_JAR")
    path = Path(named) if named else ROOT / ".tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the HTML edition of each book once; return its folder by book."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    folders: dict[str, Path] = {}
    for name, root in BOOKS.items():
        (folder,) = build_outputs(root, "html", None, tmp_path_factory.mktemp(name), lambda _: None)
        folders[name] = folder
    return folders


class Page(HTMLParser):
    """What a test reads of one page: its elements with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_page(path: Path) -> Page:
    """Return the parsed page at path."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("book", sorted(BOOKS))
def test_every_page_passes_the_nu_html_checker(book: str, editions: dict[str, Path]) -> None:
    """vnu (with its CSS checks) reports no error and no warning on any page or the style sheet."""
    jar = vnu_jar()
    if jar is None or shutil.which("java") is None:
        skip_or_fail("the Nu HTML Checker (npm vnu-jar) and Java are needed")
    assert jar is not None
    folder = editions[book]
    files = [*sorted(str(p) for p in folder.rglob("*.html")), str(folder / "style.css")]
    done = subprocess.run(
        ["java", "-jar", str(jar), "--also-check-css", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.parametrize("book", sorted(BOOKS))
def test_links_go_to_pages_and_ids_that_exist(book: str, editions: dict[str, Path]) -> None:
    """Every local href names a page of the edition and, after #, an id on that page."""
    folder = editions[book]
    pages = {p.name: read_page(p) for p in folder.glob("*.html")}
    ids = {name: {a["id"] for _, a in page.elements if "id" in a} for name, page in pages.items()}
    broken = []
    for name, page in pages.items():
        for tag, attrs in page.elements:
            href = attrs.get("href", "") if tag == "a" else ""
            if not href or re.match(r"[a-z]+:", href):
                continue
            file, _, fragment = href.partition("#")
            target = file or name
            if target not in pages or (fragment and fragment not in ids[target]):
                broken.append(f"{name}: {href}")
    assert broken == []


@pytest.mark.parametrize("book", sorted(BOOKS))
def test_pages_have_landmarks_a_language_and_no_script(book: str, editions: dict[str, Path]) -> None:
    """Each page: html with lang, one header, main and footer navigation, one h1, no script, the style sheet."""
    for path in sorted(editions[book].glob("*.html")):
        page = read_page(path)
        tags = [tag for tag, _ in page.elements]
        assert page.elements[0][0] == "html" and page.elements[0][1].get("lang"), path.name
        assert tags.count("main") == 1 and tags.count("h1") == 1, path.name
        assert "header" in tags and "nav" in tags and "footer" in tags, path.name
        assert "script" not in tags, path.name
        assert ("link", {"rel": "stylesheet", "href": "style.css"}) in page.elements, path.name


def test_the_index_lists_every_page_in_reading_order_but_the_colophon(editions: dict[str, Path]) -> None:
    """The mini book's index: title page, then the contents linking each section's page in order but the colophon
    (listed nowhere, as in print and the EPUB), which is the index's next page."""
    folder = editions["mini"]
    index = read_page(folder / "index.html")
    hrefs = [a["href"] for tag, a in index.elements if tag == "a" and a["href"].endswith(".html")]
    reading = ["intro.html", "arrival.html", "storm.html", "timeline.html", "characters.html"]
    reading += ["letters.html", "terms.html", "appearances.html", "themes.html"]
    assert hrefs == [*reading, "colophon.html"]  # then the footer's "Next"
    assert sorted(p.name for p in folder.glob("*.html")) == sorted({*hrefs, "index.html"})
    text = "".join(index.text)
    assert "The Lighthouse Keeper" in text and "Contents" in text


def test_the_french_edition_speaks_french_and_marks_arabic_right_to_left(editions: dict[str, Path]) -> None:
    """Page furniture from the French catalogue; the Arabic run tagged lang="ar" dir="rtl"; Japanese tagged ja."""
    folder = editions["ile"]
    text = "".join("".join(read_page(p).text) for p in folder.glob("*.html"))
    assert "Aller au texte" in text and "Table des matières" in text
    assert "Skip to the text" not in text and "Contents" not in text
    spans = [a for p in folder.glob("*.html") for tag, a in read_page(p).elements if tag == "span"]
    assert {"lang": "ar", "dir": "rtl"} in spans
    assert (read_page(folder / "index.html").elements[0][1]).get("lang", "").startswith("fr")


def test_the_style_sheet_comes_from_the_style_data(editions: dict[str, Path]) -> None:
    """Sizes relative to the base style (chapter title 20 pt on 11.5 pt: 1.739 rem); tables scroll when narrow."""
    css = (editions["mini"] / "style.css").read_text(encoding="utf-8")
    assert re.search(r"main h1 \{[^}]*font-size: 1\.739rem", css)
    assert "div.table-wrap { overflow-x: auto;" in css
    assert "@media (max-width: 30em)" in css


def test_a_second_build_gives_the_same_bytes(editions: dict[str, Path], tmp_path: Path) -> None:
    """The same manuscript gives the same files, byte for byte."""
    (again,) = build_outputs(BOOKS["mini"], "html", None, tmp_path, lambda _: None)
    first = {p.relative_to(editions["mini"]): p.read_bytes() for p in editions["mini"].rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_the_folder_is_replaced_whole(tmp_path: Path) -> None:
    """A new folder replaces the old one: old files go, nothing temporary is left beside it."""
    folder = tmp_path / "book-html"
    write_folder_atomically(folder, {"index.html": b"one", "old.html": b"old"})
    write_folder_atomically(folder, {"index.html": b"two", "images/a.png": b"png"})
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "images/a.png",
        "index.html",
    ]
    assert (folder / "index.html").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["book-html"]
    with pytest.raises(ValueError):
        write_folder_atomically(folder, {"../escape.html": b"no"})
    assert (folder / "index.html").read_bytes() == b"two" and not (tmp_path / "escape.html").exists()


def test_generic_nodes_render_with_their_roles_ids_and_audiences() -> None:
    """The generic renderer: spans for eyes or ears, a page reference without a page, a scrolling table with
    header cells, a definition list, a container with its language, a verse kept line by line, a figure."""
    from iwobook.check import load_checked
    from iwobook.model import Loc, Text
    from iwobook.model.document import (
        Cell,
        DefinitionList,
        Div,
        DrawnFigure,
        Item,
        PageNumber,
        PageRef,
        Para,
        Show,
        Span,
        Table,
        Verse,
    )
    from iwobook.model.drawing import Circle, Drawing, Label
    from iwobook.transform import prepare
    from iwobook.writers.html import FORMAT
    from iwobook.writers.xhtml.content import Context
    from iwobook.writers.xhtml.document import render_doc_blocks
    from iwobook.writers.xhtml.markup import HTML, serialise

    at = Loc("x.md", 1)
    book = prepare(load_checked(BOOKS["mini"]))
    ctx = Context(book, "en", FORMAT, {"arrival": "arrival.html"}, {})
    seen = Span(at, "", (Text(at, "–"),), Show.EYES)
    heard = Span(at, "", (Text(at, "not tagged"),), Show.EARS)
    ref = PageRef(at, "arrival", (Text(at, "p. "), PageNumber(at, "arrival")), (Text(at, "Chapter 1: Arrival"),))
    head = ((Cell((Text(at, "Theme"),), "col"), Cell((Text(at, "1"),), "col")),)
    table = Table(
        at, (Text(at, "Themes by chapter"),), head, ((Cell((Text(at, "Duty"),), "row"), Cell((seen, heard))),)
    )
    items = (Item(at, (Text(at, "1900"),), (Para(at, (ref,)),), id="event-1"),)
    drawing = Drawing(100.5, 40, (Circle((10, 10), 4), Label((20, 20), "灯台島")), "Map", "A map of the island")
    blocks = (
        table,
        DefinitionList(at, items, "timeline"),
        Div(at, "original", (Verse(at, "ar", "سطر\nسطر"),), lang="ar"),
        DrawnFigure(at, drawing, (Text(at, "The island"),), "map-figure"),
        DrawnFigure(at, drawing, (Text(at, "Drawn again"),), "again", "timeline"),
    )
    html = "".join(serialise(node, HTML) for node in render_doc_blocks(blocks, ctx))
    assert '<div class="table-wrap">\n<table>\n<caption class="visually-hidden">Themes by chapter</caption>' in html
    assert '<th scope="row">Duty</th>' in html
    assert '<td><span aria-hidden="true">–</span><span class="visually-hidden">not tagged</span></td>' in html
    assert '<dt id="event-1">1900</dt>' in html
    assert '<p><a href="arrival.html">Chapter 1: Arrival</a></p>' in html
    assert '<div class="original" lang="ar" dir="rtl">' in html
    assert '<blockquote lang="ar" dir="rtl">\n<p>سطر<br>سطر</p>\n</blockquote>' in html
    assert '<figure id="map-figure" class="drawing">\n<svg id="map-figure-drawing" class="drawing" width="101"' in html
    assert 'height="40" viewBox="0 0 101 40" role="img" aria-labelledby="map-figure-drawing-desc">' in html
    assert '<desc id="map-figure-drawing-desc">A map of the island</desc>' in html
    # a figure that names itself: the lowered drawing for wide screens, the timeline drawn again for a phone
    assert '<figure id="again" class="drawing">\n<svg id="again-wide" class="wide"' in html
    assert '<svg id="again-narrow" class="narrow" width="340"' in html
    assert '<tspan lang="ja">灯台島</tspan>' in html
    assert "<figcaption>The island</figcaption>" in html


def test_characters_the_readers_fonts_may_lack_come_with_the_edition(editions: dict[str, Path]) -> None:
    """The study guide's Japanese: a subset of the style sheet's Japanese fallback for each family, named in the
    CSS after the reader's own family, with the fonts' licences; the French book's Arabic likewise."""
    guide = editions["guide"]
    css = (guide / "style.css").read_text(encoding="utf-8")
    assert '@font-face { font-family: "iwobook serif 1"; src: url("fonts/serif-ipaexm.ttf")' in css
    assert 'body { font-family: serif, "iwobook serif 1";' in css
    assert 0 < (guide / "fonts" / "serif-ipaexm.ttf").stat().st_size < 100_000  # a subset, not the 7.8 MB font
    assert (guide / "fonts" / "IPA_Font_License.txt").is_file()
    assert "NotoNaskhArabic" in (editions["ile"] / "style.css").read_text(encoding="utf-8")


def test_images_browsers_cannot_show_are_made_png() -> None:
    """A PNG is kept byte for byte; a TIFF becomes a PNG of the same size."""
    import io

    from PIL import Image

    from iwobook.writers.html.images import encode_image

    def make(fmt: str) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (3, 2), (200, 10, 10)).save(out, format=fmt)
        return out.getvalue()

    png = make("PNG")
    assert encode_image(png) == ("png", png)
    extension, data = encode_image(make("TIFF"))
    with Image.open(io.BytesIO(data)) as image:
        assert (extension, image.format, image.size) == ("png", "PNG", (3, 2))


def test_generated_sections_have_pages_with_their_figures_and_tables(editions: dict[str, Path]) -> None:
    """The study guide's timeline and map: each drawn twice (for a wide and a narrow screen) with one text
    alternative each; the theme tracker a table with every chapter's column; glossaries with their ARIA role."""
    guide = editions["guide"]
    for name in ("timeline", "map"):
        page = read_page(guide / f"{name}.html")
        svgs = [a for tag, a in page.elements if tag == "svg"]
        assert [a["class"] for a in svgs] == ["wide", "narrow"], name
        assert all(a["role"] == "img" and a["aria-labelledby"] for a in svgs), name
    tracker = read_page(guide / "themes.html")
    columns = [a for tag, a in tracker.elements if tag == "th" and a.get("scope") == "col"]
    assert len(columns) == 1 + 13  # the theme column and one per chapter
    characters = read_page(guide / "characters.html")
    assert ("section", {"id": "characters", "class": "characters", "role": "doc-glossary"}) in [
        (tag, {k: v for k, v in a.items() if k != "aria-labelledby"}) for tag, a in characters.elements
    ]
    index = read_page(guide / "index.html")
    assert {"characters.html", "letters.html", "terms.html", "timeline.html", "map.html", "themes.html"} <= {
        a["href"] for tag, a in index.elements if tag == "a"
    }


def test_cross_references_link_to_the_entry_on_its_page(editions: dict[str, Path]) -> None:
    """A chapter's cross-reference to a character goes to the character's entry on the characters page."""
    mini = editions["mini"]
    arrival = read_page(mini / "arrival.html")
    hrefs = [a["href"] for tag, a in arrival.elements if tag == "a"]
    assert any(h.startswith("characters.html#") for h in hrefs)


def test_appears_in_links_land_on_the_first_mention(editions: dict[str, Path]) -> None:
    """An entry's 'Appears in' links go to the chapter's first reference to it, which links back to the entry;
    ids are unique on every page."""
    mini = editions["mini"]
    characters = read_page(mini / "characters.html")
    links = [a.get("href", "") for tag, a in characters.elements if tag == "a"]
    assert "arrival.html#mention-mara_arrival" in links and "storm.html#mention-tomas_storm" in links
    arrival = read_page(mini / "arrival.html")
    anchored = {a["id"]: (tag, a.get("href")) for tag, a in arrival.elements if a.get("id", "").startswith("mention-")}
    assert anchored["mention-mara_arrival"] == ("a", "characters.html#mara")
    for page in mini.glob("*.html"):
        ids = [a["id"] for _, a in read_page(page).elements if "id" in a]
        assert len(ids) == len(set(ids)), page.name
