"""YAML with source lines: parse safely into Scalar / Mapping / Sequence nodes that remember their line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

import yaml

from iwobook.diagnostics import Code, Report
from iwobook.load.files import FORBIDDEN_CHARACTERS


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar value: its Python value (str, int, float, bool or None), its raw text and its line.

    style is PyYAML's scalar style: None for plain, '"' or "'" for quoted, '|' or '>' for block scalars
    (whose text starts on the line after the indicator).
    """

    line: int
    value: object
    raw: str
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    """A mapping: (key, key line, value) entries in file order."""

    line: int
    entries: tuple[tuple[str, int, YNode], ...]


@dataclass(frozen=True, slots=True)
class Sequence:
    """A sequence of nodes."""

    line: int
    items: tuple[YNode, ...]


YNode: TypeAlias = Scalar | Mapping | Sequence

_TYPES = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
}


class _Loader(yaml.SafeLoader):
    """The safe loader without aliases: `*name` could make a cycle or an exponential tree of nodes."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose one node, refusing an alias."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not supported; write the value out again", event.start_mark
            )
        return super().compose_node(parent, index)


def _compose(text: str) -> yaml.Node | None:
    """Compose text with libyaml (fast); on an error or an alias, again with the Python loader, whose
    messages and alias refusal the diagnostics are written for."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            node = yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            node = None
        else:
            if node is None or not _has_alias(node):
                return node
    return yaml.compose(text, Loader=_Loader)


def _has_alias(root: yaml.Node) -> bool:
    """Return True when a node object appears twice in the tree (which is what an alias composes to)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return False


def _error_place(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """Return the 0-based line and the message of a YAML error.

    An error found at the end of the text (an unclosed quote or bracket) is reported where the unclosed
    construct starts, not after the last line.
    """
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    message = problem or context
    mark = error.problem_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if (mark is None or at_end) and error.context_mark is not None:
        mark = error.context_mark
        if at_end and context:
            message = f"{problem} {context}".strip()
    last_line = text.rstrip("\n").count("\n")
    return min(mark.line if mark else 0, last_line), message or "invalid YAML"


def parse_yaml(text: str, path: str, report: Report, first_line: int = 1) -> YNode | None:
    """Return the located tree of one YAML document, or None after reporting a syntax error."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        line, message = _error_place(error, text)
        report.add(path, line + first_line, Code.E110, f"YAML syntax error: {message}")
        report.fail(path, (path, line + first_line))
        return None
    except yaml.YAMLError as error:
        report.add(path, first_line, Code.E110, f"YAML syntax error: {error}")
        return None
    except RecursionError:
        report.add(path, first_line, Code.E110, "YAML syntax error: the data is nested too deeply")
        return None
    if node is None:
        return None
    try:
        return _convert(node, path, report, first_line - 1)
    except RecursionError:
        report.add(path, first_line, Code.E110, "YAML syntax error: the data is nested too deeply")
        return None


def _convert(node: yaml.Node, path: str, report: Report, offset: int) -> YNode:
    """Convert a composed PyYAML node into a located node; report duplicate keys."""
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        entries: list[tuple[str, int, YNode]] = []
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                shape = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                report.add(path, key_line, Code.E122, f"a key must be a word or text, not {shape}")
                continue
            key = str(key_node.value)
            key = _check_escapes(key, path, key_line, report)
            if key in seen:
                report.add(path, key_line, Code.E112, f"key '{key}' appears twice in the same mapping")
                continue
            seen.add(key)
            entries.append((key, key_line, _convert(value_node, path, report, offset)))
        return Mapping(line, tuple(entries))
    if isinstance(node, yaml.SequenceNode):
        return Sequence(line, tuple(_convert(item, path, report, offset) for item in node.value))
    assert isinstance(node, yaml.ScalarNode)
    raw = str(node.value)
    if node.style == '"':
        raw = _check_escapes(raw, path, line, report)
    kind = _TYPES.get(node.tag)
    value: object = raw
    if kind is int:
        value = int(raw.replace("_", ""), 0) if raw.lstrip("+-").isdigit() else raw
    elif kind is float:
        try:
            value = float(raw)
        except ValueError:
            value = raw
    elif kind is bool:
        value = raw.lower() in ("true", "yes", "on")
    elif kind is type(None):
        value = None
    return Scalar(line, value, raw, node.style)


def _check_escapes(text: str, path: str, line: int, report: Report) -> str:
    """Report a forbidden character (NUL, other controls, a lone surrogate) that a YAML escape such as "\\0" or
    "\\uD800" put into text; return text without such characters."""
    if not FORBIDDEN_CHARACTERS.search(text):
        return text
    found = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN_CHARACTERS.findall(text)})
    what = "a lone surrogate" if all(0xD800 <= int(c[2:], 16) <= 0xDFFF for c in found) else "a control character"
    report.add(path, line, Code.E102, f"an escape gives {what} ({', '.join(found)}), which is not allowed in a book")
    return FORBIDDEN_CHARACTERS.sub("", text)


def type_name(node: YNode) -> str:
    """Return a reader's word for the type of node."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    value = node.value
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "text"
