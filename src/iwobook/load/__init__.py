"""Loading: manuscript files (YAML and Markdown, with source lines) into the document model."""
