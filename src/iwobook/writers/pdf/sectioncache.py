"""Warm layouts for `iwobook watch`: each prose section's flowables kept by a digest of what they are made from.

A kept section brings back the very flowables the last layout made, with their lines already broken, so only
the pages are laid out again (which stays exact: page numbers, contents and page-list are recomputed). What a
document build changes on its flowables is undone after it, through reportlab's own multi-pass record of
edits (`_multiBuildEdits`, as `BaseDocTemplate.multiBuild` does). Generated sections (contents, lists with page
numbers) depend on the whole book and are always made again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from functools import partial
from typing import Any

from reportlab.lib.utils import ImageReader

from iwobook.config import BuildConfig
from iwobook.model import Book, CrossRef, Section
from iwobook.walk import section_inlines
from iwobook.writers.pdf.flowables import LazySection
from iwobook.writers.pdf.pages import PageState


@dataclass
class SectionCache:
    """Flowables of prose sections, the page state they write to, and cover images, per layout context."""

    sections: dict[str, list[Any]] = field(default_factory=dict)
    states: dict[str, PageState] = field(default_factory=dict)
    covers: dict[str, ImageReader] = field(default_factory=dict)
    cited_pages: dict[str, dict[str, str]] = field(default_factory=dict)  # per context: pages references cite
    used: set[str] = field(default_factory=set)  # keys the current build took
    context: str = ""  # the current build's edition and paper
    edits: list[Any] = field(default_factory=list)
    hits: int = 0
    misses: int = 0

    def clear(self) -> None:
        """Forget everything (the style sheet or other assets changed)."""
        self.sections.clear()
        self.states.clear()
        self.covers.clear()
        self.cited_pages.clear()

    def state(self, context: str) -> PageState:
        """Return the page state of context, as new: kept flowables of that context write to this one object."""
        state = self.states.setdefault(context, PageState())
        for item in fields(PageState):
            if item.default_factory is not MISSING:
                setattr(state, item.name, item.default_factory())
            else:
                setattr(state, item.name, item.default)
        return state

    def cover(self, key: str, make: Callable[[], ImageReader]) -> ImageReader:
        """Return the cover image kept under key, making it when there is none."""
        if key not in self.covers:
            self.covers.clear()
            self.covers[key] = make()
        return self.covers[key]

    def open(self) -> None:
        """Start the layouts of one edition (a first one that finds pages, trials, the last): each keeps what any
        of them used."""
        self.used = set()

    def close(self, context: str) -> None:
        """Forget the sections of context that none of the edition's layouts used."""
        for key in [key for key in self.sections if key.startswith(context) and key not in self.used]:
            del self.sections[key]

    def begin(self, doc: Any, story: list[Any], book: Book, context: str, pages: Mapping[str, str]) -> list[Any]:
        """Prepare doc to record its edits of flowables; return story with prose sections made through the cache."""
        self.context = context
        self.edits = []
        doc._multiBuildEdits = self.edits.append  # reportlab's record of edits to undo between passes
        return [self._lazy(item, book, context, pages) for item in story]

    def end(self, doc: Any, ok: bool) -> None:
        """Undo what the build changed on the flowables; forget every section when it failed (a section that could
        not be drawn must be made, and reported, again)."""
        for edit in self.edits:
            edit[0](*edit[1:])
        self.edits = []
        doc.__dict__.pop("_multiBuildEdits", None)
        if not ok:
            self.sections.clear()
            self.used = set()

    def _lazy(self, item: Any, book: Book, context: str, pages: Mapping[str, str]) -> Any:
        """Return a lazy section that takes its flowables from the cache, or item itself when it cannot."""
        make = getattr(item, "make", None)
        if not isinstance(item, LazySection) or not isinstance(make, partial) or len(make.args) != 2:
            return item
        section, opening = make.args
        if not isinstance(section, Section):
            return item
        key = context + section_digest(section, opening, book, pages)
        return LazySection(partial(self._section, key, make))

    def _section(self, key: str, make: Callable[[], list[Any]]) -> list[Any]:
        """Return the flowables kept under key, or make them."""
        self.used.add(key)
        kept = self.sections.get(key)
        if kept is not None:
            self.hits += 1
            return list(kept)
        self.misses += 1
        made = make()
        self.sections[key] = list(made)
        return made


def section_digest(section: Section, opening: Any, book: Book, pages: Mapping[str, str]) -> str:
    """Return a digest of everything a prose section's flowables are made from: the section itself (with its
    lines), how it opens, the book's metadata and themes, and the targets it refers to with the pages cited."""
    digest = hashlib.sha256(repr(section).encode())
    part = opening.part
    digest.update(repr((part.title, part.matter, opening.starts_part, opening.follows_chapter, opening.start)).encode())
    digest.update(repr((book.metadata, book.themes)).encode())
    targets = sorted({node.target for node in section_inlines(section) if isinstance(node, CrossRef)})
    digest.update(repr([(t, book.targets.get(t), pages.get(t)) for t in targets]).encode())
    return digest.hexdigest()


def cover_key(book: Book, config: BuildConfig, size: tuple[int, int]) -> str:
    """Return a digest of what the cover image is made from: metadata, edition, size and the cover file."""
    path = config.root / book.metadata.cover if book.metadata.cover else None
    stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path is not None and path.is_file() else None
    return hashlib.sha256(repr((book.metadata, config.edition, size, stamp)).encode()).hexdigest()
