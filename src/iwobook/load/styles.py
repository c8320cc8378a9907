"""The style sheet (assets/styles.yaml) checked like the manuscript: keys, types, ranges, parents, fonts."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

from iwobook.config import BUILTIN_ASSETS, MM, Edition, Paper
from iwobook.diagnostics import Code, Report, suggest
from iwobook.load.files import read_text, relative_name
from iwobook.load.fontfile import font_problem
from iwobook.load.yamltree import Mapping, Scalar, YNode, parse_yaml, type_name
from iwobook.writers.pdf.stylesheet import Geometry, StyleSpec

STYLES_FILE = "assets/styles.yaml"
_LENGTH = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*(mm)?\s*$")
_TOP_KEYS = ("fonts", "page", "styles", "editions")
_EDITION_KEYS = ("page", "styles")
# The files of one font family. A new kind of entry (such as per-script fallbacks) is added here; every text
# value under a family, in lists and mappings too, is checked as a font file.
FONT_KEYS = ("regular", "bold", "italic", "bolditalic", "cjk", "fallback")
REQUIRED_FONT_KEYS = ("regular",)
# The smallest text block a page may leave, in points (wide and high).
MIN_TEXT_BLOCK = (30 * MM, 40 * MM)

# A check returns None, or the code and the words that follow "'key' of style 'name' ..." in its diagnostic.
Check = Callable[[Scalar], tuple[Code, str] | None]


def _number(value: object) -> float | None:
    """Return value as a finite float when it is a YAML number (not true/false), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def length_points(node: Scalar) -> float | None:
    """Return a length (points, or text ending in mm) in points, or None when it is not a length."""
    number = _number(node.value)
    if number is not None:
        return number
    if isinstance(node.value, str) and _LENGTH.match(node.value):
        text = node.value.strip()
        return float(text[:-2]) * MM if text.endswith("mm") else float(text)
    return None


def _number_of(node: Scalar) -> float | None:
    """Return the YAML number of node, or None."""
    return _number(node.value)


def _in_range(low: float, high: float, lengths: bool, note: str = "") -> Check:
    """Return a check that the value is a number (or a length) between low and high points."""
    measure = length_points if lengths else _number_of
    kind = "a length (points, or millimetres such as 12mm)" if lengths else "a number"

    def check(node: Scalar) -> tuple[Code, str] | None:
        value = measure(node)
        if value is None:
            return Code.E122, f"must be {kind}, not {type_name(node)}" + (f" '{node.raw}'" if node.raw else "")
        if not low <= value <= high:
            return Code.E123, f"must be between {low:g} and {high:g}{note}, not {node.raw}"
        return None

    return check


def _choice(*options: str) -> Check:
    """Return a check that the value is one of options."""

    def check(node: Scalar) -> tuple[Code, str] | None:
        if isinstance(node.value, str) and node.value in options:
            return None
        return Code.E123, f"must be one of {', '.join(options)}, not '{node.raw}'{suggest(node.raw, options)}"

    return check


def _flag(node: Scalar) -> tuple[Code, str] | None:
    """Check a true/false value."""
    return None if isinstance(node.value, bool) else (Code.E122, f"must be true or false, not {type_name(node)}")


def _name(node: Scalar) -> tuple[Code, str] | None:
    """Check a style or family name (checked against the others later)."""
    if isinstance(node.value, str) and node.value:
        return None
    return Code.E122, f"must be a name, not {type_name(node)}"


