"""The schema for any book: names in any script, short display names, open letter kinds, optional authors."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

from iwobook.check import load_checked
from iwobook.config import BuildConfig, Paper
from iwobook.model import Book, OriginalText
from iwobook.transform import prepare
from iwobook.writers.epub import render_epub

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
CHARACTERS = "manuscript/data/characters.yaml"
LETTERS = "manuscript/data/letters.yaml"
BOOK = "manuscript/book.yaml"
ARRIVAL = "manuscript/01-arrival.md"


def _quiet(_: str) -> None:
    """Swallow progress lines."""


def changed_mini(tmp_path: Path, *changes: tuple[str, str, str]) -> Path:
    """Return a copy of the mini fixture with each (file, old, new) replacement made once."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    for name, old, new in changes:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def epub_text(book: Book, root: Path, suffix: str) -> str:
    """Return the text of the EPUB document whose name ends with suffix."""
    config = BuildConfig(root=root, paper=Paper.A4, source_date_epoch=1_700_000_000)
    with zipfile.ZipFile(BytesIO(render_epub(book, config, _quiet))) as archive:
        name = next(n for n in archive.namelist() if n.endswith(suffix))
        return "".join(ET.fromstring(archive.read(name)).itertext())


def test_originals_carry_their_language(tmp_path: Path) -> None:
    """A character's and a term's names in other scripts are read with their BCP 47 tags."""
    book = load_checked(MINI)
    mara = next(c for c in book.characters if c.id == "mara")
    assert [(o.lang, o.text) for o in mara.originals] == [("ja", "マーラ")]
    assert [(o.lang, o.text) for o in book.terms[0].originals] == [("ja", "灯")]
    assert all(isinstance(o, OriginalText) for o in mara.originals)


def test_short_name_prints_in_bare_references_and_the_full_name_in_the_glossary(tmp_path: Path) -> None:
    """`Keeper [[mara]]` prints 'Keeper Holm' once the character has `short: Holm`; [[id|words]] prints words."""
    root = changed_mini(
        tmp_path,
        (CHARACTERS, "  name: Mara Holm\n", "  name: Mara Holm\n  short: Holm\n"),
        (ARRIVAL, "[[mara]] arrives on the island", "Keeper [[mara]] arrives on the island"),
    )
    book = prepare(load_checked(root))
    assert book.targets["mara"].label == "Holm"
    chapter = epub_text(book, root, "arrival.xhtml")
    assert "Keeper Holm arrives on the island" in chapter
    assert "Keeper Mara Holm" not in chapter
    glossary = epub_text(book, root, "characters.xhtml")
    assert "Mara Holm (マーラ)" in glossary


def test_letter_without_author_and_with_a_declared_kind(tmp_path: Path) -> None:
    """An anonymous document needs no author; a kind declared in book.yaml prints its own label."""
    root = changed_mini(
        tmp_path,
        (LETTERS, "  author: mara\n", ""),
        (LETTERS, "  kind: letter\n", "  kind: logbook\n"),
        (BOOK, "data:\n", "letter_kinds:\n  - {id: logbook, label: Logbook entry}\ndata:\n"),
    )
    book = prepare(load_checked(root))
    letter = book.letters[0]
    assert letter.author == "" and (letter.kind.id, letter.kind.label) == ("logbook", "Logbook entry")
    assert letter.kind.declared and not load_checked(MINI).letters[0].kind.declared
    text = epub_text(book, root, "letters.xhtml")
    assert "Logbook entry · Recipient: Her brother" in text
    assert "From:" not in text


def test_letter_author_is_printed(tmp_path: Path) -> None:
    """A letter's author, a character, is printed with its facts."""
    book = prepare(load_checked(MINI))
    assert "From: Mara Holm" in epub_text(book, MINI, "letters.xhtml")


def test_a_name_in_another_script_is_tagged(tmp_path: Path) -> None:
    """The glossary tags a character's other-script name with the language the data gives it."""
    root = changed_mini(tmp_path, (CHARACTERS, "{lang: ja, text: マーラ}", "{lang: he, text: מרה}"))
    book = prepare(load_checked(root))
    assert book.characters[0].originals[0].lang == "he"
    config = BuildConfig(root=root, paper=Paper.A4, source_date_epoch=1_700_000_000)
    with zipfile.ZipFile(BytesIO(render_epub(book, config, _quiet))) as archive:
        name = next(n for n in archive.namelist() if n.endswith("characters.xhtml"))
        body = archive.read(name).decode()
    assert 'lang="he"' in body and "מרה" in body
