"""Model inlines to reportlab Paragraph markup: the PDF writer's one escaping boundary, with font fallback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never
from xml.sax.saxutils import escape, quoteattr

from iwobook.model import (
    Code,
    CrossRef,
    Emphasis,
    Inline,
    Inlines,
    LangSpan,
    LineBreak,
    Link,
    Loc,
    Strong,
    Target,
    Text,
)
from iwobook.writers.pdf.fonts import Family


@dataclass
class Undrawable:
    """A character no configured font can draw, and where it was written."""

    loc: Loc
    char: str


@dataclass
class MarkupWriter:
    """Turn inlines into Paragraph markup for one font family; collect undrawable characters.

    Characters the family's own faces lack are drawn by the first of its fallback fonts that has them; a
    space between two words of a joined or right-to-left script stays in their font, so the run stays one.
    A character no font has is kept (drawn as the font's missing glyph) and reported at its place, or at
    default_loc for text that carries none."""

    families: dict[str, Family]
    targets: dict[str, Target]
    problems: list[Undrawable] = field(default_factory=list)
    links: bool = True
    default_loc: Loc | None = None

    def text(self, text: str, family: str, loc: Loc | None = None) -> str:
        """Return escaped markup for plain text, switching to a fallback font for runs the main font lacks."""
        fam = self.families[family]
        if text.isascii() and all(ord(c) in fam.coverage or c in "\n\t " for c in set(text)):
            return escape(text)
        out: list[str] = []
        for chunk, fallback, drawable in fam.font_runs(text):
            where = loc or self.default_loc
            if not drawable and where is not None:
                self.problems += [Undrawable(where, char) for char in chunk]
            escaped = escape(chunk)
            out.append(f'<font name="{fallback.registered()}">{escaped}</font>' if fallback else escaped)
        return "".join(out)

    def link(self, target: str, label: str, family: str) -> str:
        """Return escaped markup for label linked to the named destination target."""
        text = self.text(label, family)
        return f"<a href={quoteattr('#' + target)}>{text}</a>" if self.links else text

    def inlines(self, nodes: Inlines, family: str) -> str:
        """Return the markup of inline nodes in family."""
        return "".join(self._inline(node, family) for node in nodes)

    def _inline(self, node: Inline, family: str) -> str:
        """Return the markup of one inline node."""
        match node:
            case Text(loc=loc, text=text):
                return self.text(text, family, loc)
            case Emphasis(children=children):
                return f"<i>{self.inlines(children, family)}</i>"
            case Strong(children=children):
                return f"<b>{self.inlines(children, family)}</b>"
            case Code(loc=loc, text=text):
                return self.text(text, "sans" if "sans" in self.families else family, loc)
            case Link(url=url, children=children):
                inner = self.inlines(children, family)
                return f"<a href={quoteattr(url)}>{inner}</a>" if self.links else inner
            case CrossRef(loc=loc, target=target, children=children):
                found = self.targets.get(target)
                label = (
                    self.inlines(children, family)
                    if children
                    else self.text(found.label if found else target, family, loc)
                )
                return f"<a href={quoteattr('#' + target)}>{label}</a>" if self.links and found else label
            case LangSpan(children=children):
                return self.inlines(children, family)
            case LineBreak():
                return "<br/>"
            case _:
                assert_never(node)
