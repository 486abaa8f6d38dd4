"""The hand-written French corpus (tests/data/french) is valid pipeline input with consistent ACLED gold."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml

from pipeline.ingest import iter_articles
from pipeline.records import Article
from pipeline.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "tests" / "data" / "french" / "articles.jsonl"
MAX_EVENT_AGE_DAYS = 14  # the README's promise: every gold event is reported within two weeks


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def test_every_article_is_ingested_as_a_distinct_french_article(rows):
    items = list(iter_articles(CORPUS))
    assert all(isinstance(item, Article) for item in items), [i for i in items if not isinstance(i, Article)]
    assert [a.article_id for a in items] == [r["id"] for r in rows]
    assert {a.language for a in items} == {"fr"}
    assert all(a.duplicate_of is None and a.published_at is not None for a in items)


def test_gold_events_follow_the_taxonomy_and_the_reporting_window(rows):
    taxonomy = yaml.safe_load((PROJECT_ROOT / "seeds" / "triggers.yaml").read_text(encoding="utf-8"))["taxonomy"]
    type_of = {sub: event_type for event_type, subs in taxonomy.items() for sub in subs}
    for row in rows:
        published = date.fromisoformat(row["published_at"])
        for event in row["events"]:
            assert type_of[event["sub_event_type"]] == event["event_type"], row["id"]
            assert 0 <= (published - date.fromisoformat(event["event_date"])).days <= MAX_EVENT_AGE_DAYS, row["id"]
            assert event["fatalities"] >= 0 and event["country"], row["id"]


def test_event_kinds_and_non_event_kinds_are_kept_apart(rows):
    non_event_kinds = {"disaster", "diplomacy", "court", "commemoration", "threat", "crime", "statistic", "sport",
                       "business", "figurative"}
    for row in rows:
        assert (row["kind"] in non_event_kinds) == (row["events"] == []), row["id"]
