"""Canonical table form for releases: stable row order, deterministic Parquet, and the Table Schema (from the
table's contract where it has one)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from pipeline.tables import TABLES, Column, Table

PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "statistics": True,
    "row_group_size": 512 * 512,
}

_RESOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def check_table_name(name: str) -> None:
    """Reject names that are not safe as both a file stem and a Frictionless resource name."""
    if not _RESOURCE_NAME.match(name):
        raise ValueError(f"table name {name!r} must match {_RESOURCE_NAME.pattern}")


def _sortable(dtype: pl.DataType) -> bool:
    return not (dtype.is_nested() or dtype in (pl.Object, pl.Null))


def canonical_table(df: pl.DataFrame, key: Sequence[str] = ()) -> pl.DataFrame:
    """Rows sorted by `key`, ties broken by every other sortable column (nulls last)."""
    key_columns = [column for column in key if column in df.columns]
    rest = [c for c, t in df.schema.items() if c not in key_columns and _sortable(t)]
    order = key_columns + rest
    if not order or df.height < 2:
        return df
    return df.sort(order, nulls_last=True, maintain_order=True)


def primary_key(df: pl.DataFrame, key: Sequence[str]) -> list[str] | None:
    """`key` if every column exists, holds no nulls and identifies rows uniquely; else None."""
    if not key or any(column not in df.columns for column in key):
        return None
    keyed = df.select(key)
    if keyed.null_count().sum_horizontal().item() or keyed.is_duplicated().any():
        return None
    return list(key)


def encode_parquet(df: pl.DataFrame) -> bytes:
    """Parquet bytes with fixed writer options (byte-identical for identical frames)."""
    buffer = io.BytesIO()
    df.write_parquet(buffer, **PARQUET_OPTIONS)
    return buffer.getvalue()


def field_type(dtype: pl.DataType) -> str:
    """Table Schema type for a polars dtype ("any" where Frictionless cannot read it back)."""
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_integer():
        return "integer"
    if dtype.is_float() or dtype.is_decimal():
        return "number"
    if dtype == pl.Date:
        return "date"
    if isinstance(dtype, pl.Datetime):
        return "datetime"
    if dtype == pl.Time:
        return "time"
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        return "string"
    return "any"


def _constraints(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.allowed is not None:
        constraints["enum"] = list(column.allowed)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    return constraints


def table_schema(df: pl.DataFrame, key: Sequence[str] | None, contract: Table | None = None) -> dict[str, Any]:
    """Frictionless Table Schema for `df`: types from its columns, descriptions and constraints from the
    contract's columns, and `primaryKey` when `key` is given."""
    declared = contract.by_name if contract else {}
    fields = []
    for name, dtype in df.schema.items():
        field: dict[str, Any] = {"name": name, "type": field_type(dtype)}
        if name in declared:
            field["description"] = declared[name].description
            if constraints := _constraints(declared[name]):
                field["constraints"] = constraints
        elif field["type"] == "any":
            field["description"] = f"polars dtype {dtype}"
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields}
    if key:
        schema["primaryKey"] = list(key)
    return schema


def prepare_tables(
    tables: Mapping[str, pl.DataFrame], keys: Mapping[str, Sequence[str]]
) -> dict[str, tuple[pl.DataFrame, list[str] | None]]:
    """Each table sorted canonically, with its verified primary key, in name order."""
    prepared = {}
    for name in sorted(tables):
        check_table_name(name)
        key = tuple(keys.get(name, TABLES[name].key if name in TABLES else ()))
        frame = canonical_table(tables[name], key)
        prepared[name] = (frame, primary_key(frame, key))
    return prepared
