"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.defs.extract import batch_mentions_path
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.events.merge import event_index, merge_mentions, read_event_index
from pipeline.events.rules import ResolutionRules
from pipeline.extract.mentions import MENTION_SCHEMA
from pipeline.ingest.incremental import batch_keys
from pipeline.warehouse.storage import write_parquet_atomic


def gather_batches(settings: Settings) -> pl.DataFrame:
    """The mentions of every current article batch, written as the one staged event_mentions table."""
    from pipeline.ingest.incremental import batch_keys

    batches = sorted(batch_keys(staged(settings, "articles"), settings.articles))
    missing = [b for b in batches if not batch_mentions_path(settings, b).exists()]
    if missing:
        raise dg.Failure(f"{len(missing)} article batches have not been extracted yet (e.g. {missing[0]}): "
                         "backfill event_mentions for all partitions first.")
    frames = [pl.read_parquet(batch_mentions_path(settings, b)) for b in batches]
    mentions = (pl.concat(frames).sort("article_id", "sentence_start", "mention_id") if frames
                else EVENT_MENTIONS.empty())
    write_parquet_atomic(mentions, staged(settings, "event_mentions"))
    return mentions


def build_merge_events(partitioned: bool = False) -> dg.AssetsDefinition:
    """The events multi-asset; when extraction is partitioned, it first gathers every batch's mentions."""

    @dg.multi_asset(
        specs=[
            dg.AssetSpec("events", deps=["event_mentions", "raw_articles"], group_name="events",
                         kinds={"polars", "parquet"}, owners=["team:data-eng"],
                         description="Events resolved across articles (one day, one place, one event type, compared "
                                     "with tolerance: place units and distances, compatible types, actor families, "
                                     "counts, text); an event keeps its event_id when new reports join it; "
                                     "fatalities are the lowest toll any report gives."),
            dg.AssetSpec("event_sources", deps=["event_mentions"], group_name="events", kinds={"polars", "parquet"},
                         owners=["team:data-eng"],
                         description="Every article and evidence sentence behind each event, with the report it was "
                                     "matched to and why (match_score, match_reason)."),
        ],
    )
    def merge_events(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
        """Merge reportable mentions into events."""
        if partitioned:
            consolidate_batches(context, pipeline_settings)
        index_path = pipeline_settings.staged("event_index")
        events, sources = merge_mentions(
            pl.read_parquet(pipeline_settings.staged("event_mentions")),
            pl.read_parquet(pipeline_settings.staged("articles")),
            min_confidence=pipeline_settings.min_mention_confidence,
            rules=ResolutionRules.load(pipeline_settings.settings().seeds),
            previous_ids=read_event_index(index_path),
        )
        write_parquet_atomic(events, pipeline_settings.staged("events"))
        write_parquet_atomic(sources, pipeline_settings.staged("event_sources"))
        write_parquet_atomic(event_index(sources), index_path)
        context.log.info(f"{events.height} events from {sources.height} mentions")
        yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
            events, ["event_id", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                     "fatalities", "n_sources"]))
        yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))

    return merge_events


merge_events = build_merge_events()
