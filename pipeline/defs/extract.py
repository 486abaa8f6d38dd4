"""Asset group `extract`: event mentions found by spaCy and normalized (actors, places, dates, fatalities)."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.partitions import article_batches
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.extract.cache import MentionCache, extract_incrementally, extractor_version
from pipeline.extract.mentions import Extractor
from pipeline.ingest.incremental import batch_keys
from pipeline.records import QuarantineRecord
from pipeline.tables import iter_staged_articles, quarantine_frame
from pipeline.warehouse.storage import write_parquet_atomic


def batch_mentions_path(pipeline_settings: PipelineSettings, batch: str, table: str = "event_mentions") -> Path:
    """Where one article batch's mentions (or its extraction quarantine) are staged."""
    return Path(pipeline_settings.warehouse) / "staging" / f"{table}_batches" / f"{batch}.parquet"


def build_event_mentions(partitioned: bool = False) -> dg.AssetsDefinition:
    """The extraction asset; when partitioned, one partition per article batch (source file)."""

    @dg.asset(
        deps=["raw_articles"], group_name="extract", kinds={"spacy", "parquet"}, owners=["team:nlp"],
        partitions_def=article_batches if partitioned else None,
        description="One row per event passage of each article: ACLED event type and sub-type, actors with inter "
                    "codes, place with coordinates and geo_precision, event date with time_precision, fatalities "
                    "(ACLED conservative and low/best/high), background/negation/hypothetical flags, confidence and "
                    "the character offsets of the evidence sentence. Articles already extracted with the same model, "
                    "seed data and code are served from the cache, not parsed again.",
    )
    def event_mentions(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings) -> dg.MaterializeResult:
        """Extract and normalize the mentions of every non-duplicate English article."""
        settings = pipeline_settings.settings()
        extractor = Extractor.from_settings(settings)
        cache = MentionCache(settings.cache / "mentions" / extractor_version(extractor, settings.seeds))
        articles_path = pipeline_settings.staged("articles")
        if partitioned:
            batch = context.partition_key
            source_paths = set(batch_keys(articles_path, pipeline_settings.articles).get(batch, []))
            articles = iter_staged_articles(articles_path, source_paths=source_paths)
            output = batch_mentions_path(pipeline_settings, batch)
            failures_output = batch_mentions_path(pipeline_settings, batch, "extract_quarantine")
        else:
            articles, output = iter_staged_articles(articles_path), pipeline_settings.staged("event_mentions")
            failures_output = pipeline_settings.staged("extract_quarantine")
        failures: list[QuarantineRecord] = []
        mentions, parsed = extract_incrementally(extractor, articles, cache, failures=failures)
        write_parquet_atomic(quarantine_frame(failures), failures_output)
        write_parquet_atomic(mentions, output)
        context.log.info(f"{mentions.height} mentions; {parsed} articles parsed, the rest served from the cache; "
                         f"{len(failures)} articles quarantined")
        return dg.MaterializeResult(metadata={
            **table_metadata(mentions, ["article_id", "event_type", "sub_event_type", "event_date", "country",
                                        "admin1", "fatalities", "is_background", "confidence"]),
            "articles_parsed": dg.MetadataValue.int(parsed),
            "articles_quarantined": dg.MetadataValue.int(len(failures)),
            "background_mentions": dg.MetadataValue.int(mentions.filter(pl.col("is_background")).height),
            "spacy_model": dg.MetadataValue.text(settings.spacy_model),
        })

    return event_mentions


event_mentions = build_event_mentions()
