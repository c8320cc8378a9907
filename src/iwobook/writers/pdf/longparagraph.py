"""Long paragraphs in linear time: line breaking in windows of words, and page splits made on a window of lines.

reportlab breaks a paragraph of one font by taking its words from the front of one list (time grows with the
square of the number of words), and a split paragraph's second part gathers the words of all its lines again on
every page (time grows with the square of the number of pages). Here a long paragraph of one font is broken a
window of words at a time, each window restarting at the first word of its last line, which reportlab's
greedy line breaking leaves exactly as it would have been; and a page split is reportlab's own split of a
paragraph holding the page's lines and a few more, the second part keeping the rest of the lines already broken
and gathering their words only if something asks for them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import split as split_words
from reportlab.platypus.paragraph import strip as strip_text

WINDOW_WORDS = 1000  # words broken into lines at a time
WINDOW_SLACK = 4  # lines past the page's in a split window (reportlab looks at most one past)


def can_break_in_windows(paragraph: Any) -> bool:
    """Return whether paragraph takes reportlab's one-font path with many words (and no bullet, leaders,
    shaping, bidi or CJK wrapping, whose lines depend on more than the line before)."""
    frags = paragraph.frags
    if len(frags) != 1 or paragraph.bulletText:
        return False
    frag, style = frags[0], paragraph.style
    if not isinstance(getattr(frag, "text", None), str) or hasattr(frag, "cbDefn") or hasattr(frag, "backColor"):
        return False
    if style.endDots or style.wordWrap or getattr(style, "shaping", 0):
        return False
    return bool(frag.text.count(" ") + frag.text.count("\n") > 2 * WINDOW_WORDS)


def break_in_windows(
    paragraph: Any, widths: list[float], break_lines: Callable[[Any, list[float]], Any], size: int = WINDOW_WORDS
) -> Any:
    """Return the broken lines (reportlab's ParaLines) of a paragraph that can break in windows, for line widths
    widths, breaking about size words at a time; break_lines(scratch, widths) is reportlab's line breaking of a
    scratch copy of paragraph holding one window."""
    frag = paragraph.frags[0]
    words = split_words(strip_text(frag.text))
    lines: list[Any] = []
    taken = 0  # words of the paragraph in lines kept
    window = size
    width_max, hyphenations, long_words = 0.0, 0, 0
    while True:
        chunk = words[taken : taken + window]
        scratch = copy.copy(paragraph)
        scratch.frags = [_frag_of_words(frag, chunk)]
        widths_here = widths[min(len(lines), len(widths) - 1) :]
        broken = break_lines(scratch, widths_here)
        last = taken + window >= len(words)
        keep = len(broken.lines) if last else _lines_to_keep(broken, widths_here)
        if keep == 0 and not last:  # no line here restarts cleanly: take a larger window
            window *= 2
            continue
        lines.extend(broken.lines[:keep])
        width_max = max(width_max, scratch._width_max)
        hyphenations += scratch._hyphenations
        long_words += scratch._splitLongWordCount
        if last:
            break
        taken += len(chunk) - sum(len(line[1]) for line in broken.lines[keep:])
        window = size
    paragraph._width_max, paragraph._hyphenations, paragraph._splitLongWordCount = width_max, hyphenations, long_words
    return frag.clone(kind=0, lines=lines, ascent=broken.ascent, descent=broken.descent, fontSize=broken.fontSize)


def _frag_of_words(frag: Any, words: list[str]) -> Any:
    """Return a copy of a one-font fragment holding words instead of its text (as reportlab's split parts do)."""
    part = frag.clone()
    del part.text
    part.words = words
    return part


def _lines_to_keep(broken: Any, widths: list[float]) -> int:
    """Return how many lines of a window (broken for widths) to keep: all before the last line that, with the
    lines after it, holds only the window's own words whole (none hyphenated or split) and whose first word fits
    its line, so that breaking again from that word gives the lines reportlab gives; 0 when there is none."""
    lines = broken.lines
    for number in range(len(lines) - 1, 0, -1):
        words = lines[number][1]
        if not all(type(word) is str for word in words):
            return 0  # a later window would begin inside a hyphenated or split word
        width = widths[min(number, len(widths) - 1)]
        if words and stringWidth(words[0], broken.fontName, broken.fontSize) <= width:
            return number
    return 0


def split_through_window(
    paragraph: Any, available_width: float, available_height: float, split: Callable[[Any], list[Any]]
) -> list[Any] | None:
    """Return reportlab's split of a paragraph whose lines are broken for available_width (leading fixed, left
    to right), made by split(scratch) on a copy holding the page's lines and a few more; the second part keeps
    the rest of the lines, gathering their words only when asked. None when the lines are of another kind."""
    wrapped = paragraph._wrapped
    if wrapped is None or wrapped[0] != available_width or paragraph.__dict__.get("_bidi"):
        return None
    lines, style = wrapped[2], paragraph.style
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off", None):
        return None
    paragraph.blPara = lines
    scratch = copy.copy(paragraph)
    count = len(lines.lines)
    end = min(count, int(available_height / float(style.leading)) + WINDOW_SLACK)
    if lines.kind == 0:  # one font: the words are on the lines
        gather = paragraph._get_split_blParaFunc()
        while end < count and not _ends_whole(lines.lines[end - 1]):
            end += 1  # reportlab marks the last word of a part: the window ends on a whole word
        scratch.frags = gather(lines, 0, end)
    else:  # several fonts: the lines index reportlab's frag words, kept whole for the parts that keep the lines
        scratch.frags = paragraph.__dict__.get("_line_frags") or paragraph.frags
        gather = scratch._get_split_blParaFunc()
        if lines.kind != 1 or getattr(gather, "__self__", None) is not scratch:
            return None  # not frag words indexed by the lines: reportlab's own split
    window = lines
    if end < count:
        window = copy.copy(lines)
        window.lines = lines.lines[:end]
    scratch.blPara = window
    scratch._wrapped = (available_width, end * style.leading, window)
    parts = split(scratch)
    if len(parts) != 2:
        return [paragraph] if parts else []  # whole, or not here
    first, rest = parts
    done = len(first.blPara.lines)
    remaining = copy.copy(lines)
    remaining.lines = lines.lines[done:]
    rest._wrapped = (available_width, len(remaining.lines) * rest.style.leading, remaining)
    rest.__dict__["_bidi"] = False
    if lines.kind == 1:
        rest.__dict__["_line_frags"] = scratch.frags
    rest.defer_frags(lambda: gather(lines, done, count))
    return [first, rest]


def _ends_whole(line: Any) -> bool:
    """Return whether a one-font line ends with a whole word (not the first part of a hyphenated one)."""
    words = line[1]
    return bool(words) and type(words[-1]) is str


class DeferredFrags:
    """Mixin for paragraphs: reportlab's fragments may be made only when first asked for."""

    @property
    def frags(self) -> list[Any]:
        """Return reportlab's parsed fragments (after line breaking, its frag words), gathered now if deferred."""
        found: list[Any] | None = self.__dict__.get("_frags")
        if found is None:
            found = self.__dict__["_frags"] = self.__dict__.pop("_make_frags")()
        return found

    @frags.setter
    def frags(self, value: list[Any]) -> None:
        self.__dict__["_frags"] = value
        self.__dict__.pop("_make_frags", None)

    def defer_frags(self, make: Callable[[], list[Any]]) -> None:
        """Take the fragments from make() when first asked for (a split part keeping its lines may never be)."""
        self.__dict__.pop("_frags", None)
        self.__dict__["_make_frags"] = make
