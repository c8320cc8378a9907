"""Lowering the contents and how sections are named: each section's names and a chapter's label, and the book's
outline, from which every edition's contents is set (the PDF's contents and bookmarks, the EPUB's navigation
document and NCX, the HTML edition's index).

A section's names come in two wordings, not one per model.document.Medium, since only print and screen differ:
print lists a chapter as '3. Title' (its contents and bookmarks), a screen edition as 'Chapter 3: Title' (its
contents, page titles and links read as a cross-reference does, as they stand alone in a reading system's menu);
Names.of(medium) picks one. A chapter's label ('Chapter 3') is the line over its title in every edition. Which
sections the contents lists is decided here only: every section but the contents itself and the colophon (which
print sets before the contents), a titled part's sections under its title.
"""

from __future__ import annotations

from dataclasses import replace

from iwobook.model import AnySection, Book, GeneratedSection, Part, Section, SectionKind, anchors, is_contents
from iwobook.model.document import Names, OutlineEntry, PageNumber
from iwobook.transform.indexes import section_label


def name_section(book: Book, section: AnySection) -> AnySection:
    """Return a section with its names set, and a chapter with its label ('Chapter 3') too."""
    if isinstance(section, Section) and section.kind is SectionKind.CHAPTER:
        words = book.messages
        in_print = words("chapter.numbered_title", number=section.number, title=section.title)
        names = Names(in_print, section_label(book, section))
        return replace(section, names=names, label=words("chapter.number", number=section.number))
    return replace(section, names=Names(section.title, section.title))


def is_listed(section: AnySection) -> bool:
    """Return True for a section the contents lists: all but the contents and the colophon."""
    if isinstance(section, GeneratedSection):
        return not is_contents(section)
    return section.kind is not SectionKind.COLOPHON


def section_entry(section: AnySection) -> OutlineEntry:
    """Return the contents entry of a named section."""
    names = section.names or Names(section.title, section.title)
    return OutlineEntry(section.loc, section.id, names, PageNumber(section.loc, section.id), "section")


def part_entries(part: Part) -> tuple[OutlineEntry, ...]:
    """Return a part's contents entries: a titled part's title over its listed sections, else the sections."""
    sections = tuple(section_entry(s) for s in part.sections if is_listed(s))
    if not part.title:
        return sections
    if not sections:
        return ()
    target = anchors.part_id(part.sections[0].id)
    names = Names(part.title, part.title)
    return (OutlineEntry(part.loc, target, names, PageNumber(part.loc, target), "part", sections),)


def lower_outline(book: Book) -> tuple[OutlineEntry, ...]:
    """Return the contents of a book whose sections are named: its parts and sections in reading order."""
    return tuple(entry for part in book.parts for entry in part_entries(part))
