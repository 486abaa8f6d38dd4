"""ACLED-compatible CSV export of the events table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from pipeline.events.acled_columns import ACLED_EXPORT_COLUMNS, ACLED_LEGACY_COLUMNS, INTER_LABEL_COLUMNS
from pipeline.release.tables import primary_key, table_schema

# ACLED's export columns in its order, then the columns earlier exports had and the text labels of the inter codes.
ACLED_COLUMNS: tuple[str, ...] = (*ACLED_EXPORT_COLUMNS, *ACLED_LEGACY_COLUMNS, *INTER_LABEL_COLUMNS)

ACLED_DATE_FORMAT = "%d %B %Y"  # "09 May 2020"


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
    for name in ACLED_COLUMNS:
        if name in events.columns:
            columns.append(derived.get(name, pl.col(name)).alias(name))
        else:
            columns.append(pl.lit(None, dtype=pl.String).alias(name))
    return events.select(columns)


def acled_csv(tables: Mapping[str, pl.DataFrame]) -> tuple[bytes, dict[str, Any]]:
    """ACLED-style CSV bytes and their Table Schema."""
    frame = acled_frame(tables)
    schema = table_schema(frame, primary_key(frame, ["event_id_cnty"]))
    for field in schema["fields"]:
        if field["name"] == "event_date":
            field.update(type="date", format=ACLED_DATE_FORMAT)
    return frame.write_csv(line_terminator="\n").encode("utf-8"), schema
