"""Walks over the model: every inline node of blocks, and every cross-reference of the book with its owner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from iwobook.model import (
    Block,
    Blocks,
    Book,
    Code,
    CrossRef,
    Emphasis,
    Figure,
    GeneratedSection,
    Heading,
    Inline,
    Inlines,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Strong,
    Text,
)


def inlines_of(inlines: Inlines) -> Iterator[Inline]:
    """Yield every inline node of inlines, depth first."""
    for node in inlines:
        yield node
        match node:
            case (
                Emphasis(children=c)
                | Strong(children=c)
                | Link(children=c)
                | LangSpan(children=c)
                | CrossRef(children=c)
            ):
                yield from inlines_of(c)
            case Text() | Code() | LineBreak():
                pass
            case _:
                assert_never(node)


def block_inlines(blocks: Blocks) -> Iterator[Inline]:
    """Yield every inline node inside blocks."""
    for block in blocks:
        yield from _block_inlines(block)


def _block_inlines(block: Block) -> Iterator[Inline]:
    """Yield every inline node inside one block."""
    match block:
        case Paragraph(inlines=i) | Heading(inlines=i):
            yield from inlines_of(i)
        case ListBlock(items=items):
            for item in items:
                yield from block_inlines(item)
        case Quote(blocks=b):
            yield from block_inlines(b)
        case Figure():
            pass
        case _:
            assert_never(block)


def figures_of(blocks: Blocks) -> Iterator[Figure]:
    """Yield every figure inside blocks, in order."""
    for block in blocks:
        match block:
            case Figure():
                yield block
            case ListBlock(items=items):
                for item in items:
                    yield from figures_of(item)
            case Quote(blocks=inner):
                yield from figures_of(inner)
            case Paragraph() | Heading():
                pass
            case _:
                assert_never(block)


def section_inlines(section: Section) -> Iterator[Inline]:
    """Yield every inline node of a prose section: body, vocabulary and questions."""
    yield from block_inlines(section.blocks)
    for word in section.vocabulary:
        yield from inlines_of(word.meaning)
    for question in section.questions:
        yield from inlines_of(question)


def book_refs(book: Book) -> Iterator[tuple[CrossRef, str]]:
    """Yield (cross-reference, owner id) for every cross-reference; the owner is a section or record id."""
    for section in book.sections():
        match section:
            case Section():
                for node in section_inlines(section):
                    if isinstance(node, CrossRef):
                        yield node, section.id
            case GeneratedSection():
                pass
            case _:
                assert_never(section)
    records: list[tuple[str, Blocks]] = []
    records += [(c.id, c.description) for c in book.characters]
    records += [(t.id, t.definition) for t in book.terms]
    records += [(le.id, le.text + le.provenance) for le in book.letters]
    for owner, blocks in records:
        for node in block_inlines(blocks):
            if isinstance(node, CrossRef):
                yield node, owner
    for event in book.timeline:
        for node in inlines_of(event.text):
            if isinstance(node, CrossRef):
                yield node, "timeline"
