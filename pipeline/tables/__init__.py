"""Table contracts: one declaration per table (declarations.py), and what is derived from it."""

from pipeline.tables.contract import Column, Table
from pipeline.tables.declarations import (
    ARTICLES,
    DAILY_COUNTS,
    EVENT_MENTIONS,
    EVENT_NUMBERS,
    EVENT_SOURCES,
    EVENTS,
    EVENTS_ACLED,
    MONTHLY_ADMIN1,
    NORMALIZED_MENTIONS,
    QUARANTINE,
    TABLES,
)
from pipeline.tables.frames import articles_frame, iter_staged_articles, quarantine_frame

__all__ = [
    "ARTICLES",
    "DAILY_COUNTS",
    "EVENTS",
    "EVENTS_ACLED",
    "EVENT_MENTIONS",
    "EVENT_NUMBERS",
    "EVENT_SOURCES",
    "MONTHLY_ADMIN1",
    "NORMALIZED_MENTIONS",
    "QUARANTINE",
    "TABLES",
    "Column",
    "Table",
    "articles_frame",
    "iter_staged_articles",
    "quarantine_frame",
]
