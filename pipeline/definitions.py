"""The Dagster definitions: every module of pipeline/defs/, loaded by `dg dev` (`conflict-events ui`)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    """Definitions found in the defs folder of this dg project ([tool.dg] in pyproject.toml)."""
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
