"""Every CommonMark construct is either read faithfully (no text lost or changed) or refused with E152 at its line."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from iwobook.build import configure, render_output
from iwobook.check import load_checked
from iwobook.diagnostics import Report
from iwobook.load.markdown import MarkdownReader
from iwobook.model import Code, Emphasis, Heading, LangSpan, LineBreak, Link, ListBlock, Paragraph, Quote, Strong, Text
from iwobook.transform import prepare

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
READER = MarkdownReader()


def read(text: str) -> tuple[tuple[object, ...], list[str]]:
    """Return the blocks of text and its diagnostics as `line: CODE message`."""
    report = Report()
    blocks = READER.blocks(text, "x.md", Path("/nonexistent"), Path("/nonexistent"), report)
    return blocks, [f"{d.line}: {d.code.name} {d.message}" for d in report.sorted()]


def plain(node: object) -> str:
    """Return the text a reader sees in a model node (blocks separated by newlines)."""
    match node:
        case tuple():
            return "".join(plain(n) for n in node)
        case Text(text=text) | Code(text=text):
            return text
        case LineBreak():
            return "\n"
        case Emphasis(children=c) | Strong(children=c) | Link(children=c) | LangSpan(children=c):
            return plain(c)
        case Paragraph(inlines=inlines) | Heading(inlines=inlines):
            return plain(inlines) + "\n"
        case Quote(blocks=blocks):
            return plain(blocks)
        case ListBlock(items=items):
            return "".join(plain(item) for item in items)
    raise AssertionError(f"unexpected node {node!r}")


def reference_text(text: str) -> str:
    """Return the text CommonMark's own HTML rendering shows, tags removed and blocks on their own lines."""
    rendered = MarkdownIt("commonmark").render(text)
    rendered = re.sub(r"<br />\n", "\n", rendered)
    rendered = re.sub(r"</(p|h\d|li)>", "\n", rendered)
    rendered = re.sub(r"<[^>]+>", "", rendered)
    return "\n".join(line for line in html.unescape(rendered).split("\n") if line.strip()) + "\n"


