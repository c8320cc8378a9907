"""CommonMark (markdown-it-py) to model blocks and inlines, with `[[xref]]` and `[text]{lang=xx}` spans."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin

from iwobook.diagnostics import Code, Report
from iwobook.load.fields import LANG_PATTERN
from iwobook.load.files import relative_name, resolve_inside
from iwobook.model import (
    Block,
    Blocks,
    CrossRef,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Loc,
    Paragraph,
    Quote,
    Strong,
    Text,
)
from iwobook.model import (
    Code as CodeSpan,
)

_XREF = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")


def _xref_rule(state: StateInline, silent: bool) -> bool:
    """markdown-it inline rule: `[[target]]` or `[[target|text]]` becomes one 'xref' token."""
    if not state.src.startswith("[[", state.pos):
        return False
    match = _XREF.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("xref", "", 0)
        label = typeset_plain((match.group(2) or "").strip(), tuple(state.md.options.get("quotes", QUOTES["en"])))
        token.meta = {"target": match.group(1).strip(), "text": label}
        token.content = token.meta["text"] or token.meta["target"]  # so smartquotes sees a word before a quote
    state.pos = match.end()
    return True


# quotation marks per language for markdown-it's smartquotes: double open, double close, single open, close
QUOTES: dict[str, list[str]] = {
    "en": ["\u201c", "\u201d", "\u2018", "\u2019"],
    "fr": ["\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a"],
    "de": ["\u201e", "\u201c", "\u201a", "\u2018"],
    "es": ["\u00ab", "\u00bb", "\u201c", "\u201d"],
    "it": ["\u00ab", "\u00bb", "\u201c", "\u201d"],
    "ja": ["\u300c", "\u300d", "\u300e", "\u300f"],
    "zh": ["\u300c", "\u300d", "\u300e", "\u300f"],
}


def quotes_for(language: str) -> list[str]:
    """Return the quotation marks of a language tag (its primary subtag), English ones when unknown."""
    return QUOTES.get(language.split("-")[0].lower(), QUOTES["en"])


def _make_parser(language: str = "en") -> MarkdownIt:
    """Return the CommonMark parser with xrefs and lang spans on, and markdown-it's typographer (curly quotes
    and apostrophes in the language's style, dashes, ellipses; code spans keep straight marks); raw HTML and
    every link destination are parsed (not left as literal text) so that the reader can refuse them at their line."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": True, "quotes": quotes_for(language)})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.enable(["replacements", "smartquotes"])
    md.use(attrs_plugin, spans=True, allowed=["lang"])
    md.inline.ruler.before("link", "xref", _xref_rule)
    return md


@functools.lru_cache(maxsize=8)
def _plain_parser(quotes: tuple[str, ...]) -> MarkdownIt:
    """Return a parser that only applies the typographer: for plain text, whose * and _ stay literal."""
    md = MarkdownIt("zero", {"typographer": True, "quotes": list(quotes)})
    md.enable(["replacements", "smartquotes"])
    return md


def typeset_plain(text: str, quotes: tuple[str, ...]) -> str:
    """Return plain text with curly quotes and apostrophes (quotes: the language's four marks), dashes and
    ellipses, as markdown-it's typographer sets them in prose."""
    if not text or not any(c in text for c in "'\"-.()+"):
        return text
    return "".join(
        child.content if child.type == "text" else "\n"
        for token in _plain_parser(quotes).parseInline(text)
        for child in token.children or []
        if child.type in ("text", "softbreak", "hardbreak")
    )


_WEB_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{1,31}):")


def link_problem(href: str, title: str, has_text: bool) -> str | None:
    """Return why a Markdown link cannot be printed and read the same in both formats, or None."""
    if href.startswith("#"):
        return f"a link to '{href}' inside the book: use a cross-reference such as [[id]] or [[id|text]]"
    scheme = _SCHEME.match(href)
    if scheme is None:
        return (
            f"link target '{href}' is not a web address; use http://, https:// or mailto:,"
            " or [[id]] for a place in the book"
        )
    if scheme.group(1).lower() not in _WEB_SCHEMES:
        return f"links with '{scheme.group(1)}:' are not supported; use http://, https:// or mailto:"
    if scheme.group(1).lower() in ("http", "https") and not re.match(r"^https?://[^/\s]", href, re.IGNORECASE):
        return f"link target '{href}' has no host"
    if title:
        return 'link titles ("..." after the address) are not supported; say it in the text'
    if not has_text:
        return f"a link needs text: write [what it is]({href})"
    return None


