"""Issue 19's bar across runs: a new report of a released incident joins that event (same id, one more source)."""

from __future__ import annotations

import json
import shutil

import polars as pl
import pytest

from pipeline.settings import PROJECT_ROOT
from tests.test_release_reproducible import run

ANOTHER_REPORT = """---
title: Somali troops and al-Shabaab fight near Afmadow
source: Coast Courier (written for the conflict-events tests)
published_at: 2020-05-10T07:00:00+03:00
---
Ten people, four of them soldiers, died on Friday when Somali government forces and al-Shabaab militants clashed
near Afmadow in the Lower Juba region, a local elder told the Coast Courier. The fighting lasted several hours.
"""

pytestmark = pytest.mark.slow


def test_a_new_report_of_a_released_event_changes_it_and_adds_nothing(tmp_path):
    corpus = tmp_path / "articles"
    shutil.copytree(PROJECT_ROOT / "seeds" / "articles", corpus)
    cache = tmp_path / "cache"
    first = run(corpus, tmp_path / "warehouse", cache)
    before = pl.read_parquet(first / "events.parquet")
    clash = before.filter(pl.col("location").str.contains("Afmadow")).row(0, named=True)

    (corpus / "2020-05-10_coast_courier_afmadow.txt").write_text(ANOTHER_REPORT, encoding="utf-8")
    second = run(corpus, tmp_path / "warehouse", cache)
    after = pl.read_parquet(second / "events.parquet")
    changes = json.loads((second / "changes.json").read_text())
    assert changes["added"] == [] and changes["removed"] == []
    assert list(changes["changed"]) == [clash["event_id"]]
    assert "n_sources" in changes["changed"][clash["event_id"]]
    assert after.height == before.height
    joined = after.filter(pl.col("event_id") == clash["event_id"]).row(0, named=True)
    assert joined["n_sources"] == clash["n_sources"] + 1
    sources = pl.read_parquet(second / "event_sources.parquet").filter(pl.col("event_id") == clash["event_id"])
    assert sources["match_reason"].null_count() == 1  # the first report; the new one says why it joined
