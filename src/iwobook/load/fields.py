"""Typed field access on located YAML mappings, reporting missing, unknown and wrongly typed fields."""

from __future__ import annotations

import re
from collections.abc import Iterable

from iwobook.diagnostics import Code, Report, suggest
from iwobook.load.yamltree import Mapping, Scalar, Sequence, YNode, type_name

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TITLE_LIMIT = 200
LANG_PATTERN = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def text_line(node: Scalar) -> int:
    """Return the file line where the (stripped) text of node starts.

    A block scalar (`|` or `>`) starts on the line after its indicator; blank lines that lead its text
    are stripped from the text, so they are skipped here too.
    """
    if node.style in ("|", ">"):
        leading = node.raw[: len(node.raw) - len(node.raw.lstrip())]
        return node.line + 1 + leading.count("\n")
    return node.line


class Fields:
    """A reader over one mapping: ask for fields by name and type; finish() reports the unknown ones."""

    def __init__(self, node: Mapping, path: str, report: Report, what: str) -> None:
        self.node = node
        self.path = path
        self.report = report
        self.what = what
        self.entries = {key: (line, value) for key, line, value in node.entries}
        self.asked: set[str] = set()

    def line_of(self, name: str) -> int:
        """Return the line of field name (or of the mapping when it is absent)."""
        entry = self.entries.get(name)
        if entry is None:
            return self.node.line
        return entry[1].line if isinstance(entry[1], Scalar) else entry[0]

    def _get(self, name: str, required: bool) -> YNode | None:
        """Return the node of field name; report it when required and absent or empty."""
        self.asked.add(name)
        entry = self.entries.get(name)
        if entry is None or (isinstance(entry[1], Scalar) and entry[1].value is None):
            if required:
                self.report.add(self.path, self.node.line, Code.E121, f"{self.what} has no '{name}'")
            return None
        return entry[1]

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        """Return field name as text (numbers and dates are taken as written)."""
        node = self._get(name, required)
        if node is None:
            return default
        if isinstance(node, Scalar) and not isinstance(node.value, bool):
            value = node.raw.strip()
            if required and not value:
                self.report.add(self.path, node.line, Code.E121, f"{self.what} has an empty '{name}'")
            return value
        self._wrong(name, node, "text")
        return default

    def title(self, name: str = "title", required: bool = True, limit: int = TITLE_LIMIT) -> str:
        """Return field name as a one-line title of at most limit characters."""
        value = " ".join(self.text(name, required).split())
        if len(value) > limit:
            self.report.add(
                self.path,
                self.line_of(name),
                Code.E123,
                f"'{name}' is {len(value)} characters long; keep titles under {limit}"
                " so they fit a page and the contents",
            )
        return value

    def text_at(self, name: str, required: bool = True) -> tuple[str, int]:
        """Return field name as text with the file line where that text starts (for Markdown fields)."""
        value = self.text(name, required)
        entry = self.entries.get(name)
        if entry is not None and isinstance(entry[1], Scalar):
            return value, text_line(entry[1])
        return value, self.line_of(name)

    def flag(self, name: str, required: bool = True) -> bool:
        """Return field name as true/false."""
        node = self._get(name, required)
        if node is None:
            return False
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        self._wrong(name, node, "true or false")
        return False

    def texts(self, name: str, required: bool = False) -> list[tuple[str, int]]:
        """Return field name as a list of (text, line); a single text is not accepted."""
        node = self._get(name, required)
        if node is None:
            return []
        if not isinstance(node, Sequence):
            self._wrong(name, node, "a list")
            return []
        out: list[tuple[str, int]] = []
        for item in node.items:
            if isinstance(item, Scalar) and item.value is not None and not isinstance(item.value, bool):
                out.append((item.raw.strip(), text_line(item)))
            else:
                self.report.add(
                    self.path, item.line, Code.E122, f"items of '{name}' must be text, not {type_name(item)}"
                )
        return out

    def points(self, name: str, required: bool = False, least: int = 1) -> tuple[tuple[float, float], ...]:
        """Return field name as a list of [x, y] points with 0 <= x, y <= 100 (or a single [x, y] when least is 0)."""
        node = self._get(name, required)
        if node is None:
            return ()
        items = (node,) if least == 0 else (node.items if isinstance(node, Sequence) else ())
        out: list[tuple[float, float]] = []
        for item in items:
            pair = item.items if isinstance(item, Sequence) else ()
            values = [p.value for p in pair if isinstance(p, Scalar)]
            if len(values) != 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
                self._wrong(name, item, "[x, y] numbers" if least == 0 else "a list of [x, y] numbers")
                return ()
            x, y = (float(v) for v in values)  # type: ignore[arg-type]
            if not (0 <= x <= 100 and 0 <= y <= 100):
                self.report.add(self.path, item.line, Code.E123, f"point [{x:g}, {y:g}] must lie between 0 and 100")
                return ()
            out.append((x, y))
        if least and len(out) < least:
            self.report.add(self.path, self.line_of(name), Code.E123, f"'{name}' needs at least {least} points")
            return ()
        return tuple(out)

    def sequence(self, name: str, required: bool = False) -> Sequence | None:
        """Return field name as a list node."""
        node = self._get(name, required)
        if node is None:
            return None
        if not isinstance(node, Sequence):
            self._wrong(name, node, "a list")
            return None
        return node

    def mapping(self, name: str, required: bool = False) -> Mapping | None:
        """Return field name as a mapping node."""
        node = self._get(name, required)
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self._wrong(name, node, "a mapping")
            return None
        return node

    def ident(self, name: str = "id", required: bool = True, default: str = "") -> str:
        """Return field name as an id (lower case letters, digits and hyphens)."""
        value = self.text(name, required, default)
        if value and not ID_PATTERN.match(value):
            self.report.add(
                self.path,
                self.line_of(name),
                Code.E123,
                f"id '{value}' must use lower case letters, digits and hyphens",
            )
        return value

    def choice(self, name: str, choices: Iterable[str], required: bool = True, default: str = "") -> str:
        """Return field name when it is one of choices; report it otherwise."""
        options = list(choices)
        value = self.text(name, required, default)
        if value and value not in options:
            self.report.add(
                self.path,
                self.line_of(name),
                Code.E123,
                f"'{name}' must be one of {', '.join(options)}, not '{value}'{suggest(value, options)}",
            )
            return default
        return value

    def lang(self, name: str = "lang", required: bool = True) -> str:
        """Return field name as a BCP 47 language tag."""
        value = self.text(name, required)
        if value and not LANG_PATTERN.match(value):
            self.report.add(self.path, self.line_of(name), Code.E123, f"'{value}' is not a BCP 47 language tag")
        return value

    def _wrong(self, name: str, node: YNode, expected: str) -> None:
        """Report that field name holds the wrong type."""
        self.report.add(self.path, node.line, Code.E122, f"'{name}' must be {expected}, not {type_name(node)}")

    def finish(self) -> None:
        """Report every field that was never asked for."""
        known = sorted(self.asked)
        for key, (line, _value) in self.entries.items():
            if key not in self.asked:
                self.report.add(
                    self.path, line, Code.E120, f"unknown field '{key}' in {self.what}{suggest(key, known)}"
                )


def mappings(node: YNode | None, path: str, report: Report, what: str) -> list[Mapping]:
    """Return the mapping items of a top-level list, reporting anything else."""
    if node is None:
        return []
    if not isinstance(node, Sequence):
        report.add(path, node.line, Code.E122, f"the file must be a list of {what} entries, not {type_name(node)}")
        return []
    out: list[Mapping] = []
    for item in node.items:
        if isinstance(item, Mapping):
            out.append(item)
        else:
            report.add(path, item.line, Code.E122, f"each {what} entry must be a mapping, not {type_name(item)}")
    return out
