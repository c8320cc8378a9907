"""The reference documents describe every field the loader reads and every key of the style sheet."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from iwobook.load import styles
from iwobook.load.fields import Fields

ROOT = Path(__file__).resolve().parent.parent
LOADER = ROOT / "src" / "iwobook" / "load"
# the methods of load.fields.Fields that read a field by name (their first parameter is the field's name)
FIELD_READERS = frozenset(
    name
    for name, method in vars(Fields).items()
    if inspect.isfunction(method) and list(inspect.signature(method).parameters)[1:2] == ["name"]
)


def read_fields() -> dict[str, set[str]]:
    """Return every field name the manuscript loader asks for, with the loader modules that ask."""
    names: dict[str, set[str]] = {}
    for module in sorted(LOADER.glob("*.py")):
        if module.name == "styles.py":  # the style sheet has its own reference
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in FIELD_READERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.setdefault(node.args[0].value, set()).add(module.name)
    return names


def is_described(name: str, text: str) -> bool:
    """Return True when text names the key in code (`name`) or writes it as a YAML key in an example."""
    return (
        f"`{name}`" in text
        or re.search(rf"^[ \t-]*{re.escape(name)}:", text, re.M) is not None
        or re.search(rf"[{{,]\s*{re.escape(name)}:", text) is not None
    )


def test_every_manuscript_field_is_in_the_manuscript_reference() -> None:
    docs = "\n".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("manuscript.md", "teacher.md"))
    names = read_fields()
    assert {"text", "ident", "mapping"} <= FIELD_READERS and len(names) > 40  # the readers still find the fields
    missing = {name: sorted(modules) for name, modules in names.items() if not is_described(name, docs)}
    assert not missing


def test_every_style_sheet_key_is_in_the_style_reference() -> None:
    text = (ROOT / "docs" / "styles.md").read_text(encoding="utf-8")
    keys = {*styles.STYLE_KEYS, *styles.PAGE_KEYS, *styles.FONT_KEYS, "fonts", "page", "styles", "editions"}
    assert not [key for key in sorted(keys) if not is_described(key, text)]
