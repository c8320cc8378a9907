"""The manuscript as plain data for the floors: files read with the C YAML loader, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

XREF = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
SPAN = re.compile(r"\[([^\[\]\n]+)\]\{lang=[A-Za-z0-9-]+\}")


@dataclass
class Prose:
    """A Markdown file of the manuscript: id, title, chapter fields and body."""

    id: str
    title: str
    kind: str
    setting: str
    questions: list[str]
    themes: list[str]
    body: str


@dataclass
class Manuscript:
    """The manuscript as plain data, read with the C YAML loader: what both floors typeset."""

    title: str
    language: str
    identifier: str
    sections: list[Prose | str]  # a prose file, or the name of a generated section
    characters: list[dict[str, Any]]
    letters: list[dict[str, Any]]
    terms: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    labels: dict[str, str] = field(default_factory=dict)

    def resolve_text(self, source: str) -> str:
        """Return Markdown source with cross-references and language spans replaced by their text."""

        def label(match: re.Match[str]) -> str:
            return match.group(2) or self.labels.get(match.group(1).strip(), match.group(1))

        return SPAN.sub(r"\1", XREF.sub(label, source))


def read_manuscript(root: Path) -> Manuscript:
    """Return the manuscript of the project folder root, sections in reading order."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def load(path: Path) -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    folder = root / "manuscript"
    book = load(folder / "book.yaml")
    data = {key: load(folder / name) or [] for key, name in (book.get("data") or {}).items()}
    sections: list[Prose | str] = []
    for part in book["contents"]:
        for entry in part["sections"]:
            if isinstance(entry, dict):
                sections.append(str(entry["generated"]))
                continue
            path = folder / entry
            _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
            meta = yaml.load(head, Loader=loader)
            ident = meta.get("id") or re.sub(r"^\d+[-_ ]*", "", path.stem)
            sections.append(
                Prose(
                    ident,
                    str(meta["title"]),
                    meta.get("kind", "section"),
                    meta.get("setting", ""),
                    [str(q) for q in meta.get("questions", [])],
                    [str(t) for t in meta.get("themes", [])],
                    body,
                )
            )
    manuscript = Manuscript(
        str(book["title"]),
        str(book["language"]),
        str(book["identifier"]),
        sections,
        data.get("characters", []),
        data.get("letters", []),
        data.get("terms", []),
        data.get("timeline", []),
    )
    labels = manuscript.labels
    labels.update({s.id: s.title for s in sections if isinstance(s, Prose)})
    labels.update({str(c["id"]): str(c["name"]) for c in manuscript.characters})
    labels.update({str(t["id"]): str(t["term"]) for t in manuscript.terms})
    labels.update({str(le["id"]): str(le["title"]) for le in manuscript.letters})
    return manuscript
