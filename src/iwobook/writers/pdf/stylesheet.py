"""The style sheet (assets/styles.yaml): named styles with inheritance and per-edition overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from iwobook.config import MM, BuildConfig, Edition

_STYLE_KEYS = {
    "parent",
    "family",
    "weight",
    "style",
    "size",
    "leading",
    "align",
    "hyphenate",
    "space_before",
    "space_after",
    "first_indent",
    "left_indent",
    "right_indent",
    "grey",
    "cjk_wrap",
}


@dataclass(frozen=True)
class Geometry:
    """Page geometry in points: paper size, margins, offsets of running heads and folios."""

    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_inner: float
    margin_outer: float
    head_offset: float
    foot_offset: float
    chapter_drop: float
    chapter_space: float = 1.0  # share of the text height a chapter needs left on a page to start there
    notes: str = "none"  # ruled notes areas: none, end (what a chapter leaves empty) or page (one per chapter)
    save_blank_pages: bool = True  # lay a book out again when a change of make-up saves a page it left blank
    title_page: str = "auto"  # a title page after the cover: always, never (the cover is one), auto (not in pamphlets)

    @property
    def text_width(self) -> float:
        """Return the width of the text block."""
        return self.width - self.margin_inner - self.margin_outer

    @property
    def text_height(self) -> float:
        """Return the height of the text block."""
        return self.height - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class StyleSpec:
    """One resolved style: every property filled in from its ancestors."""

    name: str
    family: str
    weight: str
    style: str
    size: float
    leading: float
    align: str
    hyphenate: bool
    space_before: float
    space_after: float
    first_indent: float
    left_indent: float
    right_indent: float
    grey: float
    cjk_wrap: bool


@dataclass(frozen=True)
class StyleSheet:
    """The resolved style sheet of one edition: font files, geometry and styles by name."""

    fonts: dict[str, dict[str, str]]
    geometry: Geometry
    styles: dict[str, StyleSpec]

    def __getitem__(self, name: str) -> StyleSpec:
        """Return the style called name."""
        return self.styles[name]


def _length(value: object) -> float:
    """Return a length in points from a number or a string ending in mm."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text.endswith("mm"):
        return float(text[:-2]) * MM
    return float(text)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return base updated by override, one level deep for dictionaries."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _resolve(name: str, raw: dict[str, dict[str, Any]], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the properties of style name with its parents' properties filled in."""
    if name in seen:
        raise ValueError(f"style sheet: style '{name}' inherits from itself")
    own = raw[name]
    unknown = set(own) - _STYLE_KEYS
    if unknown:
        raise ValueError(f"style sheet: unknown properties {sorted(unknown)} in style '{name}'")
    parent = own.get("parent")
    inherited = _resolve(str(parent), raw, (*seen, name)) if parent else {}
    return {**inherited, **own}


def load_stylesheet(config: BuildConfig, paper_size: tuple[float, float]) -> StyleSheet:
    """Return the style sheet of config's edition for a page of paper_size."""
    path: Path = config.asset("styles.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    edition = data.get("editions", {}).get(config.edition.value, {}) if config.edition is not Edition.STANDARD else {}
    page = {**data["page"], **edition.get("page", {})}
    raw_styles = _merge(data["styles"], edition.get("styles", {}))
    width, height = paper_size
    geometry = Geometry(
        width=width,
        height=height,
        margin_top=_length(page["margin_top"]),
        margin_bottom=_length(page["margin_bottom"]),
        margin_inner=_length(page["margin_inner"]),
        margin_outer=_length(page["margin_outer"]),
        head_offset=_length(page["head_offset"]),
        foot_offset=_length(page["foot_offset"]),
        chapter_drop=_length(page["chapter_drop"]),
        chapter_space=float(page.get("chapter_space", 1.0)),
        notes=str(page.get("notes", "none")),
        save_blank_pages=bool(page.get("save_blank_pages", True)),
        title_page=str(page.get("title_page", "auto")),
    )
    styles: dict[str, StyleSpec] = {}
    for name in raw_styles:
        props = _resolve(name, raw_styles)
        styles[name] = StyleSpec(
            name=name,
            family=str(props.get("family", "serif")),
            weight=str(props.get("weight", "regular")),
            style=str(props.get("style", "regular")),
            size=float(props.get("size", 10)),
            leading=float(props.get("leading", 12)),
            align=str(props.get("align", "left")),
            hyphenate=bool(props.get("hyphenate", False)),
            space_before=_length(props.get("space_before", 0)),
            space_after=_length(props.get("space_after", 0)),
            first_indent=_length(props.get("first_indent", 0)),
            left_indent=_length(props.get("left_indent", 0)),
            right_indent=_length(props.get("right_indent", 0)),
            grey=float(props.get("grey", 0)),
            cjk_wrap=bool(props.get("cjk_wrap", False)),
        )
    return StyleSheet(fonts=data["fonts"], geometry=geometry, styles=styles)
