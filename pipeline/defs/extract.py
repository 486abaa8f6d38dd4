"""Asset group `extract`: event mentions found by spaCy and normalized (actors, places, dates, fatalities)."""

from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.defs.partitions import article_batches
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.extract.cache import MentionCache, extract_incrementally, extractor_version
from pipeline.extract.languages import unread_summary
from pipeline.extract.mentions import Extractor
from pipeline.ingest.incremental import batch_keys
from pipeline.tables import iter_staged_articles
from pipeline.warehouse.storage import write_parquet_atomic


def batch_mentions_path(pipeline_settings: PipelineSettings, batch: str) -> Path:
    """Where one article batch's mentions are staged."""
    return Path(pipeline_settings.warehouse) / "staging" / "event_mentions_batches" / f"{batch}.parquet"


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
            source_paths = set(batch_keys(articles_path, pipeline_settings.articles).get(context.partition_key, []))
            articles, output = iter_staged_articles(articles_path, source_paths=source_paths), batch_mentions_path(
                pipeline_settings, context.partition_key)
        else:
            articles, output = iter_staged_articles(articles_path), pipeline_settings.staged("event_mentions")
        mentions, parsed = extract_incrementally(extractor, articles, cache)
        write_parquet_atomic(mentions, output)
        context.log.info(f"{mentions.height} mentions; {parsed} articles parsed, the rest served from the cache; "
                         f"not read (language): {unread_summary(extractor.unread_languages)}")
        return dg.MaterializeResult(metadata={
            **table_metadata(mentions, ["article_id", "event_type", "sub_event_type", "event_date", "country",
                                        "admin1", "fatalities", "is_background", "confidence"]),
            "articles_parsed": dg.MetadataValue.int(parsed),
            "background_mentions": dg.MetadataValue.int(mentions.filter(pl.col("is_background")).height),
            "spacy_model": dg.MetadataValue.text(settings.spacy_model),
            "not_read_language": dg.MetadataValue.text(unread_summary(extractor.unread_languages)),
        })

    return event_mentions


event_mentions = build_event_mentions()
