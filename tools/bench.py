"""The iwobook benchmark: build a synthetic book at several scales with iwobook and with two minimal floors.

    python tools/bench.py [--scales "1 10"] [--repeats N] [--no-make]      # what `make bench` runs
    python tools/bench.py profile [--scale 10]                             # pyinstrument + importtime
    python tools/bench.py floor-pdf ROOT OUT.pdf                           # the plain reportlab floor
    python tools/bench.py floor-epub ROOT OUT.epub                         # the plain ebooklib floor

For each scale, tools/synth.py writes dist/bench/synth-SCALE (about 15,000 words per unit of scale);
`iwobook check` must pass on it. Then each build runs in a fresh process, interleaved, `--repeats` times
(default 3 up to scale 10, 1 above): iwobook's PDF, the reportlab floor, iwobook's EPUB, the ebooklib floor,
and `iwobook check` (load and check only). Wall time is measured around the process; CPU time and peak
memory are the process's own (user + system time and ru_maxrss from wait4()). The table gives medians,
pages per second and the ratios iwobook / floor; results go to dist/bench/results.json (rewritten by
every run), and the exponent of time against words is fitted over the scales. It also times
`iwobook --help`, and runs `make pdf` twice to see that the second does nothing. A benchmark, not a test:
it never fails on timings (it exits non-zero only when a build itself fails).

The floors read the same manuscript files and typeset the same words, with none of iwobook's features:
  floor-pdf   markdown-it-py parse, cross-references and language spans replaced by their text, Paragraphs
              (and a PageBreak per section) in one SimpleDocTemplate build: A4, iwobook's margins and body
              style, the same embedded TrueType fonts (Noto Serif, IPAex Mincho for Japanese runs),
              invariant=1, page compression on (as iwobook), no hyphenation, no TOC, no cover.
  floor-epub  markdown-it-py render, one XHTML per section and per data file, ebooklib's default writer
              (NCX and nav; its page-list scan switched off, as iwobook does), no cover.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
BENCH_DIR = PROJECT / "dist" / "bench"
BIN = Path(sys.executable).parent
IWOBOOK = BIN / "iwobook"
FONTS = PROJECT / "assets" / "fonts"
MM = 72 / 25.4

# the reach the project aims for (reported as met or missed, never enforced)
TARGET_PDF_RATIO = 1.3
TARGET_EPUB_RATIO = 1.5
TARGET_MEMORY_MIB = 250.0
TARGET_HELP_MS = 150.0
TARGET_EXPONENT = 1.1  # "linear": time grows no faster than words^1.1

BUILDS = ("iwobook-pdf", "floor-pdf", "iwobook-epub", "floor-epub", "iwobook-check")


# ---------------------------------------------------------------- measuring one process


@dataclass
class Run:
    """One process: wall seconds, CPU seconds (user + system), peak resident memory (MiB) and exit code."""

    seconds: float
    cpu_seconds: float
    max_rss_mib: float
    returncode: int
    error: str = ""


def run_process(command: list[str], cwd: Path = PROJECT) -> Run:
    """Run command in a fresh process; return its wall time and its own peak memory (wait4 rusage)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PAPER", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    tail = "\n".join(text.strip().splitlines()[-15:]) if process.returncode else ""
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, tail)


