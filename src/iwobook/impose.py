"""Saddle-stitch imposition: finished pages in, two-up sheets out. Knows only pages, never the book."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject


def padded_order(count: int) -> list[int | None]:
    """Return the page sequence padded to a multiple of 4, blanks (None) placed before the last page."""
    pages: list[int | None] = list(range(count))
    blanks = (-count) % 4
    if count >= 2:
        pages[count - 1 : count - 1] = [None] * blanks
    else:
        pages += [None] * blanks
    return pages


def sheet_sides(count: int) -> list[tuple[int | None, int | None]]:
    """Return (left, right) source pages for every sheet side, in printing order (front, back, ...)."""
    order = padded_order(count)
    total = len(order)
    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        sides.append((order[inner], order[outer]))  # front: last page left, first page right
        sides.append((order[outer + 1], order[inner - 1]))  # back: second page left, second-last right
    return sides


def impose_booklet(pdf: bytes, sheet_size: tuple[float, float] | None = None) -> bytes:
    """Return a PDF of sheets (sheet_size, landscape; default twice the page) holding two pages each, centred,
    in saddle-stitch order for short-edge duplex printing."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    sheet_width, sheet_height = sheet_size or (2 * width, height)
    x0 = (sheet_width - 2 * width) / 2
    y0 = (sheet_height - height) / 2
    writer = PdfWriter()
    for left, right in sheet_sides(len(pages)):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for index, offset in ((left, x0), (right, x0 + width)):
            if index is not None:
                sheet.merge_transformed_page(pages[index], Transformation().translate(offset, y0), expand=False)
        sheet.trimbox = sheet.mediabox
        sheet.bleedbox = sheet.mediabox
        writer.add_page(sheet)
    catalog = reader.trailer["/Root"].get_object()
    language = catalog.get("/Lang") if isinstance(catalog, DictionaryObject) else None
    if language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
