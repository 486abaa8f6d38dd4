"""The Dagster definitions: every module of pipeline/defs/, loaded by `dg dev` (`conflict-events ui`) and `run`."""

from __future__ import annotations

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    """Definitions found in the defs folder, pipeline/defs/ (the root module of [tool.dg] in pyproject.toml).

    Loaded from the package itself rather than through the project's config file, so an installed wheel, which has
    no pyproject.toml, loads the same definitions as a checkout."""
    import pipeline.defs

    return dg.ComponentTree.from_module(defs_module=pipeline.defs, project_root=Path(__file__).parent).build_defs()
