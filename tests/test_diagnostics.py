"""Every diagnostic of `iwobook check`: a tiny bad copy of the mini fixture and the exact line it reports.

Each case copies tests/fixtures/mini to a temporary folder, applies one or a few changes, runs the loader
and the whole-book checks, and compares the diagnostics as `path:line: CODE message` strings. E171 comes
from the PDF writer and is tested with it.
"""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from iwobook.build import build_outputs
from iwobook.check import load_checked
from iwobook.diagnostics import Code, Diagnostic, InputError, Report

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
UNTESTED_HERE = {Code.E171, Code.E180, Code.E181}  # raised by the PDF writer or the teacher's edition
# (tests/test_teacher.py), tested there
UNTESTED_HERE |= {Code.E133, Code.E143}  # the style sheet's and fonts', tested in test_stylesheet_check.py

BOOK = "manuscript/book.yaml"
INTRO = "manuscript/intro.md"
ARRIVAL = "manuscript/01-arrival.md"
STORM = "manuscript/02-storm.md"
CHARACTERS = "manuscript/data/characters.yaml"
LETTERS = "manuscript/data/letters.yaml"
TERMS = "manuscript/data/terms.yaml"
TIMELINE = "manuscript/data/timeline.yaml"
IMAGE = "assets/images/lighthouse.png"
MAP = "manuscript/data/map.yaml"
MAP_TEXT = """title: The island
note: Not to scale.
outline: [[0, 0], [100, 0], [50, 100]]
kinds:
  - id: rock
    label: rock
    marker: triangle
places:
  - id: the-rock
    name: The rock
    kind: rock
    at: [50, 50]
"""


# --- changes to the fixture --------------------------------------------------------------------------


@dataclass(frozen=True)
class Replace:
    """Replace the one occurrence of old by new in a text file."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Write:
    """Write a text file (UTF-8), replacing it if it exists; the path may lead out of the project."""

    path: str
    text: str


@dataclass(frozen=True)
class WriteBytes:
    """Write a file's bytes exactly."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Symlink:
    """Create a symbolic link at path pointing to target (taken as written, relative to the link)."""

    path: str
    target: str


Change = Replace | Write | WriteBytes | Symlink


def apply(root: Path, change: Change) -> None:
    """Apply one change to the project copy at root."""
    path = root / change.path
    match change:
        case Replace(old=old, new=new):
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} must occur exactly once in {change.path}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        case Write(text=text):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        case WriteBytes(data=data):
            path.write_bytes(data)
        case Symlink(target=target):
            path.symlink_to(target)


def diagnostics(tmp_path: Path, *changes: Change) -> list[str]:
    """Return the diagnostics (as printed) of a copy of the mini fixture with changes applied.

    A build of the bad copy must fail with the same diagnostics and leave the output folder, which holds
    the previous good PDF, exactly as it was.
    """
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    for change in changes:
        apply(root, change)
    try:
        load_checked(root)
    except InputError as error:
        found = [str(d) for d in error.diagnostics]
    else:
        return []
    dist = tmp_path / "dist"
    dist.mkdir()
    previous = dist / "book.pdf"
    previous.write_bytes(b"%PDF- the previous good build")
    with pytest.raises(InputError) as failed:
        build_outputs(root, "pdf", None, dist, lambda _: None)
    assert [str(d) for d in failed.value.diagnostics] == found
    assert sorted(p.name for p in dist.iterdir()) == ["book.pdf"]
    assert previous.read_bytes() == b"%PDF- the previous good build"
    return found


# --- image bytes -------------------------------------------------------------------------------------


def png(width: int = 8, height: int = 8) -> bytes:
    """Return a small valid PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """Return a small PNG whose IHDR claims width×height pixels (with a valid chunk CRC)."""
    data = bytearray(png())
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def image_bytes(fmt: str, size: int = 64) -> bytes:
    """Return a small patterned image in Pillow format fmt (a pattern, so that a JPEG has data to cut short)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (size, size), bytes(i * 37 % 251 for i in range(size * size * 3))).save(buffer, fmt)
    return buffer.getvalue()


def jpeg() -> bytes:
    """Return a small valid JPEG."""
    return image_bytes("JPEG")


def png_truncated() -> bytes:
    """Return a PNG cut off inside its image data (the header is intact)."""
    data = png(64, 64)
    return data[: len(data) - 20]


# --- the cases ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A bad manuscript: the changes, the exact line expected, and whether it must be the only one."""

    changes: tuple[Change, ...]
    expected: str
    only: bool = True


def case(name: str, expected: str, *changes: Change, only: bool = True) -> tuple[str, Case]:
    """Return one named case."""
    return name, Case(changes, expected, only)


