"""Lowering the colophon's publication details: title, contributors, edition, publication, identifier, rights,
licence and what the page numbers are, as one definition list for every edition."""

from __future__ import annotations

from iwobook.config import Paper
from iwobook.model import Book
from iwobook.model.document import DateText, DefinitionList, DocBlock, DocInlines, Item, Medium, Para
from iwobook.transform.phrases import compose, text


def lower_colophon(book: Book) -> tuple[DocBlock, ...]:
    """Return the publication details as a definition list ('Title:' and the title ...), or nothing."""
    meta = book.metadata
    words = book.messages
    loc = meta.loc
    rows: list[Item] = []

    def row(key: str, value: DocInlines, role: str = "", media: frozenset[Medium] = frozenset()) -> None:
        if value:
            rows.append(Item(loc, text(loc, words.label(key)), (Para(loc, value, role),), media=media))

    title = compose(words, loc, "colophon.title_and_subtitle", title=meta.title, subtitle=meta.subtitle)
    row("colophon.title", title if meta.subtitle else text(loc, meta.title))
    for role in dict.fromkeys(c.role for c in meta.contributors):
        names = [c.name for c in meta.contributors if c.role == role]
        key = f"role.{role}" if f"role.{role}" in words.entries else "role.contributor"
        row(key + ("s" if len(names) > 1 else ""), text(loc, words("format.comma").join(names)))
    row("colophon.edition", text(loc, meta.edition))
    date: DocInlines = (DateText(loc, meta.date, words.date(meta.date)),) if meta.date else ()
    published = compose(words, loc, "colophon.published_by", publisher=meta.publisher, date=date)
    row("colophon.published", published if meta.publisher and date else date or text(loc, meta.publisher))
    row("colophon.identifier", text(loc, meta.identifier), "identifier")
    row("colophon.rights", text(loc, meta.rights))
    row("colophon.licence", text(loc, meta.licence))
    paper = Paper.from_name(book.metadata.paper).label  # the edition of record's
    row(
        "colophon.pages", text(loc, words("colophon.pages_record", paper=paper)), media=frozenset({Medium.PRINT_RECORD})
    )
    row("colophon.pages", text(loc, words("colophon.pages_other", paper=paper)), media=frozenset({Medium.PRINT}))
    pages_ebook = text(loc, words("colophon.pages_ebook", paper=paper))
    row("colophon.pages", pages_ebook, media=frozenset({Medium.PAGED_SCREEN}))
    if not rows:
        return ()
    return (DefinitionList(loc, tuple(rows), "colophon-data", words("colophon.details")),)
