"""Word counts and Flesch-Kincaid grades of the manuscript, by part (textstat 0.7.4, syllables by pyphen).

Usage: .venv/bin/python tools/content_stats.py [project root]
"""

from __future__ import annotations

import sys
from pathlib import Path

import textstat

from iwobook.check import load_checked
from iwobook.model import Blocks, Book, GeneratedSection, Section, plain_text
from iwobook.transform import prepare
from iwobook.walk import block_inlines


def blocks_text(blocks: Blocks) -> str:
    """Return the running text of blocks, one paragraph per line."""
    lines: list[str] = []
    for block in blocks:
        inlines = getattr(block, "inlines", None)
        if inlines is not None:
            lines.append(plain_text(inlines))
        else:
            lines.append(" ".join(getattr(n, "text", "") for n in block_inlines((block,))))
    return "\n".join(line for line in lines if line.strip())


def part_texts(book: Book) -> dict[str, str]:
    """Return the text of each part of the book (prose by part; data files as their own parts)."""
    out: dict[str, str] = {}
    for part in book.parts:
        for section in part.sections:
            if isinstance(section, Section):
                name = part.title or f"{part.matter.value} matter"
                text = blocks_text(section.blocks)
                text += "\n" + "\n".join(plain_text(q) for q in section.questions)
                out[name] = out.get(name, "") + "\n" + text
            elif isinstance(section, GeneratedSection):
                pass
    out["Character glossary"] = "\n".join(blocks_text(c.description) for c in book.characters)
    out["Letters (translations and provenance)"] = "\n".join(
        blocks_text(le.text) + "\n" + blocks_text(le.provenance) for le in book.letters
    )
    out["Glossary of terms"] = "\n".join(blocks_text(t.definition) for t in book.terms)
    out["Timeline"] = "\n".join(plain_text(e.text) for e in book.timeline)
    return out


def main() -> None:
    """Print a table of words and grade per part, then the whole book's figures."""
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    book = prepare(load_checked(root))
    texts = part_texts(book)
    print(f"{'part':44} {'words':>7} {'FK grade':>9}")
    for name, text in texts.items():
        print(f"{name:44} {textstat.lexicon_count(text):7d} {textstat.flesch_kincaid_grade(text):9.1f}")
    whole = "\n".join(texts.values())
    print(f"{'whole book':44} {textstat.lexicon_count(whole):7d} {textstat.flesch_kincaid_grade(whole):9.1f}")
    print("\nchapters:")
    for chapter in book.chapters():
        text = blocks_text(chapter.blocks)
        print(
            f"  {chapter.number:2d}. {chapter.title:34} {textstat.lexicon_count(text):4d} words, "
            f"FK {textstat.flesch_kincaid_grade(text):.1f}, {len(chapter.questions)} questions"
        )


if __name__ == "__main__":
    main()
