"""The pathological-size rows of the benchmark: one huge paragraph, and one huge word, against ordinary text.

Each row builds the PDF of the mini test book with one chapter replaced, in a fresh process: first with the
text in ordinary paragraphs of about 100 words, then with the same words as one paragraph (or one word). Time
must stay linear in the length of a paragraph and of a word: the aim is a ratio of at most 2.

    python -m tools.bench pathological [--megabytes 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path
from typing import Any

from .measure import Run, run_process
from .project import BENCH_DIR, IWOBOOK, PROJECT, say

MINI = PROJECT / "tests" / "fixtures" / "mini"
CHAPTER = Path("manuscript") / "02-storm.md"
AIM = 2.0


def make_words(size: int, seed: int = 7) -> list[str]:
    """Return ordinary-looking words totalling about size characters with their spaces."""
    rng = random.Random(seed)
    letters = "etaoinshrdlucmfwypvbgk"
    words: list[str] = []
    total = 0
    while total < size:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        words.append(word)
        total += len(word) + 1
    return words


def write_book(folder: Path, body: str) -> Path:
    """Write a copy of the mini book whose second chapter holds body; return its root."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(MINI, folder)
    chapter = folder / CHAPTER
    head = chapter.read_text(encoding="utf-8").split("---\n\n", 1)[0]
    chapter.write_text(f"{head}---\n\n{body}\n\nA storm comes. [[mara]] keeps the [[lamp]] burning.\n")
    return folder


def time_build(root: Path) -> Run:
    """Build root's PDF in a fresh process (forced, quiet); return the run."""
    return run_process([str(IWOBOOK), "-C", str(root), "build", "pdf", "--force", "-q"], cwd=root)


def as_paragraphs(words: list[str], size: int = 100) -> str:
    """Return words as paragraphs of size words."""
    return "\n\n".join(" ".join(words[i : i + size]) for i in range(0, len(words), size))


def measure_rows(megabytes: float = 1.0, word_characters: int = 100_000) -> list[dict[str, Any]]:
    """Return the rows: a paragraph of megabytes MB and a word of word_characters letters, each against the
    same text in ordinary paragraphs."""
    rows: list[dict[str, Any]] = []
    words = make_words(int(megabytes * 1_000_000))
    cases = [
        (f"one paragraph of {megabytes:g} MB", " ".join(words), as_paragraphs(words)),
    ]
    letters = make_words(word_characters)
    joined = "".join(letters)[:word_characters]
    cases.append((f"one word of {word_characters:,} letters", joined, as_paragraphs(make_words(word_characters))))
    for name, odd, ordinary in cases:
        say(f"pathological: {name}")
        base = time_build(write_book(BENCH_DIR / "ordinary", ordinary))
        case = time_build(write_book(BENCH_DIR / "pathological", odd))
        ratio = case.cpu_seconds / base.cpu_seconds if base.cpu_seconds else float("inf")
        rows.append(
            {
                "case": name,
                "ordinary_seconds": base.seconds,
                "ordinary_cpu_seconds": base.cpu_seconds,
                "seconds": case.seconds,
                "cpu_seconds": case.cpu_seconds,
                "ratio_cpu": ratio,
                "within_aim": ratio <= AIM and base.returncode == 0 and case.returncode == 0,
                "exit_codes": [base.returncode, case.returncode],
                "error": case.error or base.error,
            }
        )
    return rows


def print_rows(rows: list[dict[str, Any]]) -> None:
    """Print the pathological rows as a small table."""
    print(f"\n| pathological size (PDF, CPU s) | ordinary text | one block | ratio (aim ≤ {AIM:g}) |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        mark = "" if row["within_aim"] else " (over)"
        print(
            f"| {row['case']} | {row['ordinary_cpu_seconds']:.1f} | {row['cpu_seconds']:.1f}"
            f" | {row['ratio_cpu']:.2f}×{mark} |"
        )


def write_rows(rows: list[dict[str, Any]]) -> Path:
    """Write the rows to dist/bench/pathological.json; return its path."""
    path = BENCH_DIR / "pathological.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return path


def run_pathological_command(args: list[str]) -> int:
    """Run `pathological` with its command-line args; print the rows; return 1 when a build failed."""
    parser = argparse.ArgumentParser(prog="python -m tools.bench pathological", description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the long paragraph (default: 1)")
    parser.add_argument("--word", type=int, default=100_000, help="letters in the long word (default: 100000)")
    options = parser.parse_args(args)
    rows = measure_rows(options.megabytes, options.word)
    print_rows(rows)
    write_rows(rows)
    return 0 if all(r["exit_codes"] == [0, 0] for r in rows) else 1