STYLE_CHECKS: dict[str, Check] = {
    "parent": _name,
    "family": _name,
    "weight": _choice("regular", "bold"),
    "style": _choice("regular", "italic"),
    "size": _in_range(1, 200, False, " points"),
    "leading": _in_range(1, 400, False, " points"),
    "align": _choice("left", "right", "center", "justify"),
    "hyphenate": _flag,
    "space_before": _in_range(0, 500, True, " points"),
    "space_after": _in_range(0, 500, True, " points"),
    "first_indent": _in_range(-300, 300, True, " points"),
    "left_indent": _in_range(0, 300, True, " points"),
    "right_indent": _in_range(0, 300, True, " points"),
    "grey": _in_range(0, 1, False, " (0 is black, 1 white)"),
    "cjk_wrap": _flag,
}
# Every field of a resolved style is a key of the sheet (the writer's StyleSpec is the one list of them).
STYLE_KEYS = ("parent", *(f.name for f in fields(StyleSpec) if f.name != "name"))
PAGE_KEYS = tuple(f.name for f in fields(Geometry) if f.name not in ("width", "height"))
# the page lengths every sheet gives (the geometry's fields without a default); the other keys are optional
PAGE_LENGTHS = tuple(f.name for f in fields(Geometry) if f.name in PAGE_KEYS and f.default is MISSING)
_PAGE_LENGTH = _in_range(0, 425, True, " points (150 mm)")
PAGE_CHECKS: dict[str, Check] = {
    **{key: _PAGE_LENGTH for key in PAGE_LENGTHS},
    "chapter_space": _in_range(0, 1, False, " (a share of the page: 0.4 is 40 %, 1 always overleaf)"),
    "notes": _choice("none", "end", "page"),
    "save_blank_pages": _flag,
    "title_page": _choice("auto", "always", "never"),
}


@dataclass(frozen=True)
class _Style:
    """One style's located properties in one edition's view of the sheet."""

    line: int
    props: dict[str, tuple[int, Scalar]]


