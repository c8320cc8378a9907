"""A build: load and check the manuscript once, prepare it, run the chosen writers, write outputs atomically."""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from iwobook.check import load_checked
from iwobook.config import BuildConfig, Edition, Paper, config_from_environment
from iwobook.model import Book
from iwobook.output import book_slug, write_atomically
from iwobook.transform import prepare


def book_epoch(book: Book) -> int:
    """Return the book's publication date (book.yaml) as seconds since the epoch, at midnight UTC."""
    return calendar.timegm(time.strptime(book.metadata.date, "%Y-%m-%d"))


def configure(root: Path, book: Book, paper: str | None, out: Path | None) -> BuildConfig:
    """Return the build configuration: environment first, then book.yaml defaults."""
    config = config_from_environment(root, paper)
    if config.paper is None:
        config = config.with_paper(Paper.from_name(book.metadata.paper))
    if config.source_date_epoch is None:
        config = replace(config, source_date_epoch=book_epoch(book))
    if out is not None:
        config = replace(config, dist=out.resolve())
    return config


def render_output(book: Book, config: BuildConfig, what: str, say: Callable[[str], None]) -> bytes:
    """Return the bytes of one output ('pdf', 'large-print', 'booklet' or 'epub') of a prepared book."""
    paper = config.paper or Paper.from_name(book.metadata.paper)
    if what == "epub":
        from iwobook.writers.epub import render_epub
        from iwobook.writers.pdf import layout_pdf

        # The EPUB marks where the pages of the print edition of record begin (standard edition on the
        # book's own paper), so that edition is laid out first: this costs as much as building the PDF.
        record = Paper.from_name(book.metadata.paper)
        say(f"laying out the {record.name} print edition for the EPUB's page numbers (as long as a PDF build)")
        pagination = layout_pdf(book, replace(config, paper=record, edition=Edition.STANDARD), say).pagination
        say("writing the EPUB")
        return render_epub(book, config, say, pagination)
    from iwobook.writers.pdf import render_pdf

    if what == "large-print":
        say(f"laying out the large-print PDF ({paper.name})")
        return render_pdf(book, config.with_edition(Edition.LARGE_PRINT), say)
    if what == "booklet":
        from iwobook.impose import impose_booklet

        say(f"laying out the booklet pages ({paper.half.name})")
        pages = render_pdf(book, replace(config.with_edition(Edition.BOOKLET), paper=paper.half), say)
        say(f"imposing them two-up on {paper.name} sheets")
        width, height = paper.size
        return impose_booklet(pages, (height, width))
    say(f"laying out the PDF ({paper.name})")
    return render_pdf(book, config, say)


OUTPUT_NAMES = {"pdf": "{}.pdf", "large-print": "{}-large-print.pdf", "booklet": "{}-booklet.pdf", "epub": "{}.epub"}


def build_outputs(root: Path, what: str, paper: str | None, out: Path | None, say: Callable[[str], None]) -> list[Path]:
    """Build what ('pdf', 'epub', 'booklet', 'large-print' or 'all'); return the paths written."""
    say("reading and checking the manuscript")
    book = prepare(load_checked(root))
    config = configure(root, book, paper, out)
    slug = book_slug(book.metadata.title)
    written: list[Path] = []
    for kind in OUTPUT_NAMES if what == "all" else (what,):
        data = render_output(book, config, kind, say)
        path = write_atomically(config.out_dir / OUTPUT_NAMES[kind].format(slug), data)
        say(f"wrote {path} ({len(data) / 1024:.0f} KiB)")
        written.append(path)
    return written
