"""Saddle-stitch imposition: a permutation of pages plus blanks, in the order a folded stack reads."""

from __future__ import annotations

import io
import math

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
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
