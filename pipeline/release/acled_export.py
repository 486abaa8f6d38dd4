"""ACLED-compatible CSV export of the events table."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import polars as pl

from pipeline.release.canonical import primary_key, table_schema
from pipeline.tables import EVENTS_ACLED

ACLED_DATE_FORMAT = "%d %B %Y"  # "09 May 2020"
FORMULA_STARTS = "=+-@\t\r"  # a spreadsheet runs a cell starting with one of these as a formula (CSV injection)

# ACLED codebook: disorder_type follows from event_type, with sub-event exceptions.
_DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB_EVENT_TYPE = {
    "Violent demonstration": "Demonstrations",
    "Excessive force against protesters": "Political violence; Demonstrations",
}


def _event_sources(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame | None:
    """event_id → "; "-joined outlet names of its supporting articles, when the tables allow it."""
    links, articles = tables.get("event_sources"), tables.get("articles")
    if links is None or articles is None or "source" not in articles.columns:
        return None
    return (
        links.select("event_id", "article_id")
        .join(articles.select("article_id", "source"), on="article_id", how="inner")
        .drop_nulls("source")
        .group_by("event_id")
        .agg(pl.col("source").unique().sort().str.join("; "))
    )


def _civilian_targeting(dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Boolean:
        return pl.when(pl.col("civilian_targeting")).then(pl.lit("Civilian targeting"))
    return pl.col("civilian_targeting").cast(pl.String)


def _timestamp(dtype: pl.DataType) -> pl.Expr:
    """Unix seconds of the latest report, ACLED's "last modified" analogue."""
    column = pl.col("last_reported")
    if dtype == pl.Date:
        column = column.cast(pl.Datetime("ms"))
    return column.dt.epoch("s")


def acled_frame(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """`events` (already in release order) renamed and formatted like an ACLED export."""
    events = tables["events"]
    schema = events.schema
    sources = _event_sources(tables)
    if sources is not None:
        events = events.join(sources, on="event_id", how="left", maintain_order="left")
    derived: dict[str, pl.Expr] = {
        "event_id_cnty": pl.col("event_id"),
        "event_date": pl.col("event_date").dt.strftime(ACLED_DATE_FORMAT),
        "disorder_type": pl.col("sub_event_type")
        .replace_strict(_DISORDER_BY_SUB_EVENT_TYPE, default=None, return_dtype=pl.String)
        .fill_null(
            pl.col("event_type").replace_strict(
                _DISORDER_BY_EVENT_TYPE, default=None, return_dtype=pl.String
            )
        ),
        "civilian_targeting": _civilian_targeting(schema.get("civilian_targeting", pl.String)),
        "timestamp": _timestamp(schema.get("last_reported", pl.Date)),
    }
    needs = {
        "event_date": ("event_date",),
        "disorder_type": ("event_type", "sub_event_type"),
        "civilian_targeting": ("civilian_targeting",),
        "timestamp": ("last_reported",),
    }
    columns = []
    for name in EVENTS_ACLED.names:
        if name in derived and all(c in events.columns for c in needs.get(name, ())):
            columns.append(derived[name].alias(name))
        elif name in events.columns:
            columns.append(pl.col(name))
        else:
            columns.append(pl.lit(None, dtype=pl.String).alias(name))
    return events.select(columns)


def neutralize_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with an apostrophe (OWASP's advice)."""
    starts = "^(?:" + "|".join(re.escape(character) for character in FORMULA_STARTS) + ")"
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts)).then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items() if dtype == pl.String
    )


def acled_csv(tables: Mapping[str, pl.DataFrame]) -> tuple[bytes, dict[str, Any]]:
    """ACLED-style CSV bytes (formula-like text neutralized) and their Table Schema."""
    frame = neutralize_formulas(acled_frame(tables))
    schema = table_schema(frame, primary_key(frame, EVENTS_ACLED.key), EVENTS_ACLED)
    for field in schema["fields"]:
        if field["name"] == "event_date":
            field.update(type="date", format=ACLED_DATE_FORMAT)
    return frame.write_csv(line_terminator="\n").encode("utf-8"), schema
