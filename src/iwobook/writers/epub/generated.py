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
    PlaceKind,
    Term,
    block_key,
)
from iwobook.writers.epub.content import (
    BLOCK_KEY,
    Context,
    format_date,
    get_language_name,
    render_appearances,
    render_blocks,
    render_chapter_list,
    render_foreign,
    render_inlines,
    render_text,
)
from iwobook.writers.epub.markup import Child, Element, Node, h, make_lang_attrs
from iwobook.writers.epub.navigation import TocEntry, render_contents_copy
from iwobook.writers.epub.pages import make_heading_id
from iwobook.writers.epub.svg import render_svg

GLOSSARY = {"epub:type": "glossary", "role": "doc-glossary"}
APPENDIX = {"epub:type": "appendix", "role": "doc-appendix"}
VISUALLY_HIDDEN = "visually-hidden"
FIGURE_WIDTH = 440.0  # points: the drawings' own size (the SVG scales down to the reading width)
NOT_TAGGED = "—"
# how each kind of place is marked on the map: the symbol the key shows, and the marker in words
PLACE_MARKERS = {
    PlaceKind.PEAK: ("▲", "black triangle"),
    PlaceKind.BEACH: ("●", "black dot"),
    PlaceKind.AIRFIELD: ("□", "white square"),
    PlaceKind.AREA: ("◇", "white diamond"),
    PlaceKind.POSITION: ("×", "cross"),
}


def render_shell(section: GeneratedSection, attrs: dict[str, str], ctx: Context, *content: Child) -> Element:
    """Return a generated section: its title as the h1, then content."""
    return h(
        "section",
        {"id": section.id, **attrs, "class": section.source.value, "aria-labelledby": make_heading_id(section.id)},
        h("h1", {"id": make_heading_id(section.id)}, render_text(section.title, ctx.lang)),
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
        date = format_date(event.date)
        shown: Node = h("time", {"datetime": event.date}, date) if "-" in event.date and date != event.date else date
        number = numbers.get(index)
        marker: list[Node] = (
            [h("span", {"class": "event-number"}, render_hidden("Event "), str(number)), " "] if number else []
        )
        items += [
            h("dt", {"id": f"event-{index + 1}", BLOCK_KEY: block_key(event.loc)}, marker, shown),
            h(
                "dd",
                {BLOCK_KEY: block_key(event.text[0].loc) if event.text else ""},
                render_inlines(event.text, ctx, ctx.lang),
            ),
        ]
    caption: list[Node] = ["The numbers on the timeline match the numbered events listed below it."]
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        render_figure(drawing, "timeline-figure", caption, ctx) if drawing is not None else None,
        h("dl", {"class": "timeline"}, items),
    )


def chapter_appearances(ctx: Context, numbers: tuple[int, ...]) -> tuple[Appearance, ...]:
    """Return the chapters with the given numbers as appearances (for linked chapter lists)."""
    wanted = set(numbers)
    return tuple(Appearance(c.id, c.number, c.title) for c in ctx.book.chapters() if c.number in wanted)


