"""The Dagster resource carrying the pipeline settings (read when a run starts, never at import)."""


from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from pydantic import Field

from pipeline.settings import Settings
from pipeline.warehouse.lock import writer_lock


class PipelineSettings(dg.ConfigurableResource):
    """Every setting of `pipeline.settings.Settings`: the CONFLICT_EVENTS_* environment and the config file, read
    when the run starts, under `overrides` (setting name → value, as `conflict-events config` lists them).

    A run that uses it holds the warehouse's writer lock from start to end (see pipeline/warehouse/lock.py):
    exclusively, or shared when the run materializes one partition (which writes only that partition's files).
    Sensors use it without the lock.
    """

    overrides: dict[str, str] = Field(default_factory=dict)

    def settings(self) -> Settings:
        return Settings(**self.overrides)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["PipelineSettings"]:
        run = context.run
        if run is None:
            yield self
            return
        partitioned = "dagster/partition" in run.tags
        log = context.log.warning if context.log else None
        with writer_lock(self.settings().warehouse, shared=partitioned, on_wait=log):
            yield self


def staged(settings: Settings, table: str) -> Path:
    """Where a stage leaves its table for the next one."""
    return settings.staging / f"{table}.parquet"


defs = dg.Definitions(resources={"pipeline_settings": PipelineSettings()})
