"""Definitions for scale-out: extraction partitioned by article batch (one source file each), for backfills that
run batches in parallel (`dagster dev -m pipeline.definitions_partitioned`; see README, "Scaling out")."""

import dagster as dg

from pipeline.defs.events import build_merge_events
from pipeline.defs.extract import build_event_mentions
from pipeline.defs.ingest import build_load_articles
from pipeline.defs.partitions import article_batches
from pipeline.defs.release import release
from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse

PARTITIONED_ASSETS = [build_load_articles(partitioned=True), build_event_mentions(partitioned=True),
                      build_merge_events(partitioned=True), warehouse, release]

ingest_job = dg.define_asset_job("ingest", selection=dg.AssetSelection.groups("ingest"),
                                 description="Load new files and register them as article batches.")
extract_batches_job = dg.define_asset_job(
    "extract_batches", selection=dg.AssetSelection.groups("extract"), partitions_def=article_batches,
    description="Extract one article batch; backfill it over all partitions to run batches in parallel.")
publish_job = dg.define_asset_job(
    "publish", selection=dg.AssetSelection.groups("events", "warehouse", "release"),
    description="Merge every batch's mentions into events, build the warehouse, check and release.")

defs = dg.Definitions(
    assets=PARTITIONED_ASSETS,
    jobs=[ingest_job, extract_batches_job, publish_job],
    resources={"pipeline_settings": PipelineSettings()},
    executor=dg.in_process_executor,  # one process per run, so the run holds the warehouse lock from start to end
)
