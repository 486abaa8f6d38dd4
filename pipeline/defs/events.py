"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.events.merge import merge_mentions
from pipeline.warehouse.storage import write_parquet_atomic


@dg.multi_asset(
    specs=[
        dg.AssetSpec("events", deps=["event_mentions", "raw_articles"], group_name="events",
                     kinds={"polars", "parquet"}, owners=["team:data-eng"],
                     description="Events merged across articles (same day, place, type and actors); event_id is "
                                 "stable across runs; fatalities follow ACLED's lowest-reported rule."),
        dg.AssetSpec("event_sources", deps=["event_mentions"], group_name="events", kinds={"polars", "parquet"},
                     owners=["team:data-eng"],
                     description="Every article and evidence sentence behind each event."),
    ],
)
def merge_events(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Merge reportable mentions into events."""
    events, sources = merge_mentions(
        pl.read_parquet(pipeline_settings.staged("event_mentions")),
        pl.read_parquet(pipeline_settings.staged("articles")),
        min_confidence=pipeline_settings.min_mention_confidence,
    )
    write_parquet_atomic(events, pipeline_settings.staged("events"))
    write_parquet_atomic(sources, pipeline_settings.staged("event_sources"))
    context.log.info(f"{events.height} events from {sources.height} mentions")
    yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
        events, ["event_id", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                 "fatalities", "n_sources"]))
    yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))
