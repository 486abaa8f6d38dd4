"""Asset group `extract`: event mentions found by spaCy and normalized (actors, places, dates, fatalities)."""


import dagster as dg
import polars as pl

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.extract.mentions import Extractor, mentions_frame
from pipeline.tables import articles_from_frame
from pipeline.warehouse.storage import write_parquet_atomic


@dg.asset(
    deps=["raw_articles"], group_name="extract", kinds={"spacy", "parquet"}, owners=["team:nlp"],
    description="One row per event passage of each article: ACLED event type and sub-type, actors with inter "
                "codes, place with coordinates and geo_precision, event date with time_precision, fatalities "
                "(ACLED conservative and low/best/high), background/negation/hypothetical flags, confidence and "
                "the character offsets of the evidence sentence.",
)
def event_mentions(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings) -> dg.MaterializeResult:
    """Extract and normalize the mentions of every non-duplicate English article."""
    articles = articles_from_frame(pl.read_parquet(pipeline_settings.staged("articles")))
    extractor = Extractor.from_settings(pipeline_settings.settings())
    mentions = mentions_frame(extractor.extract(articles))
    write_parquet_atomic(mentions, pipeline_settings.staged("event_mentions"))
    context.log.info(f"{mentions.height} mentions from {len(articles)} articles")
    return dg.MaterializeResult(metadata={
        **table_metadata(mentions, ["article_id", "event_type", "sub_event_type", "event_date", "country",
                                    "admin1", "fatalities", "is_background", "confidence"]),
        "background_mentions": dg.MetadataValue.int(mentions.filter(pl.col("is_background")).height),
        "spacy_model": dg.MetadataValue.text(pipeline_settings.spacy_model),
    })
