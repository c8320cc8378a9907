"""Model inlines to reportlab Paragraph markup: the PDF writer's one escaping boundary, with font fallback."""

from __future__ import annotations

from collections.abc import Mapping
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
    TargetKind,
    Text,
)
from iwobook.writers.pdf.fonts import Family


@dataclass
class Undrawable:
    """A character no configured font can draw, and where it was written."""

    loc: Loc
    char: str


# reportlab breaks lines at these no-break spaces (its list of white space has them) and draws them as word spaces,
# so French guillemets and the space before : ; ! ? could end or start a line; a no-break space it keeps
NO_BREAK = str.maketrans({"\u202f": "\u00a0", "\u2007": "\u00a0"})

# what a printed cross-reference cites the page of: sections and letters (entries are found A-Z in their glossary,
# and names recur all through the prose, where a page number after each would crowd it)
CITED_KINDS = frozenset({TargetKind.SECTION, TargetKind.LETTER})


@dataclass(frozen=True)
class Citations:
    """Page labels of the targets a printed cross-reference cites, and the wording around them (from the book's
    catalogue): after a reference in running text, and inside parentheses the author wrote."""

    pages: Mapping[str, str]
    after: tuple[str, ...]  # "{label} (p. {page})" cut at its placeholders (Messages.split)
    inside: tuple[str, ...]  # "{label}, p. {page}"
    unknown: str = "00"  # a first layout's stand-in, as wide as a page number

    def around(self, target: str, parenthesised: bool) -> tuple[str, str]:
        """Return the words before and after a reference's label that cite target's page."""
        pieces = self.inside if parenthesised else self.after
        page = self.pages.get(target, self.unknown)
        filled = [page if index % 2 and piece == "page" else piece for index, piece in enumerate(pieces)]
        at = next((index for index, piece in enumerate(pieces) if index % 2 and piece == "label"), len(pieces))
        return "".join(filled[:at]), "".join(filled[at + 1 :])


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
    citations: Citations | None = None
    cited: list[str] = field(default_factory=list)  # the wording of every page citation made, in order

    def text(self, text: str, family: str, loc: Loc | None = None) -> str:
        """Return escaped markup for plain text, switching to a fallback font for runs the main font lacks."""
        fam = self.families[family]
        if text.isascii() and all(ord(c) in fam.coverage or c in "\n\t " for c in set(text)):
            return escape(text)
        text = text.translate(NO_BREAK)  # (neither space is ASCII)
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
        following = [*nodes[1:], None]
        return "".join(self._inline(node, family, after) for node, after in zip(nodes, following, strict=True))

    def _cross_ref(self, node: CrossRef, family: str, after: Inline | None) -> str:
        """Return the markup of a cross-reference: its label, with the page it cites in print; a first mention
        is a named destination where links are made."""
        anchor = f"<a name={quoteattr(node.anchor)}/>" if node.anchor and self.links else ""
        return anchor + self._cross_ref_label(node, family, after)

    def _cross_ref_label(self, node: CrossRef, family: str, after: Inline | None) -> str:
        """Return the markup of a cross-reference's label, linked to its target, with the page it cites."""
        found = self.targets.get(node.target)
        if found is None:
            return self.inlines(node.children, family) if node.children else self.text(node.target, family, node.loc)
        label = self.inlines(node.children, family) if node.children else self.text(found.label, family, node.loc)
        if self.citations is not None and found.kind in CITED_KINDS:
            parenthesised = isinstance(after, Text) and after.text.startswith(")")
            before, rest = self.citations.around(node.target, parenthesised)
            self.cited += [part.strip() for part in (before, rest) if part.strip()]
            label = self.text(before, family) + label + self.text(rest, family)
        return f"<a href={quoteattr('#' + node.target)}>{label}</a>" if self.links else label

    def _inline(self, node: Inline, family: str, after: Inline | None = None) -> str:
        """Return the markup of one inline node (after is the node that follows it)."""
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
            case CrossRef():
                return self._cross_ref(node, family, after)
            case LangSpan(children=children):
                return self.inlines(children, family)
            case LineBreak():
                return "<br/>"
            case _:
                assert_never(node)
