"""Write a synthetic iwobook manuscript at a chosen scale, for the benchmark.

At scale 1 the book has about 15,000 words, like the study guide in manuscript/: a colophon and a
how-to-use section, two context essays and a timeline, thirteen chapters (front matter with setting,
themes and discussion questions), sixteen characters, thirteen letters with Japanese and Indonesian
originals and sixteen terms. Scale N repeats that N times as N "volumes" with their own ids (front
matter stays single), so 10 gives about 150,000 words and 100 about 1.5 million. The text is made of
English words from a fixed vocabulary with cross-references `[[id]]`, Japanese names in `{lang=ja}`
spans, Indonesian spans, emphasis, lists, quotes and headings. The same seed and volume always give
the same text, so volume 1 of the 10x book is the 1x book's text.

    python -m tools.bench synth --scale 10 --out dist/bench/synth-10

The folder gets manuscript/, assets/fonts (a symbolic link to the project's fonts, so the drawn cover
uses the real faces) and synth.json (the counts). It is rewritten on every run; a folder that this
module did not make is never touched.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
from pathlib import Path

from .project import FONTS, PROJECT
from .synth_text import (
    CHAPTERS,
    CHARACTERS,
    CONTEXTS,
    EVENTS,
    LETTERS,
    MAIN_CHARACTERS,
    TERMS,
    Stats,
    Volume,
    Writer,
    format_front_matter,
    indent_block,
    plan_volume,
    quote_yaml,
)
from .synth_vocabulary import (
    AMERICANS,
    INDONESIAN_LINES,
    JAPANESE_LINES,
    KINDS,
    RANKS,
    RECIPIENTS,
    SETTINGS,
    THEMES,
)

MARKER = ".iwobook-synth"
VERSION = 1


class Generator:
    """Write the whole synthetic manuscript of one scale and seed under a root folder."""

    def __init__(self, root: Path, scale: int, seed: int, dense_timeline: bool = False) -> None:
        self.dense_timeline = dense_timeline
        self.root = root
        self.manuscript = root / "manuscript"
        self.scale = scale
        self.seed = seed
        self.stats = Stats(scale, seed)
        self.volumes = [plan_volume(v, random.Random(f"{seed}-plan-{v}")) for v in range(1, scale + 1)]
        self.main = self.volumes[0].characters[:MAIN_CHARACTERS]

    def make_writer(self, volume: Volume, what: str) -> Writer:
        """Return a writer whose text depends only on the seed, the volume and what it writes."""
        return Writer(random.Random(f"{self.seed}-{volume.number}-{what}"), volume, self.main, self.stats)

    def write_file(self, relative: str, text: str) -> None:
        """Write text to the manuscript file at relative and add its words to the counts."""
        path = self.manuscript / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        words = len(text.split())
        self.stats.words += words
        self.stats.files += 1
        self.stats.by_file[relative.split("/")[0]] = self.stats.by_file.get(relative.split("/")[0], 0) + words

    def write_book(self) -> Stats:
        """Write every file of the book; return the counts."""
        first = self.volumes[0]
        self.write_file("front/colophon.md", self.render_colophon(first))
        self.write_file("front/how-to-use.md", self.render_how_to_use(first))
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
                self.write_file(name, self.render_context(volume, index))
                contexts.append(name)
            chapter_files: list[str] = []
            for index in range(CHAPTERS):
                name = f"chapters/v{volume.number:03d}/{index + 1:02d}.md"
                self.write_file(name, self.render_chapter(volume, index))
                chapter_files.append(name)
            story_parts.append(
                f"  - title: {quote_yaml(f'The story, book {volume.number}')}\n    sections:\n"
                + "".join(f"      - {name}\n" for name in chapter_files)
            )
            characters += self.render_characters(volume)
            letters += self.render_letters(volume)
            terms += self.render_terms(volume)
            day, new_events = self.render_events(volume, day)
            events += new_events
        self.stats.sections = self.stats.files
        self.write_file("data/characters.yaml", "\n".join(characters))
        self.write_file("data/letters.yaml", "\n".join(letters))
        self.write_file("data/terms.yaml", "\n".join(terms))
        self.write_file("data/timeline.yaml", "".join(events))
        self.write_file("book.yaml", self.render_book_yaml(contexts, story_parts))
        self.stats.chapters = CHAPTERS * self.scale
        self.stats.characters = CHARACTERS * self.scale
        self.stats.letters = LETTERS * self.scale
        self.stats.terms = TERMS * self.scale
        self.stats.events = EVENTS * self.scale
        return self.stats

    def render_book_yaml(self, contexts: list[str], story_parts: list[str]) -> str:
        """Return book.yaml, with the context files and the story's parts (YAML lines) in its contents."""
        themes = "".join(
            f"  - {{id: {i}, label: {quote_yaml(label)}, symbol: {quote_yaml(symbol)}}}\n"
            for i, label, symbol in THEMES
        )
        return (
            f"title: Bench Book at Scale {self.scale}\n"
            "subtitle: A synthetic manuscript for the iwobook benchmark\n"
            "language: en-GB\n"
            "identifier: urn:uuid:5e1f3c2a-9b7d-4e21-8c4f-0a6b2d9e7f13\n"
            # the generator's old name, kept so that the synthetic books (and the measurements) stay as they were
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
            "letter_kinds:\n  - {id: film-dialogue, label: Film dialogue}\n"
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

    def render_colophon(self, volume: Volume) -> str:
        """Return the colophon (Markdown) written for volume."""
        w = self.make_writer(volume, "colophon")
        return format_front_matter([("title", "Colophon"), ("kind", "colophon")]) + w.write_paragraphs(1, refs=0) + "\n"

    def render_how_to_use(self, volume: Volume) -> str:
        """Return the how-to-use section of volume: headings, a bullet list with cross-references."""
        w = self.make_writer(volume, "how-to-use")
        items = "\n".join(
            f"- Read [[{chapter}]] {' '.join(w.pick_word() for _ in range(6))}." for chapter in volume.chapters[:4]
        )
        body = (
            w.write_paragraphs(1)
            + "\n\n## For teachers\n\n"
            + w.write_paragraphs(1)
            + "\n\n"
            + items
            + "\n\n## For students\n\n"
            + w.write_paragraphs(1)
        )
        return format_front_matter([("title", "How to use this book")]) + body + "\n"

    def render_context(self, volume: Volume, index: int) -> str:
        """Return context essay index of volume: headings, a quotation and a numbered list."""
        w = self.make_writer(volume, f"context-{index}")
        title = w.make_title(4)
        items = "\n".join(f"{n}. {' '.join(w.write_sentence(refs=0.2))}" for n in range(1, 4))
        body = (
            w.write_paragraphs(3)
            + f"\n\n## {w.make_title(3)}\n\n"
            + w.write_paragraphs(2)
            + "\n\n> "
            + " ".join(w.write_sentence(refs=0))
            + "\n\n"
            + items
            + f"\n\n### {w.make_title(2)}\n\n"
            + w.write_paragraphs(3)
        )
        return format_front_matter([("title", quote_yaml(f"{title} ({volume.number}.{index + 1})"))]) + body + "\n"

    def render_chapter(self, volume: Volume, index: int) -> str:
        """Return chapter index of volume with its front matter (setting, themes, questions) and body."""
        w = self.make_writer(volume, f"chapter-{index}")
        rng = w.rng
        themes = sorted(rng.sample([t[0] for t in THEMES], rng.randint(1, 3)))
        questions = "".join(f"  - {quote_yaml(w.write_question())}\n" for _ in range(5))
        head = format_front_matter(
            [
                ("id", volume.chapters[index]),
                ("title", quote_yaml(w.make_title(3 + index % 2))),
                ("kind", "chapter"),
                ("setting", quote_yaml(rng.choice(SETTINGS))),
                ("themes", "[" + ", ".join(themes) + "]"),
            ]
        ).removesuffix("---\n\n")
        head += "questions:\n" + questions + "---\n\n"
        parts = [w.write_paragraphs(4)]
        if index % 3 == 0:
            parts.append("> " + " ".join(w.write_sentence(refs=0)))
        parts.append(w.write_paragraphs(3 + index % 2))
        if index % 4 == 1:
            parts.append("\n".join(f"{n}. {' '.join(w.write_sentence(refs=0.2))}" for n in range(1, 3)))
        if index % 5 == 2:
            parts.append(f"The word the men use is {w.make_indonesian()} in the Indonesian subtitles.")
        return head + "\n\n".join(parts) + "\n"

    def render_characters(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's characters."""
        w = self.make_writer(volume, "characters")
        rng = w.rng
        out: list[str] = []
        for index, person in enumerate(volume.characters):
            lines = [f"- id: {person.id}", f"  name: {quote_yaml(person.name)}"]
            if person.name_ja:
                lines.append(f"  originals: [{{lang: ja, text: {person.name_ja}}}]")
            lines += [
                f"  rank: {quote_yaml(rng.choice(RANKS))}",
                f"  role: {quote_yaml(' '.join(w.write_sentence(refs=0)).rstrip('.'))}",
            ]
            if index % 3 == 0:
                lines.append(f"  actor: {quote_yaml(rng.choice(AMERICANS)[0])}")
            lines += [f"  historical: {'true' if index % 5 == 0 else 'false'}", "  description: |"]
            lines.append(indent_block(w.write_paragraph((2, 3)) + "\n\n" + w.write_paragraph((2, 3)), 4))
            out.append("\n".join(lines) + "\n")
        return out

    def render_letters(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's letters, each with Japanese (and often Indonesian) originals."""
        w = self.make_writer(volume, "letters")
        rng = w.rng
        out: list[str] = []
        for index, letter_id in enumerate(volume.letters):
            author = volume.characters[index % CHARACTERS]
            if not author.name_ja:
                author = volume.characters[0]
            japanese = "".join(rng.sample(JAPANESE_LINES, rng.randint(1, 3)))
            lines = [
                f"- id: {letter_id}",
                f"  title: {quote_yaml(w.make_title(3))}",
                f"  author: {author.id}",
                f"  recipient: {quote_yaml(rng.choice(RECIPIENTS))}",
                f"  date: {quote_yaml(f'{rng.randint(1, 28)} March 1945')}",
                f"  kind: {KINDS[index % len(KINDS)]}",
                "  text: |",
                indent_block(w.write_paragraph((2, 3), refs=0.1) + "\n\n" + w.write_paragraph((1, 2), refs=0), 4),
                "  originals:",
                "    - lang: ja",
                "      text: |",
                indent_block(japanese, 8),
                f"      source: {quote_yaml('A letter in the family archive, as transcribed by the editors')}",
            ]
            if index % 10 < 7:
                lines += [
                    "    - lang: id",
                    f"      text: {quote_yaml(' '.join(rng.sample(INDONESIAN_LINES, 2)))}",
                    f"      source: {quote_yaml('An Indonesian article about the film')}",
                ]
            provenance = w.write_paragraph((3, 5), refs=0.3) + f" The Indonesian reads {w.make_indonesian()} here."
            lines += ["  provenance: |", indent_block(provenance, 4)]
            out.append("\n".join(lines) + "\n")
        return out

    def render_terms(self, volume: Volume) -> list[str]:
        """Return the YAML entries of a volume's terms."""
        w = self.make_writer(volume, "terms")
        out: list[str] = []
        for term_id, term, ja in volume.terms:
            lines = [
                f"- id: {term_id}",
                f"  term: {term}",
                f"  originals: [{{lang: ja, text: {ja}}}]",
                "  definition: |",
                indent_block(w.write_paragraph((4, 6), refs=0.2), 4),
            ]
            out.append("\n".join(lines) + "\n")
        return out

    def render_events(self, volume: Volume, day: datetime.date) -> tuple[datetime.date, list[str]]:
        """Return the timeline entries of a volume from day on (dates keep increasing) and the next day."""
        # A volume's events fall within about six months; volumes are more than two years apart, so the
        # timeline figure (which draws the longest run of events less than two years apart) shows one
        # volume. With dense_timeline the events run on without gaps, as one long story.
        w = self.make_writer(volume, "timeline")
        out: list[str] = []
        if not self.dense_timeline and volume.number > 1:
            day += datetime.timedelta(days=800)
        for index in range(EVENTS):
            day += datetime.timedelta(days=w.rng.randint(3, 14))
            date = day.strftime("%Y-%m") if index % 4 == 3 else day.isoformat()
            text = " ".join(w.write_sentence(refs=0.4))
            out.append(f"- date: {quote_yaml(date)}\n  text: {quote_yaml(text)}\n")
        return day, out


def write_synthetic_book(root: Path, scale: int, seed: int = 1, dense_timeline: bool = False) -> Stats:
    """Write the synthetic book of scale and seed under root (new, or made by this module); return its counts."""
    root = root.resolve()
    manuscript_dir = (PROJECT / "manuscript").resolve()
    if root == manuscript_dir or root.is_relative_to(manuscript_dir):
        raise SystemExit(f"synth: refusing to write into the real manuscript ({root})")
    if root.exists() and any(root.iterdir()) and not (root / MARKER).exists():
        raise SystemExit(f"synth: {root} exists and was not made by the benchmark (tools/bench); refusing to touch it")
    shutil.rmtree(root / "manuscript", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text(f"made by tools/bench/synth_files.py version {VERSION}\n", encoding="utf-8")
    fonts = root / "assets" / "fonts"
    if fonts.is_symlink() or fonts.exists():
        fonts.unlink()
    fonts.parent.mkdir(parents=True, exist_ok=True)
    fonts.symlink_to(os.path.relpath(FONTS, fonts.parent))
    stats = Generator(root, scale, seed, dense_timeline).write_book()
    (root / "synth.json").write_text(json.dumps(stats.__dict__, indent=2) + "\n", encoding="utf-8")
    return stats
