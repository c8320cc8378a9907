"""The message catalogues: complete in every shipped language, overridable by a book, dates and names by Babel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from iwobook.check import load_checked
from iwobook.config import BUILTIN_ASSETS
from iwobook.diagnostics import InputError
from iwobook.model import Messages
from iwobook.model.messages import placeholders

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
LOCALES = BUILTIN_ASSETS / "locales"
REFERENCE = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))
SHIPPED = sorted(p.stem for p in LOCALES.glob("*.yaml"))


def test_iwobook_ships_the_languages_it_promises() -> None:
    """English, French, German, Spanish and Japanese at least."""
    assert {"en", "fr", "de", "es", "ja"} <= set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalogue_has_every_key_of_english(language: str) -> None:
    """Each catalogue has exactly en.yaml's keys, each message with no placeholder English lacks."""
    messages = yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))
    assert sorted(set(REFERENCE) - set(messages)) == []
    assert sorted(set(messages) - set(REFERENCE)) == []
    for key, text in messages.items():
        assert isinstance(text, str), key
        assert placeholders(text) <= placeholders(REFERENCE[key]), key
        assert text.strip() or key.startswith("format."), key


@pytest.mark.parametrize(
    ("language", "iso", "shown"),
    [
        ("en-GB", "1945", "1945"),
        ("en-GB", "1944-06", "June 1944"),
        ("en-GB", "1945-02-19", "19 February 1945"),
        ("en-GB", "16 March 1945", "16 March 1945"),
        ("en-GB", "1900-13-24", "1900-13-24"),
        ("fr", "1945-02-19", "19 février 1945"),
        ("fr", "1944-06", "juin 1944"),
        ("de", "1945-02-19", "19. Februar 1945"),
        ("es", "1945-02-19", "19 de febrero de 1945"),
        ("ja", "1945-02-19", "1945年2月19日"),
    ],
)
def test_dates_read_in_the_book_language(language: str, iso: str, shown: str) -> None:
    """ISO dates read as words of the book's language; other text (and impossible dates) is left alone."""
    assert Messages(language).date(iso) == shown


@pytest.mark.parametrize(
    ("language", "tag", "name"),
    [
        ("en-GB", "ja", "Japanese"),
        ("en-GB", "ja-Latn", "Japanese (romanized)"),
        ("en-GB", "el", "Greek"),
        ("fr", "ja", "japonais"),
        ("de", "ar", "Arabisch"),
        ("es", "he", "hebreo"),
        ("en-GB", "qqq", "qqq"),
    ],
)
def test_language_names_in_the_book_language(language: str, tag: str, name: str) -> None:
    """Any language Babel knows is named in the book's language; an unknown tag stays as written."""
    messages = Messages(language, {"language.romanized": "{language} (romanized)"})
    assert messages.language_name(tag) == name


def test_french_labels_take_a_narrow_space_before_the_colon() -> None:
    """French typography: 'Thèmes :' with U+202F, guillemets with narrow spaces."""
    fr = yaml.safe_load((LOCALES / "fr.yaml").read_text(encoding="utf-8"))
    messages = Messages("fr", fr)
    assert messages.label("chapter.themes") == "Thèmes\u202f:"
    assert messages.quote("oui") == "«\u202foui\u202f»"


def copy_book(tmp_path: Path, language: str, catalogue: str | None) -> Path:
    """Return a copy of the mini fixture in language, with its own catalogue text for it (None: none)."""
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    book = root / "manuscript" / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}"))
    if catalogue is not None:
        (root / "assets" / "locales").mkdir(parents=True)
        (root / "assets" / "locales" / f"{language.split('-')[0]}.yaml").write_text(catalogue, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    """Return the diagnostics of checking the book at root."""
    try:
        load_checked(root)
    except InputError as error:
        return [str(d) for d in error.diagnostics]
    return []


def english_without(*keys: str) -> str:
    """Return iwobook's English catalogue as a book's catalogue text, without the given keys."""
    kept = {key: text for key, text in REFERENCE.items() if key not in keys}
    return yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=1000)


def test_a_key_missing_from_the_book_catalogue_is_reported_at_its_file(tmp_path: Path) -> None:
    """A language iwobook does not ship, whose own catalogue lacks a key: E190 at that catalogue's last line."""
    text = english_without("chapter.cast")
    root = copy_book(tmp_path, "el", text)
    lines = text.count("\n")
    assert problems(root) == [
        f"assets/locales/el.yaml:{lines}: E190 message 'chapter.cast' has no wording in 'el':"
        " add it to assets/locales/el.yaml"
    ]


def test_a_language_without_any_catalogue_is_reported_at_the_language_field(tmp_path: Path) -> None:
    """No catalogue at all for the book's language: one E190 at book.yaml's language line, never English."""
    root = copy_book(tmp_path, "el", None)
    assert problems(root) == [
        "manuscript/book.yaml:3: E190 no message catalogue for language 'el' (iwobook has "
        + ", ".join(SHIPPED)
        + "): add assets/locales/el.yaml with every message of iwobook's en.yaml"
    ]


def test_a_book_overrides_one_message(tmp_path: Path) -> None:
    """A book's assets/locales/fr.yaml may hold a single message: it wins, the rest comes from iwobook."""
    root = copy_book(tmp_path, "fr", 'chapter.questions: "À débattre"\n')
    book = load_checked(root)
    assert book.messages("chapter.questions") == "À débattre"
    assert book.messages("chapter.number", number=2) == "Chapitre 2"


def test_a_book_catalogue_with_unknown_keys_and_placeholders_is_reported(tmp_path: Path) -> None:
    """Unknown message keys (E120, with a suggestion) and placeholders a message cannot have (E123)."""
    root = copy_book(tmp_path, "fr", 'chapter.question: "À débattre"\nchapter.number: "Chapitre {numero}"\n')
    assert problems(root) == [
        "assets/locales/fr.yaml:1: E120 unknown message 'chapter.question' (did you mean 'chapter.questions'?)",
        "assets/locales/fr.yaml:2: E123 message 'chapter.number' uses {numero}; it can use {number}",
    ]


def test_a_regional_language_uses_its_general_catalogue(tmp_path: Path) -> None:
    """fr-CA has no catalogue of its own: iwobook's French one serves, with Babel's Canadian French dates."""
    book = load_checked(copy_book(tmp_path, "fr-CA", None))
    assert book.messages("page.contents") == "Table des matières"


def test_a_message_is_cut_at_the_placeholders_that_are_not_text() -> None:
    """A message is cut at the placeholders whose parts are not text (a link, a page number), the others filled in:
    the parts come where the language puts them, with the braces it escapes."""
    words = Messages("fr", {"ref.page": "{label} (p. {page})", "odd": "{{{count}}} avant {label}, {page:>3}"})
    assert words.split("ref.page", "label", "page") == ("", "label", " (p. ", "page", ")")
    assert words.split("ref.page", "label", page=7) == ("", "label", " (p. 7)")
    assert words.split("odd", "label", count=2, page=5) == ("{2} avant ", "label", ",   5")
    assert words.around("ref.page", "label", page=7) == ("", " (p. 7)")
