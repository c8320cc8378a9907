"""The book's images as EPUB resources: read from config.root, kept when EPUB core types, else re-encoded."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image

from iwobook.config import BuildConfig
from iwobook.model import Blocks, Book, Section
from iwobook.walk import figures_of

# Pillow format -> (extension, media type) for the image types every EPUB 3 reading system supports
CORE_TYPES = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}
MAX_SIDE = 3200


@dataclass(frozen=True)
class Resource:
    """A file of the EPUB besides the documents: its path inside the package, media type and bytes."""

    file: str
    media_type: str
    data: bytes


def collect_blocks(book: Book) -> list[Blocks]:
    """Return every block sequence of the book that can hold figures, in reading order then data order."""
    blocks: list[Blocks] = [s.blocks for s in book.sections() if isinstance(s, Section)]
    blocks += [c.description for c in book.characters]
    blocks += [le.text + le.provenance for le in book.letters]
    blocks += [t.definition for t in book.terms]
    return blocks


def collect_figure_paths(book: Book) -> list[str]:
    """Return the project-relative path of every figure, once each, in order of first use."""
    paths: list[str] = []
    for blocks in collect_blocks(book):
        for figure in figures_of(blocks):
            if figure.path not in paths:
                paths.append(figure.path)
    return paths


def encode_image(data: bytes) -> tuple[str, bytes]:
    """Return (Pillow format, bytes): the bytes as they are when a core type of sensible size, else re-encoded."""
    with Image.open(io.BytesIO(data)) as source:
        source.load()
        fmt = source.format or ""
        if fmt in CORE_TYPES and max(source.size) <= MAX_SIDE:
            return fmt, data
        image: Image.Image = source.copy()
        if max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if fmt == "JPEG":
            image.save(out, format="JPEG", quality=88)
            return "JPEG", out.getvalue()
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=False, compress_level=9)
        return "PNG", out.getvalue()


def collect_images(book: Book, config: BuildConfig) -> dict[str, Resource]:
    """Return each figure path's resource, named images/NN-stem.ext in ASCII."""
    images: dict[str, Resource] = {}
    for number, path in enumerate(collect_figure_paths(book), start=1):
        fmt, data = encode_image((config.root / Path(path)).read_bytes())
        extension, media_type = CORE_TYPES[fmt]
        stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(path).stem.lower()).strip("-") or "image"
        images[path] = Resource(f"images/{number:02d}-{stem}.{extension}", media_type, data)
    return images
