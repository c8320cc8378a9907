"""The HTML edition: the prepared book as a folder of web pages (see render_html).

Layout of the folder: index.html (the title page and the contents), one page per section named after its id
(chapter-1.html ...), style.css made from the style sheet, the book's images under images/, and under fonts/
subsets of the style sheet's fallback fonts for the characters a reader's own fonts may lack, with their
licences. Pages link to each other (previous, contents, next; cross-references to the entry on its page),
have landmarks (header, main, the footer's reading-order nav), lang and dir on every run in another
language, the map and timeline as inline SVG (drawn again for a phone's width), and need no JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable

from iwobook.config import BuildConfig
from iwobook.model import Blocks, Book, Section
from iwobook.writers.html.fonts import collect_licences, make_web_fonts
from iwobook.writers.html.images import collect_images
from iwobook.writers.html.pages import render_index, render_section_page, render_sequence, render_shell
from iwobook.writers.html.plan import INDEX_FILE, MEDIUM, map_section_files, plan_pages
from iwobook.writers.html.styles import STYLESHEET_FILE, render_stylesheet
from iwobook.writers.xhtml.content import Context, Format
from iwobook.writers.xhtml.markup import HTML, Element, serialise_document

__all__ = ["render_html"]

# a screen edition without page numbers, whose figures are drawn for wide screens and for phones
FORMAT = Format(MEDIUM, wide_figures=True)


def collect_blocks(book: Book) -> list[Blocks]:
    """Return every block sequence of the book that can hold images, in reading order then data order."""
    blocks: list[Blocks] = [s.blocks for s in book.sections() if isinstance(s, Section)]
    blocks += [c.description for c in book.characters]
    blocks += [le.text + le.provenance for le in book.letters]
    blocks += [t.definition for t in book.terms]
    return blocks


def render_html(book: Book, config: BuildConfig, say: Callable[[str], None]) -> dict[str, bytes]:
    """Return the files of the HTML edition of a prepared book by their path in its folder; the same book and
    configuration give the same bytes."""
    pages = plan_pages(book)
    images = collect_images(config, collect_blocks(book))
    homes = map_section_files(book, pages)
    ctx = Context(book, book.metadata.language, FORMAT, homes, {p: f for p, (f, _) in images.items()})
    first = pages[0] if pages else None
    index = render_shell(book.metadata.title, ctx, render_index(ctx), render_sequence(None, first, ctx, True), True)
    documents: dict[str, Element] = {INDEX_FILE: index}
    for number, page in enumerate(pages):
        before = pages[number - 1] if number else None
        after = pages[number + 1] if number + 1 < len(pages) else None
        title = ctx.words("format.facts").join((page.title, book.metadata.title))
        sequence = render_sequence(before, after, ctx, False)
        documents[page.file] = render_shell(title, ctx, render_section_page(page, ctx), sequence, False)
    fallbacks, fonts = make_web_fonts(config, documents.values())
    files = {name: serialise_document(html, HTML) for name, html in documents.items()}
    files[STYLESHEET_FILE] = render_stylesheet(config, fallbacks, fonts).encode("utf-8")
    files.update({font.file: font.data for font in fonts})
    if fonts:
        files.update(collect_licences(config))
    files.update(dict(images.values()))
    say(f"html: {len(documents)} pages, {len(images)} images, {len(fonts)} font subsets")
    return files
