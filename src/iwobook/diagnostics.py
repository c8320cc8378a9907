"""Diagnostics: the compiler-style messages that every stage reports as `path:line: CODE message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Code(Enum):
    """Every diagnostic code, with the short name the README documents."""

    E100 = "missing-file"
    E101 = "not-utf8"
    E102 = "forbidden-character"
    E103 = "path-outside-project"
    E104 = "empty-file"
    E110 = "yaml-syntax"
    E111 = "front-matter-syntax"
    E112 = "duplicate-key"
    E120 = "unknown-field"
    E121 = "missing-field"
    E122 = "wrong-type"
    E123 = "bad-value"
    E130 = "duplicate-id"
    E131 = "dangling-reference"
    E132 = "unknown-theme"
    E133 = "inheritance-cycle"
    E140 = "missing-image"
    E141 = "missing-alt-text"
    E142 = "bad-image"
    E143 = "bad-font"
    E150 = "empty-chapter"
    E151 = "empty-generated-section"
    E152 = "unsupported-markup"
    E160 = "timeline-order"
    E170 = "undrawable-character"
    E171 = "layout-impossible"
    E180 = "question-without-guidance"
    E181 = "guidance-without-question"
    E190 = "missing-message"

    def __lt__(self, other: object) -> bool:
        """Order codes by name, so that diagnostics on the same line sort (Enum members do not compare)."""
        if not isinstance(other, Code):
            return NotImplemented
        return self.name < other.name


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a place in the manuscript: path (project-relative), line (1-based), code, message."""

    path: str
    line: int
    code: Code
    message: str

    def __str__(self) -> str:
        """Return the compiler-style line `path:line: CODE message`."""
        return f"{self.path}:{self.line}: {self.code.name} {self.message}"


@dataclass
class Report:
    """A collector that stages append diagnostics to; sorted and de-duplicated on output."""

    items: list[Diagnostic] = field(default_factory=list)
    # files that could not be loaded, with the place that names each (for the one line about cascades)
    failed: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, path: str, line: int, code: Code, message: str) -> None:
        """Record one diagnostic."""
        self.items.append(Diagnostic(path, max(line, 1), code, message))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self.items.extend(diagnostics)

    def fail(self, name: str, where: tuple[str, int]) -> None:
        """Remember that the file name (named at where) could not be loaded."""
        self.failed.setdefault(name, where)

    def suppress_cascades(self, code: Code, prefix: str) -> None:
        """Replace every diagnostic of code under prefix by one line, when a file failed to load: what it
        would have defined is unknown, so those are consequences, not causes."""
        if not self.failed:
            return
        dropped = [d for d in self.items if d.code is code and d.path.startswith(prefix)]
        if not dropped:
            return
        self.items = [d for d in self.items if not (d.code is code and d.path.startswith(prefix))]
        names = ", ".join(sorted(self.failed))
        path, line = next(iter(self.failed.values()))
        count = len(set(dropped))
        self.add(path, line, code, f"{count} reference(s) not checked until {names} can be read (it may define them)")

    def sorted(self) -> list[Diagnostic]:
        """Return the diagnostics without duplicates, in file and line order."""
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.code.name, d.message))

    def __bool__(self) -> bool:
        return bool(self.items)


class InputError(Exception):
    """Raised when input problems stop a build; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the manuscript")
        self.diagnostics = diagnostics


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' for the closest choice to word, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class UsageProblem(Exception):
    """Raised for a bad environment value or command-line use: one line for the user, exit status 2."""


class OutputProblem(Exception):
    """Raised when an output cannot be written (folder in the way, read-only, disk full): exit status 73."""
