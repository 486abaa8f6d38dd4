"""Read-only SQL on the warehouse for analysts: one query (`conflict-events sql`) or a prompt (`shell`)."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

import duckdb
from duckdb.sqltypes import VARCHAR
from rich.console import Console
from rich.table import Table

from pipeline.places.names import name_key

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


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of one query (plain Python values: no dataframe library is loaded to print them)."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()

    @property
    def height(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


def _place_key(name: str | None) -> str | None:
    """SQL `place_key(name)`: spellings of one place compare equal ("Al Hasakeh" = "al-Hasakah" = "Hasaka")."""
    return None if name is None else name_key(name)


def run_query(database: Path, sql: str) -> QueryResult:
    """Run SQL on a fresh read-only connection; statements that return nothing give an empty result."""
    if not database.exists():
        raise QueryError(f"no warehouse at {database}; build one with `conflict-events run` "
                         f"or point --warehouse at a folder holding conflict.duckdb")
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            if "place_key" in sql.lower():  # registering a Python function loads numpy (~1 s): only when used
                connection.create_function("place_key", _place_key, [VARCHAR], VARCHAR, null_handling="special")
            relation = connection.sql(sql)
            if relation is None:
                return QueryResult()
            return QueryResult(tuple(relation.columns), tuple(relation.fetchall()))
    except duckdb.InvalidInputException as error:
        if "read-only mode" in str(error):
            raise QueryError("write refused: the warehouse is opened read-only. SELECT from it, or export with "
                             "COPY (SELECT …) TO 'file.csv'; to change the data, edit the articles and re-run "
                             "`conflict-events run`") from error
        raise QueryError(str(error)) from error
    except duckdb.Error as error:
        raise QueryError(str(error)) from error


def render_table(frame: QueryResult, console: Console, max_rows: int = TABLE_DISPLAY_ROWS) -> None:
    """Print a result as a rich table (at most max_rows rows, with a caption saying how many there are)."""
    shown = frame.rows[:max_rows]
    caption = f"{frame.height} row{'s' if frame.height != 1 else ''}"
    if frame.height > max_rows:
        caption += f" (showing {max_rows}; use --format csv for all)"
    table = Table(caption=caption, show_lines=False)
    for name in frame.columns:
        table.add_column(name, overflow="fold")
    for row in shown:
        table.add_row(*("∅" if value is None else str(value) for value in row))
    console.print(table)


def write_result(frame: QueryResult, output_format: OutputFormat, stream: TextIO) -> None:
    """Write a query result to a stream as a table, CSV or a JSON array of row objects."""
    if output_format == "table":
        wide_enough = stream.isatty() or os.environ.get("COLUMNS")  # else rich would assume 80 columns
        render_table(frame, Console(file=stream, width=None if wide_enough else 200))
    elif output_format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(frame.columns)
        writer.writerows(frame.rows)
    else:
        records = [dict(zip(frame.columns, row, strict=True)) for row in frame.rows]
        stream.write(json.dumps(records, default=str, ensure_ascii=False) + "\n")


def list_relations(database: Path) -> QueryResult:
    """Tables and views of the warehouse with their kind and row count."""
    relations = run_query(database, "SELECT table_name AS name, lower(table_type) AS kind "
                                    "FROM information_schema.tables ORDER BY kind, name")
    counts = [run_query(database, f'SELECT count(*) FROM "{name}"').rows[0][0] for name in relations.column("name")]
    return QueryResult((*relations.columns, "rows"),
                       tuple((*row, count) for row, count in zip(relations.rows, counts, strict=True)))


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

