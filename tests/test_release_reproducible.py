"""Issue 5's bar: identical releases from identical inputs, and CHANGES naming exactly the events an article adds."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from pipeline.settings import PROJECT_ROOT
from tests.conftest import materialize_pipeline

EXTRA_ARTICLE = (
    "---\ntitle: Militants attack army post in Borno\n"
    "source: Sample Daily (written for the conflict-events tests)\npublished_at: 2020-05-12\n---\n"
    "Boko Haram militants attacked an army base in Monguno, Borno state, on Monday, killing three soldiers, "
    "military sources said.\n"
)


pytestmark = pytest.mark.slow


def run(articles: Path, warehouse: Path, cache: Path) -> Path:
    """Materialize everything with a private extraction cache; return the new release folder."""
    result = materialize_pipeline(articles, warehouse, cache=str(cache))
    assert result.success
    return (warehouse / "releases" / "latest").resolve()


def data_file_hashes(release: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(release.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    shutil.copytree(PROJECT_ROOT / "seeds" / "articles", folder, dirs_exist_ok=True)
    return folder


def test_same_inputs_give_identical_releases_and_new_article_is_named_in_changes(corpus, tmp_path):
    first = run(corpus, tmp_path / "warehouse-a", tmp_path / "cache-a")
    second = run(corpus, tmp_path / "warehouse-b", tmp_path / "cache-b")
    assert first.name == second.name == "1.0.0"
    assert data_file_hashes(first) == data_file_hashes(second)

    (corpus / "2020-05-12_sample_borno_attack.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    third = run(corpus, tmp_path / "warehouse-a", tmp_path / "cache-a")
    assert third.name != first.name and first.exists()
    changes = json.loads((third / "changes.json").read_text())
    events = pl.read_parquet(third / "events.parquet")
    sources = pl.read_parquet(third / "event_sources.parquet")
    articles = pl.read_parquet(third / "articles.parquet")
    new_article = articles.filter(pl.col("title") == "Militants attack army post in Borno")["article_id"].item()
    expected = set(sources.filter(pl.col("article_id") == new_article)["event_id"])
    assert expected and expected <= set(events["event_id"])
    assert set(changes["added"]) == expected
    assert not changes["removed"] and not changes["changed"]
