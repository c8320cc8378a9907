"""Generate a synthetic iwobook manuscript at a chosen scale, for the benchmark (tools/bench.py).

At scale 1 the book has about 15,000 words, like the study guide in manuscript/: a colophon and a
how-to-use section, two context essays and a timeline, thirteen chapters (front matter with setting,
themes and discussion questions), sixteen characters, thirteen letters with Japanese and Indonesian
originals and sixteen terms. Scale N repeats that N times as N "volumes" with their own ids (front
matter stays single), so 10 gives about 150,000 words and 100 about 1.5 million. The text is made of
English words from a fixed vocabulary with cross-references `[[id]]`, Japanese names in `{lang=ja}`
spans, Indonesian spans, emphasis, lists, quotes and headings. The same seed and volume always give
the same text, so volume 1 of the 10x book is the 1x book's text.

    python tools/synth.py --scale 10 --out dist/bench/synth-10

The folder gets manuscript/, assets/fonts (a symbolic link to the project's fonts, so the drawn cover
uses the real faces) and synth.json (the counts). It is rewritten on every run; a folder that this
script did not make is never touched.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MARKER = ".iwobook-synth"
VERSION = 1

CHAPTERS = 13
CONTEXTS = 2
CHARACTERS = 16
LETTERS = 13
TERMS = 16
EVENTS = 20
MAIN_CHARACTERS = 3  # volume 1's first characters appear in every volume's chapters


def words(text: str) -> tuple[str, ...]:
    """Return the words of text (for the vocabularies below)."""
    return tuple(text.split())


FUNCTION_WORDS = words(
    "the the the the of of and and to to a a in in that it was he she his her they their for on with as at "
    "by from but not this had were be been would which what when there all one into could who them then than "
    "so out up more about only over after before some also its no him we our you your"
)

CONTENT_WORDS = words(
    "island soldier soldiers letter letters commander general officer officers tunnel tunnels beach cave caves "
    "water food rations order orders family wife son daughter home village harbour shore ridge mountain sand ash "
    "night morning dawn evening silence voice hands shovel rifle helmet uniform radio message telegram headquarters "
    "battle defence attack retreat surrender honour duty memory promise courage fear hunger thirst sickness wound "
    "doctor medicine bakery bread garden street school teacher student lesson question answer story history film "
    "scene camera director audience picture photograph record source archive translation meaning word name paper "
    "writes reads remembers listens watches waits digs carries buries burns hides finds loses keeps sends refuses "
    "obeys decides explains argues believes doubts hopes knows learns teaches forgives protects remembers trusts "
    "quiet heavy tired young old brave careful proud gentle harsh distant familiar broken hidden last first long "
    "short dark bright cold warm dry narrow deep steady uncertain ordinary strange honest practical kind "
    "understanding particularly responsibility communication reinforcements circumstances extraordinary "
    "conversation independence considering remembering surrendering disappointment encouragement "
    "determination preparation information interpretation neighbourhood correspondence "
    "photographs commanders battlefield underground everything themselves somewhere nevertheless"
)

TITLE_WORDS = words(
    "Tunnel Letter Shore Ridge Night Order Promise Silence Harbour Garden Message Voice Shovel Bread Rain Ash "
    "Lantern Mountain Return Memory Commander Soldier Winter Summer Crossing Signal Road Well Stone River"
)

FAMILIES = (
    ("Satō", "sato", "佐藤"),
    ("Suzuki", "suzuki", "鈴木"),
    ("Takahashi", "takahashi", "高橋"),
    ("Tanaka", "tanaka", "田中"),
    ("Itō", "ito", "伊藤"),
    ("Watanabe", "watanabe", "渡辺"),
    ("Yamamoto", "yamamoto", "山本"),
    ("Nakamura", "nakamura", "中村"),
    ("Kobayashi", "kobayashi", "小林"),
    ("Katō", "kato", "加藤"),
    ("Yoshida", "yoshida", "吉田"),
    ("Yamada", "yamada", "山田"),
    ("Sasaki", "sasaki", "佐々木"),
    ("Yamaguchi", "yamaguchi", "山口"),
)
GIVEN = (
    ("Kenji", "kenji", "健二"),
    ("Noboru", "noboru", "昇"),
    ("Kiyoshi", "kiyoshi", "清"),
    ("Masao", "masao", "正雄"),
    ("Hiroshi", "hiroshi", "博"),
    ("Shigeru", "shigeru", "茂"),
    ("Isamu", "isamu", "勇"),
    ("Takeshi", "takeshi", "武"),
    ("Ichirō", "ichiro", "一郎"),
    ("Tarō", "taro", "太郎"),
    ("Akira", "akira", "明"),
    ("Minoru", "minoru", "実"),
)
AMERICANS = (("Sam Walker", "sam-walker"), ("Robert Hale", "robert-hale"))
RANKS = (
    "Private, Army",
    "Private First Class, Army",
    "Sergeant, Army",
    "Lieutenant, Army",
    "Captain, Army",
    "Major, Army",
    "Lieutenant Colonel, Army",
    "Admiral, Navy",
    "Medical Officer, Army",
    "Marine, United States",
)
TERMS_POOL = (
    ("gyokusai", "玉砕"),
    ("senninbari", "千人針"),
    ("hachimaki", "鉢巻"),
    ("kamikaze", "神風"),
    ("banzai", "万歳"),
    ("bushido", "武士道"),
    ("kempeitai", "憲兵隊"),
    ("jiketsu", "自決"),
    ("senjinkun", "戦陣訓"),
    ("hinomaru", "日の丸"),
    ("daihonei", "大本営"),
    ("tokkotai", "特攻隊"),
    ("chinjufu", "鎮守府"),
    ("gunsoku", "軍属"),
    ("yasukuni", "靖国"),
    ("kesshitai", "決死隊"),
)
JAPANESE_LINES = (
    "灯りは今、私のものです。",
    "家のことは心配しないでください。",
    "台所の隙間風を直してください。",
    "子供たちを頼みます。",
    "私はもう帰れないと思います。",
    "島の夜はとても静かです。",
    "手紙をありがとう。毎日読んでいます。",
    "体に気をつけて、元気でいてください。",
    "春になったら庭に花を植えてください。",
    "国のために最後まで戦います。",
)
INDONESIAN_LINES = (
    "Cahaya itu sekarang milikku.",
    "Jangan khawatir tentang rumah kita.",
    "Jagalah anak-anak kita baik-baik.",
    "Aku mungkin tidak akan kembali.",
    "Malam di pulau ini sangat sunyi.",
    "Terima kasih atas suratmu.",
    "Jaga kesehatanmu selalu.",
)
INDONESIAN_WORDS = ("keselamatan", "semangat juang", "kehormatan", "pengorbanan", "kesetiaan")
SETTINGS = ("The island, June 1944", "The island, winter 1944", "The caves, February 1945", "Tokyo, spring 1944")
KINDS = ("letter", "telegram", "poem", "film-dialogue", "saying")
RECIPIENTS = ("His wife", "His son", "His daughter", "Imperial General Headquarters, Tokyo", "His brother", "A friend")
THEMES = (
    ("duty-family", "Duty and family", "D"),
    ("honour-survival", "Honour, surrender and survival", "H"),
    ("enemy-humanity", "The enemy's humanity", "E"),
    ("leadership", "Leadership", "L"),
    ("letters-memory", "Letters and memory", "M"),
)


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

    def word(self) -> str:
        """Return one plain word: a function word half the time."""
        pool = FUNCTION_WORDS if self.rng.random() < 0.5 else CONTENT_WORDS
        return self.rng.choice(pool)

    def character_ref(self) -> str:
        """Return a cross-reference to a character (sometimes with own words, sometimes with the Japanese name)."""
        rng = self.rng
        person = rng.choice(self.main) if rng.random() < 0.25 else rng.choice(self.volume.characters)
        self.stats.cross_references += 1
        ref = f"[[{person.id}|{person.name.split()[0]}]]" if rng.random() < 0.3 else f"[[{person.id}]]"
        if person.name_ja and rng.random() < 0.2:
            self.stats.japanese_spans += 1
            ref += f" ([{person.name_ja}]{{lang=ja}})"
        return ref

    def other_ref(self) -> str:
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

    def sentence(self, refs: float = 0.35, end: str = ".") -> list[str]:
        """Return a sentence as atoms (an atom is never broken across lines)."""
        rng = self.rng
        atoms = [self.word() for _ in range(rng.randint(7, 22))]
        if rng.random() < refs:
            atoms[rng.randrange(1, len(atoms))] = self.character_ref()
        if rng.random() < refs * 0.6:
            atoms[rng.randrange(1, len(atoms))] = self.other_ref()
        if rng.random() < 0.08:
            at = rng.randrange(1, len(atoms) - 1)
            atoms[at] = f"*{atoms[at]} {self.word()}*"
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

    def paragraph(self, sentences: tuple[int, int] = (3, 6), refs: float = 0.35) -> str:
        """Return a paragraph wrapped at about 100 characters."""
        atoms: list[str] = []
        for _ in range(self.rng.randint(*sentences)):
            atoms += self.sentence(refs)
        return wrap(atoms)

    def paragraphs(self, count: int, refs: float = 0.35) -> str:
        """Return count paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraph(refs=refs) for _ in range(count))

    def title(self, words: int = 3) -> str:
        """Return a title such as 'The Long Tunnel'."""
        rng = self.rng
        adjective = rng.choice([w for w in CONTENT_WORDS if len(w) < 9]).capitalize()
        nouns = [rng.choice(TITLE_WORDS) for _ in range(max(1, words - 2))]
        return " ".join(["The", adjective, *nouns])

    def question(self) -> str:
        """Return a discussion question (one line of Markdown)."""
        return " ".join(self.sentence(refs=0.5, end="?"))

    def indonesian(self) -> str:
        """Return an Indonesian span."""
        return f"[{self.rng.choice(INDONESIAN_WORDS)}]{{lang=id}}"


