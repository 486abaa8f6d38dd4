"""Article batches as Dagster partitions: one partition per source file of the articles folder, so a backfill
extracts batches in parallel runs (multiprocess locally, one pod or worker per run on a cluster)."""

import dagster as dg

article_batches = dg.DynamicPartitionsDefinition(name="article_batches")
