"""Asset group `ingest`: raw articles and the quarantine of inputs that could not be loaded."""

import dagster as dg
import polars as pl

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.ingest.incremental import StagedIngest, load_incrementally


@dg.multi_asset(
    specs=[
        dg.AssetSpec("raw_articles", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description="Articles loaded from the articles folder or file (text with front matter, "
                                 "JSON, JSONL, CSV, HTML, WARC), cleaned, language-tagged and linked to "
                                 "duplicates. Only new or changed files are read on a re-run."),
        dg.AssetSpec("quarantine", group_name="ingest", kinds={"python", "parquet"}, owners=["team:data-eng"],
                     description="Input records that could not be loaded, with the reason and where they came from."),
    ],
)
def load_articles(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Stream new or changed files of the articles source into the staged articles and quarantine tables."""
    staged = StagedIngest(pipeline_settings.staged("articles"), pipeline_settings.staged("quarantine"))
    run = load_incrementally(pipeline_settings.articles, staged)
    context.log.info(f"{run.files_read} files read, {run.files_unchanged} unchanged; {run.articles} articles, "
                     f"{run.quarantined} quarantined records")
    first_rows = pl.read_parquet(staged.articles, n_rows=10)
    yield dg.MaterializeResult(asset_key="raw_articles", metadata={
        **table_metadata(first_rows, ["article_id", "published_at", "title", "language", "duplicate_of"]),
        "dagster/row_count": dg.MetadataValue.int(run.articles),
        "duplicates": dg.MetadataValue.int(run.duplicates),
        "files_read": dg.MetadataValue.int(run.files_read),
        "files_unchanged": dg.MetadataValue.int(run.files_unchanged),
    })
    yield dg.MaterializeResult(asset_key="quarantine", metadata=table_metadata(pl.read_parquet(staged.quarantine)))
