"""Publication date parsing: formats, time zones and plausibility bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pipeline.ingest import parse_published_at

NOW = datetime(2020, 5, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-05-09", datetime(2020, 5, 9, tzinfo=UTC)),
        ("2020-05-09T10:00:00Z", datetime(2020, 5, 9, 10, tzinfo=UTC)),
        ("2020-05-09T10:00:00+02:00", datetime(2020, 5, 9, 8, tzinfo=UTC)),
        ("2020-05-09 01:30:00-05:00", datetime(2020, 5, 9, 6, 30, tzinfo=UTC)),
        ("2020-05-09T10:00:00", datetime(2020, 5, 9, 10, tzinfo=UTC)),  # naive: taken as UTC
        ("Sat, 09 May 2020 10:00:00 +0200", datetime(2020, 5, 9, 8, tzinfo=UTC)),
        ("Sat, 09 May 2020 10:00:00 GMT", datetime(2020, 5, 9, 10, tzinfo=UTC)),
        ("9-May-20", datetime(2020, 5, 9, tzinfo=UTC)),
        ("May 9, 2020 10:30 EST", datetime(2020, 5, 9, 15, 30, tzinfo=UTC)),
        ("9 mai 2020", datetime(2020, 5, 9, tzinfo=UTC)),
        ("9. Mai 2020 um 14:00 Uhr", datetime(2020, 5, 9, 14, tzinfo=UTC)),
        ("May 2020", datetime(2020, 5, 1, tzinfo=UTC)),
        ("  2020-05-09  ", datetime(2020, 5, 9, tzinfo=UTC)),
        (date(2020, 5, 9), datetime(2020, 5, 9, tzinfo=UTC)),
        (datetime(2020, 5, 9, 23, 0, tzinfo=timezone(timedelta(hours=-3))), datetime(2020, 5, 10, 2, tzinfo=UTC)),
        (1588982400, datetime(2020, 5, 9, tzinfo=UTC)),
        (1588982400000, datetime(2020, 5, 9, tzinfo=UTC)),  # epoch milliseconds
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parses_to_aware_utc(value, expected):
    parsed = parse_published_at(value, now=NOW)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo == UTC


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("not a date at all", "unparseable date"),
        ("yesterday", "unparseable date"),  # relative to what? never guessed
        ("9 May", "unparseable date"),  # no year
        ("x" * 200, "unparseable date"),
        (True, "unparseable date of type bool"),
        ([2020, 5, 9], "unparseable date of type list"),
        ("1988-12-31T23:59:59Z", "before 1989"),
        ("1970-01-01", "before 1989"),
        (0, "before 1989"),
        ("0001-01-01T00:00:00+01:00", "implausible date"),
        ("2020-05-12T12:00:01Z", "in the future"),
        (float("inf"), "unparseable date"),
    ],
)
def test_rejects_unparseable_and_implausible_dates(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_published_at(value, now=NOW)


def test_future_window_is_two_days():
    assert parse_published_at("2020-05-12T12:00:00Z", now=NOW) == NOW + timedelta(days=2)
    assert parse_published_at("1989-01-01", now=NOW) == datetime(1989, 1, 1, tzinfo=UTC)
