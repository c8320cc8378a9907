"""The XHTML layer shared by the two writers that serialise markup, the EPUB's content documents and the HTML
edition's pages: elements and their one escaping boundary (markup, in a Syntax for each), text in its
language (text) and drawings as inline SVG (svg). It imports only the model and the configuration, never
writers.epub or writers.html."""
