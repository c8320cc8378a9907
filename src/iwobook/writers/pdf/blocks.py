"""Model blocks to flowables, through one MarkupWriter and the edition's paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, assert_never

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, KeepTogether, ListFlowable, ListItem, Paragraph, Spacer

from iwobook.config import BuildConfig
from iwobook.model import Block, Blocks, Figure, Heading, Inlines, ListBlock, Quote, block_key
from iwobook.model import Paragraph as ParagraphNode
from iwobook.writers.pdf.flowables import BookParagraph, KeyedParagraph
from iwobook.writers.pdf.markup import MarkupWriter
from iwobook.writers.pdf.pages import PageState


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

    def para(self, inlines: Inlines, style: str, key: str = "") -> Paragraph:
        """Return a paragraph of inlines in the named style; a key marks it as a model block for pagination."""
        markup = self.markup.inlines(inlines, self.family_of[style])
        if key:
            return KeyedParagraph(markup, self.styles[style], state=self.state, key=key)
        return BookParagraph(markup, self.styles[style])

    def keyed(self, text: str, style: str, key: str) -> Paragraph:
        """Return a paragraph of plain text that records a page start under key."""
        return KeyedParagraph(
            self.markup.text(text, self.family_of[style]), self.styles[style], state=self.state, key=key
        )

    def plain(self, text: str, style: str) -> Paragraph:
        """Return a paragraph of plain (escaped) text in the named style."""
        return BookParagraph(self.markup.text(text, self.family_of[style]), self.styles[style])

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
                return [heading]
            case ListBlock():
                return [self.list_flowable(block)]
            case Quote(blocks=inner):
                return self.blocks(inner, "quote", "quote")
            case Figure():
                return self.figure(block)
            case _:
                assert_never(block)

    def list_flowable(self, block: ListBlock) -> Flowable:
        """Return a bullet or numbered list."""
        items = [ListItem(self.blocks(item, "list_item", "list_item")) for item in block.items]
        style = self.styles["list_item"]
        options: dict[str, Any] = {
            "bulletFontName": style.fontName,
            "bulletFontSize": style.fontSize,
            "leftIndent": style.fontSize * 1.8,
        }
        if block.ordered:
            return ListFlowable(items, bulletType="1", start=block.start, bulletFormat="%s.", **options)
        return ListFlowable(items, bulletType="bullet", start="•", **options)

    def figure(self, figure: Figure) -> list[Flowable]:
        """Return an image scaled to the text width (at most 60% of the page height), with its caption."""
        from PIL import Image as PILImage

        path = self.config.root / figure.path
        with PILImage.open(path) as image:
            width, height = image.size
        scale = min(self.text_width / width, (self.text_width * 1.2) / height, 1.0 * 72 / 96 * 4)
        flowable = Image(str(path), width=width * scale, height=height * scale)
        flowable.hAlign = "CENTER"
        parts: list[Flowable] = [Spacer(1, 6), flowable]
        if figure.caption:
            parts.append(self.plain(figure.caption, "caption"))
        return [KeepTogether(parts)]
