"""What a table contract is: its columns (name, type, description, allowed values, nullability) and key.

Every other form of a table's schema — polars, Dagster column metadata, Frictionless Table Schema, Great
Expectations column expectations, DuckDB column types — is derived from one `Table` declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

# DuckDB's name for each polars type a contract may use (what `information_schema.columns.data_type` reports).
DUCKDB_TYPES: dict[pl.DataType, str] = {
    pl.String: "VARCHAR", pl.Int64: "BIGINT", pl.UInt32: "UINTEGER", pl.Float64: "DOUBLE", pl.Boolean: "BOOLEAN",
    pl.Date: "DATE", pl.Datetime("us", "UTC"): "TIMESTAMP WITH TIME ZONE",
}


@dataclass(frozen=True)
class Column:
    """One column: its polars type, what it means, and the values it may hold.

    `vocabulary` names a list of allowed values kept in seeds (e.g. "event_type" from the taxonomy of
    seeds/triggers.yaml), resolved when expectations are built; `allowed` is a fixed list.
    """

    name: str
    dtype: pl.DataType
    description: str
    nullable: bool = True
    unique: bool = False  # no two rows share a value (beside the table's key)
    allowed: tuple[Any, ...] | None = None
    vocabulary: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    released: bool = True  # False: kept in the warehouse, left out of releases (e.g. full article text)

    def __post_init__(self) -> None:
        if self.dtype not in DUCKDB_TYPES:
            raise ValueError(f"column {self.name}: type {self.dtype} has no DuckDB counterpart in DUCKDB_TYPES")

    @property
    def duckdb_type(self) -> str:
        return DUCKDB_TYPES[self.dtype]


@dataclass(frozen=True)
class Table:
    """A table's contract: its columns in order, its key, and a description."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    by_name: Mapping[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {column.name: column for column in self.columns}
        if len(by_name) != len(self.columns):
            raise ValueError(f"table {self.name}: duplicate column names")
        if missing := [name for name in self.key if name not in by_name]:
            raise ValueError(f"table {self.name}: key columns {missing} are not declared")
        object.__setattr__(self, "by_name", by_name)

    @property
    def names(self) -> list[str]:
        """Column names in table order."""
        return [column.name for column in self.columns]

    @property
    def schema(self) -> dict[str, pl.DataType]:
        """The polars schema."""
        return {column.name: column.dtype for column in self.columns}

    @property
    def released_names(self) -> list[str]:
        """Columns a release carries."""
        return [column.name for column in self.columns if column.released]

    def empty(self) -> pl.DataFrame:
        """A frame with no rows and this schema."""
        return pl.DataFrame(schema=self.schema)

    def frame(self, rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
        """Rows (mappings holding at least every column) as a frame with this schema, in column order."""
        return pl.DataFrame([{name: row.get(name) for name in self.names} for row in rows], schema=self.schema,
                            orient="row")
