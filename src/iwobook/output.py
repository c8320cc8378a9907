"""Atomic output: write every file (or folder) to a temporary beside its target, then rename them all into place."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from iwobook.diagnostics import OutputProblem

_PART = ".part"


def _temporary_prefix(path: Path) -> str:
    """Return the prefix of this process's temporary files for path (the process id tells whose it is)."""
    return f".{path.name}.{os.getpid()}."


def _remove_abandoned(folder: Path) -> None:
    """Remove temporary files that a killed iwobook process left in folder (their process no longer runs)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            parts = entry.name.rsplit(".", 3)
            if not (entry.name.startswith(".") and entry.name.endswith(_PART) and len(parts) == 4):
                continue
            pid = parts[1]
            if pid.isascii() and pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    """Return True when a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _cannot(path: Path, error: OSError) -> OutputProblem:
    """Return the one-line problem of an output that could not be written."""
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            reason = f"{blocking} is a file, not a folder"
    return OutputProblem(f"cannot write {path}: {reason}")


def _stage(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file beside path and return it; raise OutputProblem when that fails."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "a folder of that name is in the way", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(path.parent)
        handle, name = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=_PART, dir=path.parent)
    except OSError as error:
        raise _cannot(path, error) from error
    temporary = Path(name)
    try:
        _write_file(handle, data)
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _cannot(path, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _write_file(handle: int, data: bytes) -> None:
    """Write data to the open file handle, flush it to the disk and close it."""
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_all_atomically(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every (path, data): all are staged as temporary files first and renamed only when all were
    written, so a failure leaves every target as it was; return the paths. Raise OutputProblem."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise _cannot(path, error) from error
    finally:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)
    return [path for path, _data in files]


def write_atomically(path: Path, data: bytes) -> Path:
    """Write data to path so that readers see either the old file or the whole new one; return path."""
    return write_all_atomically([(path, data)])[0]


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    except OSError as error:
        raise _cannot(path, error) from error
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
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise _cannot(path, error) from error
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return path
