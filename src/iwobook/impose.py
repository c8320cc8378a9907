"""Saddle-stitch imposition: finished pages in, two-up sheets out. Knows only pages, never the book."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


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


@dataclass(frozen=True)
class Link:
    """A link of a finished page: its rectangle and the page and point it goes to, or the address it opens."""

    rect: tuple[float, float, float, float]
    target: int | None
    x: float = 0.0
    y: float = 0.0
    uri: str = ""


def read_links(page: PageObject, index_of: dict[int, int]) -> list[Link]:
    """Return the links of page that go to a page of the same document (given by index_of, page object number
    to page index) or open an address; other annotations are left out."""
    links: list[Link] = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        if annotation.get("/Subtype") != "/Link" or "/Rect" not in annotation:
            continue
        x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
        dest = annotation.get("/Dest")
        action = annotation.get("/A")
        if isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
            links.append(Link((x0, y0, x1, y1), None, uri=str(action.get("/URI", ""))))
            continue
        if dest is None and isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
            dest = action.get("/D")
        target = getattr(dest[0], "idnum", None) if isinstance(dest, ArrayObject) and dest else None
        if target not in index_of or not isinstance(dest, ArrayObject):
            continue
        numbers = [float(v) if isinstance(v, NumberObject | FloatObject) else 0.0 for v in list(dest[2:4])]
        x, y = [*numbers, 0.0, 0.0][:2]
        links.append(Link((x0, y0, x1, y1), index_of[target], x, y))
    return links


def sheet_link(link: Link, offset: float, y0: float, target: tuple[Any, float] | None) -> DictionaryObject:
    """Return the annotation of link on a sheet where its page sits offset across and y0 up; target is the
    sheet page and offset of the page it goes to (None for an address)."""
    a, b, c, d = link.rect
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/Rect"): ArrayObject(
                FloatObject(round(v, 3)) for v in (a + offset, b + y0, c + offset, d + y0)
            ),
        }
    )
    if target is None:
        action = {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(link.uri)}
        annotation[NameObject("/A")] = DictionaryObject(action)
        return annotation
    sheet, target_offset = target
    x, y = round(link.x + target_offset, 3), round(link.y + y0, 3)
    dest = [sheet, NameObject("/XYZ"), FloatObject(x), FloatObject(y), NumberObject(0)]
    annotation[NameObject("/Dest")] = ArrayObject(dest)
    return annotation


def impose_booklet(pdf: bytes, sheet_size: tuple[float, float] | None = None) -> bytes:
    """Return a PDF of sheets (sheet_size, landscape; default twice the page) holding two pages each, centred,
    in saddle-stitch order for short-edge duplex printing; internal links are carried onto the sheets, their
    rectangles and destinations moved with the pages they sit on."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = list(reader.pages)
    index_of = {page.indirect_reference.idnum: i for i, page in enumerate(pages) if page.indirect_reference}
    links = [read_links(page, index_of) for page in pages]
    for page in pages:  # the sheets get their own links; the pages' ones point at pages no sheet keeps
        if "/Annots" in page:
            del page[NameObject("/Annots")]
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    sheet_width, sheet_height = sheet_size or (2 * width, height)
    x0 = (sheet_width - 2 * width) / 2
    y0 = (sheet_height - height) / 2
    writer = PdfWriter()
    placed: dict[int, tuple[int, float]] = {}  # page index -> (sheet index, x offset)
    for number, (left, right) in enumerate(sheet_sides(len(pages))):
        sheet = PageObject.create_blank_page(width=sheet_width, height=sheet_height)
        for index, offset in ((left, x0), (right, x0 + width)):
            if index is not None:
                sheet.merge_transformed_page(pages[index], Transformation().translate(offset, y0), expand=False)
                placed[index] = (number, offset)
        sheet.trimbox = sheet.mediabox
        sheet.bleedbox = sheet.mediabox
        writer.add_page(sheet)
    for index, (number, offset) in placed.items():
        for link in links[index]:
            target = None
            if link.target is not None:
                target_sheet, target_offset = placed[link.target]
                target = (writer.pages[target_sheet].indirect_reference, target_offset)
            writer.add_annotation(number, sheet_link(link, offset, y0, target))
    for sheet in writer.pages:
        sheet.compress_content_streams()
    catalog = reader.trailer["/Root"].get_object()
    language = catalog.get("/Lang") if isinstance(catalog, DictionaryObject) else None
    if language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.add_metadata({key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
