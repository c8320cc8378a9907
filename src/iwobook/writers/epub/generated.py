"""Sections built from the data: timeline (with its figure), map, theme tracker, who appears where,
characters, letters and the glossary of terms."""

from __future__ import annotations

from typing import assert_never

from iwobook.figures import Drawing, draw_map, draw_timeline, legend, place_chapters, place_label, timeline_numbers
from iwobook.model import (
    Appearance,
    Character,
    Generated,
    GeneratedSection,
    Letter,
    Matter,
    OriginalText,
    Term,
    anchors,
    block_key,
)
from iwobook.model.messages import kind_label
from iwobook.model.symbols import MARKER_SYMBOLS, theme_symbol
from iwobook.writers.epub.content import (
    BLOCK_KEY,
    Context,
    render_appearances,
    render_blocks,
    render_chapter_list,
    render_foreign,
    render_inlines,
    render_text,
)
from iwobook.writers.epub.markup import Child, Element, Node, h, make_lang_attrs
from iwobook.writers.epub.navigation import TocEntry, render_contents_copy
from iwobook.writers.epub.svg import render_svg

GLOSSARY = {"epub:type": "glossary", "role": "doc-glossary"}
APPENDIX = {"epub:type": "appendix", "role": "doc-appendix"}
VISUALLY_HIDDEN = "visually-hidden"
FIGURE_WIDTH = 440.0  # points: the drawings' own size (the SVG scales down to the reading width)


def render_shell(section: GeneratedSection, attrs: dict[str, str], ctx: Context, *content: Child) -> Element:
    """Return a generated section: its title as the h1, then content."""
    return h(
        "section",
        {"id": section.id, **attrs, "class": section.source.value, "aria-labelledby": anchors.heading_id(section.id)},
        h("h1", {"id": anchors.heading_id(section.id)}, render_text(section.title, ctx.lang)),
        *content,
    )


def render_generated(section: GeneratedSection, matter: Matter, entries: tuple[TocEntry, ...], ctx: Context) -> Element:
    """Return the body of a generated section (a further contents section repeats the table of contents)."""
    source = section.source
    match source:
        case Generated.CONTENTS:
            return render_contents_copy(section, entries, ctx)
        case Generated.TIMELINE:
            return render_timeline(section, matter, ctx)
        case Generated.MAP:
            return render_map(section, matter, ctx)
        case Generated.THEMES:
            return render_themes(section, matter, ctx)
        case Generated.APPEARANCES:
            return render_who_appears_where(section, matter, ctx)
        case Generated.CHARACTERS:
            return render_characters(section, ctx)
        case Generated.LETTERS:
            return render_letters(section, ctx)
        case Generated.TERMS:
            return render_terms(section, ctx)
        case _:
            assert_never(source)


def render_hidden(text: str) -> Element:
    """Return text for assistive technology only (visually hidden, still read aloud)."""
    return h("span", {"class": VISUALLY_HIDDEN}, text)


def render_number(around: tuple[str, str], number: int) -> list[Node]:
    """Return a number shown alone, with the words around it in a message for assistive technology only
    ('Chapter 3' read aloud, '3' seen)."""
    before, after = around
    return [
        *([render_hidden(before)] if before.strip() else []),
        str(number),
        *([render_hidden(after)] if after.strip() else []),
    ]


def render_figure(drawing: Drawing, ident: str, caption: list[Node], ctx: Context) -> Element:
    """Return a drawing as a figure: the inline SVG (labelled by its alt text) and a caption."""
    return h("figure", {"class": "drawing"}, render_svg(drawing, ident, ctx.lang), h("figcaption", None, caption))


def matter_attrs(matter: Matter) -> dict[str, str]:
    """Return the section semantics of a study aid: an appendix in the back matter, else none."""
    return APPENDIX if matter is Matter.BACK else {}


