"""Atomic output: write to a temporary file (or folder) beside the target, then rename it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


def write_atomically(path: Path, data: bytes) -> Path:
    """Write data to path so that readers see either the old file or the whole new one; return path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def book_slug(title: str) -> str:
    """Return a file-name slug for a title: lower case ASCII words joined by hyphens."""
    import unicodedata

    spaced = "".join(" " if unicodedata.category(ch).startswith(("P", "Z")) else ch for ch in title)  # l’Île: l ile
    ascii_title = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_title.lower()).split()
    return "-".join(words) or "book"


def write_folder_atomically(path: Path, files: Mapping[str, bytes]) -> Path:
    """Write files (by their POSIX path inside the folder) as the folder path: built beside it under a temporary
    name, then renamed into place, so that readers never see a half-written folder (for an instant, none); the
    old folder goes once the new one stands; return path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    old = path.parent / f".{path.name}.old"
    try:
        for name, data in sorted(files.items()):
            target = temporary / PurePosixPath(name)
            if not target.resolve().is_relative_to(temporary.resolve()):
                raise ValueError(f"output file outside its folder: {name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            os.chmod(target, 0o644)
        os.chmod(temporary, 0o755)
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            os.replace(path, old)
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return path
