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


def build_outputs(root: Path, what: str, paper: str | None, out: Path | None, say: Callable[[str], None]) -> list[Path]:
    """Build what ('pdf', 'epub', 'booklet', 'large-print' or 'all'); return the paths written."""
    say("reading and checking the manuscript")
    book = prepare(load_checked(root))
    config = configure(root, book, paper, out)
    slug = book_slug(book.metadata.title)
    written: list[Path] = []
    if what in ("pdf", "all"):
        from iwobook.writers.pdf import render_pdf

        say(f"laying out the PDF ({config.paper.name if config.paper else ''})")
        data = render_pdf(book, config, say)
        written.append(write_atomically(config.out_dir / f"{slug}.pdf", data))
    if what in ("large-print", "all"):
        from iwobook.writers.pdf import render_pdf

        say("laying out the large-print PDF")
        data = render_pdf(book, config.with_edition(Edition.LARGE_PRINT), say)
        written.append(write_atomically(config.out_dir / f"{slug}-large-print.pdf", data))
    if what in ("booklet", "all"):
        from iwobook.impose import impose_booklet
        from iwobook.writers.pdf import render_pdf

        assert config.paper is not None
        say(f"laying out the booklet pages ({config.paper.half.name})")
        pages = render_pdf(book, replace(config.with_edition(Edition.BOOKLET), paper=config.paper.half), say)
        say(f"imposing two-up on {config.paper.name} sheets")
        written.append(write_atomically(config.out_dir / f"{slug}-booklet.pdf", impose_booklet(pages, (config.paper.size[1], config.paper.size[0]))))
    if what in ("epub", "all"):
        from iwobook.writers.epub import render_epub

        say("writing the EPUB")
        data = render_epub(book, config, say)
        written.append(write_atomically(config.out_dir / f"{slug}.epub", data))
    for path in written:
        say(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    return written
