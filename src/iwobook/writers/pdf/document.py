"""Generic document nodes (model.document) as flowables: the PDF's one renderer of lowered content.

Roles choose paragraph styles and structure elements; ids become named destinations that also mark where a
printed page begins; page numbers are filled in when the paragraph citing them is laid out. Nothing here
knows which generated section a node came from, and no word is written here.

Keeping is by role, over the blocks laid out in reading order (containers opened): leads (headings, an
entry's name, its facts line) stay with the first lines of what follows them, and a closing line (an entry's
'Appears in') with the last lines before it (KeepEnd), since its wording differs in the e-book and it must
never open a page; an original wording (a Verse) moves whole with its leads.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never
from xml.sax.saxutils import quoteattr

from reportlab.platypus import Flowable, ListItem, Spacer, Table

from iwobook.config import BuildConfig, Edition, Paper
from iwobook.figures import draw_figure
from iwobook.model import Block, Book, Figure, Heading, ListBlock, Loc, Paragraph, Quote, Text
from iwobook.model.document import (
    Bullets,
    Cell,
    DateText,
    DefinitionList,
    Div,
    DocBlock,
    DocBlocks,
    DocInline,
    DocInlines,
    DrawnFigure,
    Head,
    Item,
    Jump,
    Medium,
    PageNumber,
    PageRef,
    Para,
    Show,
    Span,
    Verse,
    has_page_numbers,
    items_for,
)
from iwobook.model.document import Table as TableNode
from iwobook.writers.pdf.blocks import Typesetter
from iwobook.writers.pdf.figure import DrawingFlowable
from iwobook.writers.pdf.flowables import Anchor, BookParagraph, KeyedParagraph, LateParagraph
from iwobook.writers.pdf.fonts import Family
from iwobook.writers.pdf.keeping import Laid, arrange
from iwobook.writers.pdf.pages import PageState
from iwobook.writers.pdf.tables import CELL_STYLES, lay_table
from iwobook.writers.pdf.tagged import TaggedList
from iwobook.writers.pdf.tags import Element, Role

# paragraph styles by role; a role not listed takes the body style of its container
PARA_STYLES = {
    "facts": "entry_meta",
    "appears": "entry_meta",
    "original-lang": "entry_meta",
    "key": "meta",
    "cast": "meta",
    "vocabulary": "vocabulary",
    "themes": "meta",
}
# the styles of manuscript blocks inside a container, by the container's role: a paragraph after the first, the first
BODY_STYLES = {
    "glossary": ("body", "body_first"),
    "translation": ("letter_text", "letter_text"),
    "provenance": ("small_next", "small"),
    "places": ("entry_meta", "entry_meta"),
}
SECTION_BODY = ("body", "body_first")
# the style of a definition list's terms, by the list's role (else an entry's name)
TERM_STYLES = {"places": "label"}
# structure elements of containers, by role
DIV_ROLES = {"translation": Role.BLOCKQUOTE}
HEAD_STYLES = {2: "entry_name", 3: "label"}
# the style of a heading by its role, before its level's
HEAD_ROLE_STYLES = {"questions": "label"}
# the style of a list's lines by the list's role
LINE_STYLES = {"questions": "question"}
# definition lists set as a table: a column for each span of a term (its number, its date), then the details
TABULAR_LISTS = frozenset({"timeline"})
# definition lists set as 'Term: details' lines, by role, in this style
RUN_IN_LISTS = {"colophon-data": "meta"}
# the cell role of a term's span in a tabular list
ROLE_CELLS = {"event-number": "number", "date": "date"}
BOLD_SPANS = frozenset({"label", "kind"})
ITALIC_SPANS = frozenset({"term"})
LEAD_PARAS = frozenset({"facts", "original-lang"})
TAIL_PARAS = frozenset({"appears"})
CJK_LANGUAGES = frozenset({"ja", "zh", "ko"})


class DocumentWriter:
    """Lay out generic document nodes with the story's typesetter."""

    def __init__(self, book: Book, ts: Typesetter, state: PageState, figure_family: Family) -> None:
        self.book = book
        self.ts = ts
        self.state = state
        self.figure_family = figure_family
        self.medium = print_medium(book, ts.config)

    # ------------------------------------------------------------ inlines

    def markup(self, nodes: DocInlines, family: str) -> str:
        """Return Paragraph markup for generated inlines (page numbers as far as the pages exist)."""
        return "".join(self.inline(node, family) for node in nodes)

    def inline(self, node: DocInline, family: str) -> str:
        """Return the markup of one generated inline."""
        match node:
            case Span(show=Show.EARS):
                return ""
            case Span(role=role, children=children):
                inner = self.markup(children, family)
                return f"<b>{inner}</b>" if role in BOLD_SPANS else f"<i>{inner}</i>" if role in ITALIC_SPANS else inner
            case Jump(target=target, children=children):
                return self.link(target, self.markup(children, family))
            case PageNumber(target=target):
                return self.ts.markup.text(self.page(target), family)
            case PageRef(target=target, with_page=children):
                return self.link(target, self.markup(children, family))
            case DateText(text=text):
                return self.ts.markup.text(text, family)
            case _:
                return self.ts.markup.inlines((node,), family)

    def page(self, target: str) -> str:
        """Return the printed page of target: the one the layout before found (pages further on are only known
        from it), else the one this layout drew it on, else a stand-in."""
        citations = self.ts.markup.citations
        if citations is not None and target in citations.pages:
            return citations.pages[target]
        return self.state.anchor_pages.get(target, citations.unknown if citations else "?")

    def link(self, target: str, inner: str) -> str:
        """Return markup linked to the named destination target (plain when the layout makes no links)."""
        return f"<a href={quoteattr('#' + target)}>{inner}</a>" if self.ts.markup.links else inner

    def paragraph(self, nodes: DocInlines, style: str, key: str = "", role: Role = Role.P) -> Flowable:
        """Return a paragraph (an element of role) of generated inlines; one that cites pages is made when it is
        laid out."""
        family = self.ts.family_of[style]
        made: Flowable
        if has_page_numbers(nodes):

            def make() -> str:
                return self.markup(nodes, family)

            made = LateParagraph(make, self.ts.styles[style])
        elif key:
            first = len(self.ts.markup.cited)
            markup = self.markup(nodes, family)
            cited = tuple(self.ts.markup.cited[first:])  # page citations, print's own words, are not counted
            made = KeyedParagraph(markup, self.ts.styles[style], state=self.state, key=key, cited=cited)
        else:
            made = BookParagraph(self.markup(nodes, family), self.ts.styles[style])
        return self.ts.structure.tag(made, role)

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: DocBlocks) -> list[Flowable]:
        """Return the flowables of a section's blocks, kept as their roles say (see the module's note)."""
        return arrange(self.lay_all(blocks, SECTION_BODY))

    def lay_all(self, blocks: DocBlocks, body: tuple[str, str]) -> list[Laid]:
        """Return the laid-out flowables of blocks inside a container whose manuscript paragraphs take the styles
        body (after the first, the first): each run of manuscript blocks is set as the author's text is."""
        out: list[Laid] = []
        run: list[Block] = []
        for block in (*blocks, None):
            if isinstance(block, Paragraph | Heading | ListBlock | Quote | Figure):
                run.append(block)
                continue
            if run:
                out += [Laid("body", [f]) for f in self.ts.blocks(tuple(run), *body)]
                run = []
            if block is not None:
                out += self.lay(block, body)
        return out

    def lay(self, block: DocBlock, body: tuple[str, str]) -> list[Laid]:
        """Return the flowables of one block, with how they keep; manuscript blocks take the container's style."""
        structure = self.ts.structure
        match block:
            case Paragraph() | Heading() | ListBlock() | Quote() | Figure():
                return [Laid("body", self.ts.blocks((block,), *body))]
            case Para(inlines=inlines, role=role, id=ident, key=key):
                keeping = "lead" if role in LEAD_PARAS else "tail" if role in TAIL_PARAS else "body"
                made = self.paragraph(inlines, PARA_STYLES.get(role, body[1]), key)
                return [*self.anchor(ident, block.loc), Laid(keeping, [made])]
            case Head(level=level, inlines=inlines, id=ident, role=role):
                shown = HEAD_ROLE_STYLES.get(role) or HEAD_STYLES.get(level, "label")
                made = self.paragraph(inlines, shown, role=structure.heading(level - 1))
                made.keepWithNext = 1
                return [*self.anchor(ident, block.loc), Laid("lead", [made])]
            case DefinitionList(items=items, role=role) if role in RUN_IN_LISTS:
                lines = [
                    self.paragraph(
                        (Span(item.loc, "label", item.term), Text(item.loc, " "), *details_text(item)),
                        RUN_IN_LISTS[role],
                    )
                    for item in items_for(items, self.medium)
                ]
                return [Laid("body", lines)]
            case DefinitionList(items=items, role=role) if role in TABULAR_LISTS:
                return [Laid("body", [self.tabular(items), Spacer(1, 8)])]
            case DefinitionList(items=items, role=role):
                with structure.within(Role.L):
                    style = BODY_STYLES.get(role, body)
                    return [
                        laid for item in items for laid in self.item(item, style, TERM_STYLES.get(role, "entry_name"))
                    ]
            case TableNode():
                return [Laid("body", [self.table(block.head, block.body), Spacer(1, 8)])]
            case DrawnFigure():
                return [Laid("whole", self.figure(block))]
            case Div(blocks=inner, role=role, id=ident, lang=lang):
                style = BODY_STYLES.get(role, body)
                if role in DIV_ROLES:
                    with structure.within(DIV_ROLES[role], lang=lang):
                        return [*self.anchor(ident, block.loc), *self.lay_all(inner, style)]
                return [*self.anchor(ident, block.loc), *self.lay_all(inner, style)]
            case Bullets(numbered=True):
                return [Laid("body", [self.numbered(block)])]
            case Bullets(items=items):
                return [Laid("body", [self.paragraph(line, "meta") for line in items])]
            case Verse(lang=lang, text=text):
                cjk = lang.split("-")[0] in CJK_LANGUAGES and "-Latn" not in lang
                with structure.within(Role.BLOCKQUOTE, lang=lang):
                    return [Laid("whole", [self.ts.plain(text, "original_cjk" if cjk else "original")])]
            case _:
                assert_never(block)

    def anchor(self, ident: str, loc: Loc | None = None) -> list[Laid]:
        """Return the named destination (and page-start mark) of an id, or nothing."""
        return [Laid("anchor", [Anchor(self.state, ident, loc=loc)])] if ident else []

    def item(self, item: Item, body: tuple[str, str], term_style: str = "entry_name") -> list[Laid]:
        """Return a definition list entry (an LI: its term the Lbl, its details the LBody): the term a destination
        when it has an id, leading its details."""
        structure = self.ts.structure
        with structure.within(Role.LI):
            term = self.paragraph(item.term, term_style, item.key, Role.LBL)
            term.keepWithNext = 1
            with structure.within(Role.LBODY):
                details = self.lay_all(item.details, body)
        return [*self.anchor(item.id, item.loc), Laid("lead", [term]), *details]

    def numbered(self, block: Bullets) -> Flowable:
        """Return a numbered list (an L: each line an LI, its number the Lbl, its text the LBody), each line keyed
        where the list gives keys."""
        structure = self.ts.structure
        style = LINE_STYLES.get(block.role, "list_item")
        keys = block.keys or ("",) * len(block.items)
        items = []
        with structure.within(Role.L):
            for line, key in zip(block.items, keys, strict=True):
                with structure.within(Role.LI), structure.within(Role.LBODY):
                    items.append(ListItem(self.paragraph(line, style, key)))
        shown = self.ts.styles[style]
        return TaggedList(
            items,
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=shown.fontName,
            bulletFontSize=shown.fontSize,
            leftIndent=shown.fontSize * 1.8,
        )

    def figure(self, block: DrawnFigure) -> list[Flowable]:
        """Return a drawn figure (a Figure with its alt text) drawn for the text width, and its caption."""
        drawing = draw_figure(self.book, block.figure, self.ts.text_width, self.ts.styles["figure"].fontSize)
        drawing = drawing or block.drawing
        flowable = DrawingFlowable(drawing, self.figure_family, self.ts.text_height * 0.9)
        shown: list[Flowable] = [*[f for laid in self.anchor(block.id) for f in laid.flowables]]
        shown.append(self.ts.structure.tag(flowable, Role.FIGURE, alt=drawing.alt))
        if block.caption:
            shown.append(self.paragraph(block.caption, "caption", role=Role.CAPTION))
        return [*shown, Spacer(1, 10)]

    # ------------------------------------------------------------ tables

    def tabular(self, items: tuple[Item, ...]) -> Table:
        """Return a definition list as a table without rules (an L: each row an LI, its first column the Lbl and
        the others the LBody): a column for each span of the terms, then a column of the details' text."""
        spans = [[node for node in item.term if isinstance(node, Span)] for item in items]
        columns = max((len(run) for run in spans), default=0)
        rows: list[tuple[Cell, ...]] = []
        for item, run in zip(items, spans, strict=True):
            cells = [Cell((), role="number")] * (columns - len(run))
            cells += [Cell((span,), role=ROLE_CELLS.get(span.role, "text")) for span in run]
            cells.append(Cell(details_text(item), role="text"))
            cells[0] = replace(cells[0], key=item.key)  # a page beginning at the event is found at its first cell
            rows.append(tuple(cells))
        listed = Element(Role.L, self.ts.structure.parent)
        made: list[list[Flowable]] = []
        for row in rows:
            entry = Element(Role.LI, listed)
            body = Element(Role.LBODY, entry)
            line = [self.paragraph(cell.inlines, CELL_STYLES.get(cell.role, "meta"), cell.key) for cell in row]
            for x, paragraph in enumerate(line):
                paragraph.tag = Element(Role.LBL, entry) if x == 0 else Element(Role.P, body)
            made.append(line)
        return lay_table(made, rows, 0, True, self.ts)

    def table(
        self, head: tuple[tuple[Cell, ...], ...], body: tuple[tuple[Cell, ...], ...], rules: bool = True
    ) -> Table:
        """Return a table (a Table of TR rows, TH cells with their scope, TD cells) in the text font: hairlines
        between rows, header rows repeated after a page break."""
        rows = [*head, *body]
        element = Element(Role.TABLE, self.ts.structure.parent)
        made: list[list[Flowable]] = []
        for row in rows:
            tr = Element(Role.TR, element)
            cells = []
            for cell in row:
                paragraph = self.paragraph(cell.inlines, CELL_STYLES.get(cell.role, "meta"), cell.key)
                scope = {"col": "Column", "row": "Row"}.get(cell.scope, "")
                paragraph.tag = Element(Role.TH, tr, scope=scope) if scope else Element(Role.TD, tr)
                cells.append(paragraph)
            made.append(cells)
        return lay_table(made, rows, len(head), rules, self.ts)


def print_medium(book: Book, config: BuildConfig) -> Medium:
    """Return what kind of print edition config makes: the edition of record (the standard edition on the book's
    own paper, whose pages the e-book's page list follows) or another."""
    record = Paper.from_name(book.metadata.paper)
    same = config.edition in (Edition.STANDARD, Edition.TEACHER) and (config.paper or record) is record
    return Medium.PRINT_RECORD if same else Medium.PRINT


def details_text(item: Item) -> DocInlines:
    """Return the inlines of an entry's details when they begin with a paragraph (a timeline event's text)."""
    first = item.details[0] if item.details else None
    if isinstance(first, Para | Paragraph):
        return first.inlines
    return ()
