"""The book's cover as PNG bytes: the author's own image when book.yaml names one, else a typographic cover.

The drawn cover is sober and works in grayscale: dark ink on a warm off-white ground, the title in a bold
serif, the subtitle and edition in a sans. Fonts come from assets/fonts (Noto, and IPAex Mincho for
Japanese script); without them Pillow's built-in font is used. The same book gives the same bytes: Pillow's
basic text layout, no PNG metadata (no time, no DPI, no ICC profile).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from iwobook.config import BuildConfig, Edition
from iwobook.model import Book, is_cjk, script_runs

GROUND = (246, 243, 236)
INK = (26, 26, 26)
MUTED = (74, 74, 74)
ACCENT = (122, 30, 30)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class FontFiles:
    """Where the cover's three faces are: a bold serif, a sans and a Japanese face (None: built-in font)."""

    serif_bold: Path | None
    sans: Path | None
    cjk: Path | None


@dataclass(frozen=True)
class Face:
    """One size of a face for Latin text with its Japanese companion for CJK runs."""

    latin: Font
    cjk: Font
    size: int


def render_cover_png(book: Book, config: BuildConfig, width: int, height: int) -> bytes:
    """Return the cover (book.metadata.cover when set, else a drawn one) as PNG bytes of width×height."""
    return encode_png(render_cover_image(book, config, width, height))


def render_cover_image(book: Book, config: BuildConfig, width: int, height: int) -> Image.Image:
    """Return the cover (book.metadata.cover when set, else a drawn one) as an RGB image of width×height (the
    PDF embeds its pixels, so a PNG made for it would only be decoded again)."""
    if book.metadata.cover:
        path = config.root / book.metadata.cover
        if path.is_file():
            return fit_image(path, width, height)
    edition = book.messages("cover.large_print") if config.edition is Edition.LARGE_PRINT else ""
    return draw_cover(book, find_fonts(config.asset("fonts")), width, height, edition)


def find_fonts(folder: Path) -> FontFiles:
    """Return the cover fonts found in folder; a missing file becomes None (Pillow's built-in font)."""

    def pick_font(name: str) -> Path | None:
        """Return folder/name when the file exists."""
        path = folder / name
        return path if path.is_file() else None

    return FontFiles(pick_font("NotoSerif-Bold.ttf"), pick_font("NotoSans-Regular.ttf"), pick_font("ipaexm.ttf"))


def load_font(path: Path | None, size: int) -> Font:
    """Return the font at path in size pixels (basic, reproducible layout), or the built-in one."""
    if path is not None:
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size)


def make_face(latin: Path | None, cjk: Path | None, size: int) -> Face:
    """Return a face of size pixels: latin for most text, cjk (or latin when missing) for Japanese runs."""
    latin_font = load_font(latin, size)
    return Face(latin_font, load_font(cjk, size) if cjk is not None else latin_font, size)


def fit_image(path: Path, width: int, height: int) -> Image.Image:
    """Return the image at path scaled into width×height on a white ground, without its metadata."""
    with Image.open(path) as source:
        source.load()
        rgba = source.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    padded = ImageOps.pad(flat, (width, height), method=Image.Resampling.LANCZOS, color=(255, 255, 255))
    clean = Image.new("RGB", (width, height))
    clean.paste(padded)
    return clean


