"""The HTML edition's style sheet: the book's named styles (styles.yaml) as CSS rules, then the layout rules.

Each style the web pages use is resolved through its parents as the print edition resolves it and written
in relative units: sizes in rem against the `base` style's size, leading as a line-height ratio, spaces in em
of the element's own size, greys as greys. Page geometry is print's alone; the screen layout (a measure,
small-screen rules for tables and figures) is below, in CSS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from iwobook.config import MM, BuildConfig
from iwobook.writers.html.fonts import WebFont

STYLESHEET_FILE = "style.css"
# which elements each named style of styles.yaml dresses
SELECTORS = {
    "base": "body",
    "title": "h1.book-title",
    "subtitle": "p.subtitle",
    "title_meta": "p.contributors, p.edition, p.publisher",
    "part_title": "p.part-title",
    "chapter_number": "span.chapter-number",
    "chapter_title": "main h1",
    "setting": "p.setting",
    "heading2": "main h2",
    "heading3": "main h3, main h4, main h5, main h6",
    "label": "span.label",
    "quote": "blockquote",
    "caption": "figcaption",
    "meta": "p.meta, p.facts",
    "entry_name": "dl.glossary > dt, dt.entry",
    "toc_part": "nav.contents li.part > span",
    "timeline_date": "dl.timeline > dt",
    "original": "blockquote[lang]",
}
FAMILIES = {"serif": "serif", "sans": "sans-serif", "mono": "monospace"}
ALIGN = {"justify": "justify", "left": "start", "right": "end", "center": "center", "centre": "center"}
KNOWN = ("family", "weight", "style", "size", "leading", "align", "space_before", "space_after", "grey")

LAYOUT = """\
/* the screen layout: a readable measure, landmarks, links between pages */
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 38em; padding: 0 1em 2em 1em; hyphens: auto; -webkit-hyphens: auto; }
h1, h2, h3, h4, h5, h6, dt, th, caption, figcaption, nav { hyphens: manual; -webkit-hyphens: manual; }
p { margin-top: 0; }
.skip { position: absolute; left: -999em; }
.skip:focus { position: static; display: inline-block; padding: 0.3em 0; }
body > header { border-bottom: 1px solid currentColor; padding: 0.6em 0 0.4em 0; margin-bottom: 1.5em; }
body > header p { margin: 0; font-size: 0.9rem; }
body > footer { border-top: 1px solid currentColor; margin-top: 2.5em; padding-top: 0.6em; font-size: 0.9rem; }
nav.sequence ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  justify-content: space-between; gap: 0.4em 1.5em; }
nav.contents ol { padding-left: 1.4em; }
nav.contents li { margin: 0.25em 0; }
nav.contents li.part { list-style: none; margin-top: 0.9em; }
nav.contents li.part > ol { padding-left: 1.4em; }
span.chapter-number { display: block; }
span.chapter-title { display: block; }
section.questions { border-top: 1px solid currentColor; margin-top: 1.5em; padding-top: 0.2em; }
p.themes, p.cast { margin-top: 1em; }
dl dd { margin-left: 1.5em; }
dfn { font-style: normal; }
img { max-width: 100%; height: auto; }
figure { margin: 1.2em 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
section.titlepage { text-align: center; margin: 2em 0; }
dl.colophon-data dt { font-weight: bold; margin-top: 0.4em; }
dl.colophon-data dd p { margin: 0; text-indent: 0; }
p.identifier { overflow-wrap: anywhere; }

/* generated sections: glossaries, letters, timeline, map key and places */
dl.glossary > dt { break-after: avoid; }
dl.glossary > dd, dl.places > dd, dl.timeline > dd { margin: 0.2em 0 0.6em 1.5em; }
dl.places > dt { font-weight: bold; margin-top: 0.8em; }
dl.timeline > dt { margin-top: 0.8em; }
span.name-original, span.term-original { font-weight: normal; }
p.facts { font-style: italic; margin-bottom: 0.3em; }
p.appears, p.key { font-size: 0.9em; }
span.event-number { display: inline-block; min-width: 1.3em; margin-right: 0.4em; text-align: center;
  border: 1px solid currentColor; border-radius: 0.7em; font-size: 0.85em; }
span.symbol { font-weight: bold; }
ul.key { list-style-type: none; padding-left: 0; }
section.letter { margin-top: 2em; }
blockquote.translation { margin: 0.8em 0 0.8em 1.5em; padding-left: 0.8em; border-left: 2px solid currentColor; }
div.original { margin: 0.5em 0 1em 0; }
p.original-lang { font-weight: bold; margin-bottom: 0.2em; }
div.provenance { font-size: 0.95em; }

/* tables scroll sideways inside their wrapper rather than lose columns; the tracker always fits the width with
   every column, its theme names wrapping */
div.table-wrap { overflow-x: auto; margin: 1em 0; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border-bottom: 1px solid currentColor; padding: 0.2em 0.35em; vertical-align: top; }
th[scope="row"] { text-align: start; font-weight: normal; }
table.tracker { width: 100%; table-layout: fixed; font-size: 0.85em; }
table.tracker th[scope="col"], table.tracker td { padding-left: 0; padding-right: 0; text-align: center; }
table.tracker thead th:first-child { width: 27%; text-align: start; padding-right: 0.2em; }
table.tracker th[scope="row"] { overflow-wrap: break-word; }
table.tracker td { font-weight: bold; }
table.tracker td.untagged { font-weight: normal; }

/* drawn figures at the reading width; on a narrow screen the drawing made for it (larger labels) instead */
figure.drawing svg { display: block; width: 100%; max-width: 40em; height: auto; margin: 0 auto; }
figure.drawing svg.narrow { display: none; }

@media (max-width: 30em) {
  body { padding: 0 0.6em 2em 0.6em; }
  body, blockquote { text-align: start; }  /* justified lines gape on a phone's measure */
  th, td { padding: 0.15em 0.25em; }
  figure.drawing svg.wide { display: none; }
  figure.drawing svg.narrow { display: block; }
}

@media print {
  body > header, body > footer, .skip { display: none; }
}
"""


def resolve_style(name: str, raw: dict[str, dict[str, Any]], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the properties of the style called name with its parents' filled in (a loop stops the climb)."""
    own = raw.get(name)
    if not isinstance(own, dict) or name in seen:
        return {}
    parent = own.get("parent")
    inherited = resolve_style(str(parent), raw, (*seen, name)) if parent else {}
    return {**inherited, **own}


def length(value: object) -> float:
    """Return a length in points from a number or a string ending in mm (0 for anything else)."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        return float(text[:-2]) * MM if text.endswith("mm") else float(text)
    except ValueError:
        return 0.0


def em(value: float) -> str:
    """Return a ratio as a CSS number with at most three decimals."""
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def family_list(family: str, fallbacks: Mapping[str, Sequence[str]]) -> str:
    """Return the CSS font-family list of a style sheet family: the reader's own, then the edition's fallbacks."""
    return ", ".join([FAMILIES.get(family, family), *(f'"{name}"' for name in fallbacks.get(family, ()))])


def declarations(
    props: dict[str, Any], base_size: float, is_body: bool, fallbacks: Mapping[str, Sequence[str]]
) -> list[str]:
    """Return the CSS declarations of one resolved style."""
    size = float(props.get("size", base_size)) or base_size
    out: list[str] = []
    out.append(f"font-family: {family_list(str(props.get('family', 'serif')), fallbacks)}")
    out.append(f"font-weight: {'bold' if props.get('weight') == 'bold' else 'normal'}")
    out.append(f"font-style: {'italic' if props.get('style') == 'italic' else 'normal'}")
    if not is_body:
        out.append(f"font-size: {em(size / base_size)}rem")
    if "leading" in props:
        out.append(f"line-height: {em(float(props['leading']) / size)}")
    if "align" in props:
        out.append(f"text-align: {ALIGN.get(str(props['align']), 'start')}")
    if not is_body:
        out.append(f"margin-top: {em(length(props.get('space_before', 0)) / size)}em")
        out.append(f"margin-bottom: {em(max(length(props.get('space_after', 0)), 0) / size)}em")
    level = float(props.get("grey", 0) or 0)
    if level > 0:
        value = round(max(0.0, min(1.0, level)) * 255)
        out.append(f"color: #{value:02x}{value:02x}{value:02x}")
    return out


def render_stylesheet(config: BuildConfig, fallbacks: Mapping[str, Sequence[str]], fonts: Sequence[WebFont]) -> str:
    """Return the HTML edition's CSS: its fonts, the style sheet's styles as rules (each family followed by
    its fallbacks), then the screen layout."""
    path: Path = config.asset("styles.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    raw = data.get("styles", {}) if isinstance(data, dict) else {}
    raw = raw if isinstance(raw, dict) else {}
    base_size = float(resolve_style("base", raw).get("size", 10) or 10)
    rules = ['@charset "utf-8";']
    rules += [f'@font-face {{ font-family: "{f.family}"; src: url("{f.file}") format("truetype"); }}' for f in fonts]
    rules.append("/* from the style sheet (styles.yaml): sizes relative to its base style */")
    for name, selector in SELECTORS.items():
        props = resolve_style(name, raw)
        if props:
            body = "; ".join(declarations(props, base_size, name == "base", fallbacks))
            rules.append(f"{selector} {{ {body}; }}")
    sans = family_list("sans", fallbacks)
    rules.append(f"body > header, body > footer, figure.drawing text {{ font-family: {sans}; }}")
    return "\n".join(rules) + "\n\n" + LAYOUT
