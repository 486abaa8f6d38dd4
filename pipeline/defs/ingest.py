"""Asset group `ingest`: raw articles and the quarantine of inputs that could not be loaded."""

import json

import dagster as dg
import polars as pl

from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.ingest.incremental import load_incrementally
from pipeline.warehouse.storage import write_parquet_atomic, write_text_atomic


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
    """Stream the articles source into the articles and quarantine tables."""
    articles_path, quarantine_path = pipeline_settings.staged("articles"), pipeline_settings.staged("quarantine")
    manifest_path = articles_path.with_name("ingest_manifest.json")
    previous = manifest_path.exists() and articles_path.exists() and quarantine_path.exists()
    load = load_incrementally(
        pipeline_settings.articles,
        pl.read_parquet(articles_path) if previous else None,
        pl.read_parquet(quarantine_path) if previous else None,
        json.loads(manifest_path.read_text()) if previous else {},
    )
    write_parquet_atomic(load.articles, articles_path)
    write_parquet_atomic(load.quarantine, quarantine_path)
    write_text_atomic(manifest_path, json.dumps(load.manifest, indent=1, sort_keys=True))
    context.log.info(f"{load.files_read} files read, {load.files_kept} unchanged; {load.articles.height} articles, "
                     f"{load.quarantine.height} quarantined records")
    yield dg.MaterializeResult(asset_key="raw_articles", metadata={
        **table_metadata(load.articles, ["article_id", "published_at", "title", "language", "duplicate_of"]),
        "duplicates": dg.MetadataValue.int(load.articles.filter(pl.col("duplicate_of").is_not_null()).height),
        "files_read": dg.MetadataValue.int(load.files_read),
        "files_unchanged": dg.MetadataValue.int(load.files_kept),
    })
    yield dg.MaterializeResult(asset_key="quarantine", metadata=table_metadata(load.quarantine))
