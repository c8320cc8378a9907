"""The book's words: its message catalogue, and dates, numbers and language names in its language (Babel)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from string import Formatter

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list


@lru_cache(maxsize=64)
def parse_locale(tag: str) -> Locale | None:
    """Return Babel's locale for a BCP 47 tag ('en-GB', 'ja-Latn'), or None when Babel does not know it."""
    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(tag.split("-")[0].lower())
        except (UnknownLocaleError, ValueError):
            return None


def placeholders(text: str) -> frozenset[str]:
    """Return the names of the {placeholders} in a message ('Chapter {number}' -> {'number'})."""
    try:
        return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
    except ValueError:
        return frozenset({"{"})


def is_valid_date(iso: str) -> bool:
    """Return True for an ISO date the catalogue can write: YYYY, YYYY-MM or YYYY-MM-DD on the calendar."""
    parts = iso.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return False
    try:
        datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Messages:
    """A message catalogue for one language: every generated word of the book, by key.

    Messages are Python format strings with named placeholders ('Chapter {number}'); the loader makes sure
    a book's catalogue has every key iwobook uses, so a lookup never falls back to another language.
    """

    language: str = "en"
    entries: Mapping[str, str] = field(default_factory=dict)

    def __call__(self, key: str, **values: object) -> str:
        """Return the message under key with its placeholders filled in; KeyError when the catalogue lacks it."""
        text = self.entries[key]
        return text.format(**values) if values else text

    def split(self, key: str, *names: str, **values: object) -> tuple[str, ...]:
        """Return the message under key cut at its placeholders names, for parts that are not text (a link, a
        page number): text, name, text, name, ..., text, the names where the message has them, every other
        placeholder filled in from values ('{label} (p. {page})' cut at 'label' -> ('', 'label', ' (p. 7)'))."""
        return split_message(self.entries[key], names, values)

    def around(self, key: str, name: str, **values: object) -> tuple[str, str]:
        """Return the message under key before and after its placeholder name ('Chapter {number}' -> 'Chapter ', '')."""
        pieces = self.split(key, name, **values)
        return pieces[0], "".join(pieces[2:])

    def label(self, key: str) -> str:
        """Return the message under key as a label before a value ('Themes' -> 'Themes:', in French 'Thèmes :')."""
        return self("format.label", label=self(key))

    def join(self, items: Sequence[str]) -> str:
        """Return items as a list in the book's language ('a, b and c', 'a, b et c')."""
        if not items:
            return ""
        locale = parse_locale(self.language)
        return format_list(list(items), locale=locale) if locale else ", ".join(items)

    def date(self, iso: str) -> str:
        """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in the book's language ('2 March 2026',
        '2 mars 2026', 'March 2026', '2026'); anything else as given."""
        locale = parse_locale(self.language)
        if locale is None or not is_valid_date(iso):
            return iso
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return format_skeleton("y", datetime.date(parts[0], 1, 1), locale=locale)
        if len(parts) == 2:
            return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=locale)
        return format_date(datetime.date(parts[0], parts[1], parts[2]), "long", locale=locale)

    def month(self, month: int, year: int = 2000) -> str:
        """Return the short name of a month (1-12) in the book's language ('Feb', 'févr.')."""
        locale = parse_locale(self.language)
        day = datetime.date(year, month, 1)
        return format_skeleton("MMM", day, locale=locale) if locale else str(month)

    def language_name(self, tag: str) -> str:
        """Return a reader's name for a language tag in the book's language ('ja' -> 'Japanese', 'japonais';
        'ja-Latn' -> 'Japanese (romanized)'); the tag itself when Babel does not know it."""
        own = parse_locale(self.language)
        other = parse_locale(tag)
        if own is None or other is None:
            return tag
        name = other.get_language_name(own) or tag
        script = next((s for s in tag.split("-")[1:] if len(s) == 4 and s.isalpha()), "")
        if not script:
            return name
        if script.title() == "Latn":
            return self("language.romanized", language=name)
        return self("language.with_script", language=name, script=own.scripts.get(script.title(), script))

    def number(self, value: int) -> str:
        """Return a whole number as the book's language writes it (digits grouped)."""
        from babel.numbers import format_decimal

        locale = parse_locale(self.language)
        return format_decimal(value, locale=locale) if locale else str(value)

    def quote(self, text: str) -> str:
        """Return text in the book's quotation marks (“text”, « text », „text“, 「text」)."""
        return self("format.quote", text=text)


def split_message(text: str, names: Sequence[str], values: Mapping[str, object]) -> tuple[str, ...]:
    """Return a message (a format string) cut at its placeholders names: text, name, text, ..., text (the texts at
    even indexes, the names at odd ones), every other placeholder filled in from values."""
    formatter = Formatter()
    out = [""]
    for literal, name, spec, conversion in formatter.parse(text):
        out[-1] += literal
        if name is None:
            continue
        if name in names:
            out += [name, ""]
        else:
            value = formatter.convert_field(values[name], conversion)
            out[-1] += formatter.format_field(value, spec or "")
    return tuple(out)


def kind_label(words: Messages, kind: str, label: str) -> str:
    """Return how a reader sees a letter kind: a built-in kind in the book's language ('letter.kind.<id>'), a
    kind the book declares with its own label as the book words it."""
    if label == kind.capitalize() and f"letter.kind.{kind}" in words.entries:
        return words(f"letter.kind.{kind}")
    return label