def _html_problem(html: str) -> str:
    """Return the E152 message for raw HTML (or an HTML comment)."""
    if html.lstrip().startswith("<!--"):
        return "HTML comments are not supported; remove the comment (it would be printed or lost)"
    tag = html.strip().split("\n", 1)[0][:40]
    return f"raw HTML ({tag}) is not supported; write it in Markdown"


@dataclass
class _Context:
    """Where the text being parsed lives: for locations, image paths and diagnostics."""

    path: str
    base: Path
    root: Path
    report: Report
    offset: int


class MarkdownReader:
    """Parse Markdown text from a manuscript file into model nodes."""

    def __init__(self, language: str = "en") -> None:
        self.md = _make_parser(language)
        self.quotes = tuple(quotes_for(language))

    def plain(self, text: str) -> str:
        """Return a plain-text field with the same typography as prose: curly quotes, dashes, ellipses."""
        return typeset_plain(text, self.quotes)

    def blocks(self, text: str, path: str, base: Path, root: Path, report: Report, first_line: int = 1) -> Blocks:
        """Return the blocks of text; first_line is the file line of the text's first line."""
        ctx = _Context(path, base, root, report, first_line - 1)
        tokens = self.md.parse(text)
        blocks, _ = _read_blocks(tokens, 0, None, ctx)
        return tuple(blocks)

    def inlines(self, text: str, path: str, report: Report, line: int) -> Inlines:
        """Return the inlines of a one-paragraph text (such as a question or a YAML field)."""
        ctx = _Context(path, Path("."), Path("."), report, line - 1)
        tokens = self.md.parse(text)
        result: list[Inline] = []
        for token in tokens:
            if token.type == "inline":
                if result:
                    result.append(Text(Loc(path, line), " "))
                result.extend(_read_inlines(token, ctx))
            elif token.type not in ("paragraph_open", "paragraph_close"):
                message = "only inline text is allowed here (no lists, headings, quotes, code or HTML blocks)"
                report.add(path, line, Code.E152, message)
                break
        return tuple(result)


def _line(token: Token, ctx: _Context) -> int:
    """Return the file line where a block token starts."""
    return (token.map[0] if token.map else 0) + 1 + ctx.offset


def _read_blocks(tokens: list[Token], start: int, close: str | None, ctx: _Context) -> tuple[list[Block], int]:
    """Read blocks from tokens[start:] until the closing token type; return them and the next index."""
    blocks: list[Block] = []
    i = start
    while i < len(tokens):
        token = tokens[i]
        if close is not None and token.type == close:
            return blocks, i + 1
        loc = Loc(ctx.path, _line(token, ctx))
        match token.type:
            case "paragraph_open":
                inline = tokens[i + 1]
                block = _paragraph_or_figure(inline, loc, ctx)
                if block is not None:
                    blocks.append(block)
                i += 3
            case "heading_open":
                level = int(token.tag[1])
                inlines = _read_inlines(tokens[i + 1], ctx)
                if level not in (2, 3):
                    ctx.report.add(
                        ctx.path,
                        loc.line,
                        Code.E152,
                        f"heading level {level} is not allowed here; use ## or ###"
                        " (the title comes from the front matter)",
                    )
                else:
                    blocks.append(Heading(loc, level, inlines))
                i += 3
            case "bullet_list_open" | "ordered_list_open":
                ordered = token.type == "ordered_list_open"
                closing = token.type.replace("_open", "_close")
                items: list[Blocks] = []
                i += 1
                while tokens[i].type == "list_item_open":
                    item, i = _read_blocks(tokens, i + 1, "list_item_close", ctx)
                    items.append(tuple(item))
                start_attr = token.attrGet("start")
                start_number = (
                    int(start_attr) if isinstance(start_attr, (int, str)) and str(start_attr).isdigit() else 1
                )
                blocks.append(ListBlock(loc, ordered, tuple(items), start_number))
                assert tokens[i].type == closing
                i += 1
            case "blockquote_open":
                inner, i = _read_blocks(tokens, i + 1, "blockquote_close", ctx)
                blocks.append(Quote(loc, tuple(inner)))
            case "fence" | "code_block":
                ctx.report.add(ctx.path, loc.line, Code.E152, "code blocks are not supported in a book manuscript")
                i += 1
            case "hr":
                ctx.report.add(
                    ctx.path, loc.line, Code.E152, "horizontal rules are not supported; start a new section or heading"
                )
                i += 1
            case "html_block":
                ctx.report.add(ctx.path, loc.line, Code.E152, _html_problem(token.content))
                i += 1
            case _:
                ctx.report.add(ctx.path, loc.line, Code.E152, f"unsupported Markdown ({token.type})")
                i += 1
    return blocks, i


