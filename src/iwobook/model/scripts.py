"""Writing systems: which languages and characters run right to left, and which text needs shaping."""

from __future__ import annotations

import re
from unicodedata import bidirectional

# scripts whose letters join or reorder (so HarfBuzz must shape them): Hebrew, Arabic, Syriac, Thaana, NKo,
# Samaritan, Mandaic, the Indic scripts, Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian, and the
# Hebrew and Arabic presentation forms
_SHAPED = (
    "\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u18af"
    "\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
)
# characters of the right-to-left scripts (bidi class R or AL lives in these blocks)
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
_SHAPED_CHAR = re.compile(f"[{_SHAPED}]")
_RTL_CHAR = re.compile(f"[{_RTL}]")

# languages written right to left unless a script subtag says otherwise (BCP 47 primary subtags)
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "ps", "sd", "syr", "ug", "ur", "yi"}
)
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa"})


def needs_shaping(text: str) -> bool:
    """Return True when text holds a character of a joined or right-to-left script."""
    return _SHAPED_CHAR.search(text) is not None


def has_rtl(text: str) -> bool:
    """Return True when text holds a character of a right-to-left script."""
    return _RTL_CHAR.search(text) is not None


def is_rtl_language(tag: str) -> bool:
    """Return True when a BCP 47 tag names a language written right to left (a script subtag decides first)."""
    parts = tag.lower().replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part in RTL_SCRIPTS
    return parts[0] in RTL_LANGUAGES


def is_rtl_only(text: str) -> bool:
    """Return True when text has right-to-left letters and no left-to-right ones (a paragraph wholly in, say,
    Arabic, which reads from the right whatever the book's direction, as HTML's dir="auto" has it)."""
    if not has_rtl(text):
        return False
    return not any(bidirectional(char) == "L" for char in text)
