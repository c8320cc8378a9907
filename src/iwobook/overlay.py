"""Pages placed on sheets: page i of one PDF drawn on sheet i of another, page labels set. Knows only pages."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject


def place_pages(pages: bytes, sheets: bytes, labels: Sequence[str], lang: str = "") -> bytes:
    """Return sheets with page i of pages drawn at the lower left of sheet i (for as many pages as there are),
    every sheet labelled labels[i] (no label where it is ''), and the pages' links dropped, since they point
    into the other file."""
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
    for index, label in enumerate(labels):
        if label:
            writer.set_page_label(index, index, prefix=label)
    catalog = reader.trailer["/Root"].get_object()
    language = catalog.get("/Lang") if isinstance(catalog, DictionaryObject) else None
    if lang or language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang or str(language))
    writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer.add_metadata({k: v for k, v in (sheet_reader.metadata or {}).items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
