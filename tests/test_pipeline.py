"""End to end: materialize every asset on the sample corpus into a temporary warehouse, and prove the GX gate."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from pipeline.settings import PROJECT_ROOT
from pipeline.warehouse.storage import query, write_parquet_atomic
from tests.conftest import materialize_pipeline

SAMPLE_ARTICLES = PROJECT_ROOT / "seeds" / "articles"
WAREHOUSE_TABLES = {"articles", "quarantine", "event_mentions", "normalized_mentions", "events", "event_sources",
                    "daily_counts", "monthly_admin1"}
VIEWS = {"events_with_sources", "actor_dyads", "fatalities_by_admin1", "events_by_country_month", "events_by_type",
         "quarantine_reasons"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory) -> tuple[Path, dg.ExecuteInProcessResult]:
    warehouse = tmp_path_factory.mktemp("warehouse")
    return warehouse, materialize_pipeline(SAMPLE_ARTICLES, warehouse)


def test_materialize_all_builds_warehouse_and_release(built_warehouse):
    warehouse, result = built_warehouse
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert {c.asset_key.path[-1] for c in checks} == WAREHOUSE_TABLES and all(c.passed for c in checks)
    database = warehouse / "conflict.duckdb"
    tables = set(query(database, "SELECT table_name FROM information_schema.tables")["table_name"])
    assert tables >= WAREHOUSE_TABLES | VIEWS
    assert not (warehouse / "staging" / "conflict.duckdb").exists()  # the validated build was swapped in
    release = (warehouse / "releases").resolve()
    versions = [p for p in release.iterdir() if p.is_dir() and p.name != "latest"]
    assert len(versions) == 1
    assert {"events.parquet", "datapackage.json"} <= {p.name for p in versions[0].iterdir()}
    released_events = pl.read_parquet(versions[0] / "events.parquet")
    assert released_events.height == query(database, "SELECT count(*) AS n FROM events")["n"][0] > 0


def test_design_article_main_event_and_background(built_warehouse):
    warehouse, _ = built_warehouse
    extracted = pl.read_parquet(warehouse / "staging" / "event_mentions.parquet")
    normalized = pl.read_parquet(warehouse / "staging" / "normalized_mentions.parquet")
    mentions = extracted.join(normalized.select("mention_id", *set(normalized.columns) - set(extracted.columns)),
                              on="mention_id")
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


def test_failing_check_keeps_the_database_and_the_latest_release(built_warehouse, tmp_path):
    """Nothing a reader sees changes until the gate has passed: the old DuckDB file stays byte-identical and the
    old release stays latest when a check fails on the new build."""
    warehouse = tmp_path / "warehouse"
    shutil.copytree(built_warehouse[0], warehouse, symlinks=True)
    releases = warehouse / "releases"
    database_before = (warehouse / "conflict.duckdb").read_bytes()
    before = {p.name: sorted(f.name for f in p.iterdir()) for p in releases.iterdir() if p.is_dir()}
    latest_before = (releases / "latest").resolve()

    events_path = warehouse / "staging" / "events.parquet"
    events = pl.read_parquet(events_path)
    write_parquet_atomic(events.with_columns(pl.lit(-5, dtype=pl.Int64).alias("fatalities")), events_path)
    downstream = [dg.AssetKey(["warehouse", name]) for name in WAREHOUSE_TABLES | VIEWS] + [dg.AssetKey("release")]
    result = materialize_pipeline(SAMPLE_ARTICLES, warehouse, selection=downstream)

    failed = {c.asset_key.path[-1] for c in result.get_asset_check_evaluations() if not c.passed}
    assert failed == {"events", "daily_counts", "monthly_admin1"}  # the aggregates sum the negative counts
    assert "release" not in {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert (warehouse / "conflict.duckdb").read_bytes() == database_before
    after = {p.name: sorted(f.name for f in p.iterdir()) for p in releases.iterdir() if p.is_dir()}
    assert after == before and (releases / "latest").resolve() == latest_before
    assert not [p for p in releases.iterdir() if p.name.startswith(".")]  # no partial release left behind
    assert query(warehouse / "conflict.duckdb", "SELECT min(fatalities) AS m FROM events")["m"][0] >= 0


def test_the_hasakah_strike_and_its_follow_up_are_one_event(built_warehouse):
    warehouse, _ = built_warehouse
    strikes = query(warehouse / "conflict.duckdb",
                    "SELECT event_id, fatalities, n_sources FROM events "
                    "WHERE sub_event_type = 'Air/drone strike' AND country = 'Syria'")
    assert strikes.height == 1
    strike = strikes.row(0, named=True)
    assert (strike["n_sources"], strike["fatalities"]) == (2, 23)
    sources = query(warehouse / "conflict.duckdb",
                    f"SELECT article_id, match_reason FROM event_sources WHERE event_id = '{strike['event_id']}'")
    assert sources["article_id"].n_unique() == 2 and sources["match_reason"].null_count() == 1