def render_map(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return the schematic map: the figure and its caption, a key in words, and the places as text."""
    data = ctx.book.map
    drawing = draw_map(ctx.book, FIGURE_WIDTH)
    if data is None or drawing is None:
        return render_shell(section, matter_attrs(matter), ctx, h("p", None, "This book has no map data."))
    key: list[Node] = []
    for kind, meaning in legend(ctx.book):
        symbol, words = PLACE_MARKERS[kind]
        key.append(h("li", None, h("span", {"class": "symbol", "aria-hidden": "true"}, symbol), f" {words}: {meaning}"))
    if any(p.shape for p in data.places):
        key.append(h("li", None, "Shaded or outlined shapes: the extent of beaches, airfields and high ground"))
    key.append(h("li", None, "Numbers after a name, such as “(ch. 3)”: the chapters in which the place matters"))
    key.append(h("li", None, "Arrow and N: north"))
    chapters = place_chapters(ctx.book)
    places: list[Node] = []
    for place in data.places:
        numbers = chapters.get(place.id, ())
        places += [
            h("dt", {"id": f"place-{place.id}"}, render_text(place_label(place, numbers), ctx.lang)),
            h(
                "dd",
                None,
                h("p", None, render_text(place.note, ctx.lang)) if place.note else None,
                render_chapter_list("Key place in", chapter_appearances(ctx, numbers), ctx),
            ),
        ]
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        render_figure(drawing, "map-figure", render_text(data.note, ctx.lang), ctx),
        h("h2", None, "Key"),
        h("ul", {"class": "key"}, key),
        h("h2", None, "Places"),
        h("dl", {"class": "places"}, places),
    )


def render_themes(section: GeneratedSection, matter: Matter, ctx: Context) -> Element:
    """Return the theme tracker: a table of themes (rows) by chapters (columns), symbols where tagged."""
    book = ctx.book
    chapters = book.chapters()
    if not chapters or not book.themes:
        return render_shell(section, matter_attrs(matter), ctx, h("p", None, "No chapter is tagged with a theme."))
    header: list[Node] = [h("th", {"scope": "col"}, "Theme")]
    for chapter in chapters:
        href = ctx.resolve_section(chapter.id)
        number: list[Node] = [render_hidden("Chapter "), str(chapter.number)]
        header.append(h("th", {"scope": "col"}, h("a", {"href": href}, number) if href else number))
    rows: list[Node] = []
    for theme in book.themes:
        symbol = theme.symbol or theme.label[:1]
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
                        h("span", {"aria-hidden": "true"}, NOT_TAGGED),
                        render_hidden("not tagged"),
                    )
                )
        rows.append(h("tr", None, cells))
    table = h(
        "table",
        {"class": "tracker"},
        h("caption", {"class": VISUALLY_HIDDEN}, f"{section.title}: the themes each chapter is tagged with"),
        h("thead", None, h("tr", None, header)),
        h("tbody", None, rows),
    )
    symbols = "; ".join(f"{t.symbol or t.label[:1]} = {t.label}" for t in book.themes)
    titles: list[Node] = []
    for n, chapter in enumerate(chapters):
        href = ctx.resolve_section(chapter.id)
        text = render_text(f"{chapter.number} = {chapter.title}", ctx.lang)
        titles += (["; "] if n else []) + ([h("a", {"href": href}, text)] if href else text)
    return render_shell(
        section,
        matter_attrs(matter),
        ctx,
        h("div", {"class": "table-wrap"}, table),
        h(
            "p",
            {"class": "key"},
            h("span", {"class": "label"}, "Key:"),
            " ",
            render_text(f"{symbols}; {NOT_TAGGED} = not tagged", ctx.lang),
        ),
        h("p", {"class": "key"}, h("span", {"class": "label"}, "Chapters:"), " ", titles),
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
            text = render_text(f"Chapter {appearance.number}: {appearance.title}", ctx.lang)
            links += (["; "] if n else []) + ([h("a", {"href": chapter_href}, text)] if chapter_href else text)
        items += [
            h("dt", None, h("a", {"href": href}, name) if href else name),
            h("dd", None, links or "Not named in the chapters."),
        ]
    return render_shell(section, matter_attrs(matter), ctx, h("dl", {"class": "appearances"}, items))


def render_character(character: Character, ctx: Context) -> list[Node]:
    """Return a character's dt/dd pair: names, historical or not, rank, role and actor, description, chapters.

    The wording follows the print edition ('Fictional character. Rank · role · played by ...'), so that a
    page of the print edition that begins with an entry begins with the same words here.
    """
    name: list[Node] = [h("span", {"class": "name"}, render_text(character.name, ctx.lang))]
    for n, original in enumerate(character.originals):
        name += [", " if n else " (", render_foreign(original.text, original.lang, {"class": "name-original"})]
    name += [")"] if character.originals else []
    kind = "Historical person" if character.historical else "Fictional character"
    details = [text for text in (character.rank, character.role) if text]
    details += [f"played by {character.actor}"] if character.actor else []
    return [
        h("dt", {"id": character.id}, name),
        h(
            "dd",
            None,
            h(
                "p",
                {"class": "facts"},
                h("span", {"class": "kind"}, f"{kind}."),
                render_text(" " + " · ".join(details), ctx.lang) if details else None,
            ),
            render_blocks(character.description, ctx, ctx.lang),
            render_appearances("Appears in", character.id, ctx),
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
            render_appearances("Appears in", term.id, ctx),
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
    label: list[Node] = [f"{get_language_name(original.lang)} wording"]
    if original.source:
        label += [" · ", h("span", {"class": "label"}, "Source:"), " ", *render_text(original.source, ctx.lang)]
    return h(
        "div",
        {"id": f"original-{letter.id}-{number}", "class": "original"},
        h("p", {"class": "original-lang"}, label),
        h("blockquote", make_lang_attrs(original.lang), paragraphs),
    )


def render_letter_facts(letter: Letter, ctx: Context) -> Element:
    """Return the line that says what a letter is: kind, recipient and date (as print has them), author linked."""
    parts: list[Node] = [h("span", {"class": "kind"}, letter.kind.label)]
    if letter.recipient:
        parts += [" · Recipient: ", *render_text(letter.recipient, ctx.lang)]
    if letter.date:
        parts += [" · Date: ", *render_text(format_date(letter.date), ctx.lang)]
    author = ctx.book.targets.get(letter.author)
    if author is not None:
        href = ctx.resolve_target(author.id)
        name = render_text(author.label, ctx.lang)
        parts += [" · From: ", h("a", {"href": href}, name) if href else h("span", None, name)]
    return h("p", {"class": "facts"}, parts)


def render_letter(letter: Letter, ctx: Context) -> Element:
    """Return one letter: title, facts, our English text as a block quote, originals, provenance, chapters."""
    originals = [render_original(o, n, letter, ctx) for n, o in enumerate(letter.originals, start=1)]
    provenance = render_blocks(letter.provenance, ctx, ctx.lang)
    return h(
        "section",
        {"id": letter.id, "class": "letter"},
        h("h2", {"id": make_heading_id(letter.id)}, render_text(letter.title, ctx.lang)),
        render_letter_facts(letter, ctx),
        h("blockquote", {"class": "translation"}, render_blocks(letter.text, ctx, ctx.lang)),
        [h("h3", None, "Original wording"), *originals] if originals else None,
        [h("h3", {"id": f"provenance-{letter.id}"}, "Where this comes from"), *provenance] if provenance else None,
        render_appearances("Mentioned in", letter.id, ctx),
    )


def render_letters(section: GeneratedSection, ctx: Context) -> Element:
    """Return the letters appendix."""
    return render_shell(section, APPENDIX, ctx, [render_letter(le, ctx) for le in ctx.book.letters])
