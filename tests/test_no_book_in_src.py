"""The builder holds nothing of the study guide it was first made for: no person, place, film word or kind."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# words of the study guide (its film, people, places, battle and data kinds), matched as whole words
STUDY_GUIDE_WORDS = (
    r"iwo|jima|kuribayashi|tadamichi|saig[oō]|nishi|takeichi|suribachi|chichi|ichimaru|yoshii|shimizu"
    r"|eastwood|watanabe|ninomiya|film|films|movie|dialogue|film-dialogue|schematic|not to scale"
    r"|peak|beach|beaches|airfield|airfields|high ground|defensive|marines?|soldiers?|battle|army|military"
    r"|kamikaze|gyokusai|banzai|island|islands|letters from|[a-z]+_ja|1944|1945"
)
PATTERN = re.compile(rf"(?<![\w-])(?:{STUDY_GUIDE_WORDS})(?![\w-])", re.IGNORECASE)

# hits allowed to remain while work is under way: none now (each pair listed must still occur, so the list
# only shrinks)
PENDING: set[tuple[str, str]] = set()


def find_hits() -> dict[tuple[str, str], list[int]]:
    """Return every study-guide word found in src/, by (file, word in lower case), with its lines."""
    hits: dict[tuple[str, str], list[int]] = {}
    for path in sorted(SRC.rglob("*")):
        if not path.is_file() or path.suffix not in (".py", ".yaml", ".json", ".txt", ".css", ".md"):
            continue
        name = path.relative_to(SRC).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in PATTERN.finditer(line):
                hits.setdefault((name, match.group(0).lower()), []).append(number)
    return hits


def test_the_pattern_finds_the_words_it_should() -> None:
    """The pattern catches the study guide's words and spares the tool's own (iwobook, generated, rank)."""
    for text in ("Iwo Jima", "name_ja", "term_ja", "film-dialogue", "Schematic, not to scale", "Kuribayashi"):
        assert PATTERN.search(text), text
    for text in ("iwobook", "generated", "islander_count", "peaks_of", "filmic_x"):
        assert not PATTERN.search(text), text


def test_src_holds_no_word_of_the_study_guide() -> None:
    """No file under src/ names the study guide's film, people, places or kinds (outside the pending list)."""
    hits = find_hits()
    found = {f"{name}:{lines[0]}: {word}" for (name, word), lines in hits.items() if (name, word) not in PENDING}
    assert not found, "study-guide words in src/:\n" + "\n".join(sorted(found))
    gone = sorted(f"{name}: {word}" for name, word in PENDING if (name, word) not in hits)
    assert not gone, "fixed: remove from PENDING:\n" + "\n".join(gone)
