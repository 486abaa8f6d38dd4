"""Dagster metadata derived from the table contracts: column schemas, row counts and row previews."""


from datetime import date, datetime

import dagster as dg
import polars as pl

from pipeline.tables import Column, Table
from pipeline.tables.taxonomy import VOCABULARY_SOURCES

PREVIEW_ROWS = 10
PREVIEW_TEXT = 160  # characters of a long text cell shown in a preview


def _constraints(column: Column, table: Table) -> dg.TableColumnConstraints:
    other = []
    if column.allowed is not None:
        other.append("one of " + ", ".join(map(str, column.allowed)))
    if column.vocabulary:
        other.append(f"a {column.vocabulary} of {VOCABULARY_SOURCES[column.vocabulary]}")
    if column.minimum is not None or column.maximum is not None:
        other.append(f"between {column.minimum} and {column.maximum}")
    return dg.TableColumnConstraints(nullable=column.nullable, unique=table.key == (column.name,), other=other)


def column_schema(table: Table) -> dg.TableSchema:
    """The contract as a Dagster column schema (shown on the asset's Overview tab)."""
    return dg.TableSchema(columns=[
        dg.TableColumn(column.name, str(column.dtype), description=column.description,
                       constraints=_constraints(column, table))
        for column in table.columns
    ])


def frame_schema(frame: pl.DataFrame) -> dg.TableSchema:
    """Column names and types of a frame without a contract (a view)."""
    return dg.TableSchema(columns=[dg.TableColumn(name, str(dtype)) for name, dtype in frame.schema.items()])


def _cell(value: object) -> str | int | float | bool | None:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str) and len(value) > PREVIEW_TEXT:
        return value[:PREVIEW_TEXT] + "…"
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def preview(frame: pl.DataFrame, columns: list[str] | None = None) -> dg.TableMetadataValue:
    """The first rows as a Dagster table (sortable, with full column headers)."""
    shown = (frame.select(columns) if columns else frame).head(PREVIEW_ROWS)
    records = [dg.TableRecord({name: _cell(value) for name, value in row.items()})
               for row in shown.iter_rows(named=True)]
    return dg.MetadataValue.table(records, schema=frame_schema(shown))


def table_metadata(frame: pl.DataFrame, columns: list[str] | None = None) -> dict[str, dg.MetadataValue]:
    """Row count and a preview of the first rows."""
    return {"dagster/row_count": dg.MetadataValue.int(frame.height), "preview": preview(frame, columns)}
