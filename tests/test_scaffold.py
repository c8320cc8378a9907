"""`iwobook new`: every template gives a clean book that builds; nothing is ever overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from iwobook.check import load_checked
from iwobook.cli import main
from iwobook.model import GeneratedSection
from iwobook.scaffold import TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_book_is_clean(template: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new book of each template passes check, with the title, language and a fresh identifier filled in."""
    folder = tmp_path / "my-book"
    argv = ["-C", str(tmp_path), "new", "my-book", "--template", template, "--title", "Notes: a test"]
    assert main([*argv, "--author", 'Ann "Nan" Lee']) == 0
    printed = capsys.readouterr()
    assert "created a" in printed.err and str(folder / "manuscript" / "book.yaml") in printed.out
    book = load_checked(folder)
    assert book.metadata.title == "Notes: a test" and book.metadata.language == "en"
    # the name is filled in as written (no YAML quotes of its own) and set with typographic quotes
    assert [person.name for person in book.metadata.contributors] == ["Ann \u201cNan\u201d Lee"]
    assert book.metadata.rights == f"Text © {book.metadata.date[:4]} Ann \u201cNan\u201d Lee."
    assert book.metadata.identifier.startswith("urn:uuid:") and len(book.metadata.identifier) == 45
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# Notes: a test\n")
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "dist/\n"
    assert "$(IWOBOOK) build $@" in (folder / "Makefile").read_text(encoding="utf-8")


def test_study_guide_has_every_kind_of_content(tmp_path: Path) -> None:
    """The study-guide template has a chapter with questions, a character, a term, an event, generated sections."""
    assert main(["-C", str(tmp_path), "new", "guide"]) == 0
    book = load_checked(tmp_path / "guide")
    chapter = book.chapters()[0]
    assert chapter.questions and book.characters and book.terms and book.timeline
    generated = {s.title for s in book.sections() if isinstance(s, GeneratedSection)}
    assert {"Contents", "Timeline", "Characters", "Glossary of terms"} <= generated


def test_new_builds_every_output(tmp_path: Path) -> None:
    """A new book builds every output."""
    assert main(["-C", str(tmp_path), "new", "guide"]) == 0
    assert main(["-C", str(tmp_path / "guide"), "build", "all", "-q"]) == 0
    names = sorted(p.name for p in (tmp_path / "guide" / "dist").iterdir() if p.is_file())
    assert names == ["guide-booklet.pdf", "guide-large-print.pdf", "guide.epub", "guide.pdf"]


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that holds anything, or a file in the way, is refused with one line and exit 2."""
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "a-file").write_text("mine", encoding="utf-8")
    assert main(["-C", str(tmp_path), "new", "taken"]) == 2
    assert main(["-C", str(tmp_path), "new", "a-file"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"iwobook: '{tmp_path / 'taken'}' is not empty; iwobook new never overwrites: choose a new folder",
        f"iwobook: '{tmp_path / 'a-file'}' exists and is not a folder",
    ]
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
