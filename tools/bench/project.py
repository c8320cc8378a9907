"""Where the project and the benchmark's files are, the commands and environment it runs, its progress lines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DIR = PROJECT / "dist" / "bench"
BIN = Path(sys.executable).parent
PYTHON = BIN / "python"
IWOBOOK = BIN / "iwobook"
FONTS = PROJECT / "src" / "iwobook" / "assets" / "fonts"
MODULE = "tools.bench"  # run from PROJECT: python -m tools.bench


def make_tool_command(*args: str) -> list[str]:
    """Return the command line that runs this package with args (to be run with PROJECT as working folder)."""
    return [str(PYTHON), "-m", MODULE, *args]


def make_clean_environment() -> dict[str, str]:
    """Return a copy of os.environ without make's variables and PAPER (so a child sees no outer make)."""
    return {k: v for k, v in os.environ.items() if k not in ("PAPER", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def say(message: str, who: str = "bench") -> None:
    """Print message as a progress line on stderr, prefixed with who."""
    print(f"{who}: {message}", file=sys.stderr, flush=True)
