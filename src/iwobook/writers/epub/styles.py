"""The EPUB's style sheet: structure only, so that the reader's font, size, colours and night mode win."""

from __future__ import annotations

STYLESHEET_FILE = "css/book.css"

# No font families, no font sizes on body, no colours or backgrounds: lines and rules use currentColor.
# Sizes are relative (em, %), so the reader's text size scales everything.
STYLESHEET = """\
@charset "utf-8";

body { margin: 0 4%; }
p { margin: 0 0 0.7em 0; hyphens: auto; -webkit-hyphens: auto; }
h1, h2, h3, h4, h5, h6 {
  line-height: 1.25; hyphens: manual; -webkit-hyphens: manual;
  page-break-after: avoid; break-after: avoid; page-break-inside: avoid; break-inside: avoid;
}
h1 { font-size: 1.6em; margin: 1.2em 0 0.8em 0; }
h2 { font-size: 1.3em; margin: 1.4em 0 0.5em 0; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.4em 0; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 0.3em 0; }
ul, ol { margin: 0 0 0.8em 0; padding-left: 1.6em; }
li { margin: 0 0 0.3em 0; }
li > p { margin: 0 0 0.3em 0; }
blockquote { margin: 0.8em 1.5em; }
a { text-decoration: underline; }
dfn { font-style: normal; }

/* cover */
div.cover { margin: 0; padding: 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
div.cover img { max-width: 100%; max-height: 100vh; height: auto; }

/* title page and colophon */
section.titlepage { text-align: center; margin-top: 15%; }
h1.book-title { font-size: 2em; margin: 0 0 0.5em 0; }
p.subtitle { font-size: 1.2em; font-style: italic; margin-bottom: 2em; }
p.contributors { font-size: 1.1em; }
p.edition, p.publisher { margin-top: 1.5em; }
dl.colophon-data { margin: 2em 0 1.5em 0; font-size: 0.9em; }
dl.colophon-data dt { font-weight: bold; margin-top: 0.4em; }
dl.colophon-data dd { margin: 0 0 0 1.5em; }
dl.colophon-data dd p { margin: 0; text-indent: 0; }
p.identifier { overflow-wrap: break-word; word-wrap: break-word; }

/* parts and chapters */
section.part { margin-top: 30%; text-align: center; }
span.chapter-number { display: block; font-size: 0.65em; font-weight: normal; letter-spacing: 0.08em;
  text-transform: uppercase; margin-bottom: 0.3em; }
span.chapter-title { display: block; }
p.setting, p.cast { margin: 0 0 0.4em 0; }
p.setting { font-style: italic; }
p.cast { margin-bottom: 1.5em; }
span.label { font-weight: bold; }
section.questions, p.themes { margin-top: 1.5em; }
section.questions { border-top: 1px solid currentColor; padding-top: 0.2em; }

/* figures */
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; font-style: italic; margin-top: 0.4em; }

/* drawn figures (inline SVG): scale down to the reading width, keep their proportions */
figure.drawing svg { width: 100%; max-width: 27em; height: auto; }

/* text only for assistive technology */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* timeline, map key and places, theme tracker, who appears where */
dl.timeline dt { font-weight: bold; margin-top: 0.6em; }
span.event-number { display: inline-block; min-width: 1.3em; margin-right: 0.4em; text-align: center;
  border: 1px solid currentColor; border-radius: 0.7em; font-size: 0.85em; }
ul.key { list-style-type: none; padding-left: 0; }
span.symbol { font-weight: bold; }
dl.places dt, dl.appearances dt { font-weight: bold; margin-top: 0.8em; }
dl.places dd, dl.appearances dd { margin: 0.2em 0 0 1.5em; }
div.table-wrap { overflow-x: auto; margin: 1em 0; }
table.tracker { border-collapse: collapse; font-size: 0.85em; }
table.tracker th, table.tracker td { border-bottom: 1px solid currentColor; padding: 0.2em 0.35em; }
table.tracker th[scope="row"] { text-align: left; font-weight: normal; }
table.tracker td { text-align: center; font-weight: bold; }

/* the tracker always fits the reading width with every column (the theme names wrap), so that a phone shows the
   chapters to the last: no media query, since a paginating reading system may lay a chapter out in a frame
   wider than the screen, and EPUBCheck does not read container queries */
table.tracker { width: 100%; table-layout: fixed; }
table.tracker th[scope="col"], table.tracker td { padding-left: 0; padding-right: 0; }
table.tracker thead th:first-child { width: 27%; text-align: left; padding-right: 0.2em; }
table.tracker th[scope="row"] { overflow-wrap: break-word; word-wrap: break-word; }
table.tracker td.untagged { font-weight: normal; }
p.key { font-size: 0.9em; }
dl.timeline dd { margin: 0 0 0 1.5em; }
dl.glossary dt { font-weight: bold; margin-top: 1.2em; page-break-after: avoid; break-after: avoid; }
dl.glossary dd { margin: 0.2em 0 0 1.5em; }
span.name-original, span.term-original { font-weight: normal; }
p.facts { font-style: italic; margin-bottom: 0.3em; }
p.appears { font-size: 0.9em; }

/* letters */
section.letter { margin-top: 2em; }
blockquote.translation { margin: 0.8em 0 0.8em 1.5em; padding-left: 0.8em;
  border-left: 2px solid currentColor; }
div.original { margin: 0.5em 0 1em 0; }
p.original-lang { font-weight: bold; margin-bottom: 0.2em; }
div.original blockquote { margin: 0.2em 0 0.3em 1.5em; }
p.source { font-size: 0.9em; }

/* contents */
nav#toc ol, nav.contents ol { list-style-type: none; padding-left: 0; }
nav#toc ol ol, nav.contents ol ol { padding-left: 1.5em; }
nav#toc li, nav.contents li { margin: 0.3em 0; }
"""
