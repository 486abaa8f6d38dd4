"""The one Dagster Definitions object: `dagster dev -m pipeline.definitions`."""

from __future__ import annotations

import dagster as dg

from pipeline.defs.events import merge_events
from pipeline.defs.extract import event_mentions
from pipeline.defs.ingest import load_articles
from pipeline.defs.release import release
from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse

ALL_ASSETS = [load_articles, event_mentions, merge_events, warehouse, release]

materialize_all_job = dg.define_asset_job("materialize_all", selection=dg.AssetSelection.all(),
                                          description="Every stage, from raw articles to the release.")

defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[materialize_all_job],
    resources={"pipeline_settings": PipelineSettings()},
)
