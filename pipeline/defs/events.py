"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.defs.extract import batch_mentions_path
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.events.acled_columns import NUMBER_SCHEMA, AcledCodebook, with_acled_columns
from pipeline.events.merge import merge_mentions
from pipeline.extract.mentions import MENTION_SCHEMA
from pipeline.ingest.incremental import batch_keys
from pipeline.warehouse.storage import write_parquet_atomic


def consolidate_batches(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings) -> None:
    """Gather the mentions of every current article batch into the one staged event_mentions table."""
    batches = sorted(batch_keys(pipeline_settings.staged("articles"), pipeline_settings.articles))
    missing = [b for b in batches if not batch_mentions_path(pipeline_settings, b).exists()]
    if missing:
        raise dg.Failure(f"{len(missing)} article batches have not been extracted yet (e.g. {missing[0]}): "
                         "backfill event_mentions for all partitions first.")
    frames = [pl.read_parquet(batch_mentions_path(pipeline_settings, b)) for b in batches]
    mentions = pl.concat(frames) if frames else pl.DataFrame(schema=MENTION_SCHEMA)
    write_parquet_atomic(mentions.sort("article_id", "sentence_start", "mention_id"),
                         pipeline_settings.staged("event_mentions"))
    context.log.info(f"{mentions.height} mentions gathered from {len(batches)} article batches")


def build_merge_events(partitioned: bool = False) -> dg.AssetsDefinition:
    """The events multi-asset; when extraction is partitioned, it first gathers every batch's mentions."""

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
        if partitioned:
            consolidate_batches(context, pipeline_settings)
        settings = pipeline_settings.settings()
        articles = pl.read_parquet(pipeline_settings.staged("articles"))
        events, sources = merge_mentions(pl.read_parquet(pipeline_settings.staged("event_mentions")), articles,
                                         min_confidence=pipeline_settings.min_mention_confidence)
        known = (pl.read_parquet(settings.event_numbers) if settings.event_numbers.exists()
                 else pl.DataFrame(schema=NUMBER_SCHEMA))
        events, numbers = with_acled_columns(events, sources, articles, AcledCodebook.load(settings.seeds), known)
        write_parquet_atomic(numbers, settings.event_numbers)
        write_parquet_atomic(events, pipeline_settings.staged("events"))
        write_parquet_atomic(sources, pipeline_settings.staged("event_sources"))
        context.log.info(f"{events.height} events from {sources.height} mentions")
        yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
            events, ["event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                     "fatalities", "n_sources"]))
        yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))

    return merge_events


merge_events = build_merge_events()
