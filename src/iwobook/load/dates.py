"""Dates checked against the calendar: the book's date, timeline dates and dates written in letters."""

from __future__ import annotations

import calendar
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_WRITTEN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


def _day_problem(year: int, month: int | None, day: int | None) -> str | None:
    """Return why year, month and day name no day of the calendar, or None."""
    if year < 1:
        return "has no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"has month {month}; months run from 1 to 12"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"has day {day}, but {calendar.month_name[month]} {year} has {last} days"
    return None


def iso_date_problem(text: str, precision: str = "day") -> str | None:
    """Return why text is not a real calendar date written YYYY-MM-DD (or YYYY / YYYY-MM when precision is
    'any'), or None."""
    match = _ISO.match(text)
    shape = "YYYY-MM-DD" if precision == "day" else "YYYY, YYYY-MM or YYYY-MM-DD"
    if not match or (precision == "day" and match.group(3) is None):
        return f"must be {shape}"
    year, month, day = (int(g) if g else None for g in match.groups())
    if (month is not None and len(match.group(2)) != 2) or (day is not None and len(match.group(3)) != 2):
        return f"must be {shape}"
    assert year is not None
    return _day_problem(year, month, day)


def written_date_problem(text: str) -> str | None:
    """Return why a free-text date (such as '16 March 2026' or '2026-03-16') names no real day, or None."""
    if _ISO.match(text.strip()):
        return iso_date_problem(text.strip(), "any")
    for match in _WRITTEN.finditer(text):
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], int(match.group(3))
        problem = _day_problem(year, month, day)
        if problem:
            return problem
    return None
