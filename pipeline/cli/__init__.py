"""The `conflict-events` command: run the pipeline, extract, evaluate, query the warehouse, start the UI.

Each sub-command lives in its own module and imports what it needs only when it runs, so a quick command
(`sql`, `config`, `release`) never pays for spaCy, Dagster or Great Expectations.

Exit codes: 0 success; 1 the checks failed or a step errored (no new release); 2 bad usage or input
(missing file, invalid setting, SQL error or an attempted write to the warehouse).
"""

from __future__ import annotations

import argparse
import logging
import tomllib

from pipeline.cli import config, evaluate, extract, gazetteer, run, sql, ui
from pipeline.cli.common import ENV_PREFIX, EXIT_CODES_HELP, EXIT_FAILED, EXIT_OK, EXIT_USAGE, console, setting_sources

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "setting_sources"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    from pipeline.release.cli import add_release_commands

    parser = argparse.ArgumentParser(prog="conflict-events", description=__doc__.splitlines()[0],
                                     epilog=EXIT_CODES_HELP)
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (run, extract, evaluate, gazetteer, config, sql, ui):
        module.add_parser(commands)
    add_release_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `conflict-events` script."""
    from pydantic_core import ValidationError  # what pydantic raises, without importing pydantic itself

    from pipeline.settings_file import config_file_path

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValidationError, tomllib.TOMLDecodeError) as error:
        console.print(f"[red]invalid settings (environment {ENV_PREFIX}* or {config_file_path()}):[/red]\n{error}")
        return EXIT_USAGE
