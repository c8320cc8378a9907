"""Right-to-left and joined scripts on broken lines: bidi levels (python-bidi), runs reordered, HarfBuzz shaping.

reportlab breaks a paragraph's lines in logical order. For a paragraph that holds right-to-left or joined
text, `reorder_line` then splits each line's fragments where the Unicode bidi level changes, reverses them
by rule L2 of UAX #9, and shapes each run drawn in a `ShapingFont` with HarfBuzz (through reportlab's own
`shapeFragWord`, whose glyph strings its text objects draw with their offsets). Right-to-left runs in other fonts
are reversed with their mirrored characters. Latin text is never shaped: only paragraphs that need it pass
through here, and in them only runs in shaping fonts.

reportlab stands each shaped glyph for a character the font maps to it: for Arabic and Hebrew, a presentation
form (U+FE8E ARABIC LETTER ALEF FINAL FORM), or a private-use character for a glyph the font maps no character to
(the two halves of a lam-alef). A shaping font's ToUnicode maps give the letters instead: a presentation form's
compatibility decomposition (U+0627 ALEF), a private glyph's letters as shaping found them, so text copied,
searched or read aloud from the PDF is the text of the manuscript.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
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
from reportlab.pdfbase.ttfonts import SUBSETN, ShapedStr, TTFont, shapeFragWord

from iwobook.model.scripts import needs_shaping

# OpenType features beyond a script's required ones, for measuring and drawing alike (reportlab's own default
# adds discretionary ligatures, which turn Hebrew yod-yod into the Yiddish digraph)
FEATURES = {"kern": True, "liga": True}
OBJECT = "\ufffc"  # stands for an inline image or other non-text fragment in the bidi algorithm
_SIMPLE_CLUSTER = 0x7FFFFFFF  # reportlab's cluster number for characters added to a shaped string unshaped
PRESENTATION_FORMS = ((0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))  # Hebrew and Arabic presentation forms
PRIVATE_USE = (0xE000, 0xF8FF)  # where reportlab finds stand-ins for glyphs the font maps no character to


class ShapingFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose text in joined or right-to-left scripts is measured as HarfBuzz shapes it."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[str, float] = {}
        self._meanings: dict[int, str] = {}  # private stand-in -> the letters its glyph stood for
        self._ambiguous: set[int] = set()  # stand-ins whose glyph stood for different letters

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

    def learn(self, text: str, shaped: Any) -> None:
        """Note the letters of text that each private stand-in of shaped (text as HarfBuzz shaped it) stands for:
        its cluster's letters, less those of the cluster's other glyphs."""
        data = shaped.__shapeData__
        starts = sorted({d.cluster for d in data if d.cluster != _SIMPLE_CLUSTER})
        ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
        clusters: dict[int, list[str]] = {}
        for char, d in zip(str(shaped), data, strict=True):
            if d.cluster != _SIMPLE_CLUSTER:
                clusters.setdefault(d.cluster, []).append(char)
        for start, chars in clusters.items():
            private = [c for c in chars if PRIVATE_USE[0] <= ord(c) <= PRIVATE_USE[1]]
            if len(private) != 1:
                continue
            meaning, others = text[start : ends[start]], list(chars)
            others.remove(private[0])
            for other in others:
                meaning = meaning.replace(other, "", 1)
            code = ord(private[0])
            if meaning and self._meanings.setdefault(code, meaning) != meaning:
                self._ambiguous.add(code)

    def letters(self, code: int) -> str:
        """Return the UTF-16BE hex of the letters the glyph standing for code point code means."""
        meaning = self._meanings.get(code) if code not in self._ambiguous else None
        if meaning is not None:
            return meaning.encode("utf-16-be").hex().upper()
        return letters_of(code)

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        """Add the font's subsets to doc as reportlab does, each ToUnicode map giving letters where reportlab's
        gives presentation forms."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []  # forgotten once added
        super().addObjects(doc)
        face = self.face
        for number, subset in enumerate(subsets):
            name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            doc.idToObject["toUnicodeCMap:" + name].content = to_unicode_cmap(name, subset, self.letters)

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


def letters_of(code: int) -> str:
    """Return the UTF-16BE hex of the text a glyph standing for code point code means: a presentation form's
    letters, any other character itself (as reportlab writes it)."""
    if any(low <= code <= high for low, high in PRESENTATION_FORMS):
        letters = unicodedata.normalize("NFKC", chr(code))
        if letters and letters != chr(code):
            return letters.encode("utf-16-be").hex().upper()
    return f"{code:04X}"


def to_unicode_cmap(name: str, subset: list[int], letters: Callable[[int], str] = letters_of) -> str:
    """Return the ToUnicode CMap of a font subset name whose codes stand for the code points in subset, each mapped
    to letters(code point) (reportlab's own CMap, but for what letters gives)."""
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    tail = ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join([*head, *(f"<{i:02X}> <{letters(code)}>" for i, code in enumerate(subset)), *tail])


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
        font.learn(text, shaped)
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
