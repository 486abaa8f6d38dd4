"""Asset group `ingest`: raw articles and the quarantine of inputs that could not be loaded."""


import dagster as dg

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.ingest import iter_articles
from pipeline.records import Article
from pipeline.tables import articles_frame, quarantine_frame
from pipeline.warehouse.storage import write_parquet_atomic


@dg.multi_asset(
    specs=[
        dg.AssetSpec("raw_articles", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description="Articles loaded from the articles folder or file (text, front matter, JSON, "
                                 "JSONL, CSV, HTML, WARC), cleaned, language-tagged and linked to duplicates."),
        dg.AssetSpec("quarantine", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description="Input records that could not be loaded, with the reason and where they came from."),
    ],
)
def load_articles(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Stream the articles source into the articles and quarantine tables."""
    articles, rejected = [], []
    for record in iter_articles(pipeline_settings.articles):
        (articles if isinstance(record, Article) else rejected).append(record)
    loaded, quarantined = articles_frame(articles), quarantine_frame(rejected)
    write_parquet_atomic(loaded, pipeline_settings.staged("articles"))
    write_parquet_atomic(quarantined, pipeline_settings.staged("quarantine"))
    context.log.info(f"{loaded.height} articles loaded, {quarantined.height} records quarantined")
    yield dg.MaterializeResult(asset_key="raw_articles", metadata={
        **table_metadata(loaded, ["article_id", "published_at", "title", "language", "duplicate_of"]),
        "duplicates": dg.MetadataValue.int(loaded.filter(loaded["duplicate_of"].is_not_null()).height),
    })
    yield dg.MaterializeResult(asset_key="quarantine", metadata=table_metadata(quarantined))
