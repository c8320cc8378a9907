"""`iwobook watch`: build, then build again on every save under manuscript/ or assets/, staying warm.

Warm means: imports and registered fonts stay in the process, unchanged prose files are not parsed again
(load/prosecache.py), and the PDF layout keeps each unchanged prose section's flowables
(writers/pdf/sectioncache.py), so an edit to one chapter lays out the pages again without making and breaking
the other chapters' paragraphs again. A broken manuscript prints its diagnostics and
leaves the last good outputs in place. A change to the fonts restarts the process (reportlab keeps a font
under its name for the life of a process); any other change under assets/ empties the section cache.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from iwobook.build import Warm, build_outputs
from iwobook.diagnostics import InputError
from iwobook.load.prosecache import ProseCache
from iwobook.writers.pdf.sectioncache import SectionCache


@dataclass
class Rebuilder:
    """One project's warm builds: what to build, where, and the sections kept from the last layout."""

    root: Path
    what: str
    paper: str | None
    out: Path | None
    progress: Callable[[], Callable[[str], None]]  # a new progress printer per build
    report: Callable[[InputError], None]  # prints a build's diagnostics
    warm: Warm = field(default_factory=lambda: Warm(ProseCache(), SectionCache()))

    @property
    def cache(self) -> SectionCache:
        """Return the sections kept from the last layout."""
        return self.warm.sections

    def build(self) -> list[Path] | None:
        """Build once; return the paths written, or None when the manuscript has problems (they are printed and
        the outputs already written stay as they were)."""
        try:
            return build_outputs(self.root, self.what, self.paper, self.out, self.progress(), self.warm)
        except InputError as error:
            self.report(error)
            return None

    def note_changes(self, paths: Iterable[Path]) -> bool:
        """Take note of changed paths: any asset empties the section cache, any file but a Markdown one (an
        image a section names, say) the parsed prose files; return True when a font changed."""
        assets = (self.root / "assets").resolve()
        changed = [p.resolve() for p in paths]
        if any(p.is_relative_to(assets / "fonts") for p in changed):
            return True
        if any(p.is_relative_to(assets) for p in changed):
            self.warm.sections.clear()
        if any(p.suffix != ".md" for p in changed):
            self.warm.prose.entries.clear()
        return False


def watch_outputs(rebuilder: Rebuilder) -> int:
    """Build, then rebuild on every change under manuscript/ and assets/ until Ctrl-C; return the exit code."""
    from watchfiles import watch

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # it would announce Ctrl-C itself
    root = rebuilder.root
    folders = [folder for folder in (root / "manuscript", root / "assets") if folder.is_dir()]
    if not folders:
        print(f"iwobook: nothing to watch: {root / 'manuscript'} is not a folder", file=sys.stderr)
        return 1
    first = True
    try:
        # the first wake-up (empty, after rust_timeout ms) comes once the watcher is live: the first build
        # starts then, so that a save made while it runs is seen too
        for changes in watch(*folders, raise_interrupt=False, debounce=400, rust_timeout=200, yield_on_timeout=True):
            if not changes and not first:
                continue
            first = False
            if rebuilder.note_changes(Path(path) for _, path in changes):
                print("iwobook: the fonts changed; starting again", file=sys.stderr, flush=True)
                os.execv(sys.executable, [sys.executable, "-m", "iwobook", *sys.argv[1:]])
            _build_and_say(rebuilder)
    except KeyboardInterrupt:
        pass
    print("iwobook: stopped watching", file=sys.stderr, flush=True)
    return 0


def _build_and_say(rebuilder: Rebuilder) -> None:
    """Build once; print the paths written and how long it took, then that watch is waiting."""
    start, cpu = time.perf_counter(), time.process_time()
    paths = rebuilder.build()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if paths is not None:
        for path in paths:
            print(path, flush=True)
        message = f"iwobook: built in {seconds:.2f} s (CPU {cpu:.2f} s); watching for changes (Ctrl-C stops)"
        print(message, file=sys.stderr, flush=True)
    else:
        print("iwobook: watching for changes (Ctrl-C stops)", file=sys.stderr, flush=True)
