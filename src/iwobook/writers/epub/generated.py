"""Sections built from the data files: timeline, characters, letters and the glossary of terms."""

from __future__ import annotations

from typing import assert_never

from iwobook.model import (
    Character,
    Generated,
    GeneratedSection,
    Letter,
    Matter,
    OriginalText,
    Term,
    TimelineEvent,
)
from iwobook.writers.epub.content import (
    JAPANESE,
    Context,
    format_date,
    get_language_name,
    render_appearances,
    render_blocks,
    render_foreign,
    render_inlines,
    render_text,
)
from iwobook.writers.epub.markup import Element, Node, h, make_lang_attrs
from iwobook.writers.epub.navigation import TocEntry, render_contents_copy
from iwobook.writers.epub.pages import make_heading_id

GLOSSARY = {"epub:type": "glossary", "role": "doc-glossary"}
APPENDIX = {"epub:type": "appendix", "role": "doc-appendix"}


def render_shell(
    section: GeneratedSection, attrs: dict[str, str], ctx: Context, *content: Node | list[Node]
) -> Element:
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
            return render_timeline(section, ctx.book.timeline, matter, ctx)
        case Generated.CHARACTERS:
            return render_characters(section, ctx)
        case Generated.LETTERS:
            return render_letters(section, ctx)
        case Generated.TERMS:
            return render_terms(section, ctx)
        case _:
            assert_never(source)


def render_timeline(
    section: GeneratedSection, events: tuple[TimelineEvent, ...], matter: Matter, ctx: Context
) -> Element:
    """Return the timeline as a definition list of readable dates and events."""
    items: list[Node] = []
    for event in events:
        date = format_date(event.date)
        shown: Node = h("time", {"datetime": event.date}, date) if "-" in event.date and date != event.date else date
        items += [h("dt", None, shown), h("dd", None, render_inlines(event.text, ctx, ctx.lang))]
    attrs = APPENDIX if matter is Matter.BACK else {}
    return render_shell(section, attrs, ctx, h("dl", {"class": "timeline"}, items))


def render_character(character: Character, ctx: Context) -> list[Node]:
    """Return a character's dt/dd pair: names, rank and role, actor, historical or not, description, chapters."""
    name: list[Node] = [h("span", {"class": "name"}, render_text(character.name, ctx.lang))]
    if character.name_ja:
        name += [" ", render_foreign(character.name_ja, JAPANESE, {"class": "name-ja"})]
    facts = " — ".join(text for text in (character.rank, character.role) if text)
    kind = "Historical person" if character.historical else "Fictional character"
    played = f"Played by {character.actor}. " if character.actor else ""
    return [
        h("dt", {"id": character.id}, name),
        h(
            "dd",
            None,
            h("p", {"class": "facts"}, render_text(facts, ctx.lang)) if facts else None,
            h(
                "p",
                {"class": "facts"},
                render_text(played, ctx.lang),
                h("span", {"class": "kind"}, f"{kind}."),
            ),
            render_blocks(character.description, ctx, ctx.lang),
            render_appearances("Appears in", ctx.book.appearances.get(character.id, ()), ctx),
        ),
    ]


def render_characters(section: GeneratedSection, ctx: Context) -> Element:
    """Return the characters glossary."""
    items = [node for c in ctx.book.characters for node in render_character(c, ctx)]
    return render_shell(section, GLOSSARY, ctx, h("dl", {"class": "glossary"}, items))


def render_term(term: Term, ctx: Context) -> list[Node]:
    """Return a term's dt/dd pair: the term (and its Japanese), definition, chapters it appears in."""
    name: list[Node] = [h("dfn", None, render_text(term.term, ctx.lang))]
    if term.term_ja:
        name += [" ", render_foreign(term.term_ja, JAPANESE, {"class": "term-ja"})]
    return [
        h("dt", {"id": term.id}, name),
        h(
            "dd",
            None,
            render_blocks(term.definition, ctx, ctx.lang),
            render_appearances("Appears in", ctx.book.appearances.get(term.id, ()), ctx),
        ),
    ]


def render_terms(section: GeneratedSection, ctx: Context) -> Element:
    """Return the glossary of terms."""
    items = [node for t in ctx.book.terms for node in render_term(t, ctx)]
    return render_shell(section, GLOSSARY, ctx, h("dl", {"class": "glossary"}, items))


def render_original(original: OriginalText, ctx: Context) -> Element:
    """Return one original wording: its language's name, the text tagged with its language, and its source."""
    paragraphs: list[Node] = []
    for chunk in original.text.strip().split("\n\n"):
        lines: list[Node] = []
        for line in chunk.strip().splitlines():
            lines += [h("br")] if lines else []
            lines += render_text(line, original.lang)
        paragraphs.append(h("p", None, lines))
    return h(
        "div",
        {"class": "original"},
        h("p", {"class": "original-lang"}, f"In {get_language_name(original.lang)}"),
        h("blockquote", make_lang_attrs(original.lang), paragraphs),
        h(
            "p",
            {"class": "source"},
            h("span", {"class": "label"}, "Source:"),
            " ",
            render_text(original.source, ctx.lang),
        )
        if original.source
        else None,
    )


def render_letter_facts(letter: Letter, ctx: Context) -> Element:
    """Return the line that says what a letter is: kind, author (linked), recipient and date."""
    parts: list[Node] = [h("span", {"class": "kind"}, letter.kind.label)]
    author = ctx.book.targets.get(letter.author)
    if author is not None:
        href = ctx.resolve_target(author.id)
        name = render_text(author.label, ctx.lang)
        parts += [" from ", h("a", {"href": href}, name) if href else h("span", None, name)]
    if letter.recipient:
        parts += [" to ", *render_text(letter.recipient, ctx.lang)]
    if letter.date:
        parts += [", ", *render_text(format_date(letter.date), ctx.lang)]
    return h("p", {"class": "facts"}, parts, ".")


def render_letter(letter: Letter, ctx: Context) -> Element:
    """Return one letter: title, facts, our English text as a block quote, originals, provenance, chapters."""
    return h(
        "section",
        {"id": letter.id, "class": "letter"},
        h("h2", {"id": make_heading_id(letter.id)}, render_text(letter.title, ctx.lang)),
        render_letter_facts(letter, ctx),
        h("blockquote", {"class": "translation"}, render_blocks(letter.text, ctx, ctx.lang)),
        [h("h3", None, "Original wording")] + [render_original(o, ctx) for o in letter.originals]
        if letter.originals
        else None,
        [h("h3", None, "Provenance"), *render_blocks(letter.provenance, ctx, ctx.lang)] if letter.provenance else None,
        render_appearances("Mentioned in", ctx.book.appearances.get(letter.id, ()), ctx),
    )


def render_letters(section: GeneratedSection, ctx: Context) -> Element:
    """Return the letters appendix."""
    return render_shell(section, APPENDIX, ctx, [render_letter(le, ctx) for le in ctx.book.letters])