ACCEPTED = {
    "paragraphs and blank lines": "One line\nand a soft break.\n\n\nTwo.",
    "setext heading level 2": "A heading\n---------\n\nText.",
    "atx headings 2 and 3": "## Two ##\n\n### Three\n\nText.",
    "block quote, nested": "> Quoted\n> > deeper\n\nAfter.",
    "bullet list, tight and loose": "- one\n- two\n\n* three\n\n* four",
    "ordered list with a start": "3. three\n4. four",
    "nested lists": "1. one\n   - inner\n2. two",
    "backslash escapes": "\\*not emphasis\\* and \\[not a link\\] and \\\\",
    "entities": "&amp; &copy; &#35; &#x00E9; &nbsp;x",
    "code span": "Use `a  *b*` here and ``x ` y``.",
    "emphasis and strong": "*em* _em_ **strong** __strong__ ***both*** *a **b** c*",
    "inline link": "See [the site](https://example.org/a_b?c=d).",
    "reference links": "[full][r], [collapsed][], [shortcut] and [r].\n\n[r]: https://example.org\n"
    "[collapsed]: https://example.org/c\n[shortcut]: mailto:a@example.org",
    "autolinks": "<https://example.org/x> and <someone@example.org>",
    "hard breaks": "two spaces  \nand a backslash\\\nend",
    "link with markup": "[*em* `code`](https://example.org)",
    "brackets that are not links": "[not a link] and [x] (y) and a < b > c & d",
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_constructs_keep_every_character(text: str) -> None:
    blocks, problems = read(text)
    assert problems == []
    assert plain(blocks).split() == reference_text(text).split()


REFUSED = {
    "thematic break": (
        "Text.\n\n***\n\nMore.",
        ["3: E152 horizontal rules are not supported; start a new section or heading"],
    ),
    "atx heading 1": (
        "# One",
        ["1: E152 heading level 1 is not allowed here; use ## or ### (the title comes from the front matter)"],
    ),
    "atx heading 4": (
        "#### Four",
        ["1: E152 heading level 4 is not allowed here; use ## or ### (the title comes from the front matter)"],
    ),
    "setext heading 1": (
        "Title\n=====",
        ["1: E152 heading level 1 is not allowed here; use ## or ### (the title comes from the front matter)"],
    ),
    "indented code": ("Text.\n\n    code", ["3: E152 code blocks are not supported in a book manuscript"]),
    "fenced code": ("```\ncode\n```", ["1: E152 code blocks are not supported in a book manuscript"]),
    "html block": ("Text.\n\n<div>\nraw\n</div>", ["3: E152 raw HTML (<div>) is not supported; write it in Markdown"]),
    "html comment": (
        "Text.\n\n<!-- a note -->",
        ["3: E152 HTML comments are not supported; remove the comment (it would be printed or lost)"],
    ),
    "inline html": (
        "A <b>bold</b> word.",
        [
            "1: E152 raw HTML (</b>) is not supported; write it in Markdown",
            "1: E152 raw HTML (<b>) is not supported; write it in Markdown",
        ],
    ),
    "inline comment": (
        "A <!-- hidden --> word.",
        ["1: E152 HTML comments are not supported; remove the comment (it would be printed or lost)"],
    ),
    "fragment link": (
        "See [below](#fragment).",
        ["1: E152 a link to '#fragment' inside the book: use a cross-reference such as [[id]] or [[id|text]]"],
    ),
    "relative link": (
        "See [a page](/uri).",
        [
            "1: E152 link target '/uri' is not a web address; use http://, https:// or mailto:,"
            " or [[id]] for a place in the book"
        ],
    ),
    "relative reference link": (
        "See [a page][p].\n\n[p]: other.html",
        [
            "1: E152 link target 'other.html' is not a web address; use http://, https:// or mailto:,"
            " or [[id]] for a place in the book"
        ],
    ),
    "other scheme": (
        "Chat on [irc](irc://example.org/x).",
        ["1: E152 links with 'irc:' are not supported; use http://, https:// or mailto:"],
    ),
    "other scheme autolink": (
        "<irc://example.org/x>",
        ["1: E152 links with 'irc:' are not supported; use http://, https:// or mailto:"],
    ),
    "javascript": (
        "[x](javascript:alert(1))",
        ["1: E152 links with 'javascript:' are not supported; use http://, https:// or mailto:"],
    ),
    "empty link text": (
        "[](https://example.org)",
        ["1: E152 a link needs text: write [what it is](https://example.org)"],
    ),
    "link title": (
        '[x](https://example.org "Title")',
        ['1: E152 link titles ("..." after the address) are not supported; say it in the text'],
    ),
    "no host": ("[x](https:///path)", ["1: E152 link target 'https:///path' has no host"]),
    "inline image": ("Text ![alt](a.png) more.", ["1: E152 an image must stand alone in its own paragraph"]),
    "line of the construct": (
        "One.\n\nTwo and\n[x](#y) three.",
        ["4: E152 a link to '#y' inside the book: use a cross-reference such as [[id]] or [[id|text]]"],
    ),
}


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_constructs_are_e152_at_their_line(text: str, expected: list[str]) -> None:
    assert read(text)[1] == expected


def test_refused_link_keeps_its_words_for_the_other_diagnostics() -> None:
    blocks, _problems = read("See [the words](#here) now.")
    assert plain(blocks) == "See the words now.\n"


def test_accepted_constructs_build_in_both_formats(tmp_path: Path) -> None:
    """A chapter of every accepted construct builds a PDF and an EPUB that carry its words and links."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    chapter = root / "manuscript" / "02-storm.md"
    head = chapter.read_text(encoding="utf-8").split("---\n\n", 1)[0]
    body = "\n\n".join(ACCEPTED.values()).replace("# Two ##", "# Two").replace("## Two", "## Two")
    chapter.write_text(head + "---\n\n" + body + "\n\nA storm comes. [[mara]] keeps the [[lamp]] burning.\n")
    book = prepare(load_checked(root))
    config = configure(root, book, None, tmp_path / "dist")
    pdf = render_output(book, config, "pdf", lambda _: None)
    epub = render_output(book, config, "epub", lambda _: None)
    from io import BytesIO
    from zipfile import ZipFile

    from pypdf import PdfReader

    pdf_text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    for words in ("not emphasis", "©", "a *b*", "x ` y", "collapsed", "shortcut"):
        assert words in pdf_text, words
    uris: set[str] = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    documents = ZipFile(BytesIO(epub))
    xhtml = "".join(documents.read(n).decode() for n in documents.namelist() if n.endswith(".xhtml"))
    for href in (
        "https://example.org/a_b?c=d",
        "https://example.org/c",
        "mailto:a@example.org",
        "mailto:someone@example.org",
    ):
        assert f'href="{html.escape(href)}"' in xhtml, href
        assert href in uris, href
