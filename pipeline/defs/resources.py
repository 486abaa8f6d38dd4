"""The Dagster resource carrying the pipeline settings (read when a run starts, never at import)."""


from pathlib import Path

import dagster as dg
from pydantic import Field

from pipeline.settings import Settings


class PipelineSettings(dg.ConfigurableResource):
    """Every setting of `pipeline.settings.Settings`: the CONFLICT_EVENTS_* environment and the config file, read
    when the run starts, under `overrides` (setting name → value, as `conflict-events config` lists them)."""

    overrides: dict[str, str] = Field(default_factory=dict)

    def settings(self) -> Settings:
        return Settings(**self.overrides)


def staged(settings: Settings, table: str) -> Path:
    """Where a stage leaves its table for the next one."""
    return settings.staging / f"{table}.parquet"


defs = dg.Definitions(resources={"pipeline_settings": PipelineSettings()})
