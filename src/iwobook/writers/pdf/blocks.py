"""Model blocks to flowables, through one MarkupWriter and the edition's paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, assert_never

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, ListItem, Paragraph, Spacer

from iwobook.config import BuildConfig
from iwobook.model import Block, Blocks, Figure, Heading, Inlines, ListBlock, Quote, block_key
from iwobook.model import Paragraph as ParagraphNode
from iwobook.writers.pdf.flowables import BookParagraph, KeyedParagraph
from iwobook.writers.pdf.markup import MarkupWriter
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.tagged import Structure, TaggedImage, TaggedList
from iwobook.writers.pdf.tags import Role


@dataclass
class Typesetter:
    """What every part of the story builder shares: styles, the markup writer and the configuration."""

    styles: dict[str, ParagraphStyle]
    markup: MarkupWriter
    config: BuildConfig
    family_of: dict[str, str]
    text_width: float
    text_height: float
    state: PageState
    structure: Structure = field(default_factory=Structure)

    def para(self, inlines: Inlines, style: str, key: str = "") -> Paragraph:
        """Return a paragraph (a P) of inlines in the named style; a key marks it as a model block for
        pagination."""
        made = len(self.markup.cited)
        markup = self.markup.inlines(inlines, self.family_of[style])
        if key:
            cited = tuple(self.markup.cited[made:])
            paragraph = KeyedParagraph(markup, self.styles[style], state=self.state, key=key, cited=cited)
            return self.structure.tag(paragraph, Role.P)
        return self.structure.tag(BookParagraph(markup, self.styles[style]), Role.P)

    def keyed(self, text: str, style: str, key: str) -> Paragraph:
        """Return a paragraph (a P) of plain text that records a page start under key."""
        paragraph = KeyedParagraph(
            self.markup.text(text, self.family_of[style]), self.styles[style], state=self.state, key=key
        )
        return self.structure.tag(paragraph, Role.P)

    def plain(
        self, text: str, style: str, role: Role = Role.P, lang: str = "", look: ParagraphStyle | None = None
    ) -> Paragraph:
        """Return a paragraph of plain (escaped) text in the named style (drawn in look, a style derived from it,
        when given), an element of role (in lang)."""
        paragraph = BookParagraph(self.markup.text(text, self.family_of[style]), look or self.styles[style])
        return self.structure.tag(paragraph, role, lang)

    def blocks(self, blocks: Blocks, style: str = "body", first: str = "body_first") -> list[Flowable]:
        """Return the flowables of blocks; the first paragraph after a heading is not indented."""
        out: list[Flowable] = []
        after_heading = True
        for block in blocks:
            out.extend(self.block(block, first if after_heading else style))
            after_heading = isinstance(block, Heading)
        return out

    def block(self, block: Block, style: str) -> list[Flowable]:
        """Return the flowables of one block."""
        match block:
            case ParagraphNode(loc=loc, inlines=inlines):
                return [self.para(inlines, style, block_key(loc))]
            case Heading(loc=loc, level=level, inlines=inlines):
                heading = self.para(inlines, "heading2" if level == 2 else "heading3", block_key(loc))
                heading.keepWithNext = 1
                return [self.structure.tag(heading, self.structure.heading(level - 1))]
            case ListBlock():
                return [self.list_flowable(block)]
            case Quote(blocks=inner):
                with self.structure.within(Role.BLOCKQUOTE):
                    return self.blocks(inner, "quote", "quote")
            case Figure():
                return self.figure(block)
            case _:
                assert_never(block)

    def list_flowable(self, block: ListBlock) -> Flowable:
        """Return a bullet or numbered list (an L of LI items)."""
        items = [ListItem(flowables) for flowables in self.list_items(block.items, "list_item")]
        style = self.styles["list_item"]
        options: dict[str, Any] = {
            "bulletFontName": style.fontName,
            "bulletFontSize": style.fontSize,
            "leftIndent": style.fontSize * 1.8,
        }
        if block.ordered:
            return TaggedList(items, bulletType="1", start=block.start, bulletFormat="%s.", **options)
        return TaggedList(items, bulletType="bullet", start="•", **options)

    def list_items(self, items: tuple[Blocks, ...], style: str) -> list[list[Flowable]]:
        """Return the flowables of each item of a list, in an L of LI elements, each with an LBody."""
        out: list[list[Flowable]] = []
        with self.structure.within(Role.L):
            for item in items:
                with self.structure.within(Role.LI), self.structure.within(Role.LBODY):
                    out.append(self.blocks(item, style, style))
        return out

    def figure(self, figure: Figure) -> list[Flowable]:
        """Return an image scaled to the text width (at most 60% of the page height), with its caption."""
        from PIL import Image as PILImage

        path = self.config.root / figure.path
        with PILImage.open(path) as image:
            width, height = image.size
        scale = min(self.text_width / width, (self.text_width * 1.2) / height, 1.0 * 72 / 96 * 4)
        flowable = self.structure.tag(
            TaggedImage(str(path), width=width * scale, height=height * scale), Role.FIGURE, alt=figure.alt
        )
        flowable.hAlign = "CENTER"
        parts: list[Flowable] = [Spacer(1, 6), flowable]
        if figure.caption:
            parts.append(self.plain(figure.caption, "caption", Role.CAPTION))
        return [KeepTogether(parts)]
