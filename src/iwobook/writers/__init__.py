"""Writers: independent renderers from the model to output bytes (they never import each other)."""
