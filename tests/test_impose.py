"""Saddle-stitch imposition: a permutation of pages plus blanks, in the order a folded stack reads."""

from __future__ import annotations

import io
import math

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfgen.canvas import Canvas

from iwobook.config import Paper
from iwobook.impose import impose_booklet, padded_order, sheet_sides


def numbered_pdf(count: int) -> bytes:
    """Return an A5 PDF whose pages show only their number (the last one says 'BACK')."""
    buffer = io.BytesIO()
    width, height = Paper.A5.size
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    for number in range(1, count + 1):
        canvas.setFont("Helvetica", 30)
        canvas.drawCentredString(width / 2, height / 2, "BACK" if number == count else f"P{number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@given(st.integers(min_value=1, max_value=200))
def test_sheet_sides_are_a_permutation_plus_blanks(count: int) -> None:
    sides = sheet_sides(count)
    assert len(sides) == 2 * math.ceil(count / 4)
    placed = [page for side in sides for page in side]
    assert sorted(p for p in placed if p is not None) == list(range(count))
    assert placed.count(None) == (-count) % 4


@given(st.integers(min_value=2, max_value=200))
def test_blanks_sit_just_before_the_back_cover(count: int) -> None:
    order = padded_order(count)
    assert order[-1] == count - 1
    assert order[: count - 1] == list(range(count - 1))
    assert all(page is None for page in order[count - 1 : -1])


def test_reading_the_halves_gives_saddle_stitch_order() -> None:
    count = 10  # padded to 12: P1..P9, two blanks, BACK
    reader = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(count), (Paper.A4.size[1], Paper.A4.size[0]))))
    width = float(reader.pages[0].mediabox.width)
    halves: list[str] = []
    for page in reader.pages:
        found = {"left": "", "right": ""}

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, size: float, found: dict[str, str] = found
        ) -> None:
            if text.strip():
                x = cm[4] + tm[4] * cm[0]
                found["left" if x < width / 2 else "right"] += text.strip()

        page.extract_text(visitor_text=visit)
        halves += [found["left"] or "-", found["right"] or "-"]
    assert len(reader.pages) == 2 * math.ceil(count / 4)
    assert halves == ["BACK", "P1", "P2", "-", "-", "P3", "P4", "P9", "P8", "P5", "P6", "P7"]
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (
        round(Paper.A4.size[1]),
        round(Paper.A4.size[0]),
    )


def test_imposition_is_deterministic() -> None:
    source = numbered_pdf(7)
    assert impose_booklet(source) == impose_booklet(source)


def linked_pdf(count: int) -> bytes:
    """Return an A5 PDF of count pages; page n has a destination at (30, 400 + n) and a link at
    (100, 100 + n, 200, 120 + n) to page count + 1 - n, plus a link to an address on page 1."""
    buffer = io.BytesIO()
    width, height = Paper.A5.size
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    for number in range(1, count + 1):
        canvas.bookmarkHorizontal(f"p{number}", 30, 400 + number)
        canvas.drawString(100, 100 + number, f"P{number}")
        canvas.linkRect("", f"p{count + 1 - number}", (100, 100 + number, 200, 120 + number))
        if number == 1:
            canvas.linkURL("https://example.org/", (10, 10, 60, 30))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_links_are_carried_onto_the_sheets_and_point_at_them() -> None:
    count = 10
    sheet_size = (Paper.A4.size[1], Paper.A4.size[0])
    reader = PdfReader(io.BytesIO(impose_booklet(linked_pdf(count), sheet_size)))
    width = Paper.A5.size[0]
    x_offset = (sheet_size[0] - 2 * width) / 2
    y_offset = (sheet_size[1] - Paper.A5.size[1]) / 2
    where: dict[int, tuple[int, float]] = {}  # source page -> (sheet, x offset)
    for sheet, (left, right) in enumerate(sheet_sides(count)):
        for page, offset in ((left, x_offset), (right, x_offset + width)):
            if page is not None:
                where[page + 1] = (sheet, offset)
    sheet_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    seen = 0
    for number, (sheet, offset) in where.items():
        annotations = [a.get_object() for a in reader.pages[sheet].get("/Annots", [])]
        rect = [100 + offset, 100 + number + y_offset, 200 + offset, 120 + number + y_offset]
        close = [a for a in annotations if max(abs(float(v) - w) for v, w in zip(a["/Rect"], rect, strict=True)) < 0.01]
        link = close[0]
        target = count + 1 - number
        target_sheet, target_offset = where[target]
        dest = link["/Dest"]
        assert sheet_of[dest[0].idnum] == target_sheet
        assert abs(float(dest[2]) - (30 + target_offset)) < 0.01
        assert abs(float(dest[3]) - (400 + target + y_offset)) < 0.01
        seen += 1
    assert seen == count
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", []) if "/A" in a.get_object()]
    assert uris == ["https://example.org/"]


def test_no_page_objects_but_the_sheets_are_stored() -> None:
    reader = PdfReader(io.BytesIO(impose_booklet(linked_pdf(10), (Paper.A4.size[1], Paper.A4.size[0]))))
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    objects = [reader.get_object(n) for n in sorted(numbers)]
    stored = [o for o in objects if isinstance(o, DictionaryObject) and o.get("/Type") == "/Page"]
    assert len(stored) == len(reader.pages) == 6
