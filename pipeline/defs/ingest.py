"""Asset group `ingest`: raw articles and the quarantine of inputs that could not be loaded."""


import dagster as dg
import polars as pl

from pipeline.defs.metadata import column_schema, table_metadata
from pipeline.defs.resources import PipelineSettings, staged
from pipeline.tables import ARTICLES, QUARANTINE

DAILY_AT_SIX = "0 6 * * *"


@dg.multi_asset(
    specs=[
        dg.AssetSpec("raw_articles", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description=f"{ARTICLES.description} Only new or changed files are read on a re-run.",
                     metadata={"dagster/column_schema": column_schema(ARTICLES)},
                     automation_condition=dg.AutomationCondition.on_cron(DAILY_AT_SIX, "UTC")),
        dg.AssetSpec("quarantine", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description=QUARANTINE.description, metadata={"dagster/column_schema": column_schema(QUARANTINE)},
                     automation_condition=dg.AutomationCondition.on_cron(DAILY_AT_SIX, "UTC")),
    ],
)
def load_articles(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Stream new or changed files of the articles source into the staged articles and quarantine tables."""
    from pipeline.ingest.incremental import StagedIngest, load_incrementally

    settings = pipeline_settings.settings()
    tables = StagedIngest(staged(settings, "articles"), staged(settings, "quarantine"))
    run = load_incrementally(settings.articles, tables)
    context.log.info(f"{run.files_read} files read, {run.files_unchanged} unchanged; {run.articles} articles, "
                     f"{run.quarantined} quarantined records")
    yield dg.MaterializeResult(asset_key="raw_articles", metadata={
        **table_metadata(pl.read_parquet(tables.articles, n_rows=10),
                         ["article_id", "published_at", "title", "source", "language", "duplicate_of"]),
        "dagster/row_count": dg.MetadataValue.int(run.articles),
        "duplicates": dg.MetadataValue.int(run.duplicates),
        "files_read": dg.MetadataValue.int(run.files_read),
        "files_unchanged": dg.MetadataValue.int(run.files_unchanged),
    })
    yield dg.MaterializeResult(asset_key="quarantine", metadata=table_metadata(pl.read_parquet(tables.quarantine)))
