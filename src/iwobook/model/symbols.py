"""The symbols that mark things where colour cannot: map markers (as figures draws them) and themes."""

from __future__ import annotations

from iwobook.model.records import Marker, Theme

# the character a key shows for each marker, matching what the map draws
MARKER_SYMBOLS = {
    Marker.TRIANGLE: "▲",
    Marker.CIRCLE: "●",
    Marker.SQUARE: "□",
    Marker.DIAMOND: "◇",
    Marker.CROSS: "×",
}


def theme_symbol(theme: Theme) -> str:
    """Return the symbol that marks a theme: its own, else the first letter of its label."""
    return theme.symbol or theme.label[:1]
