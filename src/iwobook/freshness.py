"""Is an output up to date? iwobook decides, not make: the set of inputs, their resolved targets and contents.

A build records, in the output folder's .cache/stamp-FORMAT.json, the inputs it read (every file under
manuscript/ and assets/, iwobook's own assets and code, links resolved), the digest of their contents, the
environment it ran in and the outputs it wrote. The next build of the same format returns at once when the
outputs are still there and unchanged, the environment is the same, and every input has the same size and
time (or, when only times changed, the same contents).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from iwobook import __version__
from iwobook.config import BUILTIN_ASSETS

_CODE = Path(__file__).resolve().parent
Entry = tuple[str, str, int, int]


@dataclass(frozen=True)
class Freshness:
    """What decides whether one format's outputs in one folder are up to date."""

    root: Path
    what: str
    key: str
    out_dir: Path

    @classmethod
    def of_build(cls, root: Path, what: str, paper: str | None, out: Path | None) -> Freshness:
        """Return the freshness of `build what` for the project root (the environment is part of the key)."""
        root = root.resolve()
        environment = [os.environ.get(name, "") for name in ("PAPER", "SOURCE_DATE_EPOCH")]
        key = json.dumps([__version__, what, paper or "", *environment])
        out_dir = out.resolve() if out is not None else root / "dist"
        return cls(root, what, key, out_dir)

    @property
    def stamp(self) -> Path:
        """Return the stamp file of this format."""
        return self.out_dir / ".cache" / f"stamp-{self.what}.json"

    @cached_property
    def allowed(self) -> tuple[Path, ...]:
        """Return the folders whose files may be inputs (links leading elsewhere are never followed)."""
        return (self.root, BUILTIN_ASSETS.resolve(), _CODE)

    @cached_property
    def manifest(self) -> list[Entry]:
        """Return every input as (name, resolved target, size, modification time in ns), taken before a build."""
        folders = [self.root / "manuscript", self.root / "assets", BUILTIN_ASSETS, _CODE]
        entries: list[Entry] = []
        seen: set[str] = set()
        for number, folder in enumerate(dict.fromkeys(folders)):
            for name, target in self._files(folder, seen):
                try:
                    info = target.stat()
                except OSError:
                    entries.append((f"{number}/{name}", str(target), -1, -1))
                    continue
                entries.append((f"{number}/{name}", str(target), info.st_size, info.st_mtime_ns))
        return entries

    def _files(self, folder: Path, seen: set[str]) -> list[tuple[str, Path]]:
        """Return (name below folder, resolved target) of every file under folder, following links that stay
        among the allowed folders, each folder once."""
        allowed = [str(a) for a in self.allowed]

        def inside(target: str) -> bool:
            return any(target == a or target.startswith(a + os.sep) for a in allowed)

        found: list[tuple[str, Path]] = []
        top = str(folder)
        for parent, folders, files in os.walk(top, followlinks=True):
            here = os.path.realpath(parent)
            if here in seen or not inside(here):
                folders[:] = []
                continue
            seen.add(here)
            folders.sort()
            below = os.path.relpath(parent, top).replace(os.sep, "/")
            for name in sorted(files):
                if name.endswith(".pyc"):
                    continue
                target = os.path.realpath(os.path.join(parent, name))
                relative = name if below == "." else f"{below}/{name}"
                found.append((relative, Path(target) if inside(target) else Path("/outside")))
        return found

    @cached_property
    def content(self) -> str:
        """Return the digest of every input's name and bytes."""
        digest = hashlib.sha256()
        for name, target, size, _time in self.manifest:
            digest.update(f"{name}\0{size}\0".encode())
            if size >= 0 and target != "/outside":
                try:
                    digest.update(Path(target).read_bytes())
                except OSError:
                    digest.update(b"\0unreadable")
        return digest.hexdigest()

    def _outputs(self, recorded: object) -> list[Path] | None:
        """Return the recorded outputs when every one is still there as it was written, else None."""
        if not isinstance(recorded, list) or not recorded:
            return None
        paths: list[Path] = []
        for item in recorded:
            if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)):
                return None
            path = Path(item[0])
            try:
                signature = output_signature(path)
            except OSError:
                return None
            if signature != item[1:]:
                return None
            paths.append(path)
        return paths

    def fresh_outputs(self) -> list[Path] | None:
        """Return the outputs when they are up to date (and refresh the stamp when only times changed), else
        None."""
        try:
            stamp = json.loads(self.stamp.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(stamp, dict) or stamp.get("key") != self.key:
            return None
        outputs = self._outputs(stamp.get("outputs"))
        if outputs is None:
            return None
        recorded = stamp.get("manifest")
        if recorded == [list(entry) for entry in self.manifest]:
            return outputs
        if not isinstance(recorded, list) or stamp.get("content") != self.content:
            return None
        same_files = [e[:2] for e in recorded if isinstance(e, list)] == [list(e[:2]) for e in self.manifest]
        if not same_files:
            return None
        self._write(outputs)
        return outputs

    def record(self, outputs: list[Path]) -> None:
        """Remember a good build of outputs from the inputs as they were before it started."""
        self._write(outputs)

    def _write(self, outputs: list[Path]) -> None:
        """Write the stamp (atomically; a stamp that cannot be written only costs a rebuild)."""
        from iwobook.diagnostics import OutputProblem
        from iwobook.output import write_atomically

        rows = []
        for path in outputs:
            rows.append([str(path.resolve()), *output_signature(path)])
        stamp = {"key": self.key, "content": self.content, "manifest": self.manifest, "outputs": rows}
        with contextlib.suppress(OutputProblem):
            write_atomically(self.stamp, json.dumps(stamp).encode())


def output_signature(path: Path) -> list[int]:
    """Return [size, modification time in ns] of an output file; for a folder (the HTML edition), the number
    and total size of its files and the latest time of any of them or of a folder in it. Raise OSError."""
    info = path.stat()
    if not path.is_dir():
        return [info.st_size, info.st_mtime_ns]
    size, latest = 0, info.st_mtime_ns
    for parent, folders, files in os.walk(path):
        folders.sort()
        latest = max(latest, Path(parent).stat().st_mtime_ns)
        for name in files:
            file_info = (Path(parent) / name).stat()
            size += file_info.st_size + 1
            latest = max(latest, file_info.st_mtime_ns)
    return [size, latest]
