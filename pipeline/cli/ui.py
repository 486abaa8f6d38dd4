"""`conflict-events ui`: the Dagster UI (`dg dev` on this project) with the warehouse's Dagster instance."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from pipeline.cli.common import ENV_PREFIX, EXIT_USAGE, console, dagster_home, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    ui = commands.add_parser("ui", help="start the Dagster UI (dg dev) with the warehouse's Dagster instance")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=3000, help="port (default 3000)")
    ui.add_argument("--articles", help="articles folder the sensor watches and runs read (default: settings)")
    ui.add_argument("--warehouse", help="warehouse folder (default: settings)")
    ui.set_defaults(func=start_ui)


def dg_command(host: str, port: int) -> list[str] | None:
    """`dg dev` on the dg project (pyproject.toml's [tool.dg]), or on the installed module outside a checkout."""
    from pipeline.settings import PROJECT_ROOT

    dg = shutil.which("dg", path=str(Path(sys.executable).parent)) or shutil.which("dg")
    if dg is None:
        return None
    target = (["--target-path", str(PROJECT_ROOT)] if (PROJECT_ROOT / "pyproject.toml").is_file()
              else ["-m", "pipeline.definitions"])
    return [dg, "dev", *target, "--host", host, "--port", str(port)]


def start_ui(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    command = dg_command(args.host, args.port)
    if command is None:
        console.print("[red]the `dg` command (dagster-dg-cli) is not installed here; run `uv sync`[/red]")
        return EXIT_USAGE
    home = dagster_home(settings)
    environment = {**os.environ, "DAGSTER_HOME": str(home), "VIRTUAL_ENV": sys.prefix}
    # the effective paths, resolved: defaults depend on the current directory, which the code server may not share
    environment.update({f"{ENV_PREFIX}{name.upper()}": str(Path(getattr(settings, name)).resolve())
                        for name in ("articles", "warehouse", "gazetteer_cache")})
    console.print(f"Dagster UI at http://{args.host}:{args.port} (DAGSTER_HOME={home}); Ctrl-C stops it.")
    sys.stderr.flush()
    os.execve(command[0], command, environment)
