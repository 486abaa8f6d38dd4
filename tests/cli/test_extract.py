"""`conflict-events extract`: articles JSONL → mentions Parquet, the articles read in a process of their own."""

from __future__ import annotations

import json

import polars as pl
import pytest

from pipeline.cli import EXIT_OK, EXIT_USAGE, main

ARTICLES = [
    {"id": "clash", "published_at": "2024-05-02",
     "text": "Rioters set fire to twenty shops in the old market of Ahmedabad on Tuesday, and police fired tear gas."},
    {"id": "broken"},  # no text: quarantined while reading
]


@pytest.mark.slow  # the command loads its own extractor (model and gazetteer index)
def test_mentions_of_the_articles_and_the_quarantined_records(tmp_path, capsys):
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES), encoding="utf-8")
    assert main(["extract", "--input", str(source), "--output", str(tmp_path / "m.parquet")]) == EXIT_OK
    mentions = pl.read_parquet(tmp_path / "m.parquet")
    assert set(mentions["article_id"]) == {"clash"} and mentions["is_event"].any()
    printed = capsys.readouterr().err  # the console writes to stderr
    assert "quarantined (ingest)" in printed and "from 1 articles" in printed


def test_a_missing_input_is_a_usage_error(tmp_path):
    assert main(["extract", "--input", str(tmp_path / "none.jsonl"), "--output", str(tmp_path / "m.parquet")]) \
        == EXIT_USAGE