def pdf_pages(path: Path) -> int:
    """Return the number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def only_file(folder: Path, suffix: str) -> Path:
    """Return the one file with suffix in folder (iwobook names its outputs after the book's title)."""
    found = sorted(folder.glob(f"*{suffix}"))
    if len(found) != 1:
        raise RuntimeError(f"expected one {suffix} in {folder}, found {len(found)}")
    return found[0]


# ---------------------------------------------------------------- the floors


XREF = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
SPAN = re.compile(r"\[([^\[\]\n]+)\]\{lang=[A-Za-z0-9-]+\}")
CJK = re.compile("[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


@dataclass
class Prose:
    """A Markdown file of the manuscript: id, title, chapter fields and body."""

    id: str
    title: str
    kind: str
    setting: str
    questions: list[str]
    themes: list[str]
    body: str


@dataclass
class Manuscript:
    """The manuscript as plain data, read with the C YAML loader: what both floors typeset."""

    title: str
    language: str
    identifier: str
    sections: list[Prose | str]  # a prose file, or the name of a generated section
    characters: list[dict[str, Any]]
    letters: list[dict[str, Any]]
    terms: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    labels: dict[str, str] = field(default_factory=dict)

    def text(self, source: str) -> str:
        """Return Markdown source with cross-references and language spans replaced by their text."""

        def label(match: re.Match[str]) -> str:
            return match.group(2) or self.labels.get(match.group(1).strip(), match.group(1))

        return SPAN.sub(r"\1", XREF.sub(label, source))


def read_manuscript(root: Path) -> Manuscript:
    """Return the manuscript under root, in reading order."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def load(path: Path) -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    folder = root / "manuscript"
    book = load(folder / "book.yaml")
    data = {key: load(folder / name) or [] for key, name in (book.get("data") or {}).items()}
    sections: list[Prose | str] = []
    for part in book["contents"]:
        for entry in part["sections"]:
            if isinstance(entry, dict):
                sections.append(str(entry["generated"]))
                continue
            path = folder / entry
            _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
            meta = yaml.load(head, Loader=loader)
            ident = meta.get("id") or re.sub(r"^\d+[-_ ]*", "", path.stem)
            sections.append(
                Prose(
                    ident,
                    str(meta["title"]),
                    meta.get("kind", "section"),
                    meta.get("setting", ""),
                    [str(q) for q in meta.get("questions", [])],
                    [str(t) for t in meta.get("themes", [])],
                    body,
                )
            )
    manuscript = Manuscript(
        str(book["title"]),
        str(book["language"]),
        str(book["identifier"]),
        sections,
        data.get("characters", []),
        data.get("letters", []),
        data.get("terms", []),
        data.get("timeline", []),
    )
    labels = manuscript.labels
    labels.update({s.id: s.title for s in sections if isinstance(s, Prose)})
    labels.update({str(c["id"]): str(c["name"]) for c in manuscript.characters})
    labels.update({str(t["id"]): str(t["term"]) for t in manuscript.terms})
    labels.update({str(le["id"]): str(le["title"]) for le in manuscript.letters})
    return manuscript


def floor_pdf(root: Path, out: Path) -> None:
    """Typeset the manuscript's text with plain reportlab: Paragraphs in one SimpleDocTemplate build."""
    from xml.sax.saxutils import escape

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    for name, file in (
        ("Serif", "NotoSerif-Regular.ttf"),
        ("Serif-Bold", "NotoSerif-Bold.ttf"),
        ("Serif-Italic", "NotoSerif-Italic.ttf"),
        ("Serif-BoldItalic", "NotoSerif-BoldItalic.ttf"),
        ("Mincho", "ipaexm.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    pdfmetrics.registerFontFamily("Serif", "Serif", "Serif-Bold", "Serif-Italic", "Serif-BoldItalic")
    pdfmetrics.registerFontFamily("Mincho", "Mincho", "Mincho", "Mincho", "Mincho")

    body = ParagraphStyle("body", fontName="Serif", fontSize=10.8, leading=15, alignment=TA_JUSTIFY, firstLineIndent=12)
    head = ParagraphStyle("head", body, fontName="Serif-Bold", firstLineIndent=0, alignment=0)
    styles = {
        "body": body,
        "title": ParagraphStyle("title", head, fontSize=20, leading=25, spaceAfter=6),
        "h2": ParagraphStyle("h2", head, fontSize=13, leading=17, spaceBefore=8),
        "h3": ParagraphStyle("h3", head, fontSize=11.5, leading=15, spaceBefore=6),
        "meta": ParagraphStyle("meta", body, fontSize=9, leading=12.5, firstLineIndent=0),
        "quote": ParagraphStyle("quote", body, leftIndent=18, rightIndent=18, firstLineIndent=0),
        "item": ParagraphStyle("item", body, leftIndent=18, firstLineIndent=0),
        "cjk": ParagraphStyle("cjk", body, fontName="Mincho", wordWrap="CJK", firstLineIndent=0),
    }
    manuscript = read_manuscript(root)
    md = MarkdownIt("commonmark", {"html": False})

    def text(raw: str) -> str:
        return CJK.sub(lambda m: f'<font name="Mincho">{m.group()}</font>', escape(raw))

    def inline(token: Token) -> str:
        out: list[str] = []
        for child in token.children or []:
            match child.type:
                case "text" | "code_inline":
                    out.append(text(child.content))
                case "softbreak":
                    out.append(" ")
                case "hardbreak":
                    out.append("<br/>")
                case "em_open" | "em_close" | "strong_open" | "strong_close":
                    tag = "i" if child.type.startswith("em") else "b"
                    out.append(f"<{tag}>" if child.type.endswith("open") else f"</{tag}>")
        return "".join(out)

    story: list[Any] = []

    def blocks(source: str) -> None:
        open_blocks: list[str] = []
        for token in md.parse(manuscript.text(source)):
            if token.nesting == 1:
                open_blocks.append(token.type)
            elif token.nesting == -1:
                open_blocks.pop()
            elif token.type == "inline":
                where = open_blocks[-1] if open_blocks else ""
                if where == "heading_open":
                    story.append(Paragraph(inline(token), styles["h2"]))
                elif "blockquote_open" in open_blocks:
                    story.append(Paragraph(inline(token), styles["quote"]))
                elif "list_item_open" in open_blocks:
                    story.append(Paragraph(inline(token), styles["item"], bulletText="•"))
                else:
                    story.append(Paragraph(inline(token), styles["body"]))

    def line(raw: str, style: str) -> None:
        story.append(Paragraph(text(manuscript.text(raw)), styles[style]))

    line(manuscript.title, "title")
    for section in manuscript.sections:
        story.append(PageBreak())
        if isinstance(section, Prose):
            line(section.title, "title")
            if section.setting:
                line(section.setting, "meta")
            blocks(section.body)
            for question in section.questions:
                line(question, "item")
            if section.themes:
                line("Themes: " + ", ".join(section.themes), "meta")
        elif section == "characters":
            for c in manuscript.characters:
                line(f"{c['name']} {c.get('name_ja', '')}", "h3")
                line(f"{c['rank']} · {c['role']}", "meta")
                blocks(str(c["description"]))
        elif section == "letters":
            for le in manuscript.letters:
                line(str(le["title"]), "h3")
                line(f"{le['kind']} · {le['recipient']} · {le['date']}", "meta")
                blocks(str(le["text"]))
                for original in le.get("originals") or []:
                    line(f"{original['lang']} · {original['source']}", "meta")
                    line(str(original["text"]), "cjk" if original["lang"] == "ja" else "body")
                blocks(str(le.get("provenance") or ""))
        elif section == "terms":
            for t in manuscript.terms:
                line(f"{t['term']} {t.get('term_ja', '')}", "h3")
                blocks(str(t["definition"]))
        elif section == "timeline":
            for event in manuscript.timeline:
                line(f"{event['date']}: {event['text']}", "meta")
    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=29 * MM,
        rightMargin=23 * MM,
        topMargin=22 * MM,
        bottomMargin=24 * MM,
        invariant=1,
        pageCompression=1,
        title=manuscript.title,
    )
    doc.build(story)


def floor_epub(root: Path, out: Path) -> None:
    """Write the manuscript's text with plain ebooklib: one XHTML per section and per data file."""
    from xml.sax.saxutils import escape

    from ebooklib import epub
    from markdown_it import MarkdownIt

    manuscript = read_manuscript(root)
    md = MarkdownIt("commonmark", {"html": False})
    book = epub.EpubBook()
    book.set_identifier(manuscript.identifier)
    book.set_title(manuscript.title)
    book.set_language(manuscript.language)

    def render(source: str) -> str:
        return str(md.render(manuscript.text(source)))

    def para(raw: str, lang: str = "") -> str:
        attr = f' lang="{lang}"' if lang else ""
        return f"<p{attr}>{escape(manuscript.text(raw))}</p>"

    chapters: list[Any] = []
    for number, section in enumerate(manuscript.sections, start=1):
        if isinstance(section, Prose):
            title = section.title
            html = [f"<h1>{escape(title)}</h1>"]
            if section.setting:
                html.append(para(section.setting))
            html.append(render(section.body))
            if section.questions:
                html.append("<ol>" + "".join(f"<li>{escape(manuscript.text(q))}</li>" for q in section.questions))
                html.append("</ol>")
        else:
            title = section.capitalize()
            html = [f"<h1>{escape(title)}</h1>"]
            if section == "characters":
                for c in manuscript.characters:
                    html += [f"<h2>{escape(str(c['name']))}</h2>", para(f"{c['rank']} · {c['role']}")]
                    html.append(render(str(c["description"])))
            elif section == "letters":
                for le in manuscript.letters:
                    html += [f"<h2>{escape(str(le['title']))}</h2>", render(str(le["text"]))]
                    for original in le.get("originals") or []:
                        html.append(para(str(original["text"]), str(original["lang"])))
                    html.append(render(str(le.get("provenance") or "")))
            elif section == "terms":
                for t in manuscript.terms:
                    html += [f"<h2>{escape(str(t['term']))}</h2>", render(str(t["definition"]))]
            elif section == "timeline":
                html += [para(f"{e['date']}: {e['text']}") for e in manuscript.timeline]
        item = epub.EpubHtml(title=title, file_name=f"s{number:05d}.xhtml", lang=manuscript.language)
        item.content = "".join(html)
        book.add_item(item)
        chapters.append(item)
    book.toc = chapters
    book.spine = ["nav", *chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(out), book, {"epub3_pages": False, "raise_exceptions": True})


# ---------------------------------------------------------------- the benchmark


@dataclass
class Build:
    """The runs of one build at one scale."""

    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    size_kib: float = 0.0

    @property
    def ok(self) -> bool:
        """Return True when every run succeeded."""
        return bool(self.runs) and all(r.returncode == 0 for r in self.runs)

    @property
    def median(self) -> float:
        """Return the median wall time of the successful runs."""
        good = [r.seconds for r in self.runs if r.returncode == 0]
        return statistics.median(good) if good else math.nan

    @property
    def cpu_median(self) -> float:
        """Return the median CPU time of the successful runs."""
        good = [r.cpu_seconds for r in self.runs if r.returncode == 0]
        return statistics.median(good) if good else math.nan

    @property
    def peak_mib(self) -> float:
        """Return the largest peak memory of the runs."""
        return max((r.max_rss_mib for r in self.runs), default=math.nan)


def commands(kind: str, root: Path, out: Path) -> list[str]:
    """Return the command line of one build."""
    python = str(BIN / "python")
    match kind:
        case "iwobook-pdf":
            return [str(IWOBOOK), "-C", str(root), "build", "pdf", "--out", str(out), "-q"]
        case "iwobook-epub":
            return [str(IWOBOOK), "-C", str(root), "build", "epub", "--out", str(out), "-q"]
        case "iwobook-check":
            return [str(IWOBOOK), "-C", str(root), "check"]
        case "floor-pdf":
            return [python, str(Path(__file__).resolve()), "floor-pdf", str(root), str(out / "floor.pdf")]
        case "floor-epub":
            return [python, str(Path(__file__).resolve()), "floor-epub", str(root), str(out / "floor.epub")]
    raise ValueError(kind)


def say(message: str) -> None:
    """Print a progress line on stderr."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def bench_scale(scale: int, repeats: int) -> dict[str, Any]:
    """Generate and check the book of scale, then time every build repeats times, interleaved."""
    root = BENCH_DIR / f"synth-{scale}"
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "python"), str(PROJECT / "tools" / "synth.py"), "--scale", str(scale), "--out", str(root)],
        check=True,
    )
    stats = json.loads((root / "synth.json").read_text(encoding="utf-8"))
    say(f"scale {scale}: generated {stats['words']:,} words in {time.perf_counter() - started:.1f} s")
    builds = {kind: Build() for kind in BUILDS}
    check = run_process(commands("iwobook-check", root, root))
    if check.returncode != 0:
        say(f"scale {scale}: `iwobook check` failed on the synthetic book (a tools/synth.py bug):\n{check.error}")
        builds["iwobook-check"].runs.append(check)
        return {"scale": scale, "words": stats["words"], "synth": stats, "builds": builds}
    for repeat in range(1, repeats + 1):
        for kind in BUILDS:
            out = BENCH_DIR / f"out-{scale}" / kind
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            run = run_process(commands(kind, root, out))
            builds[kind].runs.append(run)
            state = f"{run.seconds:7.2f} s {run.max_rss_mib:6.0f} MiB" if run.returncode == 0 else "FAILED"
            say(f"scale {scale} run {repeat}/{repeats} {kind:13} {state}")
            if run.returncode != 0:
                say(run.error)
                continue
            if kind == "iwobook-check":
                continue
            result = only_file(out, ".pdf" if kind.endswith("pdf") else ".epub")
            builds[kind].size_kib = result.stat().st_size / 1024
            if kind.endswith("pdf") and not builds[kind].pages:
                builds[kind].pages = pdf_pages(result)
    return {"scale": scale, "words": stats["words"], "synth": stats, "builds": builds}


def time_help(runs: int = 15) -> dict[str, float]:
    """Return the median and best wall time of `iwobook --help`, and of `python -c pass` for reference."""
    for _ in range(2):
        run_process([str(IWOBOOK), "--help"])
    help_times = [run_process([str(IWOBOOK), "--help"]).seconds * 1000 for _ in range(runs)]
    bare = [run_process([str(BIN / "python"), "-c", "pass"]).seconds * 1000 for _ in range(runs)]
    return {
        "median_ms": statistics.median(help_times),
        "best_ms": min(help_times),
        "python_startup_median_ms": statistics.median(bare),
    }


def check_make() -> dict[str, Any]:
    """Run `make pdf` twice; report whether the second (and `make -q pdf`) would rebuild anything."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PAPER")}

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", *args], cwd=PROJECT, env=env, capture_output=True, text=True
        )

    first = make("pdf")
    if first.returncode != 0:
        return {"ok": False, "error": (first.stdout + first.stderr)[-2000:]}
    before = {p.name: p.stat().st_mtime_ns for p in (PROJECT / "dist").glob("*.pdf")}
    dry = make("-n", "pdf")
    question = make("-q", "pdf")
    second = make("pdf")
    after = {p.name: p.stat().st_mtime_ns for p in (PROJECT / "dist").glob("*.pdf")}
    return {
        "ok": True,
        "second_make_pdf_output": second.stdout.strip(),
        "second_make_pdf_ran_iwobook": "iwobook build" in second.stdout,
        "pdf_rewritten": before != after,
        "make_n_pdf_output": dry.stdout.strip(),
        "make_n_pdf_would_run_iwobook": "iwobook build" in dry.stdout,
        "make_q_pdf_status": question.returncode,
    }