def render_timeline(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return the timeline: the figure of numbered markers, then the events with the same numbers."""
    book = ctx.book
    numbers = timeline_numbers(book)
    drawing = draw_timeline(book, FIGURE_WIDTH)
    items: list[Node] = []
    for index, event in enumerate(book.timeline):
        date = ctx.words.date(event.date)
        shown: Node = h("time", {"datetime": event.date}, date) if "-" in event.date and date != event.date else date
        number = numbers.get(index)
        marker: list[Node] = (
            [
                h(
                    "span",
                    {"class": "event-number"},
                    render_number(ctx.words.around("timeline.event", "number"), number),
                ),
                " ",
            ]
            if number
            else []
        )
        items += [
            h("dt", {"id": anchors.event_id(index + 1), BLOCK_KEY: block_key(event.loc)}, marker, shown),
            h(
                "dd",
                {BLOCK_KEY: block_key(event.text[0].loc) if event.text else ""},
                render_inlines(event.text, ctx, ctx.lang),
            ),
        ]
    caption: list[Node] = [ctx.words("timeline.caption")]
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        render_figure(drawing, anchors.figure_id("timeline"), caption, ctx) if drawing is not None else None,
        h("dl", {"class": "timeline"}, items),
    )


def chapter_appearances(ctx: Context, numbers: tuple[int, ...]) -> tuple[Appearance, ...]:
    """Return the chapters with the given numbers as appearances (for linked chapter lists)."""
    wanted = set(numbers)
    return tuple(Appearance(c.id, c.number, c.title) for c in ctx.book.chapters() if c.number in wanted)


def render_map(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return the map: the figure and its caption, a key in words, and the places as text."""
    data = ctx.book.map
    drawing = draw_map(ctx.book, FIGURE_WIDTH)
    if data is None or drawing is None:
        return render_shell(section, matter_attrs(matter), ctx, h("p", None, ctx.words("map.none")))
    words = ctx.words
    key: list[Node] = []
    for symbol, meaning in legend(ctx.book):
        marker = words("map.marker", words=words(f"map.symbol.{symbol.value}"), meaning=meaning)
        key.append(
            h("li", None, h("span", {"class": "symbol", "aria-hidden": "true"}, MARKER_SYMBOLS[symbol]), f" {marker}")
        )
    if any(p.shape for p in data.places):
        key.append(h("li", None, words("map.shapes")))
    key.append(h("li", None, words("map.numbers")))
    key.append(h("li", None, words("map.north")))
    chapters = place_chapters(ctx.book)
    places: list[Node] = []
    for place in data.places:
        numbers = chapters.get(place.id, ())
        places += [
            h("dt", {"id": anchors.place_id(place.id)}, render_text(place_label(ctx.book, place, numbers), ctx.lang)),
            h(
                "dd",
                None,
                h("p", None, render_text(place.note, ctx.lang)) if place.note else None,
                render_chapter_list("map.key_place_in", chapter_appearances(ctx, numbers), ctx),
            ),
        ]
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        render_figure(drawing, anchors.figure_id("map"), render_text(data.note, ctx.lang), ctx),
        h("h2", None, words("map.key")),
        h("ul", {"class": "key"}, key),
        h("h2", None, words("map.places")),
        h("dl", {"class": "places"}, places),
    )


