"""Pure transforms over a checked Book, then the lowering of generated content.

The entry point for every writer is `prepare(book)`: it numbers the chapters, puts the glossaries in order,
anchors the first mention of each target in every chapter (mentions), collects cross-reference targets and
appearances (indexes), then lowers every generated section (lower):
each GeneratedSection of the returned book has its body as generic document nodes (model.document) in
`blocks`, with its final wording in the book's language, its ids and page-start keys, and in `role` what it
is for readers ('glossary', 'appendix' or ''); a chapter has its furniture (`before`, `after`) and its label,
every section its names (`names`), and the book its contents (`outline`) and colophon. A writer renders those
nodes and holds no words of its own.
`lower_book(book)` does the lowering alone, for a book already indexed.
"""

from __future__ import annotations

from dataclasses import replace

from iwobook.model import Book
from iwobook.transform.indexes import collect_appearances, collect_targets, number_chapters, sort_glossaries
from iwobook.transform.lower import lower_book
from iwobook.transform.mentions import mark_mentions

__all__ = [
    "collect_appearances",
    "collect_targets",
    "lower_book",
    "mark_mentions",
    "number_chapters",
    "prepare",
    "sort_glossaries",
]


def prepare(book: Book) -> Book:
    """Return a checked book ready for the writers: numbered, glossaries in order, with targets and appearances,
    and every generated section lowered to document nodes."""
    numbered = mark_mentions(sort_glossaries(number_chapters(book)))
    indexed = replace(numbered, targets=collect_targets(numbered), appearances=collect_appearances(numbered))
    return lower_book(indexed)
