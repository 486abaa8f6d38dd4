"""Scale-out: extraction partitioned by article batch, run as parallel processes against a persistent Dagster
instance, gives exactly the events of a single in-process run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.definitions import ALL_ASSETS
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import PROJECT_ROOT, Settings

DAGSTER = [sys.executable, "-m", "dagster", "asset", "materialize", "-m", "pipeline.definitions_partitioned"]


def fresh_cache(path: Path) -> Path:
    """A mention cache of its own (nothing parsed is shared) that reuses the machine's gazetteer index."""
    if Settings().gazetteer_cache.exists():
        shutil.copytree(Settings().gazetteer_cache, path / "gazetteer")
    return path


def test_parallel_partitioned_backfill_matches_single_run(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    shutil.copytree(PROJECT_ROOT / "seeds" / "articles", articles)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home), "CONFLICT_EVENTS_ARTICLES": str(articles),
           "CONFLICT_EVENTS_WAREHOUSE": str(tmp_path / "partitioned"),
           "CONFLICT_EVENTS_CACHE": str(fresh_cache(tmp_path / "cache-partitioned"))}

    subprocess.run([*DAGSTER, "--select", "raw_articles,quarantine"], env=env, check=True, capture_output=True)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        batches = instance.get_dynamic_partitions("article_batches")
    assert len(batches) == len(list(articles.iterdir())) >= 3  # one batch per source file

    workers = [subprocess.Popen([*DAGSTER, "--select", "event_mentions", "--partition", batch], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for batch in batches]
    assert [worker.wait() for worker in workers] == [0] * len(batches), [w.stderr.read()[-2000:] for w in workers]
    subprocess.run([*DAGSTER, "--select", "events,event_sources,warehouse,release"], env=env, check=True,
                   capture_output=True)

    monkeypatch.setenv("CONFLICT_EVENTS_CACHE", str(fresh_cache(tmp_path / "cache-single")))
    single = dg.materialize(ALL_ASSETS, resources={"pipeline_settings": PipelineSettings(
        articles=str(articles), warehouse=str(tmp_path / "single"))})
    assert single.success

    partitioned_events = pl.read_parquet(tmp_path / "partitioned" / "staging" / "events.parquet")
    single_events = pl.read_parquet(tmp_path / "single" / "staging" / "events.parquet")
    assert partitioned_events.height > 0 and partitioned_events.equals(single_events)
    partitioned_release = (tmp_path / "partitioned" / "releases" / "latest" / "events.parquet").read_bytes()
    assert partitioned_release == (tmp_path / "single" / "releases" / "latest" / "events.parquet").read_bytes()