def exponent(points: list[tuple[float, float]]) -> float:
    """Return the least-squares slope of log(time) against log(words)."""
    good = [(math.log(w), math.log(t)) for w, t in points if t > 0 and not math.isnan(t)]
    if len(good) < 2:
        return math.nan
    mx = statistics.fmean(x for x, _ in good)
    my = statistics.fmean(y for _, y in good)
    sxx = sum((x - mx) ** 2 for x, _ in good)
    return sum((x - mx) * (y - my) for x, y in good) / sxx if sxx else math.nan


def fmt(value: float, digits: int = 2) -> str:
    """Return a number for the table ('-' when unknown)."""
    return "-" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def table(results: list[dict[str, Any]]) -> Iterator[str]:
    """Yield the lines of the results table (Markdown)."""
    yield (
        "| scale | words | build | runs | wall s | best s | CPU s | peak MiB | pages | pages/s | kwords/s "
        "| wall ÷ floor | CPU ÷ floor | memory ÷ floor |"
    )
    yield "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for result in results:
        builds: dict[str, Build] = result["builds"]
        for kind in BUILDS:
            build = builds[kind]
            if not build.runs:
                continue
            seconds = build.median
            best = min((r.seconds for r in build.runs if r.returncode == 0), default=math.nan)
            floor = builds.get(kind.replace("iwobook", "floor"))
            ratio = cpu = memory = "-"
            if kind.startswith("iwobook-") and kind != "iwobook-check" and floor is not None and floor.ok:
                ratio = fmt(seconds / floor.median) + "×"
                cpu = fmt(build.cpu_median / floor.cpu_median) + "×"
                memory = fmt(build.peak_mib / floor.peak_mib) + "×"
            pages = str(build.pages) if build.pages else "-"
            per_second = fmt(build.pages / seconds, 1) if build.pages else "-"
            failed = "" if build.ok else " FAILED"
            yield (
                f"| {result['scale']}× | {result['words']:,} | {kind}{failed} | {len(build.runs)} | {fmt(seconds)} "
                f"| {fmt(best)} | {fmt(build.cpu_median)} | {fmt(build.peak_mib, 0)} | {pages} | {per_second} "
                f"| {fmt(result['words'] / seconds / 1000, 1)} | {ratio} | {cpu} | {memory} |"
            )


