"""Pages placed on sheets: page i of one PDF drawn on sheet i of another, page labels, outline and metadata
set. Knows only pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (
    BooleanObject,
    DecodedStreamObject,
    Destination,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)


@dataclass(frozen=True)
class Extras:
    """What the sheets get besides the pages: the document language, outline entries after the pages' own
    (a heading, then (title, sheet from 0) under it) and an XMP packet."""

    lang: str = ""
    heading: str = ""
    entries: tuple[tuple[str, int], ...] = ()
    xmp: str = ""


def _copy_outline(reader: PdfReader, writer: PdfWriter, items: list[object], parent: IndirectObject | None) -> None:
    """Copy the reader's outline items (nested lists are children of the item before) to the writer, each
    pointing at the sheet with the same number as its page."""
    last: IndirectObject | None = None
    for item in items:
        if isinstance(item, list):
            _copy_outline(reader, writer, item, last)
        elif isinstance(item, Destination):
            page = reader.get_destination_page_number(item)
            if page is not None and page >= 0:
                last = writer.add_outline_item(title=str(item.title), page_number=page, parent=parent)


def place_pages(pages: bytes, sheets: bytes, labels: Sequence[str], extras: Extras) -> bytes:
    """Return sheets with page i of pages drawn at the lower left of sheet i (for as many pages as there are),
    every sheet labelled labels[i] (no label where it is '') and trimmed to itself, the pages' outline and
    then the extra entries, and the pages' links dropped, since they point into the other file."""
    reader = PdfReader(io.BytesIO(pages))
    sheet_reader = PdfReader(io.BytesIO(sheets))
    writer = PdfWriter()
    for index, sheet in enumerate(sheet_reader.pages):
        placed = writer.add_page(sheet)
        if index < len(reader.pages):
            page = reader.pages[index]
            if "/Annots" in page:
                del page[NameObject("/Annots")]
            placed.merge_transformed_page(page, Transformation(), expand=False)
        placed.trimbox = placed.mediabox
    for index, label in enumerate(labels):
        if label:
            writer.set_page_label(index, index, prefix=label)
    _copy_outline(reader, writer, list(reader.outline), None)
    if extras.entries:
        top = writer.add_outline_item(title=extras.heading, page_number=extras.entries[0][1])
        for title, number in extras.entries:
            writer.add_outline_item(title=title, page_number=number, parent=top)
    catalog = reader.trailer["/Root"].get_object()
    language = catalog.get("/Lang") if isinstance(catalog, DictionaryObject) else None
    if extras.lang or language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(extras.lang or str(language))
    if extras.xmp:
        stream = DecodedStreamObject()
        stream.set_data(extras.xmp.encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if extras.entries or reader.outline:
        writer.page_mode = "/UseOutlines"
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.add_metadata({k: v for k, v in (sheet_reader.metadata or {}).items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