SECRET = "---\ntitle: Secret\n---\n\nOutside the project.\n"
ERROR_CASES = [
    # E100 missing file
    case(
        "E100-section",
        "manuscript/book.yaml:25: E100 file 'manuscript/preface.md' does not exist",
        Replace(BOOK, "intro.md]", "preface.md]"),
    ),
    case(
        "E100-data-file",
        "manuscript/book.yaml:22: E100 file 'manuscript/data/timelines.yaml' does not exist",
        Replace(BOOK, "timeline: data/timeline.yaml", "timeline: data/timelines.yaml"),
    ),
    # E101 not UTF-8: the line of the first bad byte
    case(
        "E101-latin1",
        "manuscript/intro.md:5: E101 file is not UTF-8 (byte 0xe9); save it as UTF-8",
        WriteBytes(INTRO, "---\ntitle: Intro\n---\n\nCafé au lait.\n\nNaïve.\n".encode("latin-1")),
    ),
    case(
        "E101-data-file",
        "manuscript/data/timeline.yaml:4: E101 file is not UTF-8 (byte 0xfc); save it as UTF-8",
        WriteBytes(TIMELINE, "- date: 1900\n  text: A.\n- date: 1901\n  text: Stürm.\n".encode("latin-1")),
    ),
    # E102 forbidden control character
    case(
        "E102-markdown",
        "manuscript/intro.md:9: E102 control character U+0007 is not allowed",
        Replace(INTRO, "Read [[arrival]] first.", "Read [[arrival]]\x07 first."),
    ),
    case(
        "E102-yaml",
        "manuscript/data/timeline.yaml:4: E102 control character U+000B is not allowed",
        Replace(TIMELINE, "text: The storm.", "text: The\x0bstorm."),
    ),
    case(
        "E102-c1-control",
        "manuscript/intro.md:5: E102 control character U+0085 is not allowed",
        Replace(INTRO, "This book tells", "This\x85book tells"),
    ),
    # E103 paths leaving the project
    case(
        "E103-dotdot",
        "manuscript/book.yaml:25: E103 path '../../x.md' leads outside the project",
        Replace(BOOK, "intro.md]", "../../x.md]"),
    ),
    case(
        "E103-absolute",
        "manuscript/book.yaml:25: E103 path '/etc/passwd' must be relative to its file",
        Replace(BOOK, "intro.md]", "/etc/passwd]"),
    ),
    case(
        "E103-symlink",
        "manuscript/book.yaml:25: E103 path 'secret.md' leads through a symbolic link outside the project",
        Write("../secret.md", SECRET),
        Symlink("manuscript/secret.md", "../../secret.md"),
        Replace(BOOK, "intro.md]", "secret.md]"),
    ),
    case(
        "E103-symlinked-folder",
        "manuscript/book.yaml:25: E103 path 'linked/secret.md' leads through a symbolic link outside the project",
        Write("../secret.md", SECRET),
        Symlink("manuscript/linked", "../.."),
        Replace(BOOK, "intro.md]", "linked/secret.md]"),
    ),
    case(
        "E103-image-dotdot",
        "manuscript/01-arrival.md:16: E103 path '../../lighthouse.png' leads outside the project",
        WriteBytes("../lighthouse.png", png()),
        Replace(ARRIVAL, "(../assets/images/lighthouse.png", "(../../lighthouse.png"),
    ),
    case(
        "E103-image-url",
        "manuscript/01-arrival.md:16: E103 path 'https://example.org/a.png' must be a file in the project, not a URL",
        Replace(ARRIVAL, "(../assets/images/lighthouse.png", "(https://example.org/a.png"),
    ),
    # E104 empty file
    case("E104-prose", "manuscript/intro.md:1: E104 file is empty", Write(INTRO, "")),
    case(
        "E104-blank-data-file",
        "manuscript/data/timeline.yaml:1: E104 file is empty",
        Write(TIMELINE, " \n\n"),
    ),
    # E110 YAML syntax: the line is the real line in the file
    case(
        "E110-book",
        "manuscript/book.yaml:12: E110 YAML syntax error: mapping values are not allowed here",
        Replace(BOOK, "edition: Test edition", "edition: Test: edition"),
    ),
    case(
        "E110-book-unclosed-quote",
        "manuscript/book.yaml:1: E110 YAML syntax error: found unexpected end of stream while scanning a quoted scalar",
        Replace(BOOK, "title: The Lighthouse Keeper", 'title: "The Lighthouse Keeper'),
    ),
    case(
        "E110-book-unclosed-bracket",
        "manuscript/book.yaml:40: E110 YAML syntax error: expected ',' or '}', but got '<stream end>' "
        "while parsing a flow mapping",
        Replace(BOOK, "{generated: themes, title: Theme tracker}", "{generated: themes, title: Theme tracker"),
    ),
    case(
        "E110-data-file",
        "manuscript/data/timeline.yaml:4: E110 YAML syntax error: mapping values are not allowed here",
        Replace(TIMELINE, "text: The storm.", "text: The storm: again"),
    ),
    case(
        "E110-data-file-tab",
        "manuscript/data/timeline.yaml:4: E110 YAML syntax error: found character '\\t' that cannot start any token",
        Replace(TIMELINE, "  text: The storm.", "\ttext: The storm."),
    ),
    case(
        "E110-front-matter",
        "manuscript/intro.md:4: E110 YAML syntax error: mapping values are not allowed here",
        Replace(INTRO, "title: How to use this book\n", "title: How to use this book\nid: intro\nx: a: b\n"),
    ),
    case(
        "E110-front-matter-first-line",
        "manuscript/intro.md:2: E110 YAML syntax error: mapping values are not allowed here",
        Replace(INTRO, "title: How to use this book", "title: How: to use this book"),
    ),
    case(
        "E110-front-matter-unclosed-quote",
        "manuscript/intro.md:2: E110 YAML syntax error: found unexpected end of stream while scanning a quoted scalar",
        Replace(INTRO, "title: How to use this book", 'title: "How to use this book'),
    ),
    case(
        "E110-alias",
        "manuscript/data/timeline.yaml:3: E110 YAML syntax error: aliases (*name) are not supported; "
        "write the value out again",
        Write(TIMELINE, "- date: &when 1900-04\n  text: A.\n- date: *when\n  text: B.\n"),
    ),
    case(
        "E110-alias-cycle",
        "manuscript/data/timeline.yaml:3: E110 YAML syntax error: aliases (*name) are not supported; "
        "write the value out again",
        Write(TIMELINE, "- &event\n  date: 1900\n  text: [*event]\n"),
    ),
    case(
        "E110-nested-too-deeply",
        "manuscript/data/timeline.yaml:1: E110 YAML syntax error: the data is nested too deeply",
        Write(TIMELINE, "[" * 3000 + "]" * 3000 + "\n"),
    ),
    # E111 front matter missing / not closed
    case(
        "E111-missing",
        "manuscript/intro.md:1: E111 the file must start with a front matter block: a line '---', YAML, then '---'",
        Write(INTRO, "This book tells of [[mara]].\n"),
    ),
    case(
        "E111-not-closed",
        "manuscript/intro.md:1: E111 the front matter block is not closed: add a line '---' after it",
        Write(INTRO, "---\ntitle: How to use this book\n\nThis book tells of [[mara]].\n"),
    ),
    # E112 duplicate key
    case(
        "E112-book",
        "manuscript/book.yaml:15: E112 key 'title' appears twice in the same mapping",
        Replace(BOOK, "paper: a4\n", "paper: a4\ntitle: Again\n"),
    ),
    case(
        "E112-front-matter",
        "manuscript/02-storm.md:4: E112 key 'title' appears twice in the same mapping",
        Replace(STORM, "kind: chapter\n", "kind: chapter\ntitle: Again\n"),
    ),
    case(
        "E112-data-file",
        "manuscript/data/terms.yaml:3: E112 key 'term' appears twice in the same mapping",
        Replace(TERMS, "  term: lamp\n", "  term: lamp\n  term: lantern\n"),
    ),
    # E120 unknown field, with did-you-mean
    case(
        "E120-front-matter",
        "manuscript/02-storm.md:4: E120 unknown field 'settting' in front matter (did you mean 'setting'?)",
        Replace(STORM, "setting:", "settting:"),
    ),
    case(
        "E120-book",
        "manuscript/book.yaml:14: E120 unknown field 'papr' in book.yaml (did you mean 'paper'?)",
        Replace(BOOK, "paper: a4", "papr: a4"),
    ),
    case(
        "E120-data-file",
        "manuscript/data/characters.yaml:5: E120 unknown field 'ranks' in character (did you mean 'rank'?)",
        Replace(CHARACTERS, "  rank: Keeper\n", "  rank: Keeper\n  ranks: Keeper\n"),
    ),
    # E121 missing field
    case(
        "E121-data-file",
        "manuscript/data/characters.yaml:10: E121 character has no 'role'",
        Replace(CHARACTERS, "  role: The old keeper\n", ""),
    ),
    case(
        "E121-front-matter-title",
        "manuscript/intro.md:2: E121 front matter has no 'title'",
        Replace(INTRO, "title: How to use this book", "id: intro"),
    ),
    case(
        "E121-front-matter-empty",
        "manuscript/intro.md:1: E121 front matter has no 'title'",
        Write(INTRO, "---\n---\n\nText.\n"),
    ),
    case(
        "E121-front-matter-only-comments",
        "manuscript/intro.md:1: E121 front matter has no 'title'",
        Write(INTRO, "---\n# a comment\n---\n\nText.\n"),
    ),
    # E122 wrong type
    case(
        "E122-flag",
        "manuscript/data/characters.yaml:14: E122 'historical' must be true or false, not text",
        Replace(CHARACTERS, "historical: true", "historical: maybe"),
    ),
    case(
        "E122-questions-as-text",
        "manuscript/02-storm.md:6: E122 'questions' must be a list, not text",
        Replace(
            STORM,
            "questions:\n  - Was [[tomas]] right to leave?\n  - What does the storm change?\n"
            "  - Which choice would you make?\n",
            "questions: Was it right to leave?\n",
        ),
    ),
    case(
        "E122-front-matter-list",
        "manuscript/intro.md:2: E122 front matter must be a mapping of fields, not a list",
        Replace(INTRO, "title: How to use this book", "- title: How to use this book"),
    ),
    # E123 bad value
    case(
        "E123-id",
        "manuscript/intro.md:3: E123 id 'Intro_Page' must use lower case letters, digits and hyphens",
        Replace(INTRO, "title: How to use this book\n", "title: How to use this book\nid: Intro_Page\n"),
    ),
    case(
        "E123-kind",
        "manuscript/data/letters.yaml:6: E123 letter kind 'leter' is neither built in (letter, telegram, poem,"
        " saying) nor declared under 'letter_kinds' in book.yaml (did you mean 'letter'?)",
        Replace(LETTERS, "kind: letter", "kind: leter"),
    ),
    case(
        "E123-place-kind",
        "manuscript/data/map.yaml:11: E123 'kind' must be one of rock, not 'cove'",
        Replace(BOOK, "  timeline: data/timeline.yaml\n", "  timeline: data/timeline.yaml\n  map: data/map.yaml\n"),
        Write(MAP, MAP_TEXT.replace("    kind: rock\n", "    kind: cove\n")),
    ),
    case(
        "E123-place-kind-undeclared",
        "manuscript/data/map.yaml:7: E123 kind 'rock' is not declared: list the map's kinds under 'kinds'"
        " (id, label, marker)",
        Replace(BOOK, "  timeline: data/timeline.yaml\n", "  timeline: data/timeline.yaml\n  map: data/map.yaml\n"),
        Write(MAP, MAP_TEXT[: MAP_TEXT.index("kinds:")] + MAP_TEXT[MAP_TEXT.index("places:") :]),
    ),
    case(
        "E123-lang",
        "manuscript/book.yaml:3: E123 'english_GB' is not a BCP 47 language tag",
        Replace(BOOK, "language: en-GB", "language: english_GB"),
    ),
    case(
        "E123-lang-span",
        "manuscript/01-arrival.md:14: E123 span needs a language tag such as {lang=ja}, not 'j_a'",
        Replace(ARRIVAL, "{lang=ja}", "{lang=j_a}"),
    ),
    case(
        "E123-book-date",
        "manuscript/book.yaml:13: E123 date '15 January 2026' must be YYYY-MM-DD",
        Replace(BOOK, "date: 2026-01-15", "date: 15 January 2026"),
    ),
    case(
        "E123-timeline-date",
        "manuscript/data/timeline.yaml:3: E123 date 'Christmas 1900' must be YYYY, YYYY-MM or YYYY-MM-DD",
        Replace(TIMELINE, "date: 1900-12-24", "date: Christmas 1900"),
    ),
    case(
        "E123-book-date-not-in-the-calendar",
        "manuscript/book.yaml:13: E123 date '2026-02-30' has day 30, but February 2026 has 28 days",
        Replace(BOOK, "date: 2026-01-15", "date: 2026-02-30"),
    ),
    case(
        "E123-book-date-month-13",
        "manuscript/book.yaml:13: E123 date '2026-13-01' has month 13; months run from 1 to 12",
        Replace(BOOK, "date: 2026-01-15", "date: 2026-13-01"),
    ),
    case(
        "E123-book-date-year-0",
        "manuscript/book.yaml:13: E123 date '0000-01-15' has no year 0",
        Replace(BOOK, "date: 2026-01-15", "date: 0000-01-15"),
    ),
    case(
        "E123-timeline-month-13",
        "manuscript/data/timeline.yaml:1: E123 date '1900-13' has month 13; months run from 1 to 12",
        Replace(TIMELINE, "date: 1900-04", "date: 1900-13"),
    ),
    case(
        "E123-timeline-february-29",
        "manuscript/data/timeline.yaml:3: E123 date '1900-02-29' has day 29, but February 1900 has 28 days",
        Replace(TIMELINE, "date: 1900-12-24", "date: 1900-02-29"),
        only=False,
    ),
    case(
        "E123-letter-date-written-out",
        "manuscript/data/letters.yaml:5: E123 date '31 April 1900' has day 31, but April 1900 has 30 days",
        Replace(LETTERS, "date: 3 April 1900", "date: 31 April 1900"),
    ),
    case(
        "E123-letter-date-iso",
        "manuscript/data/letters.yaml:5: E123 date '1900-04-31' has day 31, but April 1900 has 30 days",
        Replace(LETTERS, "date: 3 April 1900", "date: 1900-04-31"),
    ),
    # E122 keys that are not text
    case(
        "E122-list-as-key",
        "manuscript/data/timeline.yaml:5: E122 a key must be a word or text, not a list",
        Replace(TIMELINE, "  text: The storm.", "  text: The storm.\n  [1, 2]: x"),
    ),
    case(
        "E122-mapping-as-key",
        "manuscript/book.yaml:3: E122 a key must be a word or text, not a mapping",
        Replace(BOOK, "subtitle: A tiny test book\n", "subtitle: A tiny test book\n? {a: 1}\n: x\n"),
    ),
    # E102 forbidden characters that only an escape can write
    case(
        "E102-nul-escape-in-title",
        "manuscript/book.yaml:1: E102 an escape gives a control character (U+0000), which is not allowed in a book",
        Replace(BOOK, "title: The Lighthouse Keeper", 'title: "The Lighthouse\\0 Keeper"'),
    ),
    case(
        "E102-lone-surrogate-escape",
        "manuscript/data/timeline.yaml:4: E102 an escape gives a lone surrogate (U+D800), which is not allowed in a "
        "book",
        Replace(TIMELINE, "text: The storm.", 'text: "The \\uD800 storm."'),
    ),
    case(
        "E102-escape-in-front-matter",
        "manuscript/02-storm.md:2: E102 an escape gives a control character (U+0007, U+001B), which is not allowed "
        "in a book",
        Replace(STORM, "title: The Storm", 'title: "The \\a\\e Storm"'),
    ),
    # E130 duplicate id
    case(
        "E130-term-and-character",
        "manuscript/data/terms.yaml:6: E130 id 'mara' is already used at manuscript/data/characters.yaml:1",
        Replace(
            TERMS,
            "    The light at the top of the tower.\n",
            "    The light at the top of the tower.\n- id: mara\n  term: Mara\n  definition: A name.\n",
        ),
    ),
    case(
        "E130-term-and-section",
        "manuscript/data/terms.yaml:6: E130 id 'storm' is already used at manuscript/02-storm.md:1",
        Replace(
            TERMS,
            "    The light at the top of the tower.\n",
            "    The light at the top of the tower.\n- id: storm\n  term: storm\n  definition: Wind.\n",
        ),
    ),
    case(
        "E130-theme",
        "manuscript/book.yaml:17: E130 theme 'duty' is already defined at manuscript/book.yaml:16",
        Replace(BOOK, "{id: sea,", "{id: duty,"),
        only=False,  # 02-storm.md now names the theme 'sea' that no longer exists
    ),
    # E131 dangling reference
    case(
        "E131-prose",
        "manuscript/02-storm.md:12: E131 cross-reference to 'marra' names nothing in the book (did you mean 'mara'?)",
        Replace(STORM, "[[mara]] keeps", "[[marra]] keeps"),
    ),
    case(
        "E131-question",
        "manuscript/02-storm.md:7: E131 cross-reference to 'thomas' names nothing in the book (did you mean 'tomas'?)",
        Replace(STORM, "Was [[tomas]]", "Was [[thomas]]"),
    ),
    case(
        "E131-yaml-block-scalar",
        "manuscript/data/characters.yaml:9: E131 cross-reference to 'lamps' names nothing in the book "
        "(did you mean 'lamp'?)",
        Replace(CHARACTERS, "She tends the [[lamp]]", "She tends the [[lamps]]"),
    ),
    case(
        "E131-yaml-block-scalar-second-paragraph",
        "manuscript/data/characters.yaml:19: E131 cross-reference to 'lamps' names nothing in the book "
        "(did you mean 'lamp'?)",
        Replace(
            CHARACTERS,
            "    The keeper before Mara.\n",
            "\n    The keeper before Mara.\n\n    He knew the [[lamps]].\n",
        ),
    ),
    case(
        "E131-yaml-plain-scalar",
        "manuscript/data/timeline.yaml:2: E131 cross-reference to 'marta' names nothing in the book "
        "(did you mean 'mara'?)",
        Replace(TIMELINE, "[[mara]] arrives.", "[[marta]] arrives."),
    ),
    case(
        "E131-timeline-block-scalar",
        "manuscript/data/timeline.yaml:5: E131 cross-reference to 'storms' names nothing in the book "
        "(did you mean 'storm'?)",
        Replace(TIMELINE, "  text: The storm.", "  text: |\n    The [[storms]]."),
    ),
    case(
        "E131-letter-author",
        "manuscript/data/letters.yaml:1: E131 letter author 'maria' is not a character id (did you mean 'mara'?)",
        Replace(LETTERS, "author: mara", "author: maria"),
    ),
    # E132 unknown theme
    case(
        "E132",
        "manuscript/02-storm.md:5: E132 unknown theme 'see'; book.yaml defines duty, sea",
        Replace(STORM, "themes: [duty, sea]", "themes: [duty, see]"),
    ),
    # E140 missing image
    case(
        "E140-figure",
        "manuscript/01-arrival.md:16: E140 image '../assets/images/lighthous.png' does not exist",
        Replace(ARRIVAL, "images/lighthouse.png", "images/lighthous.png"),
    ),
    case(
        "E140-cover",
        "manuscript/book.yaml:15: E140 cover image 'assets/images/cover.png' does not exist",
        Replace(BOOK, "paper: a4\n", "paper: a4\ncover: assets/images/cover.png\n"),
    ),
    # E141 image without alt text
    case(
        "E141",
        "manuscript/01-arrival.md:16: E141 image '../assets/images/lighthouse.png' has no alt text: "
        "write ![what it shows](../assets/images/lighthouse.png)",
        Replace(ARRIVAL, "![A lighthouse on a rock]", "![]"),
    ),
    # E142 bad image
    case(
        "E142-text-file",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is not a PNG, JPEG, GIF or WebP image",
        Write(IMAGE, "This is not a PNG.\n"),
    ),
    case(
        "E142-decompression-bomb",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is larger than the limit of "
        "40,000,000 pixels (a decompression bomb?)",
        WriteBytes(IMAGE, png_claiming(50_000, 50_000)),
    ),
    case(
        "E142-just-over-the-limit",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is larger than the limit of "
        "40,000,000 pixels (a decompression bomb?)",
        WriteBytes(IMAGE, png_claiming(7_000, 7_000)),
    ),
    case(
        "E142-truncated",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is cut short: "
        "the file ends before the image does",
        WriteBytes(IMAGE, png_truncated()),
    ),
    case(
        "E142-truncated-jpeg",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is cut short: "
        "the file ends before the image does",
        WriteBytes(IMAGE, jpeg()[:-400]),
    ),
    case(
        "E142-eps",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is PostScript, which iwobook "
        "does not open; export it as PNG or JPEG",
        WriteBytes(IMAGE, b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n{ } loop\n"),
    ),
    case(
        "E142-pdf",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is PDF, which iwobook "
        "does not open; export it as PNG or JPEG",
        WriteBytes(IMAGE, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    ),
    case(
        "E142-bmp",
        "manuscript/01-arrival.md:16: E142 image 'assets/images/lighthouse.png' is not a PNG, JPEG, GIF or WebP image",
        WriteBytes(IMAGE, image_bytes("BMP")),
    ),
    case(
        "E142-cover",
        "manuscript/book.yaml:15: E142 cover 'assets/images/cover.png' is not a PNG, JPEG, GIF or WebP image",
        Write("assets/images/cover.png", "not an image\n"),
        Replace(BOOK, "paper: a4\n", "paper: a4\ncover: assets/images/cover.png\n"),
    ),
    case(
        "E142-cover-truncated-jpeg",
        "manuscript/book.yaml:15: E142 cover 'assets/images/cover.jpg' is cut short: "
        "the file ends before the image does",
        WriteBytes("assets/images/cover.jpg", jpeg()[:-400]),
        Replace(BOOK, "paper: a4\n", "paper: a4\ncover: assets/images/cover.jpg\n"),
    ),
    case(
        "E142-cover-eps",
        "manuscript/book.yaml:15: E142 cover 'assets/images/cover.eps' is PostScript, which iwobook does not open; "
        "export it as PNG or JPEG",
        WriteBytes("assets/images/cover.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n{ } loop\n"),
        Replace(BOOK, "paper: a4\n", "paper: a4\ncover: assets/images/cover.eps\n"),
    ),
    # E150 empty chapter
    case(
        "E150",
        "manuscript/02-storm.md:4: E150 chapter has no text after its front matter",
        Write(STORM, "---\ntitle: The Storm\nkind: chapter\n---\n\n"),
    ),
    # E152 unsupported markup
    case(
        "E152-heading-1",
        "manuscript/intro.md:7: E152 heading level 1 is not allowed here; use ## or ### "
        "(the title comes from the front matter)",
        Replace(INTRO, "## For teachers", "# For teachers"),
    ),
    case(
        "E152-code-fence",
        "manuscript/intro.md:7: E152 code blocks are not supported in a book manuscript",
        Replace(INTRO, "## For teachers", "```\nprint('hello')\n```"),
    ),
    case(
        "E152-indented-code",
        "manuscript/intro.md:7: E152 code blocks are not supported in a book manuscript",
        Replace(INTRO, "## For teachers", "    print('hello')"),
    ),
    case(
        "E152-in-yaml-block-scalar",
        "manuscript/data/letters.yaml:19: E152 heading level 1 is not allowed here; use ## or ### "
        "(the title comes from the front matter)",
        Replace(LETTERS, "    Invented for the tests.\n", "    Invented for the tests.\n\n    # Notes\n"),
    ),
    case(
        "E152-question",
        "manuscript/02-storm.md:8: E152 only inline text is allowed here (no lists, headings, quotes, code or HTML "
        "blocks)",
        Replace(STORM, "  - What does the storm change?", "  - '# What does the storm change?'"),
    ),
    # E170 a character no configured font can draw, in prose and in a data field (a letter's original)
    case(
        "E170-prose",
        "manuscript/02-storm.md:12: E170 no configured font (sans, serif) can draw '\U0001f300' (U+1F300); "
        "add a font that has it to a fallback list in the style sheet",
        Replace(STORM, "A storm comes.", "A storm comes \U0001f300."),
    ),
    case(
        "E170-original",
        "manuscript/data/letters.yaml:13: E170 no configured font (sans, serif) can draw '\u0f00' (U+0F00), "
        "'\u0f40' (U+0F40); add a font that has it to a fallback list in the style sheet",
        Replace(LETTERS, "Cahaya itu sekarang milikku.", "Cahaya \u0f00 \u0f40 itu."),
    ),
    # E160 timeline out of order
    case(
        "E160",
        "manuscript/data/timeline.yaml:3: E160 event dated 1899-12-24 comes after one dated 1900-04",
        Replace(TIMELINE, "date: 1900-12-24", "date: 1899-12-24"),
    ),
    # the schema for any book: originals, letter kinds, empty generated sections
    case(
        "E120-name-original",
        "manuscript/data/characters.yaml:3: E120 unknown field 'script' in character original",
        Replace(CHARACTERS, "{lang: ja, text: マーラ}", "{lang: ja, text: マーラ, script: Kana}"),
    ),
    case(
        "E121-term-original-lang",
        "manuscript/data/terms.yaml:3: E121 term original has no 'lang'",
        Replace(TERMS, "{lang: ja, text: 灯}", "{text: 灯}"),
    ),
    case(
        "E120-old-japanese-field",
        "manuscript/data/terms.yaml:3: E120 unknown field 'term_ja' in term (did you mean 'term'?)",
        Replace(TERMS, "originals: [{lang: ja, text: 灯}]", "term_ja: 灯"),
    ),
    case(
        "E130-letter-kind",
        "manuscript/book.yaml:20: E130 letter kind 'note' is already declared at manuscript/book.yaml:19",
        Replace(BOOK, "data:\n", "letter_kinds:\n  - {id: note, label: Note}\n  - {id: note, label: Notice}\ndata:\n"),
    ),
    case(
        "E121-letter-kind-label",
        "manuscript/book.yaml:19: E121 letter kind has no 'label'",
        Replace(BOOK, "data:\n", "letter_kinds:\n  - {id: note}\ndata:\n"),
    ),
    case(
        "E151-timeline",
        "manuscript/book.yaml:30: E151 generated section 'timeline' would be an empty page: the book has no"
        " timeline events; remove it from contents",
        Write(TIMELINE, "[]\n"),
    ),
    case(
        "E151-themes",
        "manuscript/book.yaml:40: E151 generated section 'themes' would be an empty page: no chapter is tagged"
        " with a theme; remove it from contents",
        Replace(ARRIVAL, "themes: [duty]\n", ""),
        Replace(STORM, "themes: [duty, sea]\n", ""),
    ),
    # E190 a generated word without wording in the book's language
    case(
        "E190",
        "manuscript/book.yaml:3: E190 no message catalogue for language 'el' (iwobook has de, en, es, fr, ja): add"
        " assets/locales/el.yaml with every message of iwobook's en.yaml",
        Replace(BOOK, "language: en-GB", "language: el"),
    ),
]


@pytest.mark.parametrize("bad", [c for _, c in ERROR_CASES], ids=[name for name, _ in ERROR_CASES])
def test_diagnostic(tmp_path: Path, bad: Case) -> None:
    """The bad copy reports the expected line (and, for most cases, nothing else)."""
    found = diagnostics(tmp_path, *bad.changes)
    if bad.only:
        assert found == [bad.expected]
    else:
        assert bad.expected in found


def test_every_code_is_covered() -> None:
    """Every diagnostic code but the writer's has at least one case above."""
    covered = {Code[c.expected.split(": ", 1)[1].split()[0]] for _, c in ERROR_CASES}
    assert covered == set(Code) - UNTESTED_HERE


# --- whole-manuscript behaviour ----------------------------------------------------------------------


def test_fixture_is_clean(tmp_path: Path) -> None:
    """The unchanged fixture has no problem at all."""
    assert diagnostics(tmp_path) == []


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    """Text files saved with a byte order mark and Windows line ends read like plain UTF-8."""
    changes = [
        WriteBytes(
            path.relative_to(FIXTURE).as_posix(),
            b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"),
        )
        for path in sorted((FIXTURE / "manuscript").rglob("*"))
        if path.suffix in (".md", ".yaml")
    ]
    assert len(changes) >= 8  # every prose and data file of the fixture
    assert diagnostics(tmp_path, *changes) == []


def test_crlf_keeps_line_numbers(tmp_path: Path) -> None:
    """With CRLF line ends (and a BOM) the reported line is still the real line."""
    text = (FIXTURE / STORM).read_text(encoding="utf-8").replace("[[mara]] keeps", "[[marra]] keeps")
    change = WriteBytes(STORM, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert diagnostics(tmp_path, change) == [
        "manuscript/02-storm.md:12: E131 cross-reference to 'marra' names nothing in the book (did you mean 'mara'?)"
    ]


def test_several_problems_in_several_files_are_reported_sorted(tmp_path: Path) -> None:
    """One run reports every problem of every file, sorted by path and line (codes on the same line too)."""
    found = diagnostics(
        tmp_path,
        Replace(TIMELINE, "date: 1900-12-24", "date: 1899-12-24"),
        Replace(CHARACTERS, "historical: true", "historical: maybe"),
        Replace(BOOK, "paper: a4", "papr: a4"),
        Replace(STORM, "[[mara]] keeps", "[[marra]] keeps"),
        Replace(ARRIVAL, "![A lighthouse on a rock](../assets/images/lighthouse.png", "![](nothing.png"),
        Replace(ARRIVAL, "[[tomas]], shows", "[[tomas]] shows"),  # harmless: the file stays valid
    )
    assert found == [
        "manuscript/01-arrival.md:16: E140 image 'nothing.png' does not exist",
        "manuscript/01-arrival.md:16: E141 image 'nothing.png' has no alt text: write ![what it shows](nothing.png)",
        "manuscript/02-storm.md:12: E131 cross-reference to 'marra' names nothing in the book (did you mean 'mara'?)",
        "manuscript/book.yaml:14: E120 unknown field 'papr' in book.yaml (did you mean 'paper'?)",
        "manuscript/data/characters.yaml:14: E122 'historical' must be true or false, not text",
        "manuscript/data/timeline.yaml:3: E160 event dated 1899-12-24 comes after one dated 1900-04",
    ]


def test_report_sorts_different_codes_on_one_line() -> None:
    """Two codes on the same line sort by code instead of failing to compare the Code members."""
    report = Report()
    report.add("a.md", 3, Code.E141, "second")
    report.add("a.md", 3, Code.E140, "first")
    report.add("a.md", 1, Code.E152, "zero")
    report.add("a.md", 3, Code.E140, "first")
    assert [d.code for d in report.sorted()] == [Code.E152, Code.E140, Code.E141]
    pair = [Diagnostic("a.md", 3, Code.E141, "x"), Diagnostic("a.md", 3, Code.E140, "y")]
    assert sorted(pair)[0].code is Code.E140


def test_bad_manuscript_raises_input_error_with_every_diagnostic(tmp_path: Path) -> None:
    """load_checked raises InputError (not another exception) and its message counts the problems."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / BOOK).write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_checked(root)
    assert [str(d) for d in raised.value.diagnostics] == [
        "manuscript/book.yaml:1: E110 YAML syntax error: expected ',' or ']', but got '<stream end>' "
        "while parsing a flow sequence"
    ]
    assert str(raised.value) == "1 problem(s) in the manuscript"


def test_missing_book_yaml(tmp_path: Path) -> None:
    """A folder without manuscript/book.yaml reports it and stops."""
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as raised:
        load_checked(tmp_path / "empty")
    assert [str(d) for d in raised.value.diagnostics] == [
        "manuscript/book.yaml:1: E100 file 'manuscript/book.yaml' does not exist"
    ]


def test_book_yaml_with_only_comments(tmp_path: Path) -> None:
    """A book.yaml that holds only comments is reported, not a silent stop with no diagnostic."""
    assert diagnostics(tmp_path, Write(BOOK, "# title: to do\n")) == [
        "manuscript/book.yaml:1: E104 file is empty (it holds only comments)"
    ]