@dataclass
class Scaling:
    """How one build's time grows with the words: least-squares exponents, and the CPU exponent per step."""

    wall: float
    cpu: float
    steps: dict[str, float]  # "10→100": the CPU exponent between two neighbouring scales
    from_10: list[float]  # the steps that start at 10× or more (fixed start-up costs hide the slope below)


def scaling(results: list[dict[str, Any]], kind: str) -> Scaling:
    """Return the scaling of one build over the scales where it succeeded."""
    done = sorted((r for r in results if r["builds"][kind].ok), key=lambda r: r["words"])
    wall = exponent([(float(r["words"]), r["builds"][kind].median) for r in done])
    cpu = exponent([(float(r["words"]), r["builds"][kind].cpu_median) for r in done])
    steps: dict[str, float] = {}
    from_10: list[float] = []
    for low, high in itertools.pairwise(done):
        value = exponent([(float(r["words"]), r["builds"][kind].cpu_median) for r in (low, high)])
        steps[f"{low['scale']}→{high['scale']}"] = value
        if low["scale"] >= 10:
            from_10.append(value)
    return Scaling(wall, cpu, steps, from_10)


def summary(results: list[dict[str, Any]], help_times: dict[str, float]) -> dict[str, Any]:
    """Return the scaling of each build and the reach: each aim, its measured value, whether it is met."""
    scalings = {kind: scaling(results, kind) for kind in BUILDS}
    reach: list[dict[str, Any]] = []

    def aim(text: str, value: float, met: bool, note: str = "") -> None:
        reach.append({"aim": text, "value": value, "met": met, "note": note})

    for result in results:
        b: dict[str, Build] = result["builds"]
        scale = result["scale"]
        for kind, target in (("pdf", TARGET_PDF_RATIO), ("epub", TARGET_EPUB_RATIO)):
            mine, floor = b[f"iwobook-{kind}"], b[f"floor-{kind}"]
            if mine.ok and floor.ok and scale <= 10:
                value = mine.median / floor.median
                cpu = mine.cpu_median / floor.cpu_median
                aim(f"{kind.upper()} ≤ {target}× its floor at {scale}×", value, value <= target, f"CPU ratio {cpu:.2f}")
        if scale >= 100:
            for kind in ("iwobook-pdf", "iwobook-epub"):
                if b[kind].runs:
                    value = b[kind].peak_mib
                    text = f"{kind} peak memory ≤ {TARGET_MEMORY_MIB:.0f} MiB at {scale}×"
                    aim(text, value, value <= TARGET_MEMORY_MIB)
    for kind in ("iwobook-pdf", "iwobook-epub"):
        found = scalings[kind]
        if math.isnan(found.wall):
            continue
        note = f"CPU fit {found.cpu:.2f}" + "".join(f", CPU {step} {k:.2f}" for step, k in found.steps.items())
        met = found.wall <= TARGET_EXPONENT and all(k <= TARGET_EXPONENT for k in found.from_10)
        aim(f"{kind} time ∝ words^k, k ≤ {TARGET_EXPONENT} (fit, and each step from 10× up)", found.wall, met, note)
    value = help_times["median_ms"]
    aim(f"iwobook --help ≤ {TARGET_HELP_MS:.0f} ms", value, value <= TARGET_HELP_MS)
    return {"exponents": {kind: asdict(found) for kind, found in scalings.items()}, "reach": reach}


