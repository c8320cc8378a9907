"""The style sheet and font table are checked like the manuscript: each bad sheet and its exact diagnostics."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwobook.build import build_outputs
from iwobook.check import load_checked
from iwobook.config import BUILTIN_ASSETS
from iwobook.diagnostics import InputError, Report
from iwobook.load.fontfile import font_problem
from iwobook.load.styles import PAGE_CHECKS, PAGE_KEYS, PAGE_LENGTHS, STYLE_CHECKS, STYLE_KEYS, check_stylesheet
from iwobook.writers.pdf.stylesheet import _STYLE_KEYS

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
SHEET = "assets/styles.yaml"
BUILTIN_SHEET = (BUILTIN_ASSETS / "styles.yaml").read_text(encoding="utf-8")


def line_of(text: str, sheet: str = BUILTIN_SHEET) -> int:
    """Return the 1-based line of the one occurrence of text in the built-in sheet."""
    assert sheet.count(text) == 1, text
    return sheet[: sheet.index(text)].count("\n") + 1


def project(tmp_path: Path, sheet: str | None = None) -> Path:
    """Return a copy of the mini fixture with its own style sheet (the built-in one unless given)."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    (root / "assets").mkdir(exist_ok=True)
    (root / SHEET).write_text(BUILTIN_SHEET if sheet is None else sheet, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """Return the diagnostics of root; a build must fail with the same ones and leave dist/ as it was."""
    try:
        load_checked(root)
    except InputError as error:
        found = [str(d) for d in error.diagnostics]
    else:
        return []
    dist = root.parent / "dist"
    dist.mkdir(exist_ok=True)
    (dist / "book.pdf").write_bytes(b"%PDF- previous")
    with pytest.raises(InputError) as failed:
        build_outputs(root, "pdf", None, dist, lambda _: None)
    assert [str(d) for d in failed.value.diagnostics] == found
    assert [p.name for p in dist.iterdir()] == ["book.pdf"]
    assert (dist / "book.pdf").read_bytes() == b"%PDF- previous"
    return found


def edited(*pairs: tuple[str, str]) -> str:
    """Return the built-in sheet with each (old, new) replacement made once."""
    text = BUILTIN_SHEET
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


BASE_SIZE_LEADING = "    size: 11.5\n    leading: 16\n"
BODY_PARENT = "  body:\n    parent: base\n"
H3_PARENT = "  heading3:\n    parent: heading2\n"


def test_the_builtin_sheet_and_fonts_are_clean(tmp_path: Path) -> None:
    """iwobook's own style sheet, copied into a project, has no problem."""
    assert problems(project(tmp_path)) == []


def test_the_checker_knows_every_key_the_writer_reads() -> None:
    """The checker's keys are the writer's; every key but parent has a type check."""
    assert set(STYLE_KEYS) == _STYLE_KEYS | {"parent"}
    assert set(STYLE_CHECKS) == set(STYLE_KEYS)
    assert "margin_inner" in PAGE_KEYS
    assert set(PAGE_CHECKS) == set(PAGE_KEYS)
    assert {"chapter_space", "notes"} <= set(PAGE_KEYS) - set(PAGE_LENGTHS)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    line = line_of("styles:\n  base:\n") + 1
    found = problems(project(tmp_path, edited(("styles:\n  base:\n", "styles:\n  base: [\n"))))
    assert len(found) == 1
    assert found == [f"{SHEET}:{line + 2}: E110 YAML syntax error: expected ',' or ']', but got ':'"]


def test_a_list_instead_of_a_mapping(tmp_path: Path) -> None:
    assert problems(project(tmp_path, "- fonts\n- styles\n")) == [
        f"{SHEET}:1: E122 the style sheet must be a mapping, not a list"
    ]


def test_a_style_that_is_a_list(tmp_path: Path) -> None:
    line = line_of("  folio:\n") + 1
    found = problems(project(tmp_path, edited(("  folio:\n    parent: running_head\n", "  folio:\n    - 1\n"))))
    assert found == [f"{SHEET}:{line}: E122 'style folio' must be a mapping, not a list"]


def test_parents_properties_types_ranges_and_cycles_all_in_one_run(tmp_path: Path) -> None:
    sheet = edited(
        (BODY_PARENT, "  body:\n    parent: no-such-style\n    colour: red\n    sise: 3\n"),
        (H3_PARENT, "  heading3:\n    parent: heading4\n  heading4:\n    parent: heading3\n"),
        (BASE_SIZE_LEADING, "    size: big\n    leading: 0\n    grey: 2\n    cjk_wrap: maybe\n"),
    )
    body = line_of(BODY_PARENT) + 1
    base = line_of(BASE_SIZE_LEADING)
    # the base style grew by two lines before body and heading3
    body, h3 = body + 2, line_of(H3_PARENT) + 1 + 2 + 2
    assert problems(project(tmp_path, sheet)) == [
        f"{SHEET}:{base}: E122 'size' of style 'base' must be a number, not text 'big'",
        f"{SHEET}:{base + 1}: E123 'leading' of style 'base' must be between 1 and 400 points, not 0",
        f"{SHEET}:{base + 2}: E123 'grey' of style 'base' must be between 0 and 1 (0 is black, 1 white), not 2",
        f"{SHEET}:{base + 3}: E122 'cjk_wrap' of style 'base' must be true or false, not text",
        f"{SHEET}:{body}: E131 style 'body' inherits from 'no-such-style', which is not a style",
        f"{SHEET}:{body + 1}: E120 unknown property 'colour' in style 'body'",
        f"{SHEET}:{body + 2}: E120 unknown property 'sise' in style 'body' (did you mean 'size'?)",
        f"{SHEET}:{h3}: E133 styles inherit from each other in a cycle: heading3 -> heading4 -> heading3",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    size: 11.5\n", "    size: 0\n", "E123 'size' of style 'base' must be between 1 and 200 points, not 0"),
        ("    size: 11.5\n", "    size: .nan\n", "E122 'size' of style 'base' must be a number, not text '.nan'"),
        ("    size: 11.5\n", "    size: [1]\n", "E122 'size' of style 'base' must be a single value, not a list"),
        (
            "  body:\n    parent: base\n    first_indent: 12\n",
            "  body:\n    parent: base\n    first_indent: 12pt\n",
            "E122 'first_indent' of style 'body' must be a length (points, or millimetres such as 12mm),"
            " not text '12pt'",
        ),
        (
            "    align: justify\n    hyphenate: true\n    space_after: 0\n",
            "    align: justfy\n    hyphenate: true\n    space_after: 0\n",
            "E123 'align' of style 'base' must be one of left, right, center, justify, not 'justfy'"
            " (did you mean 'justify'?)",
        ),
        (
            "  margin_top: 22mm\n",
            "  margin_top: -1mm\n",
            "E123 page 'margin_top' must be between 0 and 425 points (150 mm), not -1mm",
        ),
        (
            "  chapter_space: 0.4 ",
            "  chapter_space: 40% ",
            "E122 page 'chapter_space' must be a number, not text '40%'",
        ),
        (
            "  chapter_space: 0.4 ",
            "  chapter_space: 1.5 ",
            "E123 page 'chapter_space' must be between 0 and 1 (a share of the page: 0.4 is 40 %, 1 always"
            " overleaf), not 1.5",
        ),
        (
            "  notes: none ",
            "  notes: margin ",
            "E123 page 'notes' must be one of none, end, page, not 'margin'",
        ),
        (
            "  notes: none ",
            "  notes: [end] ",
            "E122 page 'notes' must be a single value, not a list",
        ),
        (
            "  notes: none ",
            "  title_page: sometimes\n  notes: none ",
            "E123 page 'title_page' must be one of auto, always, never, not 'sometimes'",
        ),
        (
            "  margin_top: 22mm\n",
            "  margin_topp: 22mm\n",
            "E120 unknown key 'margin_topp' in page (did you mean 'margin_top'?)|E121 page has no 'margin_top'",
        ),
        (
            "\nstyles:\n",
            "\nstyle:\n",
            "E121 the style sheet has no 'styles'|E120 unknown key 'style' in the style sheet (did you mean 'styles'?)",
        ),
        ("  booklet:  ", "  bookleet:  ", "E120 unknown edition 'bookleet' (did you mean 'booklet'?)"),
        (
            "      body:\n        first_indent: 0\n",
            "      bodyy:\n        first_indent: 0\n",
            "E120 edition 'large-print' overrides style 'bodyy', which 'styles' does not define (did you mean 'body'?)",
        ),
        (
            "  part_title:\n    parent: base\n    family: sans\n",
            "  part_title:\n    parent: base\n    family: snas\n",
            "E131 style 'part_title' uses font family 'snas', which the font table lacks (did you mean 'sans'?)",
        ),
        (
            "      - {regular: ipaexg.ttf}\n",
            "      - {regular: ipaexg.otf}\n",
            f"E100 font 'ipaexg.otf' does not exist (looked for {BUILTIN_ASSETS / 'fonts' / 'ipaexg.otf'})",
        ),
        (
            "      - {regular: ipaexg.ttf}\n",
            "      - {regular: /etc/passwd}\n",
            "E103 font '/etc/passwd' leads outside the project; put it in assets/fonts/",
        ),
        (
            "      - {regular: ipaexg.ttf}\n",
            "      - {regular: ../../../../../../../../etc/passwd}\n",
            "E103 font '../../../../../../../../etc/passwd' leads outside the project; put it in assets/fonts/",
        ),
        (
            "      - {regular: ipaexg.ttf}\n",
            "      - {regular: OFL-Noto.txt}\n",
            "E143 font 'OFL-Noto.txt' is not a TrueType or OpenType font",
        ),
        ("      - {regular: ipaexg.ttf}\n", "      - {regular: 12}\n", "E122 a font must be a file name, not a number"),
        (
            "      - {regular: ipaexg.ttf}\n",
            "      - {regular: ipaexg.ttf}\n    fallbacks: x.ttf\n",
            "E120 unknown key 'fallbacks' in font family 'sans' (did you mean 'fallback'?)",
        ),
    ],
)
def test_one_bad_value(tmp_path: Path, old: str, new: str, message: str) -> None:
    sheet = edited((old, new))
    found = problems(project(tmp_path, sheet))
    assert [f.split(": ", 1)[1] for f in found] == message.split("|")
    assert all(f.startswith(f"{SHEET}:") for f in found)


