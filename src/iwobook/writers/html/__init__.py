"""The HTML edition: the prepared book as a folder of web pages (see render_html).

Layout of the folder: index.html (the title page and the contents), one page per section named after its id
(chapter-1.html ...), style.css made from the style sheet, and the book's images under images/. Pages link to
each other (previous, contents, next; cross-references to the entry on its page), have landmarks (header,
main, footer's reading-order nav), lang and dir on every run in another language, the drawn figures as
inline SVG, and need no JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from iwobook.config import BuildConfig
from iwobook.model import Book, Generated, Section
from iwobook.walk import figures_of
from iwobook.writers.html.content import Context
from iwobook.writers.html.markup import serialise_page
from iwobook.writers.html.pages import render_index, render_section_page, render_sequence, render_shell
from iwobook.writers.html.plan import INDEX_FILE, map_section_files, plan_pages
from iwobook.writers.html.styles import STYLESHEET_FILE, render_stylesheet

__all__ = ["render_html"]

# the generated sections the edition has pages for
SHOWN: frozenset[Generated] = frozenset()


def collect_images(book: Book, config: BuildConfig) -> dict[str, tuple[str, bytes]]:
    """Return each figure path of the prose as (file in the edition, bytes), named images/NN-stem.ext in ASCII."""
    images: dict[str, tuple[str, bytes]] = {}
    for section in book.sections():
        if not isinstance(section, Section):
            continue
        for figure in figures_of(section.blocks):
            if figure.path in images:
                continue
            source = PurePosixPath(figure.path)
            stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "image"
            name = f"images/{len(images) + 1:02d}-{stem}{source.suffix.lower()}"
            images[figure.path] = (name, (config.root / Path(figure.path)).read_bytes())
    return images


def render_html(book: Book, config: BuildConfig, say: Callable[[str], None]) -> dict[str, bytes]:
    """Return the files of the HTML edition of a prepared book by their path in its folder; the same book and
    configuration give the same bytes."""
    pages = plan_pages(book, SHOWN)
    images = collect_images(book, config)
    ctx = Context(book, book.metadata.language, map_section_files(book, pages), {p: f for p, (f, _) in images.items()})
    files: dict[str, bytes] = {STYLESHEET_FILE: render_stylesheet(config).encode("utf-8")}
    first = pages[0] if pages else None
    index = render_shell(
        book.metadata.title, ctx, render_index(pages, ctx), render_sequence(None, first, ctx, True), True
    )
    files[INDEX_FILE] = serialise_page(index)
    for number, page in enumerate(pages):
        before = pages[number - 1] if number else None
        after = pages[number + 1] if number + 1 < len(pages) else None
        title = ctx.words("format.facts").join((page.title, book.metadata.title))
        shell = render_shell(
            title, ctx, render_section_page(page, ctx), render_sequence(before, after, ctx, False), False
        )
        files[page.file] = serialise_page(shell)
    for name, data in images.values():
        files[name] = data
    say(f"html: {len(pages) + 1} pages, {len(images)} images")
    return files
