"""The two floors: the manuscript's text typeset with plain reportlab, and written with plain ebooklib.

They read the same manuscript files and typeset the same words, with none of iwobook's features:
  floor-pdf   markdown-it-py parse, cross-references and language spans replaced by their text, Paragraphs
              (and a PageBreak per section) in one SimpleDocTemplate build: A4, iwobook's margins and body
              style, the same embedded TrueType fonts (Noto Serif, IPAex Mincho for Japanese runs),
              invariant=1, page compression on (as iwobook), no hyphenation, no TOC, no cover.
  floor-epub  markdown-it-py render, one XHTML per section and per data file, ebooklib's default writer
              (NCX and nav; its page-list scan switched off, as iwobook does), no cover.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .manuscript import Prose, read_manuscript
from .project import FONTS

MM = 72 / 25.4
CJK = re.compile("[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def write_floor_pdf(root: Path, out: Path) -> None:
    """Typeset the manuscript under root into the PDF out with plain reportlab: one SimpleDocTemplate build."""
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
        for token in md.parse(manuscript.resolve_text(source)):
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
        story.append(Paragraph(text(manuscript.resolve_text(raw)), styles[style]))

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
                line(f"{c['name']} {japanese_of(c)}", "h3")
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
                line(f"{t['term']} {japanese_of(t)}", "h3")
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


def write_floor_epub(root: Path, out: Path) -> None:
    """Write the manuscript under root to the EPUB out with plain ebooklib: one XHTML per section and data file."""
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
        return str(md.render(manuscript.resolve_text(source)))

    def para(raw: str, lang: str = "") -> str:
        attr = f' lang="{lang}"' if lang else ""
        return f"<p{attr}>{escape(manuscript.resolve_text(raw))}</p>"

    chapters: list[Any] = []
    for number, section in enumerate(manuscript.sections, start=1):
        if isinstance(section, Prose):
            title = section.title
            html = [f"<h1>{escape(title)}</h1>"]
            if section.setting:
                html.append(para(section.setting))
            html.append(render(section.body))
            if section.questions:
                html.append(
                    "<ol>" + "".join(f"<li>{escape(manuscript.resolve_text(q))}</li>" for q in section.questions)
                )
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


def japanese_of(entry: dict[str, Any]) -> str:
    """Return the Japanese original of a character's name or a term ('' when it has none)."""
    return next((str(o["text"]) for o in entry.get("originals") or [] if o.get("lang") == "ja"), "")
