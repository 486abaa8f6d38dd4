"""Asset group `events`: mentions merged into deduplicated events, and each event's sources."""


import dagster as dg
import polars as pl

from pipeline.atomic import write_text_atomic
from pipeline.defs.extract import staged_mentions
from pipeline.defs.metadata import column_schema, table_metadata
from pipeline.defs.resources import PipelineSettings, staged
from pipeline.events.acled_columns import AcledCodebook, with_acled_columns
from pipeline.events.merge import event_index, merge_mentions, read_event_index, resolution_key
from pipeline.events.reports import resolution_input
from pipeline.events.rules import ResolutionRules
from pipeline.settings import Settings
from pipeline.tables import EVENT_MENTIONS, EVENT_NUMBERS, EVENT_SOURCES, EVENTS, NORMALIZED_MENTIONS, QUARANTINE
from pipeline.tables.declarations import MERGED_EVENT_COLUMNS
from pipeline.warehouse.storage import write_parquet_atomic


def gather_batches(settings: Settings) -> pl.DataFrame:
    """The normalized mentions of every current article batch, written as the one staged normalized_mentions
    table (likewise event_mentions, and the batches' extraction quarantine as the one extract_quarantine table)."""
    from pipeline.ingest.incremental import batch_keys

    batches = sorted(batch_keys(staged(settings, "articles"), settings.articles))
    missing = [b for b in batches if not staged_mentions(settings, NORMALIZED_MENTIONS.name, b).exists()]
    if missing:
        raise dg.Failure(f"{len(missing)} article batches have not been extracted yet (e.g. {missing[0]}): "
                         "backfill event_mentions for all partitions first.")
    gathered = {}
    for table in (EVENT_MENTIONS, NORMALIZED_MENTIONS, QUARANTINE):
        name = "extract_quarantine" if table is QUARANTINE else table.name
        frames = [pl.read_parquet(path) for b in batches if (path := staged_mentions(settings, name, b)).exists()]
        gathered[name] = pl.concat([table.empty(), *frames])
        if table is not QUARANTINE:
            gathered[name] = gathered[name].sort("article_id", "sentence_start", "mention_id")
        write_parquet_atomic(gathered[name], staged(settings, name))
    return gathered[NORMALIZED_MENTIONS.name]


def resolve_events(context: dg.AssetExecutionContext, settings: Settings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Resolve the staged mentions into events (ids kept through the index of the last run) unless nothing they
    depend on changed since then, and give them ACLED's ids, codes and sources, numbered by the warehouse's
    registry."""
    articles = pl.read_parquet(staged(settings, "articles"))
    published = articles.select("article_id", "published_at")
    index, key_path = staged(settings, "event_index"), staged(settings, "events").with_suffix(".key")

    mention_files = [staged(settings, table.name) for table in (EVENT_MENTIONS, NORMALIZED_MENTIONS)]

    def key() -> str:
        return resolution_key(mention_files, published, settings.seeds, index, settings.min_mention_confidence)

    if key_path.exists() and key_path.read_text() == key() and staged(settings, "events").exists():
        context.log.info("mentions, rules and ids unchanged since the last run: events not resolved again")
        events = pl.read_parquet(staged(settings, "events"), columns=MERGED_EVENT_COLUMNS)
        sources = pl.read_parquet(staged(settings, "event_sources"))
    else:
        mentions = resolution_input(*(pl.read_parquet(path) for path in mention_files))
        events, sources = merge_mentions(
            mentions, published,
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
        dg.AssetSpec("events", deps=["normalized_mentions", "raw_articles"], group_name="events",
                     kinds={"polars", "parquet"}, owners=["team:data-eng"], description=EVENTS.description,
                     metadata={"dagster/column_schema": column_schema(EVENTS)},
                     automation_condition=dg.AutomationCondition.eager()),
        dg.AssetSpec("event_sources", deps=["normalized_mentions"], group_name="events", kinds={"polars", "parquet"},
                     owners=["team:data-eng"], description=EVENT_SOURCES.description,
                     metadata={"dagster/column_schema": column_schema(EVENT_SOURCES)},
                     automation_condition=dg.AutomationCondition.eager()),
    ],
)
def merge_events(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Merge the mentions that are events into events (gathering every batch's mentions when extraction is
    partitioned) and give them ACLED's ids, codes and sources, numbered by the warehouse's registry."""
    settings = pipeline_settings.settings()
    if settings.partition_by_batch:
        gather_batches(settings)
    events, sources = resolve_events(context, settings)
    context.log.info(f"{events.height} events from {sources.height} mentions")
    yield dg.MaterializeResult(asset_key="events", metadata=table_metadata(
        events, ["event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
                 "fatalities", "n_sources"]))
    yield dg.MaterializeResult(asset_key="event_sources", metadata=table_metadata(sources))
