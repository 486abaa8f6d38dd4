"""`conflict-events sql` (one read-only query) and `conflict-events shell` (an interactive read-only prompt)."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, warehouse_database


def add_parser(commands: argparse._SubParsersAction) -> None:
    sql = commands.add_parser("sql", help="run one read-only SQL query on the warehouse",
                              epilog="views: events_with_sources, actor_dyads, fatalities_by_admin1, "
                                     "events_by_country_month, events_by_type, quarantine_reasons")
    sql.add_argument("query", help="SQL text, or - to read it from standard input")
    sql.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output (default table)")
    sql.set_defaults(func=run_sql)

    shell = commands.add_parser("shell", help="interactive read-only SQL prompt (.tables, .schema NAME, .quit)")
    shell.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    shell.set_defaults(func=run_sql_shell)


def run_sql(args: argparse.Namespace) -> int:
    from pipeline.sql_console import QueryError, run_query, write_result

    statement = sys.stdin.read() if args.query == "-" else args.query
    try:
        frame = run_query(warehouse_database(args), statement)
    except QueryError as error:
        console.print(str(error), style="red", markup=False, highlight=False)
        return EXIT_USAGE
    write_result(frame, args.format, sys.stdout)
    return EXIT_OK


def run_sql_shell(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.sql_console import HISTORY_FILE, line_history, run_shell

    database = warehouse_database(args)
    if not sys.stdin.isatty():
        return run_shell(database, Console())
    with line_history(database.parent / HISTORY_FILE):
        return run_shell(database, Console())
