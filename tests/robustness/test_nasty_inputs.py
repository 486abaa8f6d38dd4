"""Issue 12's first bar: a folder of the inputs that used to stop every run, plus good articles. The run exits 0,
publishes a release, codes every good article and quarantines every bad record with its stage and reason."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from pipeline.normalize.fatalities import MAX_COUNT
from pipeline.sql_console import run_query

from .corpus import GOOD, MARKUP_TITLE, write_nasty_folder

pytestmark = pytest.mark.slow


def run(articles: Path, warehouse: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--articles", str(articles),
                           "--warehouse", str(warehouse), *extra],
                          capture_output=True, text=True, timeout=1200, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def nasty_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, Path]:
    root = tmp_path_factory.mktemp("nasty")
    articles = write_nasty_folder(root)
    warehouse = root / "it's a warehouse"  # an apostrophe in the path: paths reach DuckDB as parameters
    leftovers = [warehouse / "staging" / ".events.parquet.999999.deadbeef.tmp",
                 warehouse / ".conflict.duckdb.999999.building", warehouse / "releases" / ".staging-1.0.0-x1y2"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir() if path.name.startswith(".staging") else path.write_text("left by a killed run")
    completed = run(articles, warehouse)
    assert not any(path.exists() for path in leftovers), "leftovers of a killed run were not swept"
    return completed, articles, warehouse


def table(warehouse: Path, sql: str) -> pl.DataFrame:
    return run_query(warehouse / "conflict.duckdb", sql)


def test_the_run_exits_0_and_publishes_a_release(nasty_run):
    completed, _, warehouse = nasty_run
    assert completed.returncode == 0, completed.stderr[-4000:]
    latest = (warehouse / "releases" / "latest").resolve()
    assert (latest / "datapackage.json").is_file()
    released = pl.read_parquet(latest / "articles.parquet")
    sources = pl.read_parquet(latest / "event_sources.parquet")
    assert set(sources["article_id"]) <= set(released["article_id"])


def test_every_good_article_is_loaded_and_coded(nasty_run):
    _, _, warehouse = nasty_run
    coded = table(warehouse, "SELECT a.source_path, count(m.mention_id) AS mentions FROM articles a "
                             "LEFT JOIN event_mentions m USING (article_id) GROUP BY a.source_path")
    mentions = dict(coded.iter_rows())
    good = [*GOOD, "markup.md", "transcript.txt", "count.txt", "feed.warc.gz"]
    assert sorted(Path(path).name for path in mentions) == sorted(good)
    assert all(count >= 1 for count in mentions.values()), mentions


def test_the_long_transcript_is_coded_past_its_first_million_characters(nasty_run):
    _, _, warehouse = nasty_run
    [row] = table(warehouse, "SELECT m.sentence_start, m.evidence, a.text FROM event_mentions m JOIN articles a "
                             "USING (article_id) WHERE a.source_path LIKE '%transcript.txt'").iter_rows()
    start, evidence, text = row
    assert start > 2_000_000 and evidence.strip() in text[start:start + len(evidence)]


def test_an_absurd_count_is_bounded_where_it_is_read_and_rejected(nasty_run):
    _, _, warehouse = nasty_run
    counts = table(warehouse, "SELECT n.fatalities, n.fatalities_high AS high, n.is_event, m.rejection_reason "
                              "FROM normalized_mentions n JOIN event_mentions m USING (mention_id) JOIN articles a "
                              "ON a.article_id = n.article_id WHERE a.source_path LIKE '%count.txt' "
                              "ORDER BY n.fatalities DESC LIMIT 1")
    assert counts["high"][0] <= MAX_COUNT and counts["fatalities"][0] == MAX_COUNT
    assert (counts["is_event"][0], counts["rejection_reason"][0]) == (False, "fatalities_above_bound")


def test_every_bad_record_is_quarantined_with_its_stage_and_reason(nasty_run):
    _, _, warehouse = nasty_run
    rows = table(warehouse, "SELECT source_path, stage, reason FROM quarantine ORDER BY source_path")
    by_file = {Path(path).name: (stage, reason) for path, stage, reason in rows.iter_rows()}
    assert rows.height == len(by_file) == 4, rows  # one row per bad record
    assert by_file["loop.txt"] == ("ingest", "symbolic link loop")
    assert by_file["dangling.txt"][1].startswith("dangling symbolic link")
    assert by_file["outside.txt"][1].startswith("symbolic link to a file outside the articles folder")
    assert by_file["feed.warc.gz"][1].startswith("truncated or corrupt compressed WARC")
    assert {stage for stage, _ in by_file.values()} == {"ingest"}


def test_markup_in_the_data_prints_literally_and_formulas_are_neutralised(nasty_run):
    _, _, warehouse = nasty_run
    completed = subprocess.run([sys.executable, "-m", "pipeline.cli", "sql", "--warehouse", str(warehouse),
                                "SELECT title, source FROM articles WHERE title LIKE '%link=%'"],
                               capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "250"})
    assert completed.returncode == 0, completed.stderr
    assert MARKUP_TITLE in completed.stdout
    latest = (warehouse / "releases" / "latest").resolve()
    with (latest / "events_acled.csv").open(newline="", encoding="utf-8") as handle:
        cells = [value for row in csv.DictReader(handle) for value in row.values()]
    assert any(value.startswith("'=HYPERLINK") for value in cells)
    assert not any(value.startswith("=") for value in cells)


def test_an_undated_article_about_1985_does_not_block_the_release(tmp_path):
    articles = write_nasty_folder(tmp_path, with_old_date=True)
    completed = run(articles, tmp_path / "warehouse")
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert (tmp_path / "warehouse" / "releases" / "latest" / "datapackage.json").is_file()
