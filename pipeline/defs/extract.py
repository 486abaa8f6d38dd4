"""Asset group `extract`: event mentions found by spaCy and normalized (actors, places, dates, fatalities)."""

import dagster as dg
import polars as pl

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.extract.cache import MentionCache, extract_incrementally, extractor_version
from pipeline.extract.mentions import Extractor
from pipeline.tables import iter_staged_articles
from pipeline.warehouse.storage import write_parquet_atomic


@dg.asset(
    deps=["raw_articles"], group_name="extract", kinds={"spacy", "parquet"}, owners=["team:nlp"],
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
    mentions, parsed = extract_incrementally(
        extractor, iter_staged_articles(pipeline_settings.staged("articles")), cache)
    write_parquet_atomic(mentions, pipeline_settings.staged("event_mentions"))
    context.log.info(f"{mentions.height} mentions; {parsed} articles parsed, the rest served from the cache")
    return dg.MaterializeResult(metadata={
        **table_metadata(mentions, ["article_id", "event_type", "sub_event_type", "event_date", "country",
                                    "admin1", "fatalities", "is_background", "confidence"]),
        "articles_parsed": dg.MetadataValue.int(parsed),
        "background_mentions": dg.MetadataValue.int(mentions.filter(pl.col("is_background")).height),
        "spacy_model": dg.MetadataValue.text(settings.spacy_model),
    })
