"""A build: load and check the manuscript once, prepare it, run the chosen writers, write outputs atomically."""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from iwobook.check import load_checked
from iwobook.config import BUILTIN_ASSETS, BuildConfig, Edition, Paper, config_from_environment
from iwobook.diagnostics import OutputProblem
from iwobook.model import Book, PageStart
from iwobook.output import book_slug, write_all_atomically, write_atomically, write_folder_atomically
from iwobook.transform import prepare

if TYPE_CHECKING:
    from iwobook.load.prosecache import ProseCache
    from iwobook.writers.pdf.sectioncache import SectionCache


@dataclass
class Warm:
    """What `iwobook watch` keeps from one build to the next: parsed prose files and laid-out prose sections."""

    prose: ProseCache
    sections: SectionCache


def book_epoch(book: Book) -> int:
    """Return the book's publication date (book.yaml) as seconds since the epoch, at midnight UTC."""
    return calendar.timegm(time.strptime(book.metadata.date, "%Y-%m-%d"))


def configure(root: Path, book: Book, paper: str | None, out: Path | None) -> BuildConfig:
    """Return the build configuration: environment first, then book.yaml defaults."""
    return complete_config(config_from_environment(root, paper), book, out)


def complete_config(config: BuildConfig, book: Book, out: Path | None) -> BuildConfig:
    """Return config with the paper and date book.yaml gives where the environment gave none, and the out folder."""
    if config.paper is None:
        config = config.with_paper(Paper.from_name(book.metadata.paper))
    if config.source_date_epoch is None:
        config = replace(config, source_date_epoch=book_epoch(book))
    if out is not None:
        config = replace(config, dist=out.resolve())
    return config


class PrintRecord:
    """The pagination of the print edition of record (standard edition, the book's own paper), which the
    EPUB's page-list follows: remembered from a PDF build, or cached in dist/.cache by a digest of the inputs,
    so that an EPUB built after the PDF does not lay the book out again."""

    def __init__(self, book: Book, config: BuildConfig) -> None:
        self.source = config
        self.config = replace(config, paper=Paper.from_name(book.metadata.paper), edition=Edition.STANDARD)
        self.known: tuple[PageStart, ...] | None = None

    @cached_property
    def path(self) -> Path:
        """Return the cache file of this edition's pagination (the inputs are hashed only when it is needed)."""
        return self.source.out_dir / ".cache" / f"pagination-{inputs_digest(self.source, self.config)}.json"

    def is_record(self, config: BuildConfig) -> bool:
        """Return True when config builds the print edition of record."""
        return config.paper == self.config.paper and config.edition is Edition.STANDARD

    def remember(self, pagination: tuple[PageStart, ...]) -> None:
        """Keep the pagination of the edition of record for the EPUB of this build and for save()."""
        self.known = pagination

    def save(self) -> None:
        """Write the remembered pagination to the cache for later EPUB builds (nothing when none is known)."""
        if self.known is not None:
            rows = [[p.label, p.key, p.word] for p in self.known]
            with contextlib.suppress(OutputProblem):  # the cache only saves time
                write_atomically(self.path, json.dumps(rows).encode())

    def _cached(self) -> tuple[PageStart, ...] | None:
        """Return the cached pagination, or None when there is none or it does not parse as one."""
        try:
            rows = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(rows, list) or not rows:
            return None
        for row in rows:
            if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and isinstance(row[1], str)):
                return None
            if not isinstance(row[2], int) or isinstance(row[2], bool) or row[2] < 0:
                return None
        return tuple(PageStart(a, b, c) for a, b, c in rows)

    def pagination(
        self, book: Book, say: Callable[[str], None], cache: SectionCache | None = None
    ) -> tuple[PageStart, ...]:
        """Return the pagination of the edition of record: remembered, cached, or from laying the book out (with
        the warm sections of cache, when given)."""
        if self.known is not None:
            return self.known
        cached = self._cached()
        if cached is not None:
            say("using the print edition's page numbers from the last PDF build")
            return cached
        from iwobook.writers.pdf import paginate_pdf

        if self.path.exists():
            say("the cached page numbers do not parse; laying the print edition out again")
        say("laying out the print edition of record for the EPUB's page numbers")
        pagination = paginate_pdf(book, self.config, say, cache)
        self.remember(pagination)
        return pagination


def inputs_digest(config: BuildConfig, record: BuildConfig) -> str:
    """Return a digest of everything a layout depends on: manuscript, assets, iwobook's code and the edition
    of record (paper, edition, date), independent of where the project lies."""
    paper = record.paper.name if record.paper else ""
    digest = hashlib.sha256(f"{paper} {record.edition.value} {record.source_date_epoch}".encode())
    folders = [config.manuscript, config.assets, BUILTIN_ASSETS, Path(__file__).parent]
    allowed = [config.root, BUILTIN_ASSETS.resolve(), Path(__file__).resolve().parent]
    for folder in dict.fromkeys(folders):
        for path in _files_under(folder):
            target = path.resolve()
            if target.suffix != ".pyc" and target.is_file() and any(target.is_relative_to(a) for a in allowed):
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(target.read_bytes())
    return digest.hexdigest()[:24]


def _files_under(folder: Path) -> list[Path]:
    """Return the files under folder in a stable order, without following links to folders."""
    found: list[Path] = []
    for parent, folders, files in os.walk(folder):
        folders.sort()
        found += [Path(parent) / name for name in sorted(files)]
    return found


