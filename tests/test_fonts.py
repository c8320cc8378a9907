"""PDF fonts: no reportlab font search, each face registered once, the CJK companions only when used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"

# Run in a fresh interpreter, so that reportlab's registry starts empty.
_SCRIPT = """
import sys
from pathlib import Path
from reportlab.pdfbase.pdfmetrics import getRegisteredFontNames
from iwobook.build import configure
from iwobook.check import load_checked
from iwobook.transform import prepare
from iwobook.writers.pdf import render_pdf
from iwobook.writers.pdf.fonts import register_families
from iwobook.writers.pdf.stylesheet import load_stylesheet

root = Path(sys.argv[1])
book = prepare(load_checked(root))
config = configure(root, book, None, None)
sheet = load_stylesheet(config, (595.0, 842.0))
families = register_families(config.asset("fonts"), sheet.fonts)
print(sorted(n for n in getRegisteredFontNames() if n.startswith("iw-")))
print(families["sans"].cjk, sorted(n for n in getRegisteredFontNames() if "-fb" in n))
again = register_families(config.asset("fonts"), sheet.fonts)
print(again["sans"].cjk_font.coverage() == families["sans"].cjk_font.coverage())
print(len(render_pdf(book, config, lambda _: None)) > 0)
"""


def _run(tmp_path: Path) -> list[str]:
    """Run the script with reportlab's Type 1 search path at a folder whose AFM file reportlab cannot parse."""
    afm = tmp_path / "afm"
    afm.mkdir()
    (afm / "broken.afm").write_text("StartFontMetrics 2.0\nthis is not an AFM file\n", encoding="ascii")
    env = {**os.environ, "RL_T1SearchPath": str(afm)}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(MINI)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_fonts_never_search_the_type1_path_and_cjk_faces_register_when_used(tmp_path: Path) -> None:
    latin, sans_cjk, same, built = _run(tmp_path)
    faces = ["bold", "bolditalic", "italic", "regular"]
    assert latin == str(sorted(f"iw-{family}-{face}" for family in ("sans", "serif") for face in faces))
    # the Japanese face is the third fallback, one file for every variant, registered once; the Arabic and
    # Hebrew fallbacks before it stay unregistered
    assert sans_cjk == "iw-sans-fb3 ['iw-sans-fb3']"
    assert same == "True"
    assert built == "True"