def _paragraph_or_figure(inline: Token, loc: Loc, ctx: _Context) -> Block | None:
    """Return a Figure for a paragraph holding one image, else a Paragraph."""
    children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        image = children[0]
        alt = "".join(c.content for c in (image.children or [])).strip() or image.content.strip()
        src = str(image.attrGet("src") or "")
        caption = str(image.attrGet("title") or "")
        if not alt:
            ctx.report.add(
                ctx.path, loc.line, Code.E141, f"image '{src}' has no alt text: write ![what it shows]({src})"
            )
        target = resolve_inside(ctx.root, ctx.base, src, ctx.report, (ctx.path, loc.line))
        if target is None:
            return None
        if not target.is_file():
            ctx.report.add(ctx.path, loc.line, Code.E140, f"image '{src}' does not exist")
            return None
        return Figure(loc, relative_name(target, ctx.root), alt, caption)
    return Paragraph(loc, _read_inlines(inline, ctx))


def _read_inlines(inline: Token, ctx: _Context) -> Inlines:
    """Return the inline nodes of one inline token."""
    line = _line(inline, ctx)
    stack: list[tuple[str, str, list[Inline], int]] = [("root", "", [], line)]
    for child in inline.children or []:
        loc = Loc(ctx.path, line)
        top = stack[-1][2]
        match child.type:
            case "text":
                _append_text(top, loc, child.content)
            case "softbreak":
                _append_text(top, loc, " ")
                line += 1
            case "hardbreak":
                top.append(LineBreak(loc))
                line += 1
            case "code_inline":
                top.append(CodeSpan(loc, child.content))
            case "xref":
                text = str(child.meta.get("text", ""))
                top.append(CrossRef(loc, str(child.meta["target"]), (Text(loc, text),) if text else ()))
            case "link_open" if child.attrGet("title"):
                stack.append(("link_titled", str(child.attrGet("href") or ""), [], line))
            case "em_open" | "strong_open" | "link_open" | "span_open":
                extra = str(child.attrGet("href") or child.attrGet("lang") or "")
                stack.append((child.type, extra, [], line))
            case "em_close" | "strong_close" | "link_close" | "span_close":
                kind, extra, nodes, start = stack.pop()
                _close(stack[-1][2], kind, extra, tuple(nodes), Loc(ctx.path, start), ctx)
            case "image":
                ctx.report.add(ctx.path, line, Code.E152, "an image must stand alone in its own paragraph")
            case "html_inline":
                ctx.report.add(ctx.path, line, Code.E152, _html_problem(child.content))
            case _:
                ctx.report.add(ctx.path, line, Code.E152, f"unsupported inline Markdown ({child.type})")
    return tuple(stack[0][2])


def _append_text(nodes: list[Inline], loc: Loc, text: str) -> None:
    """Append text, merging with a preceding Text node."""
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].loc, nodes[-1].text + text)
    elif text:
        nodes.append(Text(loc, text))


def _close(out: list[Inline], kind: str, extra: str, children: Inlines, loc: Loc, ctx: _Context) -> None:
    """Append the node that an opening token of kind started."""
    match kind:
        case "em_open":
            out.append(Emphasis(loc, children))
        case "strong_open":
            out.append(Strong(loc, children))
        case "link_open" | "link_titled":
            has_text = any(not isinstance(c, Text) or c.text.strip() for c in children)
            problem = link_problem(extra, "title" if kind == "link_titled" else "", has_text)
            if problem:
                ctx.report.add(ctx.path, loc.line, Code.E152, problem)
                out.extend(children)
            else:
                out.append(Link(loc, extra, children))
        case "span_open":
            if not extra or not LANG_PATTERN.match(extra):
                ctx.report.add(
                    ctx.path, loc.line, Code.E123, f"span needs a language tag such as {{lang=ja}}, not '{extra}'"
                )
                out.extend(children)
            else:
                out.append(LangSpan(loc, extra, children))
