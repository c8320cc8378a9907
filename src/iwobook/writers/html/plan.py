"""The HTML edition's pages: the index (title page and contents), then one page per section in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iwobook.model import AnySection, Book, Part, is_contents, listed_name
from iwobook.model.document import Medium

INDEX_FILE = "index.html"
CONTENTS_ID = "contents"
MEDIUM = Medium.SCREEN  # the kind of edition this is, for the names and entries meant only for some


@dataclass(frozen=True)
class SectionPage:
    """One page of the edition: its file, the title it is listed under, its section and its part."""

    file: str
    title: str
    section: AnySection
    part: Part


def make_file_name(section_id: str, taken: set[str]) -> str:
    """Return a page's file name from its section id (ASCII letters, digits and hyphens), unique among taken."""
    stem = re.sub(r"[^a-z0-9]+", "-", section_id.lower()).strip("-") or "section"
    name, number = f"{stem}.html", 1
    while name in taken or name == INDEX_FILE:
        number += 1
        name = f"{stem}-{number}.html"
    taken.add(name)
    return name


def plan_pages(book: Book) -> tuple[SectionPage, ...]:
    """Return the pages of every section in reading order but the contents (the index holds it)."""
    taken: set[str] = set()
    pages: list[SectionPage] = []
    for part in book.parts:
        for section in part.sections:
            if not is_contents(section):
                name = make_file_name(section.id, taken)
                pages.append(SectionPage(name, listed_name(section, MEDIUM), section, part))
    return tuple(pages)


def map_section_files(book: Book, pages: tuple[SectionPage, ...]) -> dict[str, str]:
    """Return the page of each section id (the contents section is the index page's contents)."""
    files = {page.section.id: page.file for page in pages}
    for section in book.sections():
        if is_contents(section):
            files.setdefault(section.id, f"{INDEX_FILE}#{CONTENTS_ID}")
    return files
