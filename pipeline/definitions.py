"""The one Dagster Definitions object: `dagster dev -m pipeline.definitions` (or `conflict-events ui`)."""

from __future__ import annotations

import dagster as dg

from pipeline.defs.automation import daily_refresh, materialize_all_job, new_articles_sensor
from pipeline.defs.events import merge_events
from pipeline.defs.extract import event_mentions
from pipeline.defs.ingest import load_articles
from pipeline.defs.release import release
from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse

ALL_ASSETS = [load_articles, event_mentions, merge_events, warehouse, release]

defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[materialize_all_job],
    sensors=[new_articles_sensor],
    schedules=[daily_refresh],
    resources={"pipeline_settings": PipelineSettings()},
    executor=dg.in_process_executor,  # one process per run, so the run holds the warehouse lock from start to end
)
