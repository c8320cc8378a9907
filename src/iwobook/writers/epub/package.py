"""The EPUB package: ebooklib book, metadata (with accessibility metadata), manifest, spine, NCX, zip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ebooklib import epub

from iwobook.model import Metadata
from iwobook.model.scripts import is_rtl_language
from iwobook.writers.epub.images import Resource
from iwobook.writers.epub.navigation import TocEntry
from iwobook.writers.epub.workarounds import VerbatimDocument, normalise_zip, write_package

RELATORS = {"author": "aut", "editor": "edt", "illustrator": "ill", "translator": "trl"}
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
PAGINATION_SOURCE = "pagination-source"


@dataclass(frozen=True)
class Document:
    """A serialised XHTML document: file, manifest id, title, bytes, whether in the spine, manifest properties."""

    file: str
    manifest_id: str
    title: str
    data: bytes
    in_spine: bool = True
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accessibility:
    """The accessibility metadata that is true of this book."""

    modes: tuple[str, ...]
    sufficient: tuple[str, ...]
    features: tuple[str, ...]
    summary: str


def make_modified_stamp(epoch: int) -> datetime:
    """Return the epoch as an aware UTC datetime (ebooklib writes dcterms:modified as YYYY-MM-DDThh:mm:ssZ)."""
    return datetime.fromtimestamp(epoch, tz=UTC)


def add_meta(book: epub.EpubBook, prop: str, value: str, refines: str = "") -> None:
    """Add an EPUB 3 <meta property=...> element (optionally refining another element)."""
    attrs = {"property": prop}
    if refines:
        attrs["refines"] = f"#{refines}"
    book.add_metadata(None, "meta", value, attrs)


def add_descriptive_metadata(book: epub.EpubBook, meta: Metadata, rights: str) -> None:
    """Set identifier, titles, language, creators, publisher, rights (as worded), description, subjects and date."""
    book.set_identifier(meta.identifier)
    book.title = meta.title
    book.add_metadata("DC", "title", meta.title, {"id": "title"})
    add_meta(book, "title-type", "main", "title")
    if meta.subtitle:
        book.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        add_meta(book, "title-type", "subtitle", "subtitle")
    book.set_language(meta.language)
    if is_rtl_language(meta.language):
        book.set_direction("rtl")  # the spine's page-progression-direction
    for number, person in enumerate(meta.contributors, start=1):
        ident = f"contributor-{number}"
        element = "creator" if person.role == "author" else "contributor"
        book.add_metadata("DC", element, person.name, {"id": ident})
        if person.role in RELATORS:
            book.add_metadata(
                None,
                "meta",
                RELATORS[person.role],
                {"refines": f"#{ident}", "property": "role", "scheme": "marc:relators"},
            )
    for name, value in (
        ("publisher", meta.publisher),
        ("description", meta.description),
        ("date", meta.date),
    ):
        if value:
            book.add_metadata("DC", name, value)
    if rights:
        book.add_metadata("DC", "rights", rights)
    for subject in meta.subjects:
        book.add_metadata("DC", "subject", subject)


def add_page_source(book: epub.EpubBook, source: str) -> None:
    """Name the print edition the page breaks come from: dc:source refined as the source of pagination.

    This is the EPUB 3.2 form, which Ace checks and both EPUBCheck 4.2 and 5 accept; EPUB Accessibility 1.1's
    pageBreakSource property is left out, since EPUBCheck 4.2 (still run by some store pipelines) rejects it
    as an undefined property (OPF-027)."""
    book.add_metadata("DC", "source", source, {"id": PAGINATION_SOURCE})
    add_meta(book, "source-of", "pagination", PAGINATION_SOURCE)


def add_accessibility_metadata(book: epub.EpubBook, a11y: Accessibility) -> None:
    """Add the schema.org accessibility metadata and the EPUB Accessibility conformance statement."""
    for mode in a11y.modes:
        add_meta(book, "schema:accessMode", mode)
    for sufficient in a11y.sufficient:
        add_meta(book, "schema:accessModeSufficient", sufficient)
    for feature in a11y.features:
        add_meta(book, "schema:accessibilityFeature", feature)
    add_meta(book, "schema:accessibilityHazard", "none")
    add_meta(book, "schema:accessibilitySummary", a11y.summary)
    add_meta(book, "dcterms:conformsTo", CONFORMANCE)


def add_cover_image(book: epub.EpubBook, cover: Resource) -> None:
    """Add the cover image (manifest property cover-image, and the EPUB 2 <meta name="cover">)."""
    item = epub.EpubCover(uid="cover-img", file_name=cover.file)
    item.media_type = cover.media_type
    item.content = cover.data
    book.add_item(item)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": item.id})


def build_ncx_toc(entries: tuple[TocEntry, ...], counter: list[int]) -> list[object]:
    """Return the contents tree as ebooklib's toc (Links, and (Section, children) for entries with children)."""
    out: list[object] = []
    for entry in entries:
        counter[0] += 1
        if entry.children:
            out.append((epub.Section(entry.label, entry.href), build_ncx_toc(entry.children, counter)))
        else:
            out.append(epub.Link(entry.href, entry.label, f"toc-{counter[0]}"))
    return out


def package_epub(
    meta: Metadata,
    a11y: Accessibility,
    documents: list[Document],
    resources: list[Resource],
    cover: Resource,
    toc: tuple[TocEntry, ...],
    epoch: int,
    page_source: str = "",
    rights: str = "",
) -> bytes:
    """Return the EPUB's bytes: metadata, manifest (style sheet, images, cover, NCX, documents), spine, zip.

    page_source names the print edition the page-break markers come from ('' when there are none); rights is
    the dc:rights statement in the book's language.
    """
    book = epub.EpubBook()
    add_descriptive_metadata(book, meta, rights)
    if page_source:
        add_page_source(book, page_source)
    add_accessibility_metadata(book, a11y)
    for number, resource in enumerate(resources, start=1):
        uid = f"res-{number}"
        book.add_item(
            epub.EpubItem(uid=uid, file_name=resource.file, media_type=resource.media_type, content=resource.data)
        )
    add_cover_image(book, cover)
    book.add_item(epub.EpubNcx())
    spine: list[object] = []
    for doc in documents:
        item = VerbatimDocument(doc.manifest_id, doc.file, doc.title, doc.data, doc.properties)
        book.add_item(item)
        if doc.in_spine:
            spine.append(item)
    book.spine = spine
    book.toc = build_ncx_toc(toc, [0])
    options: dict[str, object] = {
        "epub2_guide": False,
        "epub3_landmark": False,
        "epub3_pages": False,
        "mtime": make_modified_stamp(epoch),
        "compresslevel": 0,  # normalise_zip compresses every entry again, at level 9
    }
    return normalise_zip(write_package(book, options), epoch)
