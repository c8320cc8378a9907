"""Right-to-left and joined scripts on broken lines: bidi levels (python-bidi), runs reordered, HarfBuzz shaping.

reportlab breaks a paragraph's lines in logical order. For a paragraph that holds right-to-left or joined
text, `reorder_line` then splits each line's fragments where the Unicode bidi level changes, reverses them
by rule L2 of UAX #9, and shapes each run drawn in a `ShapingFont` with HarfBuzz (through reportlab's own
`shapeFragWord`, whose glyph strings its text objects draw with their offsets). Right-to-left runs in other fonts
are reversed with their mirrored characters. Latin text is never shaped: only paragraphs that need it pass
through here, and in them only runs in shaping fonts.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from typing import Any

import uharfbuzz
from bidi import algorithm as uba
from bidi.mirror import MIRRORED
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeFragWord

from iwobook.model.scripts import needs_shaping

# OpenType features beyond a script's required ones, for measuring and drawing alike (reportlab's own default
# adds discretionary ligatures, which turn Hebrew yod-yod into the Yiddish digraph)
FEATURES = {"kern": True, "liga": True}
OBJECT = "\ufffc"  # stands for an inline image or other non-text fragment in the bidi algorithm
_SIMPLE_CLUSTER = 0x7FFFFFFF  # reportlab's cluster number for characters added to a shaped string unshaped


class ShapingFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose text in joined or right-to-left scripts is measured as HarfBuzz shapes it."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        """Return the width of text at size: shaped strings by their advances, complex text as HarfBuzz shapes it."""
        if isinstance(text, ShapedStr):
            return self._shaped_str_width(text, size)
        if not needs_shaping(text):
            return float(super().stringWidth(text, size, encoding))
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self._harfbuzz_width(text)
        return width * size / 1000

    def _harfbuzz_width(self, text: str) -> float:
        """Return the advance of text shaped by HarfBuzz, in thousandths of the font size."""
        buffer = uharfbuzz.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(uharfbuzz.Font(self.hbFace), buffer, FEATURES)
        return float(self.pdfScale(sum(position.x_advance for position in buffer.glyph_positions)))

    def _shaped_str_width(self, text: Any, size: float) -> float:
        """Return the drawn width of a reportlab shaped string (its unshaped characters at their own widths)."""
        total = 0.0
        for char, data in zip(str(text), text.__shapeData__, strict=True):
            if data.cluster == _SIMPLE_CLUSTER:
                total += float(super().stringWidth(char, 1000))
            else:
                total += data.x_advance
        return total * size / 1000


def right_to_left(style: Any) -> Any:
    """Return a copy of a paragraph style laid out right to left: base level 1, lines set from the right (a
    justified paragraph too: reportlab would set its last line from the left)."""
    rtl = copy(style)
    rtl.bidi_base = 1
    if rtl.alignment in (TA_LEFT, TA_JUSTIFY):
        rtl.alignment = TA_RIGHT
    return rtl


def frags_text(frags: list[Any]) -> str:
    """Return the text of a paragraph's fragments (parsed fragments or reportlab's processed frag words)."""
    parts: list[str] = []
    for frag in frags:
        if isinstance(frag, list):
            parts += [text for _style, text in frag[1:] if isinstance(text, str)]
        else:
            parts.append(getattr(frag, "text", "") or "")
    return "".join(parts)


def needs_reordering(text: str, base: int) -> bool:
    """Return True when lines of text need the bidi pass: a right-to-left base, or right-to-left or joined text."""
    return base == 1 or needs_shaping(text)


def resolve_levels(text: str, base: int) -> list[int]:
    """Return the resolved bidi embedding level of every character of text (rules X1-I2 of UAX #9) for a base
    level (0 left to right, 1 right to left); characters rule X9 removes keep the level before them."""
    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    uba.get_embedding_levels(text, storage)
    chars = list(storage["chars"])
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    kept = {id(char) for char in storage["chars"]}
    levels: list[int] = []
    for char in chars:
        levels.append(int(char["level"]) if id(char) in kept or not levels else levels[-1])
    # L1: whitespace at the end of the line takes the base level
    for index in range(len(chars) - 1, -1, -1):
        if chars[index]["orig"] not in ("WS", "BN", "S", "B"):
            break
        levels[index] = base
    return levels


@dataclass
class _Piece:
    """A part of a line at one bidi level: its fragment and text (None for a non-text fragment)."""

    frag: Any
    text: str | None
    level: int


def _pieces(words: list[Any], base: int) -> list[_Piece]:
    """Split a line's fragments where the bidi level changes."""
    texts = [w.text if _is_text(w) else ("" if _is_break(w) else OBJECT) for w in words]
    levels = resolve_levels("".join(texts), base)
    pieces: list[_Piece] = []
    at = 0
    for word, text in zip(words, texts, strict=True):
        if not text:
            pieces.append(_Piece(word, text if _is_text(word) else None, base))
            continue
        start = at
        for index in range(at + 1, at + len(text) + 1):
            if index == at + len(text) or levels[index] != levels[start]:
                piece_text = text[start - at : index - at]
                pieces.append(_Piece(word, piece_text if _is_text(word) else None, levels[start]))
                start = index
        at += len(text)
    return _merged(pieces)


def _merged(pieces: list[_Piece]) -> list[_Piece]:
    """Join neighbouring text pieces of one level and style (a word reportlab kept in two fragments)."""
    out: list[_Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            last is not None
            and last.text is not None
            and piece.text is not None
            and last.level == piece.level
            and (last.frag is piece.frag or sameFrag(last.frag, piece.frag))
        ):
            last.text += piece.text
        else:
            out.append(_Piece(piece.frag, piece.text, piece.level))
    return out


def _is_text(frag: Any) -> bool:
    """Return True for a text fragment (not an image, anchor or line break)."""
    return not hasattr(frag, "cbDefn") and isinstance(getattr(frag, "text", None), str) and not _is_break(frag)


def _is_break(frag: Any) -> bool:
    """Return True for a line-break fragment."""
    return bool(getattr(frag, "lineBreak", False))


def _reverse_runs(pieces: list[_Piece]) -> None:
    """Reverse, from the highest level down to the lowest odd one, every run of pieces at that level or above."""
    odd = [p.level for p in pieces if p.level % 2]
    if not odd:
        return
    for level in range(max(p.level for p in pieces), min(odd) - 1, -1):
        index = 0
        while index < len(pieces):
            if pieces[index].level < level:
                index += 1
                continue
            end = index
            while end < len(pieces) and pieces[end].level >= level:
                end += 1
            pieces[index:end] = pieces[index:end][::-1]
            index = end


def _visual_text(piece: _Piece) -> str:
    """Return a piece's text as drawn: shaped when its font shapes and it needs it, else reversed when odd."""
    text = piece.text or ""
    font = getFont(piece.frag.fontName)
    if isinstance(font, ShapingFont) and needs_shaping(text):
        name, size = piece.frag.fontName, piece.frag.fontSize
        word = [stringWidth(text, name, size), (ABag(fontName=name, fontSize=size), text)]
        shaped: str = shapeFragWord(word, features=FEATURES)[1][1]
        return shaped
    if piece.level % 2:
        return "".join(MIRRORED.get(char, char) for char in reversed(text))
    return text


def reorder_line(words: list[Any], base: int) -> tuple[list[Any], float]:
    """Return a line's fragments in visual order with complex runs shaped, and how much wider they are."""
    pieces = _pieces(words, base)
    _reverse_runs(pieces)
    out: list[Any] = []
    grown = 0.0
    for piece in pieces:
        if piece.text is None or not piece.text:
            out.append(piece.frag)
            continue
        drawn = _visual_text(piece)
        frag = piece.frag.clone()
        frag.text = drawn
        size = frag.fontSize
        grown += stringWidth(drawn, frag.fontName, size) - stringWidth(piece.text, frag.fontName, size)
        out.append(frag)
    return out, grown


def reorder_lines(lines: Any, base: int) -> None:
    """Put every line of a multi-fragment paragraph's broken lines (kind 1) in visual order, shaped, in place."""
    for line in lines.lines:
        words, grown = reorder_line(list(line.words), base)
        line.words = words
        line.extraSpace -= grown