def render_themes(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return the theme tracker: a table of themes (rows) by chapters (columns), symbols where tagged."""
    book = ctx.book
    chapters = book.chapters()
    if not chapters or not book.themes:
        return render_shell(section, matter_attrs(matter), ctx, h("p", None, ctx.words("themes.none")))
    words = ctx.words
    not_tagged = words("themes.not_tagged_mark")
    header: list[Node] = [h("th", {"scope": "col"}, words("themes.theme"))]
    for chapter in chapters:
        href = ctx.resolve_section(chapter.id)
        number = render_number(words.around("chapter.number", "number"), chapter.number)
        header.append(h("th", {"scope": "col"}, h("a", {"href": href}, number) if href else number))
    rows: list[Node] = []
    for theme in book.themes:
        symbol = theme_symbol(theme)
        cells: list[Node] = [
            h(
                "th",
                {"scope": "row"},
                h("span", {"class": "symbol"}, symbol),
                " ",
                render_text(theme.label, ctx.lang),
            )
        ]
        for chapter in chapters:
            if theme.id in chapter.themes:
                cells.append(h("td", {"class": "tagged"}, symbol))
            else:
                cells.append(
                    h(
                        "td",
                        {"class": "untagged"},
                        h("span", {"aria-hidden": "true"}, not_tagged),
                        render_hidden(words("themes.not_tagged")),
                    )
                )
        rows.append(h("tr", None, cells))
    table = h(
        "table",
        {"class": "tracker"},
        h("caption", {"class": VISUALLY_HIDDEN}, words("themes.caption", title=section.title)),
        h("thead", None, h("tr", None, header)),
        h("tbody", None, rows),
    )
    pairs = [words("format.pair", symbol=theme_symbol(t), meaning=t.label) for t in book.themes]
    pairs.append(words("format.pair", symbol=not_tagged, meaning=words("themes.not_tagged")))
    series = words("format.series")
    titles: list[Node] = []
    for n, chapter in enumerate(chapters):
        href = ctx.resolve_section(chapter.id)
        text = render_text(words("format.pair", symbol=chapter.number, meaning=chapter.title), ctx.lang)
        titles += ([series] if n else []) + ([h("a", {"href": href}, text)] if href else text)
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        h("div", {"class": "table-wrap"}, table),
        h(
            "p",
            {"class": "key"},
            h("span", {"class": "label"}, words.label("themes.key")),
            " ",
            render_text(series.join(pairs), ctx.lang),
        ),
        h("p", {"class": "key"}, h("span", {"class": "label"}, words.label("themes.chapters")), " ", titles),
    )


def render_who_appears_where(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return who appears where: each character (linked to its entry) with the chapters that mention them."""
    items: list[Node] = []
    for character in ctx.book.characters:
        href = ctx.resolve_target(character.id)
        name = render_text(character.name, ctx.lang)
        links: list[Node] = []
        for n, appearance in enumerate(ctx.book.appearances.get(character.id, ())):
            chapter_href = ctx.resolve_section(appearance.section_id)
            reference = ctx.words("chapter.reference", number=appearance.number, title=appearance.title)
            text = render_text(reference, ctx.lang)
            links += ([ctx.words("format.series")] if n else []) + (
                [h("a", {"href": chapter_href}, text)] if chapter_href else text
            )
        items += [
            h("dt", None, h("a", {"href": href}, name) if href else name),
            h("dd", None, links or ctx.words("appearances.none")),
        ]
    return render_shell(section, matter_attrs(matter), ctx, h("dl", {"class": "appearances"}, items))


def render_character(character: Character, ctx: Context) -> list[Node]:
    """Return a character's dt/dd pair: names, historical or not, rank, role and actor, description, chapters.

    The wording follows the print edition ('Fictional character. Rank · role · played by ...'), so that a
    page of the print edition that begins with an entry begins with the same words here.
    """
    name: list[Node] = [h("span", {"class": "name"}, render_text(character.name, ctx.lang))]
    words = ctx.words
    for n, original in enumerate(character.originals):
        name += [
            words("format.comma") if n else " (",
            render_foreign(original.text, original.lang, {"class": "name-original"}),
        ]
    name += [")"] if character.originals else []
    kind = words("format.sentence", text=words("entry.historical" if character.historical else "entry.fictional"))
    details = [text for text in (character.rank, character.role) if text]
    details += [words("entry.played_by", actor=character.actor)] if character.actor else []
    return [
        h("dt", {"id": character.id}, name),
        h(
            "dd",
            None,
            h(
                "p",
                {"class": "facts"},
                h("span", {"class": "kind"}, kind),
                render_text(" " + words("format.facts").join(details), ctx.lang) if details else None,
            ),
            render_blocks(character.description, ctx, ctx.lang),
            render_appearances("entry.appears_in", character.id, ctx),
        ),
    ]


def render_characters(section: GeneratedSection, ctx: Context) -> Element:
    """Return the characters glossary."""
    items = [node for c in ctx.book.characters for node in render_character(c, ctx)]
    return render_shell(section, GLOSSARY, ctx, h("dl", {"class": "glossary"}, items))


def render_term(term: Term, ctx: Context) -> list[Node]:
    """Return a term's dt/dd pair: the term (and its Japanese), definition, chapters it appears in."""
    name: list[Node] = [h("dfn", None, render_text(term.term, ctx.lang))]
    for n, original in enumerate(term.originals):
        name += [", " if n else " (", render_foreign(original.text, original.lang, {"class": "term-original"})]
    name += [")"] if term.originals else []
    return [
        h("dt", {"id": term.id}, name),
        h(
            "dd",
            None,
            render_blocks(term.definition, ctx, ctx.lang),
            render_appearances("entry.appears_in", term.id, ctx),
        ),
    ]


def render_terms(section: GeneratedSection, ctx: Context) -> Element:
    """Return the glossary of terms."""
    items = [node for t in ctx.book.terms for node in render_term(t, ctx)]
    return render_shell(section, GLOSSARY, ctx, h("dl", {"class": "glossary"}, items))


def render_original(original: OriginalText, number: int, letter: Letter, ctx: Context) -> Element:
    """Return one original wording: its language's name and source (as print has them), then the text."""
    paragraphs: list[Node] = []
    for chunk in original.text.strip().split("\n\n"):
        lines: list[Node] = []
        for line in chunk.strip().splitlines():
            lines += [h("br")] if lines else []
            lines += render_text(line, original.lang)
        paragraphs.append(h("p", None, lines))
    words = ctx.words
    label: list[Node] = [words("letter.wording", language=words.language_name(original.lang))]
    if original.source:
        label += [
            words("format.facts"),
            h("span", {"class": "label"}, words.label("letter.source")),
            " ",
            *render_text(original.source, ctx.lang),
        ]
    return h(
        "div",
        {"id": anchors.original_id(letter.id, number), "class": "original"},
        h("p", {"class": "original-lang"}, label),
        h("blockquote", make_lang_attrs(original.lang), paragraphs),
    )


def render_letter_facts(letter: Letter, ctx: Context) -> Element:
    """Return the line that says what a letter is: kind, recipient and date (as print has them), author linked."""
    words = ctx.words
    facts = words("format.facts")
    parts: list[Node] = [h("span", {"class": "kind"}, kind_label(words, letter.kind.id, letter.kind.label))]
    if letter.recipient:
        parts += [f"{facts}{words.label('letter.recipient')} ", *render_text(letter.recipient, ctx.lang)]
    if letter.date:
        parts += [f"{facts}{words.label('letter.date')} ", *render_text(words.date(letter.date), ctx.lang)]
    author = ctx.book.targets.get(letter.author)
    if author is not None:
        href = ctx.resolve_target(author.id)
        name = render_text(author.label, ctx.lang)
        parts += [
            f"{facts}{words.label('letter.author')} ",
            h("a", {"href": href}, name) if href else h("span", None, name),
        ]
    return h("p", {"class": "facts"}, parts)


def render_letter(letter: Letter, ctx: Context) -> Element:
    """Return one letter: title, facts, our English text as a block quote, originals, provenance, chapters."""
    originals = [render_original(o, n, letter, ctx) for n, o in enumerate(letter.originals, start=1)]
    provenance = render_blocks(letter.provenance, ctx, ctx.lang)
    return h(
        "section",
        {"id": letter.id, "class": "letter"},
        h("h2", {"id": anchors.heading_id(letter.id)}, render_text(letter.title, ctx.lang)),
        render_letter_facts(letter, ctx),
        h("blockquote", {"class": "translation"}, render_blocks(letter.text, ctx, ctx.lang)),
        [h("h3", None, ctx.words("letter.original_wording")), *originals] if originals else None,
        [h("h3", {"id": anchors.provenance_id(letter.id)}, ctx.words("letter.provenance")), *provenance]
        if provenance
        else None,
        render_appearances("entry.mentioned_in", letter.id, ctx),
    )


def render_letters(section: GeneratedSection, ctx: Context) -> Element:
    """Return the letters appendix."""
    return render_shell(section, APPENDIX, ctx, [render_letter(le, ctx) for le in ctx.book.letters])
