"""`conflict-events config`: the effective settings and where each one came from."""

from __future__ import annotations

import argparse

from pipeline.cli.common import EXIT_OK, path_overrides, setting_sources, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    config = commands.add_parser("config", help="print the effective settings and where each comes from")
    config.set_defaults(func=show_config)


def show_config(args: argparse.Namespace) -> int:
    from pipeline.settings import config_file_path

    settings = settings_from(args)
    config_file = config_file_path()
    print(f"# config file: {config_file} ({'read' if config_file.is_file() else 'absent'})")
    sources = setting_sources(list(path_overrides(args)))
    for name, value in {**settings.model_dump(), "database": settings.database,
                        "releases": settings.releases}.items():
        print(f"{name} = {value}  # {sources.get(name, 'derived from warehouse')}")
    return EXIT_OK
