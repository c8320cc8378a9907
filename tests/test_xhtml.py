"""The markup layer shared by the EPUB and HTML writers: one element tree, written in either syntax."""

from __future__ import annotations

from pathlib import Path

from iwobook.writers.xhtml.markup import HTML, SVG_NS, XHTML, h, make_lang_attrs, serialise


def test_one_tree_in_two_syntaxes() -> None:
    """XHTML keeps xml:lang and xmlns and closes void elements with '/>'; HTML writes xml:lang as lang (once),
    drops xmlns, leaves void elements open and self-closes empty SVG shapes; both escape text and keep alt=""."""
    tree = h(
        "p",
        make_lang_attrs("ar"),
        "a < b & c\x01",
        h("br"),
        h("span", {"xml:lang": "ja", "title": 'say "hi"'}, "x"),
        h("svg", {"xmlns": SVG_NS}, h("circle", {"r": "1"})),
        h("img", {"src": "a.png", "alt": ""}),
    )
    assert serialise(tree, XHTML) == (
        '<p lang="ar" xml:lang="ar" dir="rtl">a &lt; b &amp; c<br/>'
        '<span xml:lang="ja" title=\'say "hi"\'>x</span>'
        f'<svg xmlns="{SVG_NS}"><circle r="1"></circle></svg><img src="a.png" alt=""/></p>'
    )
    assert serialise(tree, HTML) == (
        '<p lang="ar" dir="rtl">a &lt; b &amp; c<br>'
        '<span lang="ja" title="say &quot;hi&quot;">x</span>'
        '<svg>\n<circle r="1"/>\n</svg><img src="a.png" alt=""></p>'
    )


def test_blocks_put_their_element_children_on_lines() -> None:
    """A container of elements only gets a line per child; one with text keeps its children inline."""
    items = h("ul", None, h("li", None, "a"), h("li", None, "b"))
    assert serialise(items, XHTML) == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert serialise(h("div", None, "a", h("em", None, "b")), HTML) == "<div>a<em>b</em></div>"
    delete = h("p", None, "\x7f")  # a control character HTML may not carry, XML may
    assert (serialise(delete, XHTML), serialise(delete, HTML)) == ("<p>\x7f</p>", "<p></p>")


def test_one_renderer_two_formats() -> None:
    """The shared renderer writes what the formats differ in from their data alone: the paged e-book keys its
    blocks, prints page numbers it knows and marks glossary links; the web edition does neither."""
    from iwobook.check import load_checked
    from iwobook.model import CrossRef, Loc, Text
    from iwobook.model.document import PageNumber, PageRef, Para
    from iwobook.transform import prepare
    from iwobook.writers.epub import FORMAT as EPUB
    from iwobook.writers.html import FORMAT as WEB
    from iwobook.writers.xhtml.content import Context
    from iwobook.writers.xhtml.document import render_doc_blocks

    at = Loc("x.md", 1)
    book = prepare(load_checked(Path(__file__).parent / "fixtures" / "mini"))
    ref = PageRef(at, "arrival", (Text(at, "p. "), PageNumber(at, "arrival")), (Text(at, "Chapter 1"),))
    para = Para(at, (ref, Text(at, " "), CrossRef(at, "mara", ())), key="k")
    paged = Context(book, "en", EPUB, {"arrival": "a.xhtml", "characters": "c.xhtml"}, {}, {"arrival": "7"})
    screen = Context(book, "en", WEB, {"arrival": "a.html", "characters": "c.html"}, {})
    assert serialise(render_doc_blocks((para,), paged)[0], XHTML) == (
        '<p data-iwobook-key="k"><a href="a.xhtml">p. 7</a> '
        '<a href="c.xhtml#mara" epub:type="glossref" role="doc-glossref">Mara Holm</a></p>'
    )
    assert serialise(render_doc_blocks((para,), screen)[0], HTML) == (
        '<p><a href="a.html">Chapter 1</a> <a href="c.html#mara">Mara Holm</a></p>'
    )
