"""The lowering transform: every generated section and every chapter's furniture becomes generic document nodes
with its final wording.

A writer renders a lowered section's blocks (GeneratedSection.blocks) and a chapter's furniture (Section.before
and Section.after) like any other document nodes; a new generated section is a Generated kind and one lowering
function here, a new piece of chapter furniture one function in transform.chapter. Only the contents is still
laid out by the writers (it needs the PDF's page-number forms and is the EPUB's navigation document).
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from iwobook.model import AnySection, Book, Generated, GeneratedSection, Matter, Part, SectionKind
from iwobook.model.document import DocBlock
from iwobook.transform.aids import lower_appearances, lower_themes
from iwobook.transform.chapter import lower_chapter
from iwobook.transform.colophon import lower_colophon
from iwobook.transform.glossary import lower_characters, lower_terms
from iwobook.transform.letters import lower_letters
from iwobook.transform.map import lower_map
from iwobook.transform.timeline import lower_timeline

# the kinds the writers still lay out themselves
WRITER_LAID_OUT = frozenset({Generated.CONTENTS})


def lower_section(book: Book, section: GeneratedSection) -> tuple[DocBlock, ...]:
    """Return the body of a generated section as document nodes (empty for those the writers lay out)."""
    source = section.source
    match source:
        case Generated.CHARACTERS:
            return lower_characters(book)
        case Generated.TERMS:
            return lower_terms(book)
        case Generated.LETTERS:
            return lower_letters(book)
        case Generated.THEMES:
            return lower_themes(book, section.title, section.loc)
        case Generated.APPEARANCES:
            return lower_appearances(book, section.loc)
        case Generated.TIMELINE:
            return lower_timeline(book, section.loc)
        case Generated.MAP:
            return lower_map(book, section.loc)
        case Generated.CONTENTS:
            return ()
        case _:
            assert_never(source)


def section_role(section: GeneratedSection, matter: Matter) -> str:
    """Return what a generated section is for readers: a glossary, an appendix (letters, and study aids in the
    back matter) or nothing in particular."""
    if section.source in (Generated.CHARACTERS, Generated.TERMS):
        return "glossary"
    if section.source is Generated.LETTERS or (matter is Matter.BACK and section.source is not Generated.CONTENTS):
        return "appendix"
    return ""


def lower_book(book: Book) -> Book:
    """Return an indexed book (targets and appearances collected) with every generated section's body, every
    chapter's furniture and the colophon's publication details lowered."""

    def lower(part: Part, section: AnySection) -> AnySection:
        if isinstance(section, GeneratedSection):
            return replace(section, blocks=lower_section(book, section), role=section_role(section, part.matter))
        if section.kind is SectionKind.CHAPTER:
            before, after = lower_chapter(book, section)
            return replace(section, before=before, after=after)
        return section

    return replace(book.with_sections(lower), colophon=lower_colophon(book))
