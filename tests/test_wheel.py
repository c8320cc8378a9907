"""The wheel is self-contained: installed in a new virtual environment, it starts and builds a book far from
the repository, with its fonts, style sheet and templates found as package data."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the bin folder of a new virtual environment with iwobook installed from a freshly built wheel.

    The wheel is built offline with this environment's setuptools; the new environment reaches the pinned
    dependencies through a .pth line naming this environment's site-packages (which holds iwobook only as an
    editable-install hook that a .pth line does not run), so the test needs no network.
    """
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(base), str(ROOT)],
        base,
        env,
    )
    wheel = next(base.glob("iwobook-*.whl"))
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    python = venv / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], base, env)
    (Path(purelib.stdout.strip()) / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], base, env)
    return venv / "bin"


def test_wheel_carries_its_assets_and_builds_a_new_book(installed: Path, tmp_path: Path) -> None:
    """iwobook from the wheel imports from the new environment, makes a book with `new`, builds every output."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["SOURCE_DATE_EPOCH"] = "1780000000"
    where = run([str(installed / "python"), "-c", "import iwobook; print(iwobook.__file__)"], tmp_path, env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout
    run([str(installed / "iwobook"), "new", "mybook"], tmp_path, env)
    done = run([str(installed / "iwobook"), "-C", "mybook", "build", "all", "-q"], tmp_path, env)
    outputs = sorted(Path(line).name for line in done.stdout.split())
    assert outputs == ["mybook-booklet.pdf", "mybook-large-print.pdf", "mybook.epub", "mybook.pdf"]
    assert all((tmp_path / "mybook" / "dist" / name).stat().st_size > 10_000 for name in outputs)
