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


def _civilian_targeting(dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Boolean:
        return pl.when(pl.col("civilian_targeting")).then(pl.lit("Civilian targeting"))
    return pl.col("civilian_targeting").cast(pl.String)


def acled_frame(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """`events` (already in release order) in ACLED's export layout; columns the events lack are left empty."""
    events = tables["events"]
    derived: dict[str, pl.Expr] = {
        "event_date": pl.col("event_date").dt.strftime(ACLED_DATE_FORMAT),
        "civilian_targeting": _civilian_targeting(events.schema.get("civilian_targeting", pl.String)),
    }
    columns = []
    for name in EVENTS_ACLED.names:
        if name in events.columns:
            columns.append(derived.get(name, pl.col(name)).alias(name))
        else:
            columns.append(pl.lit(None, dtype=EVENTS_ACLED.schema[name]).alias(name))
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
