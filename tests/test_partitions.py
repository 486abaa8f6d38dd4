"""Scale-out: with the setting partition_by_batch, the same asset graph extracts each article batch (source file)
as its own partition; the sensor registers the batches, parallel processes extract them against a persistent
instance, and the result is exactly that of a single unpartitioned in-process run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from pipeline.definitions import defs
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import PROJECT_ROOT
from tests.conftest import materialize_pipeline

DAGSTER = [sys.executable, "-m", "dagster", "asset", "materialize", "-m", "pipeline.definitions"]

pytestmark = pytest.mark.slow


def register_batches(home: Path, articles: Path) -> list[str]:
    """Evaluate the articles sensor once and apply its partition requests, as the daemon would."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        resource = PipelineSettings(overrides={"articles": str(articles), "partition_by_batch": "true"})
        with dg.build_sensor_context(instance=instance, resources={"pipeline_settings": resource}) as context:
            result = defs().resolve_sensor_def("new_articles_sensor")(context)
        assert len(result.run_requests) == 1
        for request in result.dynamic_partitions_requests:
            instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
        return instance.get_dynamic_partitions("article_batches")


def test_parallel_partitioned_backfill_matches_single_run(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(PROJECT_ROOT / "seeds" / "articles", articles)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home), "CONFLICT_EVENTS_ARTICLES": str(articles),
           "CONFLICT_EVENTS_WAREHOUSE": str(tmp_path / "partitioned"), "CONFLICT_EVENTS_PARTITION_BY_BATCH": "true",
           "CONFLICT_EVENTS_CACHE": str(tmp_path / "cache-partitioned")}

    batches = register_batches(home, articles)
    assert len(batches) == len(list(articles.iterdir())) >= 3  # one batch per source file
    subprocess.run([*DAGSTER, "--select", "raw_articles,quarantine"], env=env, check=True, capture_output=True)
    extraction = "event_mentions,normalized_mentions"  # one multi-asset: one parse per article
    workers = [subprocess.Popen([*DAGSTER, "--select", extraction, "--partition", batch], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for batch in batches]
    assert [worker.wait() for worker in workers] == [0] * len(batches), [w.stderr.read()[-2000:] for w in workers]
    subprocess.run([*DAGSTER, "--select", "group:events or group:warehouse or group:release"], env=env, check=True,
                   capture_output=True)

    single = materialize_pipeline(articles, tmp_path / "single", cache=str(tmp_path / "cache-single"))
    assert single.success

    partitioned_events = pl.read_parquet(tmp_path / "partitioned" / "staging" / "events.parquet")
    single_events = pl.read_parquet(tmp_path / "single" / "staging" / "events.parquet")
    assert partitioned_events.height > 0 and partitioned_events.equals(single_events)
    partitioned_release = (tmp_path / "partitioned" / "releases" / "latest" / "events.parquet").read_bytes()
    assert partitioned_release == (tmp_path / "single" / "releases" / "latest" / "events.parquet").read_bytes()
