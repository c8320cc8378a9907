"""Prose sections in both editions: a plain section (the colophon too) and a chapter with its head, its text and
its lowered furniture. The element that holds a chapter and the attributes that say what it is come from the
edition's Format."""

from __future__ import annotations

from collections.abc import Mapping

from iwobook.model import Section, anchors
from iwobook.writers.xhtml.content import Context, render_blocks
from iwobook.writers.xhtml.document import render_doc_blocks
from iwobook.writers.xhtml.markup import Element, Node, h
from iwobook.writers.xhtml.text import render_text


def render_plain_section(
    section: Section, ctx: Context, attrs: Mapping[str, str] | None = None, first: list[Node] | None = None
) -> Element:
    """Return a section with attrs, its title as the h1, then first (if any), then its blocks."""
    return h(
        "section",
        {"id": section.id, **(attrs or {}), "aria-labelledby": anchors.heading_id(section.id)},
        h("h1", {"id": anchors.heading_id(section.id)}, render_text(section.title, ctx.lang)),
        first,
        render_blocks(section.blocks, ctx, ctx.lang),
    )


def render_chapter(section: Section, ctx: Context) -> Element:
    """Return a chapter: its label and title, setting and the lines under its title, body, then what follows it
    (its questions and themes, lowered), in the edition's chapter element."""
    lang = ctx.lang
    header = h(
        "header",
        None,
        h(
            "h1",
            {"id": anchors.heading_id(section.id)},
            h("span", {"class": "chapter-number"}, section.label),
            " ",
            h("span", {"class": "chapter-title"}, render_text(section.title, lang)),
        ),
        h("p", {"class": "setting"}, render_text(section.setting, lang)) if section.setting else None,
        render_doc_blocks(section.before, ctx),
    )
    chapter = ctx.format.chapter
    return h(
        chapter.element,
        {"id": section.id, **dict(chapter.attrs), "aria-labelledby": anchors.heading_id(section.id)},
        header,
        render_blocks(section.blocks, ctx, lang),
        render_doc_blocks(section.after, ctx),
    )
