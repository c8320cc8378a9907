"""Tables in print: column widths from the cells' natural widths, and the table style (rules, header rows,
centred marks) of the generic renderer's tables and tabular lists."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from iwobook.model.document import Cell, doc_plain_text
from iwobook.writers.pdf.blocks import Typesetter

CELL_STYLES = {
    "head": "label",
    "head-mark": "timeline_date",
    "theme": "timeline_text",
    "tagged": "timeline_date",
    "untagged": "timeline_date",
    "number": "timeline_date",
    "date": "timeline_date",
    "text": "timeline_text",
}
NARROW_CELLS = frozenset({"head-mark", "tagged", "untagged", "number", "date"})
CENTRED_CELLS = frozenset({"head-mark", "tagged", "untagged"})
RULE = (0.6, 0.6, 0.6)


def lay_table(
    made: list[list[Flowable]], rows: list[tuple[Cell, ...]], head: int, rules: bool, ts: Typesetter
) -> Table:
    """Return a table of made cells (for rows of cells, head of them header rows) in the text font."""
    table = Table(made, colWidths=column_widths(rows, ts), repeatRows=head)
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ts.styles["base"].fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if rules:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE))
    if head:
        commands.append(("LINEBELOW", (0, head - 1), (-1, head - 1), 0.8, (0, 0, 0)))
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            if cell.role in CENTRED_CELLS:
                commands.append(("ALIGN", (x, y), (x, y), "CENTER"))
    table.setStyle(TableStyle(commands))
    return table


def column_widths(rows: list[tuple[Cell, ...]], ts: Typesetter) -> list[float]:
    """Return column widths filling the text width: each column as wide as its longest cell (so a number or
    a mark never wraps), the widest column of text (not of numbers, dates or marks) taking what is left, or
    all of them giving up what is too much."""
    columns = max(len(row) for row in rows)
    natural = [12.0] * columns
    for row in rows:
        for x, cell in enumerate(row):
            style = ts.styles[CELL_STYLES.get(cell.role, "meta")]
            width = stringWidth(doc_plain_text(cell.inlines), style.fontName, style.fontSize) + 10
            natural[x] = max(natural[x], width)
    total = ts.text_width
    narrow = {x for row in rows for x, cell in enumerate(row) if cell.role in NARROW_CELLS}
    flexible = [x for x in range(columns) if x not in narrow] or list(range(columns))
    widest = max(flexible, key=lambda x: natural[x])
    rest = sum(natural) - natural[widest]
    if rest <= total * 0.7:
        natural[widest] = total - rest
        return natural
    fixed = sum(natural[x] for x in narrow)
    if fixed < total:  # the columns of text share what the narrow ones leave
        share = (total - fixed) / sum(natural[x] for x in flexible)
        return [w if x in narrow else w * share for x, w in enumerate(natural)]
    return [w * total / sum(natural) for w in natural]