def encode_png(image: Image.Image) -> bytes:
    """Return image as PNG bytes with no ancillary metadata."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def measure_text(text: str, face: Face) -> float:
    """Return the drawn width of text in face, measuring Japanese runs in the Japanese font."""
    return sum(float((face.cjk if cjk else face.latin).getlength(run)) for run, cjk in script_runs(text))


def split_units(text: str) -> list[tuple[str, bool]]:
    """Return text as (unit, space before) pairs: words, and single CJK characters (breakable anywhere)."""
    units: list[tuple[str, bool]] = []
    for index, word in enumerate(text.split()):
        pieces: list[str] = []
        latin = ""
        for char in word:
            if is_cjk(char):
                if latin:
                    pieces.append(latin)
                    latin = ""
                pieces.append(char)
            else:
                latin += char
        if latin:
            pieces.append(latin)
        units += [(piece, n == 0 and index > 0) for n, piece in enumerate(pieces)]
    return units


def wrap_text(text: str, face: Face, width: float) -> list[str]:
    """Return text broken greedily into lines no wider than width (a unit wider than width stands alone)."""
    lines: list[str] = []
    line = ""
    for unit, space in split_units(text):
        candidate = f"{line} {unit}" if line and space else line + unit
        if line and measure_text(candidate, face) > width:
            lines.append(line)
            line = unit
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fit_text(
    text: str, fonts: tuple[Path | None, Path | None], start: int, width: float, max_lines: int
) -> tuple[Face, list[str]]:
    """Return the largest face (start and down) at which text wraps into at most max_lines lines of width."""
    size = start
    while True:
        face = make_face(fonts[0], fonts[1], size)
        lines = wrap_text(text, face, width)
        fits = len(lines) <= max_lines and all(measure_text(line, face) <= width for line in lines)
        if fits or size <= 12:
            return face, lines
        size = max(12, int(size * 0.92))


def draw_line(
    draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, face: Face, fill: tuple[int, int, int]
) -> None:
    """Draw one line of text at baseline, switching to the Japanese font for CJK runs."""
    for run, cjk in script_runs(text):
        font = face.cjk if cjk else face.latin
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += float(font.getlength(run))


def draw_block(
    draw: ImageDraw.ImageDraw,
    x: float,
    top: float,
    lines: list[str],
    face: Face,
    leading: float,
    fill: tuple[int, int, int],
) -> float:
    """Draw lines from top with leading × size between baselines; return the y below the last line."""
    baseline = top + face.size * 0.95
    for line in lines:
        draw_line(draw, x, baseline, line, face, fill)
        baseline += face.size * leading
    return baseline - face.size * leading + face.size * 0.35


def draw_cover(book: Book, fonts: FontFiles, width: int, height: int, edition: str = "") -> Image.Image:
    """Return a typographic cover: rule, title, subtitle, and at the foot the contributors, the book's edition
    and the edition being built (e.g. 'Large-print edition'; '' for none)."""
    meta = book.metadata
    image = Image.new("RGB", (width, height), GROUND)
    draw = ImageDraw.Draw(image)
    margin = round(width * 0.1)
    measure = width - 2 * margin
    rule = max(2, round(width * 0.008))

    top = round(height * 0.14)
    draw.rectangle((margin, top, margin + measure, top + rule), fill=ACCENT)
    y: float = top + rule + round(height * 0.05)
    title_face, title_lines = fit_text(meta.title, (fonts.serif_bold, fonts.cjk), round(width * 0.115), measure, 4)
    y = draw_block(draw, margin, y, title_lines, title_face, 1.16, INK)
    if meta.subtitle:
        y += round(height * 0.03)
        face, lines = fit_text(meta.subtitle, (fonts.sans, fonts.cjk), round(width * 0.048), measure, 4)
        draw_block(draw, margin, y, lines, face, 1.3, MUTED)

    foot = [", ".join(c.name for c in meta.contributors), meta.edition, edition]
    foot_face = make_face(fonts.sans, fonts.cjk, round(width * 0.034))
    foot_lines = [line for text in foot if text for line in wrap_text(text, foot_face, measure)]
    block_height = len(foot_lines) * foot_face.size * 1.4
    bottom_rule = round(height * 0.86 - block_height)
    draw.rectangle((margin, bottom_rule, margin + measure, bottom_rule + max(1, rule // 3)), fill=INK)
    draw_block(draw, margin, bottom_rule + round(height * 0.025), foot_lines, foot_face, 1.4, INK)
    return image