def wrap(atoms: list[str], width: int = 100) -> str:
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


def quoted(text: str) -> str:
    """Return text as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int) -> str:
    """Return text as the lines of a YAML block scalar indented by indent spaces."""
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.split("\n"))


def plan_volume(number: int, rng: random.Random) -> Volume:
    """Return the ids of volume number."""
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


def front_matter(fields: list[tuple[str, str]]) -> str:
    """Return a YAML front matter block."""
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n\n"


class Generator:
    """Write the whole synthetic manuscript."""

    def __init__(self, root: Path, scale: int, seed: int, dense_timeline: bool = False) -> None:
        self.dense_timeline = dense_timeline
        self.root = root
        self.manuscript = root / "manuscript"
        self.scale = scale
        self.seed = seed
        self.stats = Stats(scale, seed)
        self.volumes = [plan_volume(v, random.Random(f"{seed}-plan-{v}")) for v in range(1, scale + 1)]
        self.main = self.volumes[0].characters[:MAIN_CHARACTERS]

    def writer(self, volume: Volume, what: str) -> Writer:
        """Return a writer whose text depends only on the seed, the volume and what it writes."""
        return Writer(random.Random(f"{self.seed}-{volume.number}-{what}"), volume, self.main, self.stats)

    def write(self, relative: str, text: str) -> None:
        """Write one manuscript file and count its words."""
        path = self.manuscript / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        words = len(text.split())
        self.stats.words += words
        self.stats.files += 1
        self.stats.by_file[relative.split("/")[0]] = self.stats.by_file.get(relative.split("/")[0], 0) + words

    def run(self) -> Stats:
        """Generate every file; return the counts."""
        first = self.volumes[0]
        self.write("front/colophon.md", self.colophon(first))
        self.write("front/how-to-use.md", self.how_to_use(first))
        contexts: list[str] = []
        story_parts: list[str] = []
        characters: list[str] = []
        letters: list[str] = []
        terms: list[str] = []
        events: list[str] = []
        day = datetime.date(1900 if self.dense_timeline else 1650, 1, 1)
        for volume in self.volumes:
            for index in range(CONTEXTS):
                name = f"context/v{volume.number:03d}-{index + 1}.md"
                self.write(name, self.context(volume, index))
                contexts.append(name)
            chapter_files: list[str] = []
            for index in range(CHAPTERS):
                name = f"chapters/v{volume.number:03d}/{index + 1:02d}.md"
                self.write(name, self.chapter(volume, index))
                chapter_files.append(name)
            story_parts.append(
                f"  - title: {quoted(f'The story, book {volume.number}')}\n    sections:\n"
                + "".join(f"      - {name}\n" for name in chapter_files)
            )
            characters += self.characters(volume)
            letters += self.letters(volume)
            terms += self.terms(volume)
            day, new_events = self.events(volume, day)
            events += new_events
        self.stats.sections = self.stats.files
        self.write("data/characters.yaml", "\n".join(characters))
        self.write("data/letters.yaml", "\n".join(letters))
        self.write("data/terms.yaml", "\n".join(terms))
        self.write("data/timeline.yaml", "".join(events))
        self.write("book.yaml", self.book_yaml(contexts, story_parts))
        self.stats.chapters = CHAPTERS * self.scale
        self.stats.characters = CHARACTERS * self.scale
        self.stats.letters = LETTERS * self.scale
        self.stats.terms = TERMS * self.scale
        self.stats.events = EVENTS * self.scale
        return self.stats

    def book_yaml(self, contexts: list[str], story_parts: list[str]) -> str:
        """Return book.yaml."""
        themes = "".join(
            f"  - {{id: {i}, label: {quoted(label)}, symbol: {quoted(symbol)}}}\n" for i, label, symbol in THEMES
        )
        return (
            f"title: Bench Book at Scale {self.scale}\n"
            "subtitle: A synthetic manuscript for the iwobook benchmark\n"
            "language: en-GB\n"
            "identifier: urn:uuid:5e1f3c2a-9b7d-4e21-8c4f-0a6b2d9e7f13\n"
            "contributors:\n  - {name: tools/synth.py, role: author}\n"
            "publisher: iwobook benchmark\n"
            "rights: Generated text, no rights reserved.\n"
            "licence: CC0\n"
            f"description: Synthetic text at scale {self.scale} (seed {self.seed}) for measuring iwobook.\n"
            "subjects: [Benchmarks]\n"
            "edition: Benchmark edition\n"
            "date: 2026-01-15\n"
            "paper: a4\n"
            f"themes:\n{themes}"
            "data:\n  characters: data/characters.yaml\n  letters: data/letters.yaml\n"
            "  terms: data/terms.yaml\n  timeline: data/timeline.yaml\n"
            "contents:\n"
            "  - matter: front\n    sections:\n      - front/colophon.md\n"
            "      - {generated: contents, title: Contents, id: contents}\n      - front/how-to-use.md\n"
            "  - title: Historical context\n    sections:\n"
            + "".join(f"      - {name}\n" for name in contexts)
            + "      - {generated: timeline, title: Timeline, id: timeline}\n"
            + "".join(story_parts)
            + "  - matter: back\n    sections:\n"
            "      - {generated: characters, title: Characters, id: characters}\n"
            "      - {generated: letters, title: Letters and sayings, id: letters}\n"
            "      - {generated: terms, title: Glossary of terms, id: terms}\n"
        )

    def colophon(self, volume: Volume) -> str:
        """Return the colophon."""
        w = self.writer(volume, "colophon")
        return front_matter([("title", "Colophon"), ("kind", "colophon")]) + w.paragraphs(1, refs=0) + "\n"

    def how_to_use(self, volume: Volume) -> str:
        """Return the how-to-use section: headings, a bullet list with cross-references."""
        w = self.writer(volume, "how-to-use")
        items = "\n".join(
            f"- Read [[{chapter}]] {' '.join(w.word() for _ in range(6))}." for chapter in volume.chapters[:4]
        )
        body = (
            w.paragraphs(1)
            + "\n\n## For teachers\n\n"
            + w.paragraphs(1)
            + "\n\n"
            + items
            + "\n\n## For students\n\n"
            + w.paragraphs(1)
        )
        return front_matter([("title", "How to use this book")]) + body + "\n"

    def context(self, volume: Volume, index: int) -> str:
        """Return a context essay: headings, a quotation and a numbered list."""
        w = self.writer(volume, f"context-{index}")
        title = w.title(4)
        items = "\n".join(f"{n}. {' '.join(w.sentence(refs=0.2))}" for n in range(1, 4))
        body = (
            w.paragraphs(3)
            + f"\n\n## {w.title(3)}\n\n"
            + w.paragraphs(2)
            + "\n\n> "
            + " ".join(w.sentence(refs=0))
            + "\n\n"
            + items
            + f"\n\n### {w.title(2)}\n\n"
            + w.paragraphs(3)
        )
        return front_matter([("title", quoted(f"{title} ({volume.number}.{index + 1})"))]) + body + "\n"

    def chapter(self, volume: Volume, index: int) -> str:
        """Return a chapter with its front matter (setting, themes, questions) and body."""
        w = self.writer(volume, f"chapter-{index}")
        rng = w.rng
        themes = sorted(rng.sample([t[0] for t in THEMES], rng.randint(1, 3)))
        questions = "".join(f"  - {quoted(w.question())}\n" for _ in range(5))
        head = front_matter(
            [
                ("id", volume.chapters[index]),
                ("title", quoted(w.title(3 + index % 2))),
                ("kind", "chapter"),
                ("setting", quoted(rng.choice(SETTINGS))),
                ("themes", "[" + ", ".join(themes) + "]"),
            ]
        ).removesuffix("---\n\n")
        head += "questions:\n" + questions + "---\n\n"
        parts = [w.paragraphs(4)]
        if index % 3 == 0:
            parts.append("> " + " ".join(w.sentence(refs=0)))
        parts.append(w.paragraphs(3 + index % 2))
        if index % 4 == 1:
            parts.append("\n".join(f"{n}. {' '.join(w.sentence(refs=0.2))}" for n in range(1, 3)))
        if index % 5 == 2:
            parts.append(f"The word the men use is {w.indonesian()} in the Indonesian subtitles.")
        return head + "\n\n".join(parts) + "\n"

    def characters(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's characters."""
        w = self.writer(volume, "characters")
        rng = w.rng
        out: list[str] = []
        for index, person in enumerate(volume.characters):
            lines = [f"- id: {person.id}", f"  name: {quoted(person.name)}"]
            if person.name_ja:
                lines.append(f"  name_ja: {person.name_ja}")
            lines += [
                f"  rank: {quoted(rng.choice(RANKS))}",
                f"  role: {quoted(' '.join(w.sentence(refs=0)).rstrip('.'))}",
            ]
            if index % 3 == 0:
                lines.append(f"  actor: {quoted(rng.choice(AMERICANS)[0])}")
            lines += [f"  historical: {'true' if index % 5 == 0 else 'false'}", "  description: |"]
            lines.append(block(w.paragraph((2, 3)) + "\n\n" + w.paragraph((2, 3)), 4))
            out.append("\n".join(lines) + "\n")
        return out

    def letters(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's letters, each with Japanese (and often Indonesian) originals."""
        w = self.writer(volume, "letters")
        rng = w.rng
        out: list[str] = []
        for index, letter_id in enumerate(volume.letters):
            author = volume.characters[index % CHARACTERS]
            if not author.name_ja:
                author = volume.characters[0]
            japanese = "".join(rng.sample(JAPANESE_LINES, rng.randint(1, 3)))
            lines = [
                f"- id: {letter_id}",
                f"  title: {quoted(w.title(3))}",
                f"  author: {author.id}",
                f"  recipient: {quoted(rng.choice(RECIPIENTS))}",
                f"  date: {quoted(f'{rng.randint(1, 28)} March 1945')}",
                f"  kind: {KINDS[index % len(KINDS)]}",
                "  text: |",
                block(w.paragraph((2, 3), refs=0.1) + "\n\n" + w.paragraph((1, 2), refs=0), 4),
                "  originals:",
                "    - lang: ja",
                "      text: |",
                block(japanese, 8),
                f"      source: {quoted('A letter in the family archive, as transcribed by the editors')}",
            ]
            if index % 10 < 7:
                lines += [
                    "    - lang: id",
                    f"      text: {quoted(' '.join(rng.sample(INDONESIAN_LINES, 2)))}",
                    f"      source: {quoted('An Indonesian article about the film')}",
                ]
            provenance = w.paragraph((3, 5), refs=0.3) + f" The Indonesian reads {w.indonesian()} here."
            lines += ["  provenance: |", block(provenance, 4)]
            out.append("\n".join(lines) + "\n")
        return out

    def terms(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's terms."""
        w = self.writer(volume, "terms")
        out: list[str] = []
        for term_id, term, ja in volume.terms:
            lines = [
                f"- id: {term_id}",
                f"  term: {term}",
                f"  term_ja: {ja}",
                "  definition: |",
                block(w.paragraph((4, 6), refs=0.2), 4),
            ]
            out.append("\n".join(lines) + "\n")
        return out

    def events(self, volume: Volume, day: datetime.date) -> tuple[datetime.date, list[str]]:
        """Return the timeline entries of a volume (dates keep increasing across volumes) and the next day.

        A volume's events fall within about six months; volumes are more than two years apart, so the
        timeline figure (which draws the longest run of events less than two years apart) shows one
        volume. With dense_timeline the events run on without gaps, as one long story.
        """
        w = self.writer(volume, "timeline")
        out: list[str] = []
        if not self.dense_timeline and volume.number > 1:
            day += datetime.timedelta(days=800)
        for index in range(EVENTS):
            day += datetime.timedelta(days=w.rng.randint(3, 14))
            date = day.strftime("%Y-%m") if index % 4 == 3 else day.isoformat()
            text = " ".join(w.sentence(refs=0.4))
            out.append(f"- date: {quoted(date)}\n  text: {quoted(text)}\n")
        return day, out


def generate(root: Path, scale: int, seed: int = 1, dense_timeline: bool = False) -> Stats:
    """Write the synthetic book of scale under root (which must be new or made by this script)."""
    root = root.resolve()
    manuscript_dir = (PROJECT / "manuscript").resolve()
    if root == manuscript_dir or root.is_relative_to(manuscript_dir):
        raise SystemExit(f"synth: refusing to write into the real manuscript ({root})")
    if root.exists() and any(root.iterdir()) and not (root / MARKER).exists():
        raise SystemExit(f"synth: {root} exists and was not made by tools/synth.py; refusing to touch it")
    shutil.rmtree(root / "manuscript", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text(f"made by tools/synth.py version {VERSION}\n", encoding="utf-8")
    fonts = root / "assets" / "fonts"
    if fonts.is_symlink() or fonts.exists():
        fonts.unlink()
    fonts.parent.mkdir(parents=True, exist_ok=True)
    fonts.symlink_to(os.path.relpath(PROJECT / "assets" / "fonts", fonts.parent))
    stats = Generator(root, scale, seed, dense_timeline).run()
    (root / "synth.json").write_text(json.dumps(stats.__dict__, indent=2) + "\n", encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(description="Generate a synthetic iwobook manuscript for the benchmark.")
    parser.add_argument("--scale", type=int, default=1, help="1 gives about 15,000 words (default: 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--dense-timeline",
        action="store_true",
        help="one unbroken run of timeline events (at scale 100 the timeline figure outgrows the page)",
    )
    parser.add_argument("--out", type=Path, help="folder to write (default: dist/bench/synth-SCALE)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    root = args.out or PROJECT / "dist" / "bench" / f"synth-{args.scale}"
    stats = generate(root, args.scale, args.seed, args.dense_timeline)
    print(
        f"synth: {root}: {stats.words:,} words, {stats.files} files, {stats.chapters} chapters, "
        f"{stats.cross_references:,} cross-references",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