def render_output(
    book: Book,
    config: BuildConfig,
    what: str,
    say: Callable[[str], None],
    record: PrintRecord | None = None,
    cache: SectionCache | None = None,
) -> bytes:
    """Return the bytes of one output ('pdf', 'large-print', 'booklet', 'teacher' or 'epub') of a prepared book; cache
    keeps unchanged sections' flowables from one build to the next (`iwobook watch`)."""
    paper = config.paper or Paper.from_name(book.metadata.paper)
    own_record = record is None
    record = record or PrintRecord(book, config)
    if what == "epub":
        from iwobook.writers.epub import render_epub

        pagination = record.pagination(book, say, cache)
        say("writing the EPUB")
        return render_epub(book, config, say, pagination)
    from iwobook.writers.pdf import layout_pdf, render_pdf

    if what == "large-print":
        say(f"laying out the large-print PDF ({paper.name})")
        return render_pdf(book, config.with_edition(Edition.LARGE_PRINT), say, cache)
    if what == "booklet":
        from iwobook.impose import impose_booklet

        say(f"laying out the booklet pages ({paper.half.name})")
        pages = render_pdf(book, replace(config.with_edition(Edition.BOOKLET), paper=paper.half), say, cache)
        say(f"imposing them two-up on {paper.name} sheets")
        width, height = paper.size
        return impose_booklet(pages, (height, width))
    if what == "teacher":
        data = render_teacher(book, config.with_edition(Edition.TEACHER), say, record)
        if own_record:
            record.save()
        return data
    say(f"laying out the PDF ({paper.name})")
    layout = layout_pdf(book, config, say, cache=cache)
    if record.is_record(config):
        record.remember(layout.pagination)
        if own_record:
            record.save()
    return layout.data


def render_teacher(book: Book, config: BuildConfig, say: Callable[[str], None], record: PrintRecord) -> bytes:
    """Return the teacher's edition: every page of the print edition of record on a sheet beside its notes."""
    from iwobook.load.teacher import load_teacher
    from iwobook.overlay import Extras, place_pages
    from iwobook.writers.pdf import layout_pdf
    from iwobook.writers.pdf.teacher import render_notes_sheets

    say("reading and checking the teacher's material")
    material = load_teacher(config.root, book)
    paper = record.config.paper or Paper.from_name(book.metadata.paper)
    say(f"laying out the student edition of record ({paper.name})")
    layout = layout_pdf(book, record.config, say)
    record.remember(layout.pagination)
    say("typesetting the teacher's notes")
    sheets = render_notes_sheets(book, material, layout, replace(record.config, edition=config.edition), say)
    say("placing the student pages beside their notes")
    extras = Extras(book.metadata.language, material.labels.unit, sheets.unit_outline, sheets.xmp)
    return place_pages(layout.data, sheets.data, sheets.labels, extras)


OUTPUT_NAMES = {"pdf": "{}.pdf", "large-print": "{}-large-print.pdf", "booklet": "{}-booklet.pdf", "epub": "{}.epub"}
# built only when asked for by name: a book need not have a teacher's edition; the HTML edition is a folder
OPTIONAL_NAMES = {"teacher": "{}-teacher.pdf", "html": "{}-html"}


def write_html(book: Book, config: BuildConfig, folder: Path, say: Callable[[str], None]) -> Path:
    """Write the HTML edition of a prepared book as the folder (atomically); return the folder."""
    from iwobook.writers.html import render_html

    say("writing the HTML edition")
    files = render_html(book, config, say)
    write_folder_atomically(folder, files)
    say(f"wrote {folder}/ ({len(files)} files, {sum(len(d) for d in files.values()) / 1024:.0f} KiB)")
    return folder


def output_kinds(what: str) -> tuple[str, ...]:
    """Return the outputs a build of what ('all' or one name of OUTPUT_NAMES or OPTIONAL_NAMES) makes, in order."""
    return tuple(OUTPUT_NAMES) if what == "all" else (what,)


def output_paths(root: Path, what: str, out: Path | None) -> list[Path]:
    """Return the files a build of what writes (the name comes from the book's title); raise InputError when
    the manuscript has problems."""
    book = load_checked(root)
    config = complete_config(config_from_environment(root, None), book, out)
    slug = book_slug(book.metadata.title)
    names = {**OUTPUT_NAMES, **OPTIONAL_NAMES}
    return [config.out_dir / names[kind].format(slug) for kind in output_kinds(what)]


def build_outputs(
    root: Path,
    what: str,
    paper: str | None,
    out: Path | None,
    say: Callable[[str], None],
    warm: Warm | None = None,
) -> list[Path]:
    """Build what ('pdf', 'epub', 'booklet', 'large-print', 'teacher', 'html'
    or 'all'); return the paths written. warm keeps
    unchanged files and sections for the next build (`iwobook watch`)."""
    environment = config_from_environment(root, paper)
    say("reading and checking the manuscript")
    book = prepare(load_checked(root, warm.prose if warm else None))
    cache = warm.sections if warm else None
    config = complete_config(environment, book, out)
    slug = book_slug(book.metadata.title)
    record = PrintRecord(book, config)
    names = {**OUTPUT_NAMES, **OPTIONAL_NAMES}
    if what == "html":  # a folder of its own, never part of 'all'
        return [write_html(book, config, config.out_dir / names[what].format(slug), say)]
    outputs: list[tuple[Path, bytes]] = []
    for kind in output_kinds(what):
        data = render_output(book, config, kind, say, record, cache)
        outputs.append((config.out_dir / names[kind].format(slug), data))
    written = write_all_atomically(outputs)
    for path, data in outputs:
        say(f"wrote {path} ({len(data) / 1024:.0f} KiB)")
    record.save()
    return written
