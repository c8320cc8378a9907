"""The symbols that mark things where colour cannot: map place kinds (as figures draws them) and themes."""

from __future__ import annotations

from iwobook.model.records import PlaceKind, Theme

# the symbol a key shows for each kind of place, matching the marker the map draws
PLACE_SYMBOLS = {
    PlaceKind.PEAK: "▲",
    PlaceKind.BEACH: "●",
    PlaceKind.AIRFIELD: "□",
    PlaceKind.AREA: "◇",
    PlaceKind.POSITION: "×",
}


def theme_symbol(theme: Theme) -> str:
    """Return the symbol that marks a theme: its own, else the first letter of its label."""
    return theme.symbol or theme.label[:1]
