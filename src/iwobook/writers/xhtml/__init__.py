"""The XHTML layer shared by the two writers that serialise markup, the EPUB's content documents and the HTML
edition's pages: elements and their one escaping boundary (markup), text in its language (text), the
manuscript's blocks and inlines (content), the generic document nodes (document), chapters and plain sections
(sections) and drawings as inline SVG (svg). What differs between the two is data: a Syntax for serialisation,
a Format for rendering. It imports only the model and the configuration, never writers.epub or writers.html."""
