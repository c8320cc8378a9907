"""Page make-up: the choices that save a page a layout left blank, and the facts of a layout that call for them.

A book's pages follow fixed rules: the body starts on a right-hand page, the back cover is a left-hand page. Each
rule can leave a blank page. A layout that left one is tried again, in layouts that draw nothing, with one change
that may save it; the change is kept when the trial wastes fewer pages (blank ones, and inner pages under
FULL_ENOUGH of text) and has no more pages:

- a blank page before the body: the colophon goes to the foot of the title page, and the page after it starts
  on the title page's back (so the front matter is one page shorter);
- a blank page before the back cover: a section that ran on below another starts on a new page instead (so the
  body is one page longer), or two do: the sections that ran on last are tried first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from itertools import combinations

from iwobook.model import Book, Matter, Section, SectionKind

FULL_ENOUGH = 0.3  # the share of the text block a page must keep filled when a change moves text off it
CANDIDATES = 4  # the sections that ran on last, tried one and two at a time for a blank page before the back cover
MAX_TRIALS = 10  # trial layouts after the plain one, at most
TRIAL_PAGES = 100  # pages the trial layouts may lay out in all (a long book gets fewer trials, and one at least)


class Start(Enum):
    """How a section starts, when the make-up decides it: as its style sheet says, on a new page, or on the same
    page as what comes before it."""

    AS_STYLED = "as styled"
    NEW_PAGE = "new page"
    SAME_PAGE = "same page"


@dataclass(frozen=True)
class MakeUp:
    """The make-up choices of one layout: the colophon on the title page, sections started on a new page."""

    imprint_on_title: bool = False
    new_pages: frozenset[str] = frozenset()

    def summary(self, titles: Mapping[str, str]) -> str:
        """Return what this make-up changes, for a progress line (titles: section titles by id)."""
        changes = ["the colophon on the title page"] if self.imprint_on_title else []
        changes += [f"“{titles.get(i, i)}” on a new page" for i in sorted(self.new_pages)]
        return ", ".join(changes) or "nothing"

    def start(self, section_id: str, after_colophon: bool, colophon: bool) -> Start:
        """Return how the section section_id starts (after_colophon: it follows the colophon)."""
        if self.imprint_on_title and colophon:
            return Start.SAME_PAGE
        if (self.imprint_on_title and after_colophon) or section_id in self.new_pages:
            return Start.NEW_PAGE
        return Start.AS_STYLED


@dataclass(frozen=True)
class RunOn:
    """A section that started below other text: its id, its page (1-based) and the share of the page above it."""

    section_id: str
    page: int
    filled: float


@dataclass(frozen=True)
class PageFacts:
    """What a layout did with its pages: how many, which were left blank, where the title page and the body
    start, the page each section starts on, which sections ran on, how full the last page before the back cover
    is (each a share of the text block)."""

    pages: int
    blanks: tuple[int, ...]
    title_page: int
    body_start: int
    starts: Mapping[str, int]
    runs_on: tuple[RunOn, ...]
    filled: Mapping[int, float]  # page -> share of its text block filled

    @property
    def wasted(self) -> int:
        """Return the pages this layout wastes: blank ones, and inner pages less than FULL_ENOUGH filled."""
        sparse = [p for p in range(3, self.pages) if p not in self.blanks and self.filled.get(p, 1) < FULL_ENOUGH]
        return len(self.blanks) + len(sparse)

    @property
    def blank_before_body(self) -> bool:
        """True when the page before the body's first page was left blank."""
        return self.body_start - 1 in self.blanks

    @property
    def blank_before_back(self) -> bool:
        """True when the page before the back cover was left blank."""
        return self.pages - 1 in self.blanks


def after_colophon(book: Book) -> str | None:
    """Return the id of the section after the colophon when the book's front matter opens with its colophon
    (which can then join the title page), else None."""
    front = next((part for part in book.parts if part.matter is Matter.FRONT), None)
    if front is None or len(front.sections) < 2:
        return None
    first = front.sections[0]
    if not (isinstance(first, Section) and first.kind is SectionKind.COLOPHON):
        return None
    return front.sections[1].id


def choose_makeup(book: Book, facts: PageFacts, lay_out: Callable[[MakeUp], PageFacts]) -> MakeUp:
    """Return the make-up for book after a plain layout with facts, trying changes through lay_out (a layout
    that draws nothing) and keeping each that saves its blank page without a worse page elsewhere; the trials
    lay out TRIAL_PAGES pages in all at most (at least one trial, at most MAX_TRIALS)."""
    makeup = MakeUp()
    budget = max(1, min(MAX_TRIALS, TRIAL_PAGES // max(1, facts.pages)))
    follower = after_colophon(book)
    if facts.blank_before_body and follower is not None:
        trial = replace(makeup, imprint_on_title=True)
        after = lay_out(trial)
        budget -= 1
        fits = after.starts.get(follower) == after.title_page + 1  # the colophon ended on the title page
        if _better(facts, after) and fits and not after.blank_before_body:
            makeup, facts = trial, after
    if facts.blank_before_back:
        latest = sorted((r for r in facts.runs_on if r.page >= facts.body_start), key=lambda r: r.page, reverse=True)
        ids = [r.section_id for r in latest[:CANDIDATES]]
        for combo in [*combinations(ids, 1), *combinations(ids, 2)][: max(0, budget)]:
            trial = replace(makeup, new_pages=makeup.new_pages | frozenset(combo))
            after = lay_out(trial)
            if _better(facts, after) and not after.blank_before_back:
                return trial
    return makeup


def _better(before: PageFacts, after: PageFacts) -> bool:
    """True when the layout after wastes fewer pages than before and has no more pages."""
    return after.wasted < before.wasted and after.pages <= before.pages
