"""The accessibility metadata this writer can truthfully claim for a book."""

from __future__ import annotations

from collections.abc import Iterator

from iwobook.model import Book, Inline, LangSpan, Section, Text, has_cjk
from iwobook.walk import block_inlines, inlines_of, section_inlines
from iwobook.writers.epub.package import Accessibility
from iwobook.writers.xhtml.text import JAPANESE, get_primary_language

FEATURES = (
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
    "alternativeText",
    "ARIA",
)


def iter_book_inlines(book: Book) -> Iterator[Inline]:
    """Yield every inline node of the book: sections, data records and the timeline."""
    for section in book.sections():
        if isinstance(section, Section):
            yield from section_inlines(section)
    for character in book.characters:
        yield from block_inlines(character.description)
    for letter in book.letters:
        yield from block_inlines(letter.text + letter.provenance)
    for term in book.terms:
        yield from block_inlines(term.definition)
    for event in book.timeline:
        yield from inlines_of(event.text)


def find_other_languages(book: Book) -> list[str]:
    """Return the primary tags of the other languages the EPUB tags, in order of first use."""
    found: list[str] = []
    for node in iter_book_inlines(book):
        if isinstance(node, LangSpan):
            found.append(get_primary_language(node.lang))
        elif isinstance(node, Text) and has_cjk(node.text):
            found.append(JAPANESE)
    originals = [o for c in book.characters for o in c.originals] + [o for t in book.terms for o in t.originals]
    found += [get_primary_language(o.lang) for o in originals]
    found += [get_primary_language(o.lang) for le in book.letters for o in le.originals]
    own = get_primary_language(book.metadata.language)
    return [lang for lang in dict.fromkeys(found) if lang != own]


# claimed when the EPUB carries the print edition's page breaks and a page list
PAGE_FEATURES = ("pageBreakMarkers", "printPageNumbers", "pageNavigation")


def describe_accessibility(book: Book, has_images: bool, page_source: str = "") -> Accessibility:
    """Return the access modes, features and summary of the EPUB built from book.

    page_source names the print edition whose page breaks the EPUB marks ('' when it marks none).
    """
    words = book.messages
    languages = [words.language_name(lang) for lang in find_other_languages(book)]
    sentences = [words("a11y.conformance"), words("a11y.navigation")]
    if languages:
        sentences.append(words("a11y.languages", languages=words.join(languages)))
    sentences.append(words("a11y.figures") if has_images else words("a11y.cover_only"))
    if page_source:
        sentences.append(words("a11y.pages", source=page_source))
    sentences.append(words("a11y.reflow"))
    return Accessibility(
        modes=("textual", "visual") if has_images else ("textual",),
        sufficient=("textual", "textual,visual") if has_images else ("textual",),
        features=FEATURES + (PAGE_FEATURES if page_source else ()),
        summary=" ".join(sentences),
    )
