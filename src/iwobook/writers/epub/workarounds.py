"""Every place iwobook works around ebooklib 0.20, by subclassing or by post-processing its zip.

- ebooklib re-parses each EpubHtml with an HTML parser, drops the document's own head and writes 0 bytes
  when parsing fails: `VerbatimDocument` makes it write our serialised XHTML unchanged.
- ebooklib leaves the OPF's <package> without xml:lang (Ace's epub-lang rule): `PackageWriter` adds it.
- ebooklib stamps zip entries with the current local time: `normalise_zip` rewrites the archive with one
  fixed date from SOURCE_DATE_EPOCH, fixed permissions, mimetype first and stored, the rest deflated.
(Its other traps are avoided by options and by what we give it: the identifier and dcterms:modified are
set explicitly, the automatic page-list is switched off and the navigation document is our own.)
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable
from typing import Any

from ebooklib import epub

MIMETYPE = "mimetype"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ZIP_EPOCH_MIN = (1980, 1, 1, 0, 0, 0)
ZIP_EPOCH_MAX = (2107, 12, 31, 23, 59, 58)


class VerbatimDocument(epub.EpubHtml):  # type: ignore[misc]
    """An XHTML content document that ebooklib writes byte for byte as we serialised it."""

    def __init__(self, uid: str, file_name: str, title: str, content: bytes, properties: Iterable[str] = ()) -> None:
        """Store the document's id, file name, title, bytes and manifest properties."""
        if not content:
            raise ValueError(f"{file_name}: an EPUB document must not be empty")
        super().__init__(uid=uid, file_name=file_name, title=title, media_type="application/xhtml+xml")
        self.content = content
        self.properties = list(properties)

    def get_content(self, default: bytes | None = None) -> bytes:
        """Return the document's bytes unchanged (no HTML re-parse, no replaced head)."""
        return bytes(self.content)


class PackageWriter(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, with the book's language on the package element as xml:lang."""

    def _write_opf_file(self, root: Any) -> None:
        """Set xml:lang on <package>, then write content.opf as ebooklib does."""
        root.set(XML_LANG, self.book.language)
        super()._write_opf_file(root)


def write_package(book: epub.EpubBook, options: dict[str, object]) -> bytes:
    """Return the zip ebooklib writes for book with options (in memory; errors are raised, not swallowed)."""
    buffer = io.BytesIO()
    writer = PackageWriter(buffer, book, options)
    writer.process()
    writer.write()
    return buffer.getvalue()


def make_zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    """Return the UTC date and time of epoch as a zip timestamp, clamped to what zip can store."""
    stamp = time.gmtime(epoch)[:6]
    return max(ZIP_EPOCH_MIN, min(ZIP_EPOCH_MAX, (stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5])))


def normalise_zip(data: bytes, epoch: int) -> bytes:
    """Return the EPUB zip rewritten reproducibly: mimetype first and stored, then every entry in its order."""
    date = make_zip_date(epoch)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = [info.filename for info in source.infolist()]
        contents = {name: source.read(name) for name in names}
    ordered = [MIMETYPE] + [name for name in names if name != MIMETYPE]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=date)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            stored = name == MIMETYPE
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, contents.get(name, b"application/epub+zip"), compresslevel=None if stored else 9)
    return out.getvalue()
