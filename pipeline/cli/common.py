"""What every sub-command shares: exit codes, the console, settings from flags and where each setting came from."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from pipeline.settings_file import DATABASE_FILE, ENV_PREFIX, config_file_values, default_warehouse, raw_setting

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_CODES_HELP = "exit codes: 0 success; 1 checks failed or a step errored; 2 usage or input error"
console = Console(stderr=True)
DAGSTER_YAML = """\
# Written by conflict-events (`run`, `ui`); edit freely, it is not overwritten.
telemetry:
  enabled: false
nux:
  enabled: false   # no "Join the Dagster community" pop-up
concurrency:
  pools:
    granularity: op
    # warehouse_writer (the warehouse tables and the release) is the only pool: one writer at a time.
    default_limit: 1
"""


def path_overrides(args: argparse.Namespace) -> dict[str, Path]:
    """Settings given as command-line flags (--articles, --warehouse), as absolute paths."""
    return {k: Path(v).resolve() for k in ("articles", "warehouse") if (v := getattr(args, k, None))}


def shown_path(path: Path) -> str:
    """A path as a user reads it: relative to the current directory when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def settings_from(args: argparse.Namespace):
    """Effective settings: flags over environment over config file over defaults."""
    from pipeline.settings import Settings

    return Settings(**path_overrides(args))


def warehouse_database(args: argparse.Namespace) -> Path:
    """The warehouse database: --warehouse, else the environment or config file, else warehouse/; resolved
    without the settings model, so a read-only query starts as fast as duckdb does."""
    if flag := getattr(args, "warehouse", None):
        return Path(flag).resolve() / DATABASE_FILE
    configured = raw_setting("warehouse")
    return (Path(configured) if configured else default_warehouse()) / DATABASE_FILE


def setting_sources(overridden: Sequence[str] = ()) -> dict[str, str]:
    """Where each setting's effective value comes from: command line, env, file or default (highest first)."""
    from pipeline.settings import Settings, config_file_path

    config_file = config_file_path()
    in_file = config_file_values()
    environment = {name.upper() for name in os.environ}
    sources = {}
    for name in Settings.model_fields:
        if name in overridden:
            sources[name] = "command line"
        elif f"{ENV_PREFIX}{name.upper()}" in environment:
            sources[name] = f"env {ENV_PREFIX}{name.upper()}"
        elif name in in_file:
            sources[name] = f"file {config_file}"
        else:
            sources[name] = "default"
    return sources


def dagster_home(settings) -> Path:
    """The warehouse's Dagster instance folder (runs of `run` and of the UI), with its dagster.yaml."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        from pipeline.atomic import write_text_atomic

        write_text_atomic(config, DAGSTER_YAML)
    return home