def bench(scales: list[int], repeats: int | None, with_make: bool) -> int:
    """Run the whole benchmark; print the table; write dist/bench/results.json. Return 1 if a build failed."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load = os.getloadavg()
    results = [bench_scale(scale, repeats or (3 if scale <= 10 else 1)) for scale in scales]
    say("timing iwobook --help")
    help_times = time_help()
    make_check: dict[str, Any] = {}
    if with_make:
        say("checking that a second `make pdf` does nothing")
        make_check = check_make()
    found = summary(results, help_times)
    lines = list(table(results))
    print("\n".join(lines))
    print()
    if len(results) >= 2:
        print(f"exponent k of time ∝ words^k (least squares over scales {', '.join(str(s) for s in scales)}):")
        for kind, values in found["exponents"].items():
            steps = "".join(f"   CPU {step}: {fmt(k, 3)}" for step, k in values["steps"].items())
            print(f"  {kind:13} wall k = {fmt(values['wall'], 3)}   CPU k = {fmt(values['cpu'], 3)}{steps}")
    print(
        f"iwobook --help: median {help_times['median_ms']:.0f} ms, best {help_times['best_ms']:.0f} ms "
        f"(python -c pass: {help_times['python_startup_median_ms']:.0f} ms)"
    )
    if make_check:
        if make_check["ok"]:
            did = "rebuilt the PDF" if make_check["second_make_pdf_ran_iwobook"] else "did nothing"
            print(
                f"second `make pdf`: {did} (output: {make_check['second_make_pdf_output']!r}); "
                f"`make -n pdf` would run iwobook: {make_check['make_n_pdf_would_run_iwobook']}; "
                f"`make -q pdf` exit status {make_check['make_q_pdf_status']}"
            )
        else:
            print(f"`make pdf` failed:\n{make_check['error']}")
    print()
    for aim in found["reach"]:
        note = f" ({aim['note']})" if aim["note"] else ""
        print(f"{'met   ' if aim['met'] else 'MISSED'} {aim['aim']}: {aim['value']:.2f}{note}")
    elapsed = time.perf_counter() - started
    print(f"\nbenchmark took {elapsed / 60:.1f} min; load average at start {load[0]:.2f}")
    document = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load,
        },
        "seconds": elapsed,
        "scales": [
            {
                "scale": r["scale"],
                "words": r["words"],
                "synth": r["synth"],
                "builds": {
                    kind: {
                        "median_s": b.median,
                        "peak_mib": b.peak_mib,
                        "pages": b.pages,
                        "size_kib": b.size_kib,
                        "runs": [asdict(run) for run in b.runs],
                    }
                    for kind, b in r["builds"].items()
                    if b.runs
                },
            }
            for r in results
        ],
        "help": help_times,
        "make": make_check,
        "table": lines,
        **found,
    }
    path = BENCH_DIR / "results.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"results: {path.relative_to(PROJECT)}")
    failed = any(not b.ok for r in results for b in r["builds"].values() if b.runs)
    return 1 if failed else 0


# ---------------------------------------------------------------- profiling


def flat_profile(path: Path, top: int = 40) -> str:
    """Return the functions of a cProfile file by their own time: share of the total, seconds, calls."""
    import pstats

    stats = pstats.Stats(str(path))
    table: Any = stats.stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in table.values()) or 1.0
    lines = [f"{'self %':>7} {'self s':>8} {'cum s':>8} {'calls':>10}  function  (total {total:.1f} s, cProfile)"]
    ranked = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:top]
    for (file, line, name), (_, calls, own, cumulative, _) in ranked:
        where = file.split("site-packages/")[-1].split("/src/")[-1]
        lines.append(f"{own / total:7.1%} {own:8.2f} {cumulative:8.2f} {calls:10}  {name}  {where}:{line}")
    return "\n".join(lines) + "\n"


def profile(scale: int) -> int:
    """Profile the PDF and EPUB builds at scale with pyinstrument, and `iwobook --help` with -X importtime."""
    python = str(BIN / "python")
    if subprocess.run([python, "-c", "import pyinstrument"], capture_output=True).returncode != 0:
        say("pyinstrument is not installed: .venv/bin/pip install pyinstrument (not part of requirements.lock)")
        return 2
    root = BENCH_DIR / f"synth-{scale}"
    subprocess.run([python, str(PROJECT / "tools" / "synth.py"), "--scale", str(scale), "--out", str(root)], check=True)
    for what in ("pdf", "epub"):
        out = BENCH_DIR / f"out-{scale}" / f"profile-{what}"
        out.mkdir(parents=True, exist_ok=True)
        build = ["-m", "iwobook", "-C", str(root), "build", what, "--out", str(out), "-q"]
        # the call tree, sampled (little overhead): iwobook's frames shown, libraries collapsed below them
        tree = BENCH_DIR / f"profile-{what}-{scale}-tree.txt"
        command = [python, "-m", "pyinstrument", "-r", "text", "--no-color", "-p", "time=percent_of_total"]
        command += ["--show", "*/iwobook/*", "-o", str(tree), *build]
        subprocess.run(command, check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
        say(f"wrote {tree.relative_to(PROJECT)}")
        # functions by their own time, with call counts (cProfile: exact counts, but it slows calls down)
        stats = BENCH_DIR / f"profile-{what}-{scale}.prof"
        command = [python, "-m", "cProfile", "-o", str(stats), *build]
        subprocess.run(command, check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
        flat = BENCH_DIR / f"profile-{what}-{scale}-flat.txt"
        flat.write_text(flat_profile(stats), encoding="utf-8")
        say(f"wrote {flat.relative_to(PROJECT)}")
    imports = subprocess.run(
        [python, "-X", "importtime", str(IWOBOOK), "--help"], capture_output=True, text=True, cwd=PROJECT
    ).stderr
    rows: list[tuple[int, str]] = []
    for row in imports.splitlines():
        parts = row.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    report = BENCH_DIR / "importtime-help.txt"
    total = max((us for us, _ in rows), default=0)
    lines = [f"cumulative µs  module   (largest cumulative import: {total / 1000:.1f} ms)"]
    lines += [f"{us:12}  {name}" for us, name in sorted(rows, reverse=True)[:25]]
    report.write_text("\n".join(lines) + "\n\n" + imports, encoding="utf-8")
    print("\n".join(lines))
    say(f"wrote {report.relative_to(PROJECT)}")
    return 0


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    args = sys.argv[1:] if argv is None else argv
    floors: dict[str, Callable[[Path, Path], None]] = {"floor-pdf": floor_pdf, "floor-epub": floor_epub}
    if args and args[0] in floors:
        if len(args) != 3:
            print(f"usage: bench.py {args[0]} ROOT OUT", file=sys.stderr)
            return 2
        floors[args[0]](Path(args[1]), Path(args[2]))
        return 0
    if args and args[0] == "profile":
        parser = argparse.ArgumentParser(prog="bench.py profile")
        parser.add_argument("--scale", type=int, default=10)
        return profile(parser.parse_args(args[1:]).scale)
    parser = argparse.ArgumentParser(prog="bench.py", description="Benchmark iwobook against plain floors.")
    parser.add_argument("--scales", default="1 10", help='scales to run, e.g. "1 10 100" (default: "1 10")')
    parser.add_argument("--repeats", type=int, help="runs per build (default: 3 up to scale 10, else 1)")
    parser.add_argument("--no-make", action="store_true", help="skip the `make pdf` twice check")
    options = parser.parse_args(args)
    try:
        scales = [int(s) for s in options.scales.replace(",", " ").split()]
    except ValueError:
        parser.error(f"--scales must be whole numbers, not {options.scales!r}")
    if not scales or min(scales) < 1:
        parser.error("--scales needs at least one scale of 1 or more")
    return bench(scales, options.repeats, not options.no_make)


if __name__ == "__main__":
    sys.exit(main())
