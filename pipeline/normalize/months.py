"""English month and weekday names, declared once, and the regular-expression pieces built from them."""

from __future__ import annotations

MONTHS: tuple[tuple[str, ...], ...] = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
)
"""Each month's full name, then its abbreviations (longest first)."""

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_NUMBERS: dict[str, int] = {name: number for number, names in enumerate(MONTHS, start=1) for name in names}

_FULL = [names[0] for names in MONTHS]
_ABBREVIATIONS = [name for names in MONTHS for name in names[1:]]

_FULL_NAMES = [*(n.title() for n in _FULL), *(n.upper() for n in _FULL)]

MONTH_FULL = rf"(?:{'|'.join(_FULL_NAMES)})\b"
"""A full month name, capitalised or in capitals."""

MONTH = rf"(?:{'|'.join([*_FULL_NAMES, *(n.title() for n in _ABBREVIATIONS)])})\b\.?"
"""A month name or its abbreviation (with an optional period)."""

WEEKDAY = rf"(?:{'|'.join(day.title() for day in WEEKDAYS)})"
"""A capitalised weekday name."""

DAY_OF_MONTH = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
