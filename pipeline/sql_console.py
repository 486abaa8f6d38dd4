"""Read-only SQL on the warehouse for analysts: one query (`conflict-events sql`) or a prompt (`shell`).

Read-only three times over: the database file is opened read-only; DuckDB itself parses the text and only one
statement of a reading kind may run (SELECT, WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN of such a query,
PRAGMA table_info); and the connection may touch no file outside the warehouse folder
(`enable_external_access=false` with the warehouse as the only allowed directory), with its configuration locked
so no statement can undo that. Results are printed as plain text: data is never read as rich markup.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

import duckdb
from rich.console import Console
from rich.table import Table
from rich.text import Text

OutputFormat = Literal["table", "csv", "json"]
TABLE_DISPLAY_ROWS = 200
HISTORY_FILE = ".sql_history"  # the shell's line history, in the warehouse folder
HISTORY_LINES = 1000
READING_STATEMENTS = {duckdb.StatementType.SELECT}  # SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE
_EXPLAIN = re.compile(r"\s*EXPLAIN(?:\s+ANALYZE)?\s+(?P<query>.*)\Z", re.IGNORECASE | re.DOTALL)
_TABLE_INFO = re.compile(r"\s*PRAGMA\s+table_info\s*\(", re.IGNORECASE)
REFUSED = ("write refused: the warehouse is read-only here; one SELECT, WITH, DESCRIBE, SHOW, EXPLAIN or PRAGMA "
           "table_info statement may run (got {kind}). To export a result, use --format csv > file.csv; to change "
           "the data, edit the articles and re-run `conflict-events run`")
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

    def __getitem__(self, name: str) -> list[Any]:
        """The values of one column."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def iter_rows(self) -> tuple[tuple[Any, ...], ...]:
        return self.rows


@contextmanager
def _read_only_connection(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse opened read-only, allowed to read files in its own folder only, configuration locked."""
    with duckdb.connect(str(database), read_only=True) as connection:
        connection.execute("SET allowed_directories = $1", [[f"{database.parent.resolve().as_posix()}/"]])
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
        yield connection


def reading_statement(connection: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The text of the one reading statement in ``sql``, as DuckDB parses it; QueryError for anything else."""
    statements = connection.extract_statements(sql)
    if len(statements) != 1:
        raise QueryError(f"refused: exactly one statement may run at a time (got {len(statements)})")
    statement = statements[0]
    if statement.type in READING_STATEMENTS:
        return statement.query
    if statement.type == duckdb.StatementType.PRAGMA and _TABLE_INFO.match(statement.query):
        return statement.query
    if statement.type == duckdb.StatementType.EXPLAIN and (explained := _EXPLAIN.match(statement.query)):
        reading_statement(connection, explained["query"])  # EXPLAIN ANALYZE runs what it explains
        return statement.query
    raise QueryError(REFUSED.format(kind=statement.type.name))


def run_query(database: Path, sql: str) -> QueryResult:
    """Run one reading statement on a fresh read-only connection (see the module docstring)."""
    if not database.exists():
        raise QueryError(f"no warehouse at {database}; build one with `conflict-events run` "
                         f"or point --warehouse at a folder holding conflict.duckdb")
    try:
        with _read_only_connection(database) as connection:
            relation = connection.sql(reading_statement(connection, sql))
            if relation is None:
                return QueryResult()
            return QueryResult(tuple(relation.columns), tuple(relation.fetchall()))
    except duckdb.PermissionException as error:
        raise QueryError(f"refused: {error}. Only files inside the warehouse folder {database.parent} may be "
                         f"read") from error
    except duckdb.InvalidInputException as error:
        if "read-only mode" in str(error) or "configuration has been locked" in str(error):
            raise QueryError(REFUSED.format(kind="a write")) from error
        raise QueryError(str(error)) from error
    except duckdb.Error as error:
        raise QueryError(str(error)) from error


def render_table(frame: QueryResult, console: Console, max_rows: int = TABLE_DISPLAY_ROWS) -> None:
    """Print a frame as a rich table (at most max_rows rows, with a caption saying how many there are)."""
    shown = frame.rows[:max_rows]
    caption = f"{frame.height} row{'s' if frame.height != 1 else ''}"
    if frame.height > max_rows:
        caption += f" (showing {max_rows}; use --format csv for all)"
    table = Table(caption=caption, show_lines=False)
    for name in frame.columns:
        table.add_column(Text(name), overflow="fold")
    for row in shown:
        table.add_row(*(Text("∅" if value is None else str(value)) for value in row))  # Text: never markup
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
        stream.write(json.dumps(records, default=str, ensure_ascii=False, separators=(",", ":")) + "\n")


def list_relations(database: Path) -> QueryResult:
    """Tables and views of the warehouse with their kind and row count."""
    relations = run_query(database, "SELECT table_name AS name, lower(table_type) AS kind "
                                    "FROM information_schema.tables ORDER BY kind, name")
    counts = [run_query(database, f"SELECT count(*) AS n FROM {quoted(name)}")["n"][0] for name in relations["name"]]
    return QueryResult((*relations.columns, "rows"),
                       tuple((*row, count) for row, count in zip(relations.rows, counts, strict=True)))


def quoted(identifier: str) -> str:
    """A SQL identifier in double quotes (inner quotes doubled)."""
    return '"' + identifier.replace('"', '""') + '"'


@contextmanager
def line_history(path: Path) -> Iterator[None]:
    """Line editing and a persistent history for input() (GNU readline), when the terminal is interactive."""
    try:
        import readline
    except ImportError:  # not every Python build has it
        yield
        return
    readline.clear_history()
    with suppress(OSError):  # no history yet
        readline.read_history_file(path)
    readline.set_history_length(HISTORY_LINES)
    try:
        yield
    finally:
        with suppress(OSError):  # a warehouse on a read-only medium: history is a convenience
            readline.write_history_file(path)


def run_shell(database: Path, console: Console, read_line: Callable[[str], str] = input) -> int:
    """Interactive read-only SQL prompt; returns an exit code when the user quits."""
    console.print(f"conflict-events SQL shell on {database} (read-only). Type .help for commands.", markup=False,
                  highlight=False)
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
            render_table(run_query(database, f"DESCRIBE {quoted(argument.strip())}"), console)
        else:
            console.print(SHELL_HELP, markup=False, highlight=False)
    except QueryError as error:
        console.print(str(error), style="red", markup=False, highlight=False)

