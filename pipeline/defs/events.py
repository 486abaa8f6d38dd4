"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.defs.extract import batch_mentions_path
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.events.merge import event_index, merge_mentions, read_event_index, resolution_key
from pipeline.events.rules import ResolutionRules
from pipeline.extract.mentions import MENTION_SCHEMA
from pipeline.ingest.incremental import batch_keys
from pipeline.warehouse.storage import write_parquet_atomic, write_text_atomic


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


def resolve_events(context: dg.AssetExecutionContext,
                   pipeline_settings: PipelineSettings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Resolve the staged mentions into events, unless nothing they depend on changed since the last run."""
    staged = pipeline_settings.staged
    published = pl.read_parquet(staged("articles"), columns=["article_id", "published_at"])
    key = resolution_key(staged("event_mentions"), published, pipeline_settings.settings().seeds,
                         staged("event_index"), pipeline_settings.min_mention_confidence)
    key_path = staged("events").with_suffix(".key")
    if key_path.exists() and key_path.read_text() == key and staged("events").exists():
        context.log.info("mentions, rules and ids unchanged since the last run: events kept")
        return pl.read_parquet(staged("events")), pl.read_parquet(staged("event_sources"))
    events, sources = merge_mentions(
        pl.read_parquet(staged("event_mentions")), published,
        min_confidence=pipeline_settings.min_mention_confidence,
        rules=ResolutionRules.load(pipeline_settings.settings().seeds),
        previous_ids=read_event_index(staged("event_index")),
    )
    write_parquet_atomic(events, staged("events"))
    write_parquet_atomic(sources, staged("event_sources"))
    write_parquet_atomic(event_index(sources), staged("event_index"))
    key = resolution_key(staged("event_mentions"), published, pipeline_settings.settings().seeds,
                         staged("event_index"), pipeline_settings.min_mention_confidence)
    write_text_atomic(key_path, key)
    return events, sources


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
        events, sources = resolve_events(context, pipeline_settings)
        context.log.info(f"{events.height} events from {sources.height} mentions")
        yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
            events, ["event_id", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                     "fatalities", "n_sources"]))
        yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))

    return merge_events


merge_events = build_merge_events()