def test_a_missing_variant_and_a_missing_style(tmp_path: Path) -> None:
    sheet = edited(("    regular: NotoSans-Regular.ttf\n", ""), ("  folio:\n    parent: running_head\n", ""))
    styles = line_of("\nstyles:\n") + 1
    assert problems(project(tmp_path, sheet)) == [
        f"{SHEET}:{line_of('  sans:')}: E121 font family 'sans' has no 'regular' font",
        f"{SHEET}:{styles}: E121 the style sheet has no style 'folio' (the PDF writer uses it)",
    ]


def test_margins_that_leave_no_text_block(tmp_path: Path) -> None:
    sheet = edited(("      margin_inner: 17mm\n", "      margin_inner: 130mm\n"))
    assert problems(project(tmp_path, sheet)) == [
        f"{SHEET}:1: E123 the booklet page margins leave a text block of 5 × 178 mm on A5; keep it at least 30 × 40 mm"
    ]


def test_a_style_sheet_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "system.yaml"
    outside.write_text("secret: 1\n", encoding="utf-8")
    root = project(tmp_path)
    (root / SHEET).unlink()
    (root / SHEET).symlink_to(outside)
    assert problems(root) == [f"{SHEET}:1: E103 the style sheet leads through a symbolic link outside the project"]


def test_a_font_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    root = project(tmp_path)
    fonts = root / "assets" / "fonts"
    shutil.copytree(BUILTIN_ASSETS / "fonts", fonts)
    (fonts / "ipaexg.ttf").unlink()
    shutil.copy(BUILTIN_ASSETS / "fonts" / "ipaexg.ttf", tmp_path / "elsewhere.ttf")
    (fonts / "ipaexg.ttf").symlink_to(tmp_path / "elsewhere.ttf")
    line = line_of("      - {regular: ipaexg.ttf}\n")
    assert problems(root) == [
        f"{SHEET}:{line}: E103 font 'ipaexg.ttf' leads outside the project; put it in assets/fonts/"
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "is not a TrueType or OpenType font (it is too short)"),
        (
            b"OTTO" + bytes(60),
            "has PostScript (CFF) outlines, which the PDF writer cannot embed; use a TrueType-flavoured .ttf",
        ),
        (b"ttcf" + bytes(60), "is a font collection (.ttc); give one font of it as a .ttf file"),
        (b"wOFF" + bytes(60), "is a web font (WOFF); convert it to a .ttf file"),
        (b"\x00\x01\x00\x00\x00\x05" + bytes(6), "is damaged: its table directory is cut short"),
        (b"root:x:0:0:root:/root:/bin/bash\n", "is not a TrueType or OpenType font"),
    ],
)
def test_font_problems(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "f.ttf"
    path.write_bytes(data)
    assert font_problem(path) == problem


def test_a_truncated_font_and_one_without_glyphs(tmp_path: Path) -> None:
    data = (BUILTIN_ASSETS / "fonts" / "NotoSans-Regular.ttf").read_bytes()
    cut = tmp_path / "cut.ttf"
    cut.write_bytes(data[: len(data) // 2])
    assert (font_problem(cut) or "").startswith("is damaged: its '")
    renamed = tmp_path / "renamed.ttf"
    renamed.write_bytes(data.replace(b"glyf", b"gly_", 1))
    assert font_problem(renamed) == "lacks tables a PDF needs (glyf)"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(sorted(STYLE_CHECKS)),
    value=st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.booleans(), st.none()),
)
def test_random_style_values_never_crash_the_checker(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: object
) -> None:
    """Any value for any property gives diagnostics or none, never an exception."""
    import json

    root = tmp_path_factory.mktemp("sheet")
    (root / "assets").mkdir()
    sheet = edited(
        (
            "  folio:\n    parent: running_head\n",
            f"  folio:\n    parent: running_head\n    {key}: {json.dumps(value)}\n",
        )
    )
    (root / SHEET).write_text(sheet, encoding="utf-8")
    report = Report()
    check_stylesheet(root, report)
    assert all(str(d).startswith(f"{SHEET}:") for d in report.sorted())
