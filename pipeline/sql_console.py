"""Read-only SQL on the warehouse for analysts: one query (`conflict-events sql`) or a prompt (`shell`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TextIO

import duckdb
import polars as pl
from rich.console import Console
from rich.table import Table

OutputFormat = Literal["table", "csv", "json"]
TABLE_DISPLAY_ROWS = 200
SHELL_HELP = """Type SQL ending with ';' (it may span lines). Commands:
  .tables          tables and views with their row counts
  .schema NAME     columns of a table or view
  .help            this text
  .quit            leave (Ctrl-D works too)
Each statement opens the warehouse read-only: a rebuild never blocks you, and you always see the latest build."""


class QueryError(Exception):
    """A query that cannot run: missing warehouse, bad SQL or an attempted write."""


def run_query(database: Path, sql: str) -> pl.DataFrame:
    """Run SQL on a fresh read-only connection; statements that return nothing give an empty frame."""
    if not database.exists():
        raise QueryError(f"no warehouse at {database}; build one with `conflict-events run` "
                         f"or point --warehouse at a folder holding conflict.duckdb")
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            relation = connection.sql(sql)
            return pl.DataFrame() if relation is None else pl.from_arrow(relation.to_arrow_table())
    except duckdb.InvalidInputException as error:
        if "read-only mode" in str(error):
            raise QueryError("write refused: the warehouse is opened read-only. SELECT from it, or export with "
                             "COPY (SELECT …) TO 'file.csv'; to change the data, edit the articles and re-run "
                             "`conflict-events run`") from error
        raise QueryError(str(error)) from error
    except duckdb.Error as error:
        raise QueryError(str(error)) from error


def render_table(frame: pl.DataFrame, console: Console, max_rows: int = TABLE_DISPLAY_ROWS) -> None:
    """Print a frame as a rich table (at most max_rows rows, with a caption saying how many there are)."""
    shown = frame.head(max_rows)
    caption = f"{frame.height} row{'s' if frame.height != 1 else ''}"
    if frame.height > max_rows:
        caption += f" (showing {max_rows}; use --format csv for all)"
    table = Table(caption=caption, show_lines=False)
    for name in frame.columns:
        table.add_column(name, overflow="fold")
    for row in shown.iter_rows():
        table.add_row(*("∅" if value is None else str(value) for value in row))
    console.print(table)


def write_result(frame: pl.DataFrame, output_format: OutputFormat, stream: TextIO) -> None:
    """Write a query result to a stream as a table, CSV or a JSON array of row objects."""
    if output_format == "table":
        wide_enough = stream.isatty() or os.environ.get("COLUMNS")  # else rich would assume 80 columns
        render_table(frame, Console(file=stream, width=None if wide_enough else 200))
    elif output_format == "csv":
        stream.write(frame.write_csv())
    else:
        stream.write(frame.write_json() + "\n")


def list_relations(database: Path) -> pl.DataFrame:
    """Tables and views of the warehouse with their kind and row count."""
    relations = run_query(database, "SELECT table_name AS name, lower(table_type) AS kind "
                                    "FROM information_schema.tables ORDER BY kind, name")
    counts = [run_query(database, f'SELECT count(*) AS n FROM "{name}"')["n"][0] for name in relations["name"]]
    return relations.with_columns(pl.Series("rows", counts, dtype=pl.Int64))


def run_shell(database: Path, console: Console, read_line: Callable[[str], str] = input) -> int:
    """Interactive read-only SQL prompt; returns an exit code when the user quits."""
    console.print(f"conflict-events SQL shell on {database} (read-only). Type .help for commands.")
    buffer: list[str] = []
    while True:
        try:
            line = read_line("sql> " if not buffer else "...> ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return 0
        command = line.strip()
        if not buffer and command.startswith("."):
            if command in (".quit", ".exit", ".q"):
                return 0
            _shell_command(database, command, console)
            continue
        if command:
            buffer.append(line)
        if buffer and command.endswith(";"):
            statement, buffer = "\n".join(buffer), []
            try:
                render_table(run_query(database, statement), console)
            except QueryError as error:
                console.print(str(error), style="red", markup=False, highlight=False)


def _shell_command(database: Path, command: str, console: Console) -> None:
    name, _, argument = command.partition(" ")
    try:
        if name == ".tables":
            render_table(list_relations(database), console)
        elif name == ".schema" and argument.strip():
            render_table(run_query(database, f"DESCRIBE \"{argument.strip()}\""), console)
        else:
            console.print(SHELL_HELP)
    except QueryError as error:
        console.print(str(error), style="red", markup=False, highlight=False)

