"""Asset group `ingest`: raw articles and the quarantine of inputs that could not be loaded."""

import dagster as dg
import polars as pl

from pipeline.defs.partitions import article_batches
from pipeline.defs.resources import PipelineSettings, table_metadata
from pipeline.ingest.incremental import StagedIngest, batch_keys, load_incrementally


def build_load_articles(partitioned: bool = False) -> dg.AssetsDefinition:
    """The ingest multi-asset; when partitioned, it also registers each source file as an article batch."""

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
        if partitioned:
            batches = sorted(batch_keys(staged.articles, pipeline_settings.articles))
            known = set(context.instance.get_dynamic_partitions(article_batches.name))
            context.instance.add_dynamic_partitions(article_batches.name, [b for b in batches if b not in known])
            context.log.info(f"{len(batches)} article batches (partitions of {article_batches.name})")
        yield dg.MaterializeResult(asset_key="quarantine", metadata=table_metadata(pl.read_parquet(staged.quarantine)))

    return load_articles


load_articles = build_load_articles()
