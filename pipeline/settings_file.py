"""Where settings come from (the project root, the environment, the TOML file), importable without the settings
model: a read-only query must not pay the second that pydantic's import costs."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]  # the checkout (tests, benchmarks); not used once installed
CONFIG_FILE_ENV = "CONFLICT_EVENTS_CONFIG"
ENV_PREFIX = "CONFLICT_EVENTS_"
DATABASE_FILE = "conflict.duckdb"


def default_warehouse() -> Path:
    """warehouse/ in the current directory."""
    return Path.cwd() / "warehouse"


def config_file_path() -> Path:
    """The TOML settings file: $CONFLICT_EVENTS_CONFIG, else conflict-events.toml in the current directory."""
    return Path(os.environ.get(CONFIG_FILE_ENV, Path.cwd() / "conflict-events.toml"))


def config_file_values() -> dict:
    """The settings the TOML file holds (empty when there is no file)."""
    config_file = config_file_path()
    return tomllib.loads(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}


def raw_setting(name: str) -> str | None:
    """One setting as the environment (case-insensitive) or else the config file gives it; None if neither does."""
    wanted = f"{ENV_PREFIX}{name}".upper()
    for variable, value in os.environ.items():
        if variable.upper() == wanted:
            return value
    value = config_file_values().get(name)
    return None if value is None else str(value)
