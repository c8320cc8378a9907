"""Document nodes: source locations, inline nodes and block nodes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the manuscript: project-relative path and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    loc: Loc
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised (italic) inlines."""

    loc: Loc
    children: Inlines


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong (bold) inlines."""

    loc: Loc
    children: Inlines


@dataclass(frozen=True, slots=True)
class Code:
    """Literal code text."""

    loc: Loc
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link to an external URL."""

    loc: Loc
    url: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A cross-reference `[[target|text]]`; empty children mean the target's own label. anchor is the id of
    the place it stands at when it is its target's first mention in a chapter (transform.mentions), else ''."""

    loc: Loc
    target: str
    children: Inlines
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class LangSpan:
    """A run of text in another language (BCP 47 tag)."""

    loc: Loc
    lang: str
    children: Inlines


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break."""

    loc: Loc


Inline: TypeAlias = Text | Emphasis | Strong | Code | Link | CrossRef | LangSpan | LineBreak
Inlines: TypeAlias = tuple[Inline, ...]


# ---------------------------------------------------------------- block nodes


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inlines."""

    loc: Loc
    inlines: Inlines


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (level 2 or 3; level 1 is the section title)."""

    loc: Loc
    level: int
    inlines: Inlines


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or numbered list; each item is a tuple of blocks."""

    loc: Loc
    ordered: bool
    items: tuple[Blocks, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quotation."""

    loc: Loc
    blocks: Blocks


@dataclass(frozen=True, slots=True)
class Figure:
    """An image with alt text and an optional caption; path is project-relative."""

    loc: Loc
    path: str
    alt: str
    caption: str


Block: TypeAlias = Paragraph | Heading | ListBlock | Quote | Figure
Blocks: TypeAlias = tuple[Block, ...]


# ---------------------------------------------------------------- helpers over nodes


def plain_text(inlines: Inlines) -> str:
    """Return the text of inlines without markup (cross-references without custom text give their id)."""
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(text=text) | Code(text=text):
                out.append(text)
            case Emphasis(children=c) | Strong(children=c) | Link(children=c) | LangSpan(children=c):
                out.append(plain_text(c))
            case CrossRef(target=target, children=c):
                out.append(plain_text(c) if c else target)
            case LineBreak():
                out.append(" ")
    return "".join(out)


_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u31f0-\u31ff"
_CJK_RUN = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def is_cjk(char: str) -> bool:
    """Return True for characters of Japanese (and other CJK) scripts and their punctuation."""
    return _CJK_CHAR.match(char) is not None


def has_cjk(text: str) -> bool:
    """Return True when text holds any Japanese (or other CJK) character."""
    return _CJK_CHAR.search(text) is not None


def script_runs(text: str) -> list[tuple[str, bool]]:
    """Split text into maximal runs of (text, is_cjk)."""
    return [(run, _CJK_CHAR.match(run) is not None) for run in _CJK_RUN.findall(text)]
