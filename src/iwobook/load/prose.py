"""Prose files: YAML front matter plus a CommonMark body, read into a Section."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from iwobook.diagnostics import Code, Report
from iwobook.load.fields import Fields, mappings
from iwobook.load.files import relative_name
from iwobook.load.markdown import MarkdownReader
from iwobook.load.yamltree import Mapping, Sequence, parse_yaml, type_name
from iwobook.model import Inlines, Loc, Section, SectionKind, Word

_NUMBER_PREFIX = re.compile(r"^\d+[-_ ]*")


def default_id(path: Path) -> str:
    """Return the id a prose file gets by default: its stem without a numeric prefix."""
    return _NUMBER_PREFIX.sub("", path.stem).lower() or path.stem.lower()


def split_front_matter(text: str, name: str, report: Report) -> tuple[str, str, int] | None:
    """Return (front matter, body, body's first line) or None after reporting a malformed block."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add(
            name,
            1,
            Code.E111,
            "the file must start with a front matter block: a line '---', YAML, then '---'",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    report.add(name, 1, Code.E111, "the front matter block is not closed: add a line '---' after it")
    return None


def read_section(
    text: str, path: Path, root: Path, reader: MarkdownReader, report: Report, themes: Collection[str]
) -> Section | None:
    """Return the Section in a prose file's text, reporting every problem found."""
    name = relative_name(path, root)
    parts = split_front_matter(text, name, report)
    if parts is None:
        return None
    front_text, body, body_line = parts
    problems = len(report.items)
    node = parse_yaml(front_text, name, report, first_line=2)
    if node is None:
        if len(report.items) == problems:  # no syntax error: the block is empty or only comments
            report.add(name, 1, Code.E121, "front matter has no 'title'")
        return None
    if not isinstance(node, Mapping):
        report.add(name, 2, Code.E122, f"front matter must be a mapping of fields, not {type_name(node)}")
        return None
    fields = Fields(node, name, report, "front matter")
    section_id = fields.ident("id", required=False, default=default_id(path))
    title = fields.title()
    kind_name = fields.choice("kind", [k.value for k in SectionKind], required=False, default="section")
    kind = SectionKind(kind_name)
    setting = ""
    theme_ids: list[str] = []
    questions: list[Inlines] = []
    places: tuple[str, ...] = ()
    vocabulary: list[Word] = []
    if kind is SectionKind.CHAPTER:
        setting = fields.text("setting", required=False)
        for theme, line in fields.texts("themes"):
            if theme not in themes:
                defined = ", ".join(sorted(themes)) or "none"
                report.add(name, line, Code.E132, f"unknown theme '{theme}'; book.yaml defines {defined}")
            else:
                theme_ids.append(theme)
        for question, line in fields.texts("questions"):
            questions.append(reader.inlines(question, name, report, line))
        places = tuple(place for place, _ in fields.texts("places"))
        vocabulary = read_vocabulary(fields.sequence("vocabulary"), name, reader, report)
    fields.finish()
    blocks = reader.blocks(body, name, path.parent, root, report, first_line=body_line)
    if not blocks and kind is SectionKind.CHAPTER:
        report.add(name, body_line - 1, Code.E150, "chapter has no text after its front matter")
    return Section(
        loc=Loc(name, 1),
        id=section_id,
        title=title,
        kind=kind,
        blocks=blocks,
        setting=setting,
        themes=tuple(theme_ids),
        questions=tuple(questions),
        places=places,
        vocabulary=tuple(vocabulary),
    )


def read_vocabulary(node: Sequence | None, name: str, reader: MarkdownReader, report: Report) -> list[Word]:
    """Return a chapter's vocabulary: a list of word and meaning (Markdown) entries."""
    words: list[Word] = []
    for item in mappings(node, name, report, "vocabulary"):
        entry = Fields(item, name, report, "vocabulary entry")
        word = entry.title("word")
        meaning, line = entry.text_at("meaning")
        entry.finish()
        words.append(Word(Loc(name, item.line), word, reader.inlines(meaning, name, report, line)))
    return words
