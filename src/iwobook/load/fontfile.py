"""Font files: is a file a TrueType font the PDF writer can embed? Read from its header, never parsed whole."""

from __future__ import annotations

import struct
from pathlib import Path

# The tables reportlab reads to embed and subset a TrueType font.
REQUIRED_TABLES = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post")
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_KNOWN_OTHER = {
    b"OTTO": "has PostScript (CFF) outlines, which the PDF writer cannot embed; use a TrueType-flavoured .ttf",
    b"ttcf": "is a font collection (.ttc); give one font of it as a .ttf file",
    b"wOFF": "is a web font (WOFF); convert it to a .ttf file",
    b"wOF2": "is a web font (WOFF2); convert it to a .ttf file",
}


def font_problem(path: Path) -> str | None:
    """Return why the file at path is not an embeddable TrueType font (a phrase after 'font ...'), or None."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            header = stream.read(12)
            if len(header) < 12:
                return "is not a TrueType or OpenType font (it is too short)"
            magic = header[:4]
            if magic not in _TRUETYPE:
                return _KNOWN_OTHER.get(magic, "is not a TrueType or OpenType font")
            (count,) = struct.unpack(">H", header[4:6])
            directory = stream.read(16 * count)
            if count == 0 or len(directory) < 16 * count:
                return "is damaged: its table directory is cut short"
            tables: dict[str, tuple[int, int]] = {}
            for index in range(count):
                tag, _checksum, offset, length = struct.unpack(">4sIII", directory[16 * index : 16 * index + 16])
                tables[tag.decode("latin-1")] = (offset, length)
                if offset + length > size:
                    return f"is damaged: its '{tag.decode('latin-1').strip()}' table runs past the end of the file"
            missing = [tag for tag in REQUIRED_TABLES if tag not in tables]
            if missing:
                return f"lacks tables a PDF needs ({', '.join(missing)})"
            if "OS/2" in tables:
                offset, length = tables["OS/2"]
                if length >= 10:
                    stream.seek(offset + 8)
                    (fs_type,) = struct.unpack(">H", stream.read(2))
                    if fs_type == 0x0002 or fs_type & 0x0300:
                        return f"does not allow embedding or subsetting (its licence flags are {fs_type:04X})"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    return None
