"""The lowering transform: every generated section, every chapter's furniture and heading, the contents and the
colophon become generic document nodes with their final wording.

A writer renders a lowered section's blocks (GeneratedSection.blocks) and a chapter's furniture (Section.before
and Section.after) like any other document nodes; a new generated section is a Generated kind and one lowering
function here, a new piece of chapter furniture one function in transform.chapter. The contents is the book's
outline (Book.outline, transform.outline): its entries, their wording for print and for a screen and their
page-number slots, which each writer sets in its own form (the PDF's lines with leaders, the EPUB's navigation
document and NCX, the HTML index); a chapter's label and every section's names come from there too.
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
from iwobook.transform.outline import lower_outline, name_section
from iwobook.transform.timeline import lower_timeline


def lower_section(book: Book, section: GeneratedSection) -> tuple[DocBlock, ...]:
    """Return the body of a generated section as document nodes (none for the contents: it is Book.outline)."""
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
    chapter's furniture and label, every section's names, the contents and the colophon's publication details
    lowered."""

    def lower(part: Part, section: AnySection) -> AnySection:
        section = name_section(book, section)
        if isinstance(section, GeneratedSection):
            return replace(section, blocks=lower_section(book, section), role=section_role(section, part.matter))
        if section.kind is SectionKind.CHAPTER:
            before, after = lower_chapter(book, section)
            return replace(section, before=before, after=after)
        return section

    lowered = book.with_sections(lower)
    return replace(
        lowered, colophon=lower_colophon(book), outline=lower_outline(lowered), glossary=glossary_landmark(lowered)
    )


def glossary_landmark(book: Book) -> str:
    """Return the id of the section a "glossary" landmark leads to: the glossary of terms, else the characters'
    glossary, else '' (no landmark)."""
    for source in (Generated.TERMS, Generated.CHARACTERS):
        for section in book.sections():
            if isinstance(section, GeneratedSection) and section.source is source:
                return section.id
    return ""
