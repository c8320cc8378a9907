"""The one frozen configuration object of a build: paths, paper, edition and the reproducible date."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from enum import Enum
from importlib.resources import files
from pathlib import Path

from iwobook.diagnostics import UsageProblem

MM = 72 / 25.4
# The style sheet, fonts and other assets iwobook falls back on when a project does not ship its own: package
# data, found through importlib.resources (an installed package is always a folder on disk).
BUILTIN_ASSETS = Path(str(files("iwobook") / "assets"))


class Paper(Enum):
    """Page sizes in points (width, height), portrait."""

    A4 = (210 * MM, 297 * MM)
    LETTER = (612.0, 792.0)
    A5 = (148 * MM, 210 * MM)
    HALF_LETTER = (396.0, 612.0)

    @property
    def size(self) -> tuple[float, float]:
        """Return (width, height) in points."""
        return self.value

    @property
    def label(self) -> str:
        """Return the paper's printed name: 'A4', 'Letter', 'A5', 'Half Letter'."""
        return self.name.replace("_", " ").title() if "LETTER" in self.name else self.name

    @property
    def half(self) -> Paper:
        """Return the paper folded in half (A4 -> A5, Letter -> half-letter)."""
        return {Paper.A4: Paper.A5, Paper.LETTER: Paper.HALF_LETTER}.get(self, self)

    @classmethod
    def from_name(cls, name: str) -> Paper:
        """Return the paper for a name such as 'a4' or 'letter'; raise ValueError otherwise."""
        key = name.strip().upper().replace("-", "_")
        if key not in cls.__members__:
            raise ValueError(f"unknown paper '{name}' (use a4 or letter)")
        return cls[key]


class Edition(Enum):
    """The editions one manuscript builds into."""

    STANDARD = "standard"
    LARGE_PRINT = "large-print"
    BOOKLET = "booklet"
    TEACHER = "teacher"


@dataclass(frozen=True)
class BuildConfig:
    """Everything a build needs besides the manuscript: where things are and what to make."""

    root: Path
    paper: Paper | None = None
    edition: Edition = Edition.STANDARD
    source_date_epoch: int | None = None
    dist: Path | None = None
    verbose: bool = False

    @property
    def manuscript(self) -> Path:
        """Return the manuscript folder."""
        return self.root / "manuscript"

    @property
    def assets(self) -> Path:
        """Return the assets folder."""
        return self.root / "assets"

    def asset(self, name: str) -> Path:
        """Return the project's assets/name, or iwobook's own default when the project has none."""
        own = self.assets / name
        return own if own.exists() else BUILTIN_ASSETS / name

    @property
    def out_dir(self) -> Path:
        """Return the folder outputs are written to."""
        return self.dist if self.dist is not None else self.root / "dist"

    def with_paper(self, paper: Paper) -> BuildConfig:
        """Return a copy of this configuration on another paper."""
        return replace(self, paper=paper)

    def with_edition(self, edition: Edition) -> BuildConfig:
        """Return a copy of this configuration for another edition."""
        return replace(self, edition=edition)


# The largest SOURCE_DATE_EPOCH: the end of year 9999, the last date a PDF or EPUB can carry.
MAX_EPOCH = 253402300799


def epoch_from_text(text: str) -> int:
    """Return SOURCE_DATE_EPOCH's value in seconds; raise UsageProblem when it is not a plain count of seconds."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_EPOCH:
        raise UsageProblem(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (0 to {MAX_EPOCH}), not '{text}'"
        )
    return int(text)


def paper_from_text(name: str, where: str) -> Paper:
    """Return the paper a --paper or PAPER value names; raise UsageProblem otherwise."""
    try:
        return Paper.from_name(name)
    except ValueError:
        raise UsageProblem(f"{where} must be a4 or letter, not '{name}'") from None


def config_from_environment(root: Path, paper: str | None = None, verbose: bool = False) -> BuildConfig:
    """Return the build configuration for root, reading SOURCE_DATE_EPOCH and PAPER from the environment;
    raise UsageProblem for a value that is not valid."""
    epoch_text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    paper_name = paper or os.environ.get("PAPER", "").strip() or None
    return BuildConfig(
        root=root.resolve(),
        paper=paper_from_text(paper_name, "--paper" if paper else "PAPER") if paper_name else None,
        source_date_epoch=epoch_from_text(epoch_text) if epoch_text else None,
        verbose=verbose,
    )
