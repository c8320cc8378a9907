"""The synthetic manuscript's text: the ids of a volume, and random prose with the format's inline features."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from .synth_vocabulary import (
    AMERICANS,
    CONTENT_WORDS,
    FAMILIES,
    FUNCTION_WORDS,
    GIVEN,
    INDONESIAN_WORDS,
    TERMS_POOL,
    TITLE_WORDS,
)

# what one volume (one unit of scale) holds
CHAPTERS = 13
CONTEXTS = 2
CHARACTERS = 16
LETTERS = 13
TERMS = 16
EVENTS = 20
MAIN_CHARACTERS = 3  # volume 1's first characters appear in every volume's chapters


@dataclass
class Person:
    """A generated character: id, names, and whether the name has a Japanese form."""

    id: str
    name: str
    name_ja: str


@dataclass
class Volume:
    """The ids of one volume, known before any text is written (text refers across them)."""

    number: int
    characters: list[Person]
    terms: list[tuple[str, str, str]]
    letters: list[str]
    chapters: list[str]


@dataclass
class Stats:
    """What was generated."""

    scale: int
    seed: int
    words: int = 0
    files: int = 0
    chapters: int = 0
    sections: int = 0
    characters: int = 0
    letters: int = 0
    terms: int = 0
    events: int = 0
    cross_references: int = 0
    japanese_spans: int = 0
    by_file: dict[str, int] = field(default_factory=dict)


class Writer:
    """Random prose with the manuscript format's inline features, for one volume."""

    def __init__(self, rng: random.Random, volume: Volume, main: list[Person], stats: Stats) -> None:
        self.rng = rng
        self.volume = volume
        self.main = main
        self.stats = stats

    def pick_word(self) -> str:
        """Return one plain word: a function word half the time."""
        pool = FUNCTION_WORDS if self.rng.random() < 0.5 else CONTENT_WORDS
        return self.rng.choice(pool)

    def make_character_ref(self) -> str:
        """Return a cross-reference to a character (sometimes with own words, sometimes with the Japanese name)."""
        rng = self.rng
        person = rng.choice(self.main) if rng.random() < 0.25 else rng.choice(self.volume.characters)
        self.stats.cross_references += 1
        ref = f"[[{person.id}|{person.name.split()[0]}]]" if rng.random() < 0.3 else f"[[{person.id}]]"
        if person.name_ja and rng.random() < 0.2:
            self.stats.japanese_spans += 1
            ref += f" ([{person.name_ja}]{{lang=ja}})"
        return ref

    def make_other_ref(self) -> str:
        """Return a cross-reference to a term, a letter or a chapter of this volume."""
        rng = self.rng
        self.stats.cross_references += 1
        roll = rng.random()
        if roll < 0.6:
            term_id, term, _ = rng.choice(self.volume.terms)
            return f"[[{term_id}]]" if rng.random() < 0.6 else f"[[{term_id}|the {term}]]"
        if roll < 0.85:
            return f"[[{rng.choice(self.volume.letters)}|that letter]]"
        return f"[[{rng.choice(self.volume.chapters)}]]"

    def write_sentence(self, refs: float = 0.35, end: str = ".") -> list[str]:
        """Return a sentence as atoms (an atom is never broken across lines), refs the chance of a reference."""
        rng = self.rng
        atoms = [self.pick_word() for _ in range(rng.randint(7, 22))]
        if rng.random() < refs:
            atoms[rng.randrange(1, len(atoms))] = self.make_character_ref()
        if rng.random() < refs * 0.6:
            atoms[rng.randrange(1, len(atoms))] = self.make_other_ref()
        if rng.random() < 0.08:
            at = rng.randrange(1, len(atoms) - 1)
            atoms[at] = f"*{atoms[at]} {self.pick_word()}*"
        if rng.random() < 0.02:
            at = rng.randrange(1, len(atoms))
            atoms[at] = f"**{atoms[at]}**"
        if rng.random() < 0.2:
            at = rng.randrange(2, len(atoms) - 1)
            if not atoms[at].endswith((")", "]", "*")):
                atoms[at] += ","
        first = atoms[0]
        atoms[0] = first[:1].upper() + first[1:]
        atoms[-1] += end
        return atoms

    def write_paragraph(self, sentences: tuple[int, int] = (3, 6), refs: float = 0.35) -> str:
        """Return a paragraph of a number of sentences in the range, wrapped at about 100 characters."""
        atoms: list[str] = []
        for _ in range(self.rng.randint(*sentences)):
            atoms += self.write_sentence(refs)
        return wrap_atoms(atoms)

    def write_paragraphs(self, count: int, refs: float = 0.35) -> str:
        """Return count paragraphs separated by blank lines."""
        return "\n\n".join(self.write_paragraph(refs=refs) for _ in range(count))

    def make_title(self, words: int = 3) -> str:
        """Return a title of about words words, such as 'The Long Tunnel'."""
        rng = self.rng
        adjective = rng.choice([w for w in CONTENT_WORDS if len(w) < 9]).capitalize()
        nouns = [rng.choice(TITLE_WORDS) for _ in range(max(1, words - 2))]
        return " ".join(["The", adjective, *nouns])

    def write_question(self) -> str:
        """Return a discussion question (one line of Markdown)."""
        return " ".join(self.write_sentence(refs=0.5, end="?"))

    def make_indonesian(self) -> str:
        """Return an Indonesian span."""
        return f"[{self.rng.choice(INDONESIAN_WORDS)}]{{lang=id}}"


def wrap_atoms(atoms: list[str], width: int = 100) -> str:
    """Join atoms with spaces into lines of at most width characters (a long atom gets its own line)."""
    lines: list[str] = []
    current = ""
    for atom in atoms:
        if current and len(current) + 1 + len(atom) > width:
            lines.append(current)
            current = atom
        else:
            current = f"{current} {atom}" if current else atom
    if current:
        lines.append(current)
    return "\n".join(lines)


def plan_volume(number: int, rng: random.Random) -> Volume:
    """Return the ids of volume number, drawn with rng."""
    people: list[Person] = []
    pairs = [(f, g) for f in FAMILIES for g in GIVEN]
    rng.shuffle(pairs)
    for index in range(CHARACTERS):
        if index in (7, 13):
            name, slug = AMERICANS[index // 10]
            people.append(Person(f"{slug}-{number}", name, ""))
            continue
        (family, family_slug, family_ja), (given, given_slug, given_ja) = pairs[index]
        people.append(Person(f"{family_slug}-{given_slug}-{number}", f"{family} {given}", family_ja + given_ja))
    terms = [(f"{term}-{number}", term, ja) for term, ja in TERMS_POOL[:TERMS]]
    letters = [f"letter-{number}-{index + 1:02d}" for index in range(LETTERS)]
    chapters = [f"chapter-{number}-{index + 1:02d}" for index in range(CHAPTERS)]
    return Volume(number, people, terms, letters, chapters)


def quote_yaml(text: str) -> str:
    """Return text as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def indent_block(text: str, indent: int) -> str:
    """Return text as the lines of a YAML block scalar indented by indent spaces."""
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.split("\n"))


def format_front_matter(fields: list[tuple[str, str]]) -> str:
    """Return a YAML front matter block."""
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n\n"
