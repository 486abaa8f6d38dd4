"""Publication dates: parse to timezone-aware UTC and reject implausible values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

import dateparser

EARLIEST_PUBLICATION = datetime(1989, 1, 1, tzinfo=UTC)
MAX_FUTURE_SKEW = timedelta(days=2)
MAX_DATE_STRING_CHARS = 64  # longer strings are not dates; dateparser is slow on them
EPOCH_MILLISECONDS_ABOVE = 100_000_000_000  # larger epoch numbers are milliseconds

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # no "yesterday": relative to what?
}


def parse_published_at(value: object, *, now: datetime | None = None) -> datetime | None:
    """Return ``value`` as an aware UTC datetime (naive and date-only values are taken as UTC).

    None or blank gives None. Raises ValueError with the reason for unparseable dates, dates before
    1989 and dates more than two days after ``now``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = _to_utc(value)
    if parsed < EARLIEST_PUBLICATION:
        raise ValueError(f"implausible date {parsed.isoformat()} (before {EARLIEST_PUBLICATION.year})")
    latest = (now or datetime.now(UTC)) + MAX_FUTURE_SKEW
    if parsed > latest:
        raise ValueError(f"implausible date {parsed.isoformat()} (in the future)")
    return parsed


def _to_utc(value: object) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parsed = _from_epoch(value)
    elif isinstance(value, str):
        parsed = _parse_string(value.strip())
    else:
        raise ValueError(f"unparseable date of type {type(value).__name__}")
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"implausible date {parsed.isoformat()}") from None


def _from_epoch(seconds: float) -> datetime:
    if abs(seconds) > EPOCH_MILLISECONDS_ABOVE:
        seconds = seconds / 1000
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"unparseable date {seconds!r}") from None


def _parse_string(text: str) -> datetime:
    if len(text) > MAX_DATE_STRING_CHARS:
        raise ValueError(f"unparseable date {text[:MAX_DATE_STRING_CHARS]!r}...")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises assorted errors on garbage; all mean "not a date"
        parsed = None
    if parsed is None:
        raise ValueError(f"unparseable date {text!r}")
    return parsed
