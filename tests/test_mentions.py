"""First mentions: every chapter an entry appears in has exactly one anchored reference, its first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from iwobook.check import load_checked
from iwobook.model import Book, TargetKind, anchors
from iwobook.transform import prepare
from iwobook.walk import book_refs

ROOT = Path(__file__).resolve().parents[1]
BOOKS = {"study guide": ROOT, "mini": ROOT / "tests" / "fixtures" / "mini", "ile": ROOT / "tests" / "fixtures" / "ile"}


@pytest.fixture(scope="module", params=sorted(BOOKS))
def book(request: pytest.FixtureRequest) -> Book:
    """Each book, checked and prepared."""
    return prepare(load_checked(BOOKS[request.param]))


def test_each_appearance_links_to_the_first_reference_in_its_chapter(book: Book) -> None:
    """The mention an appearance links to is anchored on the first reference to the entry in that chapter (in
    the order the chapter is walked), is a target in that chapter, and no other reference carries an anchor."""
    first: dict[tuple[str, str], str] = {}
    anchored: Counter[str] = Counter()
    chapters = {c.id for c in book.chapters()}
    for ref, owner in book_refs(book):
        if owner in chapters:
            first.setdefault((ref.target, owner), ref.anchor)
        if ref.anchor:
            anchored[ref.anchor] += 1
            assert owner in chapters and ref.anchor == anchors.mention_id(ref.target, owner)
    wanted = {(target, a.section_id): a.mention for target, found in book.appearances.items() for a in found}
    assert wanted and first == wanted
    assert set(anchored) == set(wanted.values()) and set(anchored.values()) == {1}
    for (_, chapter), mention in wanted.items():
        target = book.targets[mention]
        assert (target.kind, target.section_id) == (TargetKind.MENTION, chapter)
