"""iwobook: compile a Markdown/YAML manuscript into a print-ready PDF booklet and an accessible EPUB 3."""

__version__ = "0.1.0"
