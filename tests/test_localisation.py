"""A book in French: the PDF and the EPUB carry no English generated word, only the author's own text.

The mini fixture is copied with `language: fr` (its prose stays English, as the author wrote it). Every
generated English word is a fragment of iwobook's en.yaml (a message without its placeholders and
punctuation); those the French catalogue shares ('Date', 'Notes', 'Source') and those the manuscript's own
text uses are not labels to look for. None of the others may appear in the PDF's text, outline and page
labels, or in the EPUB's documents (text and the alt, aria-label and title attributes) and package.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from iwobook.build import book_epoch, render_output
from iwobook.check import load_checked
from iwobook.config import BUILTIN_ASSETS, BuildConfig, Edition, Paper
from iwobook.model import Book
from iwobook.transform import prepare

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
LOCALES = BUILTIN_ASSETS / "locales"
ATTRIBUTES = ("alt", "aria-label", "title")


def fragments(messages: dict[str, str]) -> set[str]:
    """Return the word runs of messages: placeholders and punctuation removed, at least three letters."""
    out: set[str] = set()
    for text in messages.values():
        for piece in re.split(r"\{[^}]*\}|[:;.,()·“”«»=\u202f]", text):
            piece = " ".join(piece.split())
            if sum(c.isalpha() for c in piece) >= 3:
                out.add(piece)
    return out


def manuscript_text(root: Path) -> str:
    """Return every text file of the manuscript, joined."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "manuscript").rglob("*")) if p.is_file())


def english_labels(root: Path) -> set[str]:
    """Return the English generated words to look for: not French too, not in the author's own text."""
    english = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))
    french = yaml.safe_load((LOCALES / "fr.yaml").read_text(encoding="utf-8"))
    own = manuscript_text(root)
    return {
        label
        for label in fragments(english) - fragments(french)
        if not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", own)
    }


def found_in(text: str, labels: set[str]) -> list[str]:
    """Return the labels that occur in text as whole words."""
    return sorted(label for label in labels if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text))


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Book, BuildConfig]:
    """The mini fixture with language: fr, checked and prepared, and its build configuration."""
    root = tmp_path_factory.mktemp("fr") / "book"
    shutil.copytree(FIXTURE, root)
    book_file = root / "manuscript" / "book.yaml"
    book_file.write_text(book_file.read_text(encoding="utf-8").replace("language: en-GB", "language: fr"))
    book = prepare(load_checked(root))
    config = BuildConfig(root=root, paper=Paper.A4, edition=Edition.STANDARD, source_date_epoch=book_epoch(book))
    return root, book, config


def test_the_labels_to_look_for_are_many(french: tuple[Path, Book, BuildConfig]) -> None:
    """The search is meaningful: dozens of labels, among them the chapter furniture and the EPUB's landmarks."""
    labels = english_labels(french[0])
    assert len(labels) > 80
    assert {"Chapter", "In this chapter", "Discussion questions", "Appears in", "Start of content"} <= labels


def pdf_text(data: bytes) -> str:
    """Return the PDF's page text, outline titles and page labels."""
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() for page in reader.pages]
    parts += list(reader.page_labels)

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                parts.append(str(getattr(item, "title", "")))

    walk(list(reader.outline))
    return "\n".join(parts)


def test_french_pdf_has_no_english_label(french: tuple[Path, Book, BuildConfig]) -> None:
    """The French book's PDF reads 'Chapitre 1', 'Dans ce chapitre', ...; no English generated word."""
    root, book, config = french
    text = pdf_text(render_output(book, config, "pdf", lambda _: None))
    assert "Chapitre 1" in text and "Questions pour la discussion" in text
    assert found_in(text, english_labels(root)) == []


def epub_text(data: bytes) -> str:
    """Return the text of every XHTML document (with its alt, aria-label and title attributes), the package
    document and the NCX."""
    parts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xhtml", ".opf", ".ncx")):
                continue
            root = ET.fromstring(archive.read(name))
            for element in root.iter():
                if element.get("property") == "dcterms:conformsTo":
                    continue  # the conformance statement is a standard's identifier, the same in every language
                parts.append(element.text or "")
                parts.append(element.tail or "")
                parts += [value for key, value in element.attrib.items() if key in ATTRIBUTES]
    return " ".join(parts)


def test_french_epub_has_no_english_label(french: tuple[Path, Book, BuildConfig]) -> None:
    """The French book's EPUB: headings, landmarks, page list, accessibility summary, all in French."""
    root, book, config = french
    text = epub_text(render_output(book, config, "epub", lambda _: None))
    assert "Début du contenu" in text and "Chapitre 1" in text
    assert found_in(text, english_labels(root)) == []
