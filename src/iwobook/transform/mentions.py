"""First mentions: the first cross-reference to each target in a chapter carries an anchor id.

The entries' 'Appears in' lines and who appears where link to that anchor (model.anchors.mention_id), so a
reader lands on the passage that names the character, term or letter, not at the top of the chapter. The
chapter is searched in the order book_refs walks it (its prose, then its words to know, then its questions),
the order in which collect_appearances finds the chapter, so every appearance has exactly one anchor.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from iwobook.model import (
    AnySection,
    Block,
    Blocks,
    Book,
    Code,
    CrossRef,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Part,
    Quote,
    Section,
    SectionKind,
    Strong,
    Text,
    anchors,
)


class Mentions:
    """Marks the first reference to each target in one chapter (the targets seen so far are remembered)."""

    def __init__(self, chapter_id: str) -> None:
        self.chapter_id = chapter_id
        self.seen: set[str] = set()

    def inlines(self, nodes: Inlines) -> Inlines:
        """Return inlines with the first reference to each target not seen before anchored."""
        return tuple(self.inline(node) for node in nodes)

    def inline(self, node: Inline) -> Inline:
        """Return one inline node, anchored if it is a first reference (its children searched too)."""
        match node:
            case CrossRef(target=target, children=children):
                anchor = "" if target in self.seen else anchors.mention_id(target, self.chapter_id)
                self.seen.add(target)
                return replace(node, children=self.inlines(children), anchor=anchor)
            case Emphasis(children=c) | Strong(children=c) | Link(children=c) | LangSpan(children=c):
                return replace(node, children=self.inlines(c))
            case Text() | Code() | LineBreak():
                return node
            case _:
                assert_never(node)

    def blocks(self, blocks: Blocks) -> Blocks:
        """Return blocks with their first references anchored, in reading order."""
        return tuple(self.block(block) for block in blocks)

    def block(self, block: Block) -> Block:
        """Return one block with its first references anchored."""
        match block:
            case Paragraph(inlines=i) | Heading(inlines=i):
                return replace(block, inlines=self.inlines(i))
            case ListBlock(items=items):
                return replace(block, items=tuple(self.blocks(item) for item in items))
            case Quote(blocks=inner):
                return replace(block, blocks=self.blocks(inner))
            case Figure():
                return block
            case _:
                assert_never(block)

    def section(self, section: Section) -> Section:
        """Return a chapter with its first references anchored: prose, words to know, questions."""
        blocks = self.blocks(section.blocks)
        vocabulary = tuple(replace(word, meaning=self.inlines(word.meaning)) for word in section.vocabulary)
        questions = tuple(self.inlines(question) for question in section.questions)
        return replace(section, blocks=blocks, vocabulary=vocabulary, questions=questions)


def mark_mentions(book: Book) -> Book:
    """Return the book with the first reference to each target in every chapter anchored."""

    def mark(_: Part, section: AnySection) -> AnySection:
        if isinstance(section, Section) and section.kind is SectionKind.CHAPTER:
            return Mentions(section.id).section(section)
        return section

    return book.with_sections(mark)
