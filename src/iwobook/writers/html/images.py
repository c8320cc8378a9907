"""The book's images as files of the HTML edition: kept when browsers show them, else re-encoded as PNG."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from PIL import Image

from iwobook.config import BuildConfig
from iwobook.model import Blocks
from iwobook.walk import figures_of

# Pillow format -> extension, for the raster formats every browser shows
WEB_TYPES = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


def encode_image(data: bytes) -> tuple[str, bytes]:
    """Return (extension, bytes): the bytes as they are in a format browsers show, else the image as PNG."""
    with Image.open(io.BytesIO(data)) as source:
        source.load()
        if source.format in WEB_TYPES:
            return WEB_TYPES[source.format], data
        image: Image.Image = source.copy()
    if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return "png", out.getvalue()


def collect_images(config: BuildConfig, sources: Iterable[Blocks]) -> dict[str, tuple[str, bytes]]:
    """Return each image the blocks of sources show, by its project-relative path, as (file in the edition,
    bytes), named images/NN-stem.ext in ASCII in order of first use."""
    images: dict[str, tuple[str, bytes]] = {}
    for blocks in sources:
        for figure in figures_of(blocks):
            if figure.path in images:
                continue
            extension, data = encode_image((config.root / Path(figure.path)).read_bytes())
            stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(figure.path).stem.lower()).strip("-") or "image"
            images[figure.path] = (f"images/{len(images) + 1:02d}-{stem}.{extension}", data)
    return images
