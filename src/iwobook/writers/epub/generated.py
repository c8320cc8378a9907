"""Generated sections as XHTML: a lowered section's blocks (model.document nodes) through writers.epub.document, in
a section with its title and its role's semantics; a further contents section repeats the table of contents."""

from __future__ import annotations

from iwobook.model import (
    GeneratedSection,
    anchors,
    is_contents,
)
from iwobook.writers.epub.navigation import TocEntry, render_contents_copy
from iwobook.writers.xhtml.content import Context
from iwobook.writers.xhtml.document import render_doc_blocks
from iwobook.writers.xhtml.markup import Child, Element, h
from iwobook.writers.xhtml.text import render_text

GLOSSARY = {"epub:type": "glossary", "role": "doc-glossary"}
APPENDIX = {"epub:type": "appendix", "role": "doc-appendix"}
# the section semantics of a lowered section, by its role
ROLES = {"glossary": GLOSSARY, "appendix": APPENDIX}


def render_shell(section: GeneratedSection, attrs: dict[str, str], ctx: Context, *content: Child) -> Element:
    """Return a generated section: its title as the h1, then content."""
    return h(
        "section",
        {"id": section.id, **attrs, "class": section.source.value, "aria-labelledby": anchors.heading_id(section.id)},
        h("h1", {"id": anchors.heading_id(section.id)}, render_text(section.title, ctx.lang)),
        *content,
    )


def render_generated(section: GeneratedSection, entries: tuple[TocEntry, ...], ctx: Context) -> Element:
    """Return the body of a generated section: a further contents section repeats the table of contents, any other
    is its lowered blocks (whatever its kind, so a new kind of generated section needs nothing here)."""
    if is_contents(section):
        return render_contents_copy(section, entries, ctx)
    return render_shell(section, ROLES.get(section.role, {}), ctx, render_doc_blocks(section.blocks, ctx))
