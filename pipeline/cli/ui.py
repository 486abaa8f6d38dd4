"""`conflict-events ui`: the Dagster UI with DAGSTER_HOME inside the warehouse."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from pipeline.cli.common import ENV_PREFIX, EXIT_USAGE, console, path_overrides, settings_from

DAGSTER_YAML = """\
# Written by `conflict-events ui`; edit freely, it is not overwritten.
telemetry:
  enabled: false
concurrency:
  pools:
    granularity: op
    # warehouse_writer (the `warehouse` asset) is the only pool, so this limits it to one writer at a time.
    default_limit: 1
"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    ui = commands.add_parser("ui", help="start the Dagster UI (dagster dev) with DAGSTER_HOME in the warehouse")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=3000, help="port (default 3000)")
    ui.add_argument("--articles", help="articles folder the sensor watches and runs read (default: settings)")
    ui.add_argument("--warehouse", help="warehouse folder (default: settings)")
    ui.set_defaults(func=start_ui)


def write_dagster_home(home: Path) -> Path:
    """Create DAGSTER_HOME with a dagster.yaml (telemetry off, warehouse_writer pool limit 1) unless present."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        from pipeline.atomic import write_text_atomic

        write_text_atomic(config, DAGSTER_YAML)
    return home


def start_ui(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    home = write_dagster_home(settings.warehouse.resolve() / ".dagster_home")
    dagster = shutil.which("dagster", path=str(Path(sys.executable).parent)) or shutil.which("dagster")
    if dagster is None:
        console.print("[red]the `dagster` command is not installed in this environment; run `uv sync`[/red]")
        return EXIT_USAGE
    environment = {**os.environ, "DAGSTER_HOME": str(home)}
    environment.update({f"{ENV_PREFIX}{name.upper()}": str(value) for name, value in path_overrides(args).items()})
    console.print(f"Dagster UI at http://{args.host}:{args.port} (DAGSTER_HOME={home}); Ctrl-C stops it.")
    sys.stderr.flush()
    os.execve(dagster, [dagster, "dev", "-m", "pipeline.definitions", "-h", args.host, "-p", str(args.port)],
              environment)
