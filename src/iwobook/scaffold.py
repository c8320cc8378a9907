"""`iwobook new`: a small, complete, valid book from a template shipped with iwobook, never overwriting."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

TEMPLATES = ("study-guide", "minimal")
# files every template gets, and the name each is written under
COMMON = {"README.md": "README.md", "Makefile": "Makefile", "gitignore": ".gitignore"}


class ScaffoldError(Exception):
    """A book cannot be created where asked (the message says why, in one line)."""


@dataclass(frozen=True)
class Seed:
    """What a new book's files are filled in with."""

    title: str
    author: str
    language: str
    date: str
    uuid: str

    def values(self, quoted: bool) -> dict[str, str]:
        """Return the template values; quoted gives YAML double-quoted scalars (JSON strings are valid YAML)."""
        plain = {
            "title": self.title,
            "author": self.author,
            "language": self.language,
            "date": self.date,
            "year": self.date[:4],
            "uuid": self.uuid,
            "rights": f"Text © {self.date[:4]} {self.author}.",
        }
        if not quoted:
            return plain
        return {
            key: value if key in ("date", "year", "uuid") else json.dumps(value, ensure_ascii=False)
            for key, value in plain.items()
        }


def make_seed(folder: Path, title: str | None, author: str | None, language: str, epoch: int | None) -> Seed:
    """Return the values of a new book in folder: the title defaults to the folder's name."""
    when = time.gmtime(epoch) if epoch is not None else time.gmtime()
    name = title or folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "My book"
    return Seed(name, author or "The author", language, time.strftime("%Y-%m-%d", when), str(uuid.uuid4()))


def template_files(template: str) -> list[tuple[str, Traversable]]:
    """Return (relative path in the new book, template file) for every file of a template, in a fixed order."""
    root = files("iwobook") / "templates"
    out = [(target, root / "common" / name) for name, target in COMMON.items()]

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            path = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, f"{path}/")
            elif child.is_file():
                out.append((path, child))

    walk(root / template, "")
    return out


def create_book(folder: Path, template: str, seed: Seed) -> list[Path]:
    """Write a new book from template into folder (new or empty); return the files written."""
    if template not in TEMPLATES:
        raise ScaffoldError(f"unknown template '{template}' (use {' or '.join(TEMPLATES)})")
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"'{folder}' exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"'{folder}' is not empty; iwobook new never overwrites: choose a new folder")
    written: list[Path] = []
    for relative, source in template_files(template):
        text = Template(source.read_text(encoding="utf-8"))
        filled = text.safe_substitute(seed.values(quoted=relative.endswith(".yaml")))
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as stream:  # "x": never replace a file
            stream.write(filled)
        written.append(target)
    (folder / "assets").mkdir(exist_ok=True)
    return written
