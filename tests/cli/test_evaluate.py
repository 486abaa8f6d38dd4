"""`conflict-events evaluate` on small files written here: --news and --articles, their JSON and details."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import EXIT_OK, EXIT_USAGE, main
from tests.evaluate.rows import write_jsonl
from tests.evaluate.test_articles import CODED
from tests.evaluate.test_news import STORIES


@pytest.mark.slow  # the command loads its own extractor (model and gazetteer index)
def test_news_scores_calibration_and_details(tmp_path, capsys):
    news = str(write_jsonl(tmp_path / "news.jsonl", STORIES))
    code = main(["evaluate", "--news", news, "--label", "protest", "--published", "2024-03-01",
                 "--json", str(tmp_path / "s.json"), "--details", str(tmp_path / "d.csv")])
    assert code == EXIT_OK
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["stories"] == 4 and scores["labelled"] == 2 and scores["published"] == "2024-03-01"
    assert {"precision", "recall", "unlabelled_with_any_event", "calibration", "thresholds"} <= set(scores)
    assert len((tmp_path / "d.csv").read_text().splitlines()) == 5
    assert "calibration:" in capsys.readouterr().out


@pytest.mark.slow  # the command loads its own extractor (model and gazetteer index)
def test_articles_scores_by_kind(tmp_path, capsys):
    coded = str(write_jsonl(tmp_path / "coded.jsonl", CODED))
    assert main(["evaluate", "--articles", coded, "--json", str(tmp_path / "s.json")]) == EXIT_OK
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["articles"] == 2 and scores["gold_events"] == 1
    assert set(scores["by_kind"]) == {"event", "disaster"}
    assert "events_with_foreign_fatalities" in capsys.readouterr().out


def test_usage_errors(tmp_path):
    news = str(write_jsonl(tmp_path / "news.jsonl", STORIES))
    assert main(["evaluate", "--news", str(tmp_path / "missing.jsonl")]) == EXIT_USAGE
    assert main(["evaluate", "--news", news, "--label", "strike"]) == EXIT_USAGE
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", "--news", news, "--gold", "x.csv"])
    assert exit_info.value.code == EXIT_USAGE
