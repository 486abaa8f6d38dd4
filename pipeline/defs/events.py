"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.atomic import write_text_atomic
from pipeline.defs.extract import batch_mentions_path
from pipeline.defs.metadata import column_schema, table_metadata
from pipeline.defs.resources import PipelineSettings, staged
from pipeline.events.acled_columns import AcledCodebook, with_acled_columns
from pipeline.events.merge import event_index, merge_mentions, read_event_index, resolution_key
from pipeline.events.rules import ResolutionRules
from pipeline.settings import Settings
from pipeline.tables import EVENT_MENTIONS, EVENT_NUMBERS, EVENT_SOURCES, EVENTS, QUARANTINE
from pipeline.tables.declarations import MERGED_EVENT_COLUMNS
from pipeline.warehouse.storage import write_parquet_atomic


def gather_batches(settings: Settings) -> pl.DataFrame:
    """The mentions of every current article batch, written as the one staged event_mentions table (and the
    batches' extraction quarantine as the one staged extract_quarantine table)."""
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
    failed = [pl.read_parquet(path) for b in batches
              if (path := batch_mentions_path(settings, b, "extract_quarantine")).exists()]
    write_parquet_atomic(pl.concat([QUARANTINE.empty(), *failed]), staged(settings, "extract_quarantine"))
    return mentions


def resolve_events(context: dg.AssetExecutionContext, settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Resolve the staged mentions into events (ids kept through the index of the last run) unless nothing they
    depend on changed since then, and give them ACLED's ids, codes and sources, numbered by the warehouse's
    registry."""
    articles = pl.read_parquet(staged(settings, "articles"))
    published = articles.select("article_id", "published_at")
    index, key_path = staged(settings, "event_index"), staged(settings, "events").with_suffix(".key")

    def key() -> str:
        return resolution_key(staged(settings, "event_mentions"), published, settings.seeds, index,
                              settings.min_mention_confidence)

    if key_path.exists() and key_path.read_text() == key() and staged(settings, "events").exists():
        context.log.info("mentions, rules and ids unchanged since the last run: events not resolved again")
        events = pl.read_parquet(staged(settings, "events"), columns=MERGED_EVENT_COLUMNS)
        sources = pl.read_parquet(staged(settings, "event_sources"))
    else:
        events, sources = merge_mentions(
            pl.read_parquet(staged(settings, "event_mentions")), published,
            min_confidence=settings.min_mention_confidence, rules=ResolutionRules.load(settings.seeds),
            previous_ids=read_event_index(index))
    known = pl.read_parquet(settings.event_numbers) if settings.event_numbers.exists() else EVENT_NUMBERS.empty()
    events, numbers = with_acled_columns(events, sources, articles, AcledCodebook.load(settings.seeds), known)
    write_parquet_atomic(numbers, settings.event_numbers)
    write_parquet_atomic(events, staged(settings, "events"))
    write_parquet_atomic(sources, staged(settings, "event_sources"))
    write_parquet_atomic(event_index(sources), index)
    write_text_atomic(key_path, key())
    return events, sources


@dg.multi_asset(
    specs=[
        dg.AssetSpec("events", deps=["event_mentions", "raw_articles"], group_name="events",
                     kinds={"polars", "parquet"}, owners=["team:data-eng"], description=EVENTS.description,
                     metadata={"dagster/column_schema": column_schema(EVENTS)},
                     automation_condition=dg.AutomationCondition.eager()),
        dg.AssetSpec("event_sources", deps=["event_mentions"], group_name="events", kinds={"polars", "parquet"},
                     owners=["team:data-eng"], description=EVENT_SOURCES.description,
                     metadata={"dagster/column_schema": column_schema(EVENT_SOURCES)},
                     automation_condition=dg.AutomationCondition.eager()),
    ],
)
def merge_events(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Merge reportable mentions into events (gathering every batch's mentions when extraction is partitioned) and
    give them ACLED's ids, codes and sources, numbered by the warehouse's registry."""
    settings = pipeline_settings.settings()
    if settings.partition_by_batch:
        gather_batches(settings)
    events, sources = resolve_events(context, settings)
    context.log.info(f"{events.height} events from {sources.height} mentions")
    yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
        events, ["event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                 "fatalities", "n_sources"]))
    yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))
