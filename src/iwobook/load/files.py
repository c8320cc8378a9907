"""Safe reading of manuscript files: paths stay in the project, text is UTF-8 without forbidden characters."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from iwobook.config import BUILTIN_ASSETS
from iwobook.diagnostics import Code, Report

# Characters XML 1.0 forbids (C0 controls but tab/newline, lone surrogates, U+FFFE/U+FFFF) plus C1 controls.
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Images larger than this are refused before they are decoded (a small file can claim huge dimensions).
MAX_IMAGE_PIXELS = 40_000_000


def relative_name(path: Path, root: Path) -> str:
    """Return path relative to root as a POSIX string (or the path itself when it is outside)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def resolve_inside(root: Path, base: Path, reference: str, report: Report, where: tuple[str, int]) -> Path | None:
    """Return the file that reference (relative to base) names, or None after reporting why it is unsafe."""
    path_text, line = where
    if not reference or reference.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", reference):
        report.add(path_text, line, Code.E103, f"path '{reference}' must be relative to its file")
        return None
    if "://" in reference:
        report.add(path_text, line, Code.E103, f"path '{reference}' must be a file in the project, not a URL")
        return None
    candidate = base / reference
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root):
        how = "through a symbolic link " if candidate.is_symlink() or _has_link(candidate, root) else ""
        report.add(path_text, line, Code.E103, f"path '{reference}' leads {how}outside the project")
        report.fail(reference, where)
        return None
    return resolved


def _has_link(path: Path, root: Path) -> bool:
    """Return True when any component of path below root is a symbolic link."""
    current = path
    while current != current.parent and current != root:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def read_text(path: Path, root: Path, report: Report, where: tuple[str, int]) -> str | None:
    """Return the UTF-8 text of path with BOM removed and CRLF folded, or None after reporting the problem."""
    text = _read_text(path, root, report, where)
    if text is None:
        report.fail(relative_name(path, root), where)
    return text


def _read_text(path: Path, root: Path, report: Report, where: tuple[str, int]) -> str | None:
    """Return the text of path as read_text does, or None after reporting why it cannot be read."""
    name = relative_name(path, root)
    resolved = path.resolve()
    if not (resolved.is_relative_to(root.resolve()) or resolved.is_relative_to(BUILTIN_ASSETS.resolve())):
        report.add(where[0], where[1], Code.E103, f"'{name}' leads through a symbolic link outside the project")
        return None
    if not path.is_file():
        exists = path.exists()
        report.add(
            where[0], where[1], Code.E100, f"'{name}' is not a file" if exists else f"file '{name}' does not exist"
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as error:
        report.add(where[0], where[1], Code.E100, f"file '{name}' cannot be read ({error.strerror or error})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        report.add(name, line, Code.E101, f"file is not UTF-8 (byte 0x{byte:02x}); save it as UTF-8")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = False
    for number, line_text in enumerate(text.split("\n"), start=1):
        match = FORBIDDEN_CHARACTERS.search(line_text)
        if match:
            code_point = ord(match.group())
            report.add(name, number, Code.E102, f"control character U+{code_point:04X} is not allowed")
            bad = True
    if bad:
        return None
    if not text.strip():
        report.add(name, 1, Code.E104, "file is empty")
        return None
    return text


# The image formats a book may use, as Pillow detects them from the bytes (never from the file name).
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
# Formats whose decoding would run an interpreter (Ghostscript): refused from their first bytes, unopened.
_INTERPRETED = ((b"%!", "PostScript"), (b"\xc5\xd0\xd3\xc6", "PostScript"), (b"%PDF", "PDF"))


def image_problem(path: Path) -> str | None:
    """Return why the file at path is not a usable image (corrupt, too large, not PNG, JPEG, GIF or WebP), or
    None; the image is decoded in full, and PostScript or PDF is refused before Pillow sees it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with path.open("rb") as stream:
            start = stream.read(8)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    for magic, kind in _INTERPRETED:
        if start.startswith(magic):
            return f"is {kind}, which iwobook does not open; export it as PNG or JPEG"
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=IMAGE_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return f"is {width}×{height} pixels, more than the limit of {MAX_IMAGE_PIXELS:,}"
                image.load()
            with Image.open(path, formats=IMAGE_FORMATS) as image:
                image.verify()  # checksums, which decoding alone does not compare
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"is larger than the limit of {MAX_IMAGE_PIXELS:,} pixels (a decompression bomb?)"
    except UnidentifiedImageError:
        return "is not a PNG, JPEG, GIF or WebP image"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        if "truncated" in str(error).lower():
            return "is cut short: the file ends before the image does"
        return f"cannot be decoded ({error})"
    return None