class StyleSheetChecker:
    """Check one style sheet file, adding every problem to the report."""

    def __init__(self, root: Path, report: Report) -> None:
        self.root = root.resolve()
        self.report = report
        own = self.root / STYLES_FILE
        self.path = own if own.exists() or own.is_symlink() else BUILTIN_ASSETS / "styles.yaml"
        self.name = relative_name(self.path, self.root)
        own_fonts = self.root / "assets" / "fonts"
        self.fonts_dir = own_fonts if own_fonts.exists() or own_fonts.is_symlink() else BUILTIN_ASSETS / "fonts"
        self.families: set[str] = set()

    def add(self, line: int, code: Code, message: str) -> None:
        """Report one problem in the style sheet."""
        self.report.add(self.name, line, code, message)

    def check(self) -> None:
        """Check the whole style sheet."""
        resolved = self.path.resolve()
        if not self._allowed(resolved):
            self.add(1, Code.E103, "the style sheet leads through a symbolic link outside the project")
            return
        text = read_text(resolved, self.root, self.report, (self.name, 1))
        if text is None:
            return
        node = parse_yaml(text, self.name, self.report)
        if node is None:
            return
        if not isinstance(node, Mapping):
            self.add(node.line, Code.E122, f"the style sheet must be a mapping, not {type_name(node)}")
            return
        top = self._entries(node, _TOP_KEYS, "the style sheet")
        for key in ("fonts", "page", "styles"):
            if key not in top:
                self.add(node.line, Code.E121, f"the style sheet has no '{key}'")
        self._fonts(top.get("fonts"))
        page = self._page(top.get("page"), required=True)
        base = self._styles(top.get("styles"), "styles")
        if "styles" in top:
            self._required_styles(base, top["styles"])
        views = {Edition.STANDARD.value: (base, page), **self._editions(top.get("editions"), base, page)}
        for edition, (styles, geometry) in views.items():
            self._inheritance(styles)
            self._text_block(edition, geometry)

    def _editions(
        self, node: YNode | None, base: dict[str, _Style], page: dict[str, float]
    ) -> dict[str, tuple[dict[str, _Style], dict[str, float]]]:
        """Return each edition's view of the sheet (its styles and page merged over the base); report problems."""
        views: dict[str, tuple[dict[str, _Style], dict[str, float]]] = {}
        names = [e.value for e in Edition if e is not Edition.STANDARD]
        for edition, line, value in self._mapping_entries(node, "editions") if node is not None else ():
            if edition not in names:
                self.add(line, Code.E120, f"unknown edition '{edition}'{suggest(edition, names)}")
                continue
            parts: dict[str, YNode] = {}
            if self._is_mapping(value, edition) and isinstance(value, Mapping):
                parts = self._entries(value, _EDITION_KEYS, f"edition '{edition}'")
            overrides = self._styles(parts.get("styles"), f"edition '{edition}' styles")
            for name, style in overrides.items():
                if base and name not in base:
                    hint = suggest(name, base)
                    message = f"edition '{edition}' overrides style '{name}', which 'styles' does not define{hint}"
                    self.add(style.line, Code.E120, message)
            merged = {n: _Style(s.line, {**s.props, **getattr(overrides.get(n), "props", {})}) for n, s in base.items()}
            views[edition] = (merged, {**page, **self._page(parts.get("page"), required=False)})
        return views

    def _allowed(self, path: Path) -> bool:
        """Return True when a resolved path lies in the project or in iwobook's own assets."""
        return path.is_relative_to(self.root) or path.is_relative_to(BUILTIN_ASSETS.resolve())

    def _is_mapping(self, node: YNode, what: str) -> bool:
        """Return True when node is a mapping; report it otherwise."""
        if isinstance(node, Mapping):
            return True
        self.add(node.line, Code.E122, f"'{what}' must be a mapping, not {type_name(node)}")
        return False

    def _mapping_entries(self, node: YNode, what: str) -> list[tuple[str, int, YNode]]:
        """Return the entries of a mapping node, reporting anything else."""
        return list(node.entries) if self._is_mapping(node, what.strip("'")) and isinstance(node, Mapping) else []

    def _entries(self, node: Mapping, known: tuple[str, ...], what: str) -> dict[str, YNode]:
        """Return the entries of node whose keys are known; report the others with a suggestion."""
        out: dict[str, YNode] = {}
        for key, line, value in node.entries:
            if key in known:
                out[key] = value
            else:
                self.add(line, Code.E120, f"unknown key '{key}' in {what}{suggest(key, known)}")
        return out

    def _fonts(self, node: YNode | None) -> None:
        """Check the font table: each family names every variant, each a font file iwobook can embed."""
        if node is None:
            return
        for family, line, value in self._mapping_entries(node, "fonts"):
            self.families.add(family)
            if not self._is_mapping(value, f"fonts: {family}") or not isinstance(value, Mapping):
                continue
            files = self._entries(value, FONT_KEYS, f"font family '{family}'")
            for key in REQUIRED_FONT_KEYS:
                if key not in files:
                    self.add(line, Code.E121, f"font family '{family}' has no '{key}' font")
            for item in files.values():
                self._font_files(item)

    def _font_files(self, node: YNode) -> None:
        """Check every font file named in node (text, or lists and mappings of them)."""
        if isinstance(node, Mapping):
            for _key, _line, value in node.entries:
                self._font_files(value)
        elif not isinstance(node, Scalar):
            for item in node.items:
                self._font_files(item)
        elif not isinstance(node.value, str) or not node.value.strip():
            self.add(node.line, Code.E122, f"a font must be a file name, not {type_name(node)}")
        else:
            self._font_file(node.value.strip(), node.line)

    def _font_file(self, name: str, line: int) -> None:
        """Check one font file, named relative to the fonts folder."""
        candidate = self.fonts_dir / name
        resolved = candidate.resolve()
        if not self._allowed(resolved):
            self.add(line, Code.E103, f"font '{name}' leads outside the project; put it in assets/fonts/")
        elif not resolved.is_file():
            where = relative_name(candidate, self.root)
            self.add(line, Code.E100, f"font '{name}' does not exist (looked for {where})")
        elif problem := font_problem(resolved):
            self.add(line, Code.E143, f"font '{name}' {problem}")

    def _page(self, node: YNode | None, required: bool) -> dict[str, float]:
        """Return the valid page lengths of node in points; report unknown, missing and bad ones."""
        out: dict[str, float] = {}
        if node is None or not self._is_mapping(node, "page") or not isinstance(node, Mapping):
            return out
        for key, value in self._entries(node, PAGE_KEYS, "page").items():
            problem = (
                PAGE_CHECKS[key](value)
                if isinstance(value, Scalar)
                else (Code.E122, f"must be a single value, not {type_name(value)}")
            )
            if problem:
                self.add(value.line, problem[0], f"page '{key}' {problem[1]}")
            elif isinstance(value, Scalar) and key in PAGE_LENGTHS:
                out[key] = length_points(value) or 0.0
        present = {key for key, _line, _value in node.entries}
        for key in PAGE_LENGTHS if required else ():
            if key not in present:
                self.add(node.line, Code.E121, f"page has no '{key}'")
        return out

    def _styles(self, node: YNode | None, what: str) -> dict[str, _Style]:
        """Return the styles of a 'styles' mapping with their valid properties; report the bad ones."""
        out: dict[str, _Style] = {}
        for name, line, value in self._mapping_entries(node, what) if node is not None else ():
            if not self._is_mapping(value, f"style {name}") or not isinstance(value, Mapping):
                out[name] = _Style(line, {})
                continue
            props: dict[str, tuple[int, Scalar]] = {}
            for key, key_line, prop in value.entries:
                check = STYLE_CHECKS.get(key)
                problem: tuple[Code, str] | None = None
                if key not in STYLE_KEYS:
                    hint = suggest(key, STYLE_KEYS)
                    self.add(key_line, Code.E120, f"unknown property '{key}' in style '{name}'{hint}")
                    continue
                if not isinstance(prop, Scalar):
                    problem = Code.E122, f"must be a single value, not {type_name(prop)}"
                elif check:
                    problem = check(prop)
                if problem:
                    self.add(prop.line, problem[0], f"'{key}' of style '{name}' {problem[1]}")
                elif isinstance(prop, Scalar):
                    props[key] = (key_line, prop)
            out[name] = _Style(line, props)
        return out

    def _required_styles(self, styles: dict[str, _Style], node: YNode) -> None:
        """Report the styles the writers use (those of iwobook's own sheet) that this sheet lacks."""
        if self.path.resolve() == (BUILTIN_ASSETS / "styles.yaml").resolve():
            return
        for name in builtin_style_names():
            if name not in styles:
                self.add(node.line, Code.E121, f"the style sheet has no style '{name}' (the PDF writer uses it)")

    def _inheritance(self, styles: dict[str, _Style]) -> None:
        """Report unknown parents, families the font table lacks, and inheritance cycles."""
        for name, style in styles.items():
            if "parent" in style.props:
                parent_node = style.props["parent"][1]
                if str(parent_node.value) not in styles:
                    hint = suggest(str(parent_node.value), styles)
                    message = f"style '{name}' inherits from '{parent_node.value}', which is not a style{hint}"
                    self.add(parent_node.line, Code.E131, message)
            if "family" in style.props and self.families:
                family = style.props["family"][1]
                if str(family.value) not in self.families:
                    hint = suggest(str(family.value), self.families)
                    self.add(
                        family.line,
                        Code.E131,
                        f"style '{name}' uses font family '{family.value}', which the font table lacks{hint}",
                    )
        for name in styles:
            chain = [name]
            while "parent" in styles[chain[-1]].props:
                parent = str(styles[chain[-1]].props["parent"][1].value)
                if parent not in styles:
                    break
                if parent in chain:
                    cycle = chain[chain.index(parent) :]
                    if name == min(cycle):
                        line = styles[name].props["parent"][1].line
                        loop = " -> ".join([*cycle, parent])
                        self.add(line, Code.E133, f"styles inherit from each other in a cycle: {loop}")
                    break
                chain.append(parent)

    def _text_block(self, edition: str, page: dict[str, float]) -> None:
        """Report margins that leave too small a text block on any paper the edition is built on."""
        if len(page) < len(PAGE_LENGTHS):
            return
        papers = (Paper.A5, Paper.HALF_LETTER) if edition == Edition.BOOKLET.value else (Paper.A4, Paper.LETTER)
        for paper in papers:
            width, height = paper.size
            text_width = width - page["margin_inner"] - page["margin_outer"]
            text_height = height - page["margin_top"] - page["margin_bottom"]
            if text_width < MIN_TEXT_BLOCK[0] or text_height < MIN_TEXT_BLOCK[1]:
                self.add(
                    1,
                    Code.E123,
                    f"the {edition} page margins leave a text block of {text_width / MM:.0f} × "
                    f"{text_height / MM:.0f} mm"
                    f" on {paper.name.replace('_', '-')}; keep it at least 30 × 40 mm",
                )
                return


def builtin_style_names() -> list[str]:
    """Return the names of the styles in iwobook's own style sheet (those the writers use)."""
    report = Report()
    path = BUILTIN_ASSETS / "styles.yaml"
    node = parse_yaml(path.read_text(encoding="utf-8"), "styles.yaml", report)
    if isinstance(node, Mapping):
        for key, _line, value in node.entries:
            if key == "styles" and isinstance(value, Mapping):
                return [name for name, _l, _v in value.entries]
    return []


def check_stylesheet(root: Path, report: Report) -> None:
    """Check the style sheet and font table a build of root would use; add every problem to report."""
    StyleSheetChecker(root, report).check()
