"""Small pieces of generated wording as document inlines: messages with inline parts, labels, chapter citations."""

from __future__ import annotations

from collections.abc import Sequence

from iwobook.model import Appearance, Book, Loc, Messages, Text, anchors
from iwobook.model.document import DocInline, DocInlines, PageNumber, PageRef, Para, Span


def compose(words: Messages, loc: Loc, key: str, **parts: str | DocInlines) -> DocInlines:
    """Return the message under key as inlines, each placeholder replaced by its part (text or inlines)."""
    out: list[DocInline] = []
    for index, piece in enumerate(words.split(key, *parts)):
        if index % 2 == 0:
            if piece:
                out.append(Text(loc, piece))
            continue
        part = parts[piece]
        out += [Text(loc, part)] if isinstance(part, str) else list(part)
    return tuple(out)


def text(loc: Loc, value: str) -> DocInlines:
    """Return plain text as inlines (nothing for empty text)."""
    return (Text(loc, value),) if value else ()


def label(words: Messages, loc: Loc, key: str) -> Span:
    """Return the message under key as a label ('Themes:')."""
    return Span(loc, "label", (Text(loc, words.label(key)),))


def labelled(words: Messages, loc: Loc, key: str, value: DocInlines, role: str, ident: str = "") -> Para:
    """Return a 'Label: value' paragraph."""
    return Para(loc, (label(words, loc, key), Text(loc, " "), *value), role, ident)


def joined(separator: str, loc: Loc, runs: Sequence[DocInlines]) -> DocInlines:
    """Return runs of inlines with separator text between them."""
    out: list[DocInline] = []
    for index, run in enumerate(runs):
        if index:
            out.append(Text(loc, separator))
        out += run
    return tuple(out)


def chapter_citation(book: Book, loc: Loc, appearance: Appearance, page_key: str = "entry.chapter_page") -> PageRef:
    """Return a link to a chapter reading 'Chapter 4 (p. 17)' where the page is known, else 'Chapter 4: Title';
    it lands on the first mention there when the appearance has one (the page cited is the chapter's)."""
    words = book.messages
    page = (PageNumber(loc, appearance.section_id),)
    return PageRef(
        loc,
        appearance.mention or appearance.section_id,
        compose(words, loc, page_key, number=str(appearance.number), page=page),
        compose(words, loc, "chapter.reference", number=str(appearance.number), title=appearance.title),
    )


def appears_line(book: Book, entry_id: str, loc: Loc, key: str = "entry.appears_in") -> Para | None:
    """Return an entry's 'Appears in: Chapter 4 (p. 17), ...' line (id appears-<entry>), or None if no chapter
    refers to it."""
    found = book.appearances.get(entry_id, ())
    if not found:
        return None
    words = book.messages
    citations = joined(words("format.comma"), loc, [(chapter_citation(book, loc, a),) for a in found])
    return labelled(words, loc, key, citations, "appears", anchors.appears_id(entry_id))
