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
from iwobook.model.scripts import needs_shaping
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
        main = fam.names["regular"]
        out: list[str] = []
        run: list[str] = []
        current = main

        def flush() -> None:
            if run:
                chunk = escape("".join(run))
                out.append(f'<font name="{current}">{chunk}</font>' if current != main else chunk)
                run.clear()

        pending: list[str] = []  # spaces after a fallback run: they join it when the same script goes on
        for char in text:
            if char in "\n\t ":
                (pending if current != main else run).append(char)
                continue
            font = fam.font_for(ord(char))
            if font is None:
                where = loc or self.default_loc
                if where is not None:
                    self.problems.append(Undrawable(where, char))
                font = main
            if pending:
                if not (font == current and needs_shaping(char)):
                    flush()
                    current = main
                run += pending
                pending.clear()
            if font != current:
                flush()
                current = font
            run.append(char)
        if pending:
            flush()
            current = main
            run += pending
        flush()
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
