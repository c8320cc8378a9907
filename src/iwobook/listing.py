"""Diagnostics as a listing for people, editors or CI: compiler-style text, JSON objects, or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from iwobook.diagnostics import Diagnostic

LISTING_FORMATS = ("text", "json", "github")


def severity_of(diagnostic: Diagnostic) -> str:
    """Return the severity of a diagnostic for editors and CI: 'error', as every one stops the build."""
    return "error"


def escape_github(text: str, in_property: bool) -> str:
    """Return text escaped for a GitHub workflow command (its data, or a property value when in_property)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def format_listing(diagnostics: Sequence[Diagnostic], listing: str) -> str:
    """Return diagnostics in a listing format ('text', 'json' or 'github'), one item a line for text and github
    (an empty string when there are none), a JSON array for json."""
    if listing == "json":
        rows = [
            {
                "file": d.path,
                "line": d.line,
                "column": None,
                "code": d.code.name,
                "severity": severity_of(d),
                "message": d.message,
            }
            for d in diagnostics
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if listing == "github":
        lines = [
            f"::{severity_of(d)} file={escape_github(d.path, True)},line={d.line},"
            f"title={d.code.name}::{escape_github(d.message, False)}"
            for d in diagnostics
        ]
    else:
        lines = [str(d) for d in diagnostics]
    return "".join(f"{line}\n" for line in lines)
