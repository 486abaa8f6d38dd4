"""Asset group `extract`: event mentions found by spaCy and normalized (actors, places, dates, fatalities).

Whether extraction is partitioned by article batch (one source file each, for parallel backfills) is the setting
`partition_by_batch`, read when the definitions load.
"""


from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.metadata import column_schema, table_metadata
from pipeline.defs.partitions import article_batches
from pipeline.defs.resources import PipelineSettings, staged
from pipeline.provenance import extraction_version
from pipeline.settings import Settings
from pipeline.tables import EVENT_MENTIONS, NORMALIZED_MENTIONS, Table
from pipeline.warehouse.storage import write_parquet_atomic


def staged_mentions(settings: Settings, table: str, batch: str | None = None) -> Path:
    """Where a mention table (or the extraction quarantine) is staged: of one article batch, or of all articles."""
    return staged(settings, table) if batch is None else settings.staging / f"{table}_batches" / f"{batch}.parquet"


def _model_identity(name: str) -> str:
    """The model's package and version, without loading spaCy."""
    try:
        return f"{name}=={version(name)}"
    except PackageNotFoundError:
        return name


def _unreadable(context: dg.AssetExecutionContext, settings: Settings, source_paths: set[str] | None,
                languages: frozenset[str]) -> pl.DataFrame:
    """The loaded articles (of the run's batch) in a language no extraction model reads, logged."""
    from pipeline.extract.languages import describe_models, describe_unreadable, language_models, unreadable_articles

    loaded = pl.read_parquet(staged(settings, "articles"),
                             columns=["article_id", "source_path", "language", "duplicate_of", "title"])
    if source_paths is not None:
        loaded = loaded.filter(pl.col("source_path").is_in(sorted(source_paths)))
    unread = unreadable_articles(loaded, languages)
    if unread.height:
        context.log.warning(f"{describe_unreadable(unread)} articles not read: no extraction model for their "
                            f"language (models: {describe_models(language_models(settings))})")
    return unread


def _extract(context: dg.AssetExecutionContext,
             settings: Settings) -> tuple[pl.DataFrame, int, pl.DataFrame, pl.DataFrame]:
    """(mentions, articles parsed, articles whose extraction failed as quarantine rows, articles in a language the
    models do not read) of every staged article, or of the run's article batch."""
    from pipeline.extract.cache import MentionCache, extract_incrementally, extractor_version
    from pipeline.extract.mentions import Extractor
    from pipeline.ingest.incremental import batch_keys
    from pipeline.records import QuarantineRecord
    from pipeline.tables import iter_staged_articles, quarantine_frame

    extractor = Extractor.from_settings(settings)
    cache = MentionCache(settings.cache / "mentions" / extractor_version(extractor, settings.seeds))
    source_paths = None
    if context.has_partition_key:
        source_paths = set(batch_keys(staged(settings, "articles"), settings.articles).get(context.partition_key, []))
    failures: list[QuarantineRecord] = []
    mentions, parsed = extract_incrementally(
        extractor, iter_staged_articles(staged(settings, "articles"), source_paths=source_paths), cache,
        failures=failures)
    unread = _unreadable(context, settings, source_paths, extractor.languages)
    return mentions, parsed, quarantine_frame(failures), unread


MENTION_TABLES = (EVENT_MENTIONS, NORMALIZED_MENTIONS)


def _spec(table: Table, deps: list[str], description: str, **common) -> dg.AssetSpec:
    return dg.AssetSpec(table.name, deps=deps, description=f"{table.description} {description}",
                        metadata={"dagster/column_schema": column_schema(table)}, **common)


def build_extract_mentions(settings: Settings) -> dg.AssetsDefinition:
    """The extraction multi-asset (event_mentions, then normalized_mentions), partitioned by article batch when the
    settings say so. Each article is parsed once and taken through every stage in that pass, so one computation
    writes both tables; the graph shows extraction feeding normalization."""
    common = {"group_name": "extract", "owners": ["team:nlp"],
              "code_version": extraction_version(_model_identity(settings.spacy_model), settings.seeds),
              "automation_condition": dg.AutomationCondition.eager()}

    @dg.multi_asset(
        specs=[
            _spec(EVENT_MENTIONS, ["raw_articles"], "Stages detect, code, frame and decide of pipeline/extract; "
                  "articles already extracted with the same model, seed data, settings and code are served from "
                  "the cache, not parsed again.", kinds={"spacy", "parquet"}, **common),
            _spec(NORMALIZED_MENTIONS, [EVENT_MENTIONS.name], "Stage normalize of pipeline/extract (actors, places, "
                  "dates, fatalities), in the same pass over each parsed article.", kinds={"polars", "parquet"},
                  **common),
        ],
        partitions_def=article_batches if settings.partition_by_batch else None,
    )
    def extract_mentions(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
        """Extract, decide and normalize the mentions of every non-duplicate article of a language read."""
        from pipeline.extract.mentions import mention_tables

        run_settings = pipeline_settings.settings()
        mentions, parsed, failures, unread = _extract(context, run_settings)
        batch = context.partition_key if context.has_partition_key else None
        write_parquet_atomic(failures, staged_mentions(run_settings, "extract_quarantine", batch))
        for table, frame in zip(MENTION_TABLES, mention_tables(mentions), strict=True):
            write_parquet_atomic(frame, staged_mentions(run_settings, table.name, batch))
        context.log.info(f"{mentions.height} mentions ({mentions.filter('is_event').height} events); {parsed} "
                         f"articles parsed, the rest served from the cache; {failures.height} articles quarantined")
        yield dg.MaterializeResult(asset_key=EVENT_MENTIONS.name, metadata={
            **table_metadata(mentions, ["article_id", "trigger", "event_type", "sub_event_type", "is_event",
                                        "rejection_reason", "coding_rule", "confidence"]),
            "articles_parsed": dg.MetadataValue.int(parsed),
            "articles_quarantined": dg.MetadataValue.int(failures.height),
            "rejected_mentions": dg.MetadataValue.int(mentions.filter(~pl.col("is_event")).height),
            "spacy_model": dg.MetadataValue.text(run_settings.spacy_model),
            "unreadable_articles": dg.MetadataValue.int(unread.height),
            "unreadable_titles": dg.MetadataValue.json(
                [f"{r['language']}: {r['title'] or r['article_id']}" for r in unread.head(20).iter_rows(named=True)]),
        })
        yield dg.MaterializeResult(asset_key=NORMALIZED_MENTIONS.name, metadata=table_metadata(
            mentions, ["article_id", "event_type", "event_date", "country", "admin1", "location", "actor1",
                       "fatalities", "is_event"]))

    return extract_mentions


@dg.definitions
def defs() -> dg.Definitions:
    """The extraction assets for the settings in force when the definitions load."""
    return dg.Definitions(assets=[build_extract_mentions(Settings())])
