"""Atomic Parquet staging and building the DuckDB file (readers keep working while a new file is built)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from pipeline.atomic import atomic_path
from pipeline.project_files import project_folder

if TYPE_CHECKING:
    import duckdb

SQL_DIR = project_folder("sql")
GATE_GROUP = "gate"  # scripts that hold back implausible events, filled with the gate's bounds
SCRIPT_GROUPS = (GATE_GROUP, "aggregates", "views")  # built in this order, after the loaded tables


def read_sql(relative_path: str, **parameters: object) -> str:
    """Text of sql/<relative_path>, with {name} placeholders filled from parameters."""
    text = (SQL_DIR / relative_path).read_text(encoding="utf-8")
    return text.format(**parameters) if parameters else text


def write_parquet_atomic(frame: pl.DataFrame, path: Path) -> Path:
    """Write a staged Parquet table atomically (zstd, no statistics: the same frame gives the same bytes)."""
    with atomic_path(path) as temporary:
        frame.write_parquet(temporary, compression="zstd", statistics=False)
    return path


def create_macros(connection: duckdb.DuckDBPyConnection) -> None:
    """The SQL macros of sql/macros (place_key), stored in the database file so that every client has them."""
    for script in sorted((SQL_DIR / "macros").glob("*.sql")):
        connection.execute(script.read_text(encoding="utf-8"))


def build_database(staged_tables: Mapping[str, Path | Sequence[Path]], database: Path,
                   gate: Mapping[str, object] | None = None) -> None:
    """Build the warehouse in a new file (tables, then sql/gate, sql/aggregates and sql/views) and swap it in
    atomically.

    A table may be loaded from several staged files of one schema (e.g. the quarantine of each stage). Paths
    reach DuckDB as parameters, never as SQL text. The gate's scripts hold back implausible events before anything
    is aggregated, with the bounds `gate` gives (default: seeds/release_gate.yaml of the project). A reader that
    opened the previous file read-only keeps a consistent view; the next reader sees the new one.
    """
    if gate is None:
        from pipeline.warehouse.gate import gate_parameters

        gate = gate_parameters()
    import duckdb  # imported here: `extract` writes Parquet through this module without a database

    with atomic_path(database) as building, duckdb.connect(str(building)) as connection:
        create_macros(connection)
        for table, paths in staged_tables.items():
            files = [paths] if isinstance(paths, Path) else list(paths)
            connection.execute(read_sql("tables/load.sql", table=table), [[p.as_posix() for p in files]])
        for group in SCRIPT_GROUPS:
            for script in sorted((SQL_DIR / group).glob("*.sql")):
                relative = script.relative_to(SQL_DIR).as_posix()
                connection.execute(read_sql(relative, **gate) if group == GATE_GROUP else read_sql(relative))
        connection.execute("CHECKPOINT")


def query(database: Path, sql: str) -> pl.DataFrame:
    """Run a query on a read-only connection and return a polars frame."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        return pl.from_arrow(connection.sql(sql).to_arrow_table())


def read_table(database: Path, table: str) -> pl.DataFrame:
    """A whole warehouse table, read-only."""
    return query(database, read_sql("tables/select.sql", table=table))
