"""The EPUB's reading order as files: cover, title page, part pages, sections, the navigation document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import assert_never

from iwobook.model import AnySection, Book, Matter, Part, anchors, is_contents, listed_name
from iwobook.model.document import Medium

COVER_FILE = "cover.xhtml"
TITLE_FILE = "titlepage.xhtml"
NAV_FILE = "nav.xhtml"
NO_PART = -1
MEDIUM = Medium.PAGED_SCREEN  # the kind of edition this is, for the names and entries meant only for some


@dataclass(frozen=True)
class CoverPage:
    """The page that shows the cover image."""


@dataclass(frozen=True)
class TitlePage:
    """The title page made from the metadata."""


@dataclass(frozen=True)
class NavPage:
    """The navigation document, read where the book's contents section is (its id, else "")."""

    section_id: str = ""


@dataclass(frozen=True)
class PartPage:
    """A titled part's heading page, numbered among the titled parts from 1."""

    part: Part
    number: int


@dataclass(frozen=True)
class SectionPage:
    """One section of the book (prose or generated)."""

    section: AnySection


PageKind = CoverPage | TitlePage | NavPage | PartPage | SectionPage


@dataclass(frozen=True)
class Page:
    """One XHTML file: name, title, matter, what it shows, its part's index and whether the spine reads it."""

    file: str
    title: str
    matter: Matter
    what: PageKind
    part: int = NO_PART
    in_spine: bool = True

    @property
    def manifest_id(self) -> str:
        """Return the page's manifest id (an XML name: starts with a letter)."""
        return "doc-" + self.file.removesuffix(".xhtml")


def make_ascii_name(text: str) -> str:
    """Return text as a lower-case ASCII file-name fragment (letters, digits, hyphens)."""
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return name or "section"


def plan_pages(book: Book) -> tuple[Page, ...]:
    """Return every page in reading order; the navigation document comes last when the book has no contents."""
    pages = [
        Page(COVER_FILE, book.messages("page.cover"), Matter.FRONT, CoverPage()),
        Page(TITLE_FILE, book.metadata.title, Matter.FRONT, TitlePage()),
    ]
    count = sum(len(part.sections) for part in book.parts)
    width = max(2, len(str(count)))
    number = 0
    titled = 0
    has_nav = False
    for index, part in enumerate(book.parts):
        if part.title:
            titled += 1
            name = f"part-{titled:02d}.xhtml"
            pages.append(Page(name, part.title, part.matter, PartPage(part, titled), index))
        for section in part.sections:
            number += 1
            title = listed_name(section, MEDIUM)
            if is_contents(section) and not has_nav:
                has_nav = True
                pages.append(Page(NAV_FILE, title, part.matter, NavPage(section.id), index))
            else:
                name = f"{number:0{width}d}-{make_ascii_name(section.id)}.xhtml"
                pages.append(Page(name, title, part.matter, SectionPage(section), index))
    if not has_nav:
        pages.append(Page(NAV_FILE, book.messages("page.contents"), Matter.FRONT, NavPage(), in_spine=False))
    return tuple(pages)


def map_section_files(pages: tuple[Page, ...]) -> dict[str, str]:
    """Return each section id's file (the first contents section is the navigation document)."""
    files: dict[str, str] = {}
    for page in pages:
        what = page.what
        match what:
            case SectionPage(section=section):
                files.setdefault(section.id, page.file)
            case NavPage(section_id=section_id):
                if section_id:
                    files.setdefault(section_id, page.file)
            case CoverPage() | TitlePage() | PartPage():
                pass
            case _:
                assert_never(what)
    return files


def map_part_files(pages: tuple[Page, ...]) -> dict[str, str]:
    """Return each titled part's id ('part-' and its first section's id) with its page's file."""
    return {
        anchors.part_id(p.what.part.sections[0].id): p.file
        for p in pages
        if isinstance(p.what, PartPage) and p.what.part.sections
    }
