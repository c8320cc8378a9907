"""Typography of plain-text fields: titles, names, roles, notes and captions get the same curly quotes,
apostrophes, dashes and ellipses as Markdown prose (markdown-it's typographer), in the book's language."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

# plain-text fields that are not prose (and tuples of them): identifiers, codes, dates, paths and addresses
NOT_PROSE = frozenset(
    {
        "id",
        "date",
        "lang",
        "language",
        "identifier",
        "paper",
        "cover",
        "label_side",
        "target",
        "symbol",
        "author",
        "section_id",
        "url",
        "src",
        "file",
        "key",
        "licence",
        "places",
        "themes",
    }
)
NODES_MODULE = "iwobook.model.nodes"  # Markdown nodes were typeset when they were parsed

T = TypeVar("T")


def typeset_fields(record: T, plain: Callable[[str], str]) -> T:
    """Return record (a frozen dataclass: the book, its metadata, records and sections) with plain applied to
    every prose string field, inside tuples and nested records too; Markdown nodes are left as they are."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    if type(record).__module__ == NODES_MODULE:
        return record
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        if not field.init:
            continue
        value = getattr(record, field.name)
        if field.name in NOT_PROSE and not _holds_records(value):
            continue
        new = _typeset_value(value, plain)
        if new is not value:
            changes[field.name] = new
    return dataclasses.replace(record, **changes) if changes else record


def _holds_records(value: Any) -> bool:
    """Return True for a tuple of records (such as a map's places), False for strings and tuples of ids."""
    return isinstance(value, tuple) and any(dataclasses.is_dataclass(item) for item in value)


def _typeset_value(value: Any, plain: Callable[[str], str]) -> Any:
    """Return value with prose strings typeset: a string, a tuple of them or of records, or a record."""
    if isinstance(value, str):
        new = plain(value)
        return value if new == value else new
    if isinstance(value, tuple):
        items = tuple(_typeset_value(item, plain) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return typeset_fields(value, plain)
    return value
