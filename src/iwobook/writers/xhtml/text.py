"""Plain text as nodes in the book's language: Japanese-script runs tagged as such, and the primary subtag of a
language tag."""

from __future__ import annotations

from iwobook.model import script_runs
from iwobook.writers.xhtml.markup import Node, h, make_lang_attrs

JAPANESE = "ja"


def get_primary_language(lang: str) -> str:
    """Return the primary subtag of a BCP 47 tag, lower case ('en-GB' -> 'en')."""
    return lang.split("-")[0].lower()


def render_text(text: str, lang: str) -> list[Node]:
    """Return text as nodes, wrapping Japanese-script runs in a ja span unless lang is already Japanese."""
    if get_primary_language(lang) == JAPANESE:
        return [text]
    return [h("span", make_lang_attrs(JAPANESE), run) if cjk else run for run, cjk in script_runs(text)]
