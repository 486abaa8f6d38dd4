"""End to end: materialize every asset on the sample corpus into a temporary warehouse, and prove the GX gate."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from pipeline.definitions import ALL_ASSETS, defs
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import PROJECT_ROOT
from pipeline.warehouse.storage import query, write_parquet_atomic

SAMPLE_ARTICLES = PROJECT_ROOT / "seeds" / "articles"


def materialize(warehouse: Path, selection: str | None = None) -> dg.ExecuteInProcessResult:
    resource = PipelineSettings(articles=str(SAMPLE_ARTICLES), warehouse=str(warehouse))
    return dg.materialize(ALL_ASSETS, resources={"pipeline_settings": resource}, raise_on_error=False,
                          selection=selection)


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory) -> tuple[Path, dg.ExecuteInProcessResult]:
    warehouse = tmp_path_factory.mktemp("warehouse")
    return warehouse, materialize(warehouse)


def test_graph_has_every_stage_in_its_group():
    graph = {
        key.to_user_string(): spec.group_name
        for assets in defs.assets for key, spec in ((s.key, s) for s in assets.specs)
    }
    assert graph == {
        "raw_articles": "ingest", "quarantine": "ingest", "event_mentions": "extract", "events": "events",
        "event_sources": "events", "warehouse": "warehouse", "release": "release",
    }
    checks = {c.name for assets in defs.assets for c in assets.check_specs}
    assert checks == {"great_expectations_article_events", "great_expectations_counts",
                      "great_expectations_event_mentions", "great_expectations_events"}


def test_materialize_all_builds_warehouse_and_release(built_warehouse):
    warehouse, result = built_warehouse
    assert result.success
    assert all(c.passed for c in result.get_asset_check_evaluations())
    database = warehouse / "conflict.duckdb"
    tables = set(query(database, "SELECT table_name FROM information_schema.tables")["table_name"])
    assert {"articles", "quarantine", "event_mentions", "events", "event_sources", "daily_counts",
            "monthly_admin1"} <= tables
    release = (warehouse / "releases").resolve()
    versions = [p for p in release.iterdir() if p.is_dir() and p.name != "latest"]
    assert len(versions) == 1
    assert {"events.parquet", "datapackage.json"} <= {p.name for p in versions[0].iterdir()}
    released_events = pl.read_parquet(versions[0] / "events.parquet")
    assert released_events.height == query(database, "SELECT count(*) AS n FROM events")["n"][0] > 0


def test_design_article_main_event_and_background(built_warehouse):
    warehouse, _ = built_warehouse
    mentions = pl.read_parquet(warehouse / "staging" / "event_mentions.parquet")
    articles = pl.read_parquet(warehouse / "staging" / "articles.parquet")
    design_id = articles.filter(pl.col("source") == "Middle East Monitor")["article_id"].item()
    design = mentions.filter(pl.col("article_id") == design_id)
    main = design.sort("confidence", descending=True).row(0, named=True)
    assert main["event_date"] == date(2018, 5, 1)
    assert (main["event_type"], main["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert main["country"] == "Syria" and main["iso"] == 760
    assert "hasak" in main["admin1"].lower()
    assert 35.5 < main["latitude"] < 37.4 and 39.6 < main["longitude"] < 42.4  # inside Hasakah governorate
    assert main["fatalities"] == 23
    assert main["actor2"] == "Civilians (Syria)"
    background = design.filter(pl.col("is_background"))
    assert {d.month for d in background["event_date"]} >= {1, 3}  # the January assault and the March capture
    assert not (design.filter(~pl.col("is_background"))["event_date"].dt.month() < 5).any()


def test_failing_check_blocks_release_and_keeps_previous(built_warehouse, tmp_path):
    warehouse = tmp_path / "warehouse"
    shutil.copytree(built_warehouse[0], warehouse, symlinks=True)
    releases = warehouse / "releases"
    before = {p.name: sorted(f.name for f in p.iterdir()) for p in releases.iterdir() if p.is_dir()}
    latest_before = (releases / "latest").resolve() if (releases / "latest").exists() else None

    events_path = warehouse / "staging" / "events.parquet"
    events = pl.read_parquet(events_path)
    write_parquet_atomic(events.with_columns(pl.lit(-5, dtype=pl.Int64).alias("fatalities")), events_path)
    result = materialize(warehouse, selection="warehouse*")

    failed = [c.check_name for c in result.get_asset_check_evaluations() if not c.passed]
    assert failed == ["great_expectations_events"]
    assert "release" not in {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    after = {p.name: sorted(f.name for f in p.iterdir()) for p in releases.iterdir() if p.is_dir()}
    assert after == before
    assert ((releases / "latest").resolve() if (releases / "latest").exists() else None) == latest_before
    assert not [p for p in releases.iterdir() if p.name.startswith(".")]  # no partial release left behind
