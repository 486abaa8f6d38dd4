"""Atomic Parquet staging and building the DuckDB file (readers keep working while a new file is built)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import duckdb
import polars as pl

from pipeline.settings import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"


def read_sql(relative_path: str, **parameters: object) -> str:
    """Text of sql/<relative_path>, with {name} placeholders filled from parameters."""
    text = (SQL_DIR / relative_path).read_text(encoding="utf-8")
    return text.format(**parameters) if parameters else text


def write_parquet_atomic(frame: pl.DataFrame, path: Path) -> Path:
    """Write a Parquet file through a temporary sibling and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.write_parquet(temporary, compression="zstd", statistics=False)
    os.replace(temporary, path)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write a text file through a temporary sibling and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def create_macros(connection: duckdb.DuckDBPyConnection) -> None:
    """The SQL macros of sql/macros (place_key), stored in the database file so that every client has them."""
    for script in sorted((SQL_DIR / "macros").glob("*.sql")):
        connection.execute(script.read_text(encoding="utf-8"))


def build_database(staged_tables: Mapping[str, Path], database: Path) -> None:
    """Build the warehouse in a new file (tables, then sql/aggregates, then sql/views) and swap it in atomically.

    A reader that opened the previous file read-only keeps a consistent view; the next reader sees the new one.
    """
    database.parent.mkdir(parents=True, exist_ok=True)
    building = database.with_name(f".{database.name}.{os.getpid()}.building")
    building.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(building)) as connection:
            create_macros(connection)
            for table, path in staged_tables.items():
                connection.execute(read_sql("tables/load.sql", table=table, path=path.as_posix()))
            for group in ("aggregates", "views"):
                for script in sorted((SQL_DIR / group).glob("*.sql")):
                    connection.execute(script.read_text(encoding="utf-8"))
            connection.execute("CHECKPOINT")
        os.replace(building, database)
    finally:
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)


def query(database: Path, sql: str) -> pl.DataFrame:
    """Run a query on a read-only connection and return a polars frame."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return pl.from_arrow(connection.sql(sql).to_arrow_table())


def read_table(database: Path, table: str) -> pl.DataFrame:
    """A whole warehouse table, read-only."""
    return query(database, read_sql("tables/select.sql", table=table))
