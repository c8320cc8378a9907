"""Page make-up: the choices that save pages a layout spent, and the facts of a layout that call for them.

A pamphlet, a book of at most PAMPHLET_PAGES pages besides its covers (UNESCO's definition, 1964), needs no title
page of its own when its cover is drawn from its metadata: the cover, which carries the same title, subtitle,
contributors and edition, is its title page, and a colophon that opens the front matter is printed inside the
cover. It is kept when it spends fewer pages (the style sheet's `title_page` can ask for it always or never).

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
PAMPHLET_PAGES = 48  # pages besides the covers of a pamphlet, at most
CANDIDATES = 4  # the sections that ran on last, tried one and two at a time for a blank page before the back cover
MAX_TRIALS = 10  # trial layouts after the plain one, at most
TRIAL_PAGES = 100  # pages the trial layouts may lay out in all (a long book gets fewer trials, and one at least)


class Start(Enum):
    """How a section starts, when the make-up decides it: as its style sheet says, on a new page, or on the same
    page as what comes before it."""

    AS_STYLED = "as styled"
    NEW_PAGE = "new page"
    SAME_PAGE = "same page"
    FRONT_MATTER = "front matter"  # the first page of the front matter, a right-hand one (after the inside cover)


@dataclass(frozen=True)
class Rules:
    """What the style sheet lets the make-up do: save pages left blank; give the book a title page of its own
    ("always"), never ("never", the cover is the title page) or unless it is a pamphlet ("auto")."""

    save_blank_pages: bool = True
    title_page: str = "auto"

    @property
    def chooses(self) -> bool:
        """True when a make-up is chosen from the first layout (by trials), False when it is the plain one."""
        return self.save_blank_pages or self.title_page == "auto"

    def plain(self) -> MakeUp:
        """Return the make-up of the first layout, before any trial."""
        return MakeUp(cover_as_title=self.title_page == "never")


@dataclass(frozen=True)
class MakeUp:
    """The make-up choices of one layout: the cover as the title page, the colophon on the title page, sections
    started on a new page."""

    cover_as_title: bool = False
    imprint_on_title: bool = False
    new_pages: frozenset[str] = frozenset()

    def summary(self, titles: Mapping[str, str]) -> str:
        """Return what this make-up changes, for a progress line (titles: section titles by id)."""
        changes = ["the cover as the title page"] if self.cover_as_title else []
        changes += ["the colophon on the title page"] if self.imprint_on_title else []
        changes += [f"“{titles.get(i, i)}” on a new page" for i in sorted(self.new_pages)]
        return ", ".join(changes) or "nothing"

    def start(self, section_id: str, colophon: tuple[str, str] | None) -> Start:
        """Return how the section section_id starts (colophon: the ids of the colophon that opens the front matter
        and of the section after it, when the front matter opens with one)."""
        if colophon is not None and section_id == colophon[0] and self.imprint_on_title:
            return Start.SAME_PAGE
        if colophon is not None and section_id == colophon[1]:
            if self.cover_as_title:
                return Start.FRONT_MATTER
            if self.imprint_on_title:
                return Start.NEW_PAGE
        return Start.NEW_PAGE if section_id in self.new_pages else Start.AS_STYLED


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


def front_colophon(book: Book) -> tuple[str, str] | None:
    """Return the ids of the colophon and of the section after it when the book's front matter opens with its
    colophon (which can then join the title page, or go inside the cover), else None."""
    front = next((part for part in book.parts if part.matter is Matter.FRONT), None)
    if front is None or len(front.sections) < 2:
        return None
    first = front.sections[0]
    if not (isinstance(first, Section) and first.kind is SectionKind.COLOPHON):
        return None
    return first.id, front.sections[1].id


def is_pamphlet(book: Book, facts: PageFacts) -> bool:
    """True when book, laid out with facts, is a pamphlet whose drawn cover can be its title page."""
    return not book.metadata.cover and facts.pages - 3 <= PAMPHLET_PAGES


class Trials:
    """Trial layouts that draw nothing, within a budget of TRIAL_PAGES pages in all (at least one trial, at most
    MAX_TRIALS) for a book whose first layout had pages pages."""

    def __init__(self, lay_out: Callable[[MakeUp], PageFacts], pages: int) -> None:
        self.lay_out = lay_out
        self.left = max(1, min(MAX_TRIALS, TRIAL_PAGES // max(1, pages)))

    def run(self, makeup: MakeUp) -> PageFacts | None:
        """Return the facts of a layout with makeup, or None when the budget is spent."""
        if self.left <= 0:
            return None
        self.left -= 1
        return self.lay_out(makeup)


def choose_makeup(
    book: Book, facts: PageFacts, lay_out: Callable[[MakeUp], PageFacts], rules: Rules = Rules()
) -> MakeUp:
    """Return the make-up for book after a first layout with facts (made up as rules.plain()), trying changes
    through lay_out (a layout that draws nothing) and keeping each that saves pages without a worse page
    elsewhere. A pamphlet's cover is its title page only when that spends fewer pages than the best make-up
    with a title page of its own."""
    trials = Trials(lay_out, facts.pages)
    colophon = front_colophon(book)

    def made_up(makeup: MakeUp, layout: PageFacts) -> tuple[MakeUp, PageFacts]:
        """Return makeup with its blank pages saved where the rules allow, and the facts of its layout."""
        return _save_blanks(makeup, layout, trials, colophon) if rules.save_blank_pages else (makeup, layout)

    plain = rules.plain()
    pamphlet = replace(plain, cover_as_title=True)
    spare: PageFacts | None = None  # the cover as the title page, its colophon kept inside the cover
    if rules.title_page == "auto" and is_pamphlet(book, facts):
        after = trials.run(pamphlet)
        if after is not None and (colophon is None or after.starts.get(colophon[1]) == 3):  # the front starts p. 3
            spare = after if after.wasted <= facts.wasted else None
    best = made_up(plain, facts)
    if spare is not None and spare.pages < best[1].pages:
        best = made_up(pamphlet, spare)
    return best[0]


def _save_blanks(
    makeup: MakeUp, facts: PageFacts, trials: Trials, colophon: tuple[str, str] | None
) -> tuple[MakeUp, PageFacts]:
    """Return makeup, changed where a trial saves a page its layout (with facts) left blank, and the facts of the
    layout it gives."""
    if facts.blank_before_body and colophon is not None and not makeup.cover_as_title:
        trial = replace(makeup, imprint_on_title=True)
        after = trials.run(trial)
        fits = after is not None and after.starts.get(colophon[1]) == after.title_page + 1  # it ended on the page
        if after is not None and _better(facts, after) and fits and not after.blank_before_body:
            makeup, facts = trial, after
    if facts.blank_before_back:
        latest = sorted((r for r in facts.runs_on if r.page >= facts.body_start), key=lambda r: r.page, reverse=True)
        ids = [r.section_id for r in latest[:CANDIDATES]]
        for combo in [*combinations(ids, 1), *combinations(ids, 2)]:
            trial = replace(makeup, new_pages=makeup.new_pages | frozenset(combo))
            after = trials.run(trial)
            if after is None:
                break
            if _better(facts, after) and not after.blank_before_back:
                return trial, after
    return makeup, facts


def _better(before: PageFacts, after: PageFacts) -> bool:
    """True when the layout after wastes fewer pages than before and has no more pages."""
    return after.wasted < before.wasted and after.pages <= before.pages
