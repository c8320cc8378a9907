"""Parsed prose files kept between the builds of `iwobook watch`: a file whose text did not change is not
parsed again, and its diagnostics are reported again as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from iwobook.diagnostics import Diagnostic, Report
from iwobook.model import Section


@dataclass
class ProseCache:
    """Sections by (file, text, the book's theme ids), with the diagnostics reading them reported."""

    entries: dict[tuple[str, str, tuple[str, ...]], tuple[Section | None, tuple[Diagnostic, ...]]] = field(
        default_factory=dict
    )
    used: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    hits: int = 0

    def read(
        self, key: tuple[str, str, tuple[str, ...]], report: Report, make: Callable[[], Section | None]
    ) -> Section | None:
        """Return the section kept under key, reporting its diagnostics again, or make it (and keep it)."""
        self.used.add(key)
        kept = self.entries.get(key)
        if kept is not None:
            self.hits += 1
            report.extend(kept[1])
            return kept[0]
        start = len(report.items)
        section = make()
        self.entries[key] = (section, tuple(report.items[start:]))
        return section

    def forget_unused(self) -> None:
        """Forget the files the last load did not read (deleted or edited since)."""
        for key in set(self.entries) - self.used:
            del self.entries[key]
        self.used = set()
