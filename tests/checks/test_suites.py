from datetime import date

import pytest

from pipeline.checks.suites import run_suite, suite_names
from pipeline.events.merge import merge_mentions
from pipeline.records import Article
from pipeline.tables import articles_frame, quarantine_frame
from pipeline.warehouse.storage import build_database, write_parquet_atomic
from tests.events.test_merge import frames, mention


@pytest.fixture
def warehouse_of(tmp_path):
    def build(*rows: dict):
        mentions, published = frames(*rows)
        articles = articles_frame(Article(article_id=r["article_id"], text="x", published_at=r["published_at"])
                                  for r in published.iter_rows(named=True))
        events, sources = merge_mentions(mentions, articles)
        staged = {}
        for name, frame in {"articles": articles, "quarantine": quarantine_frame([]), "event_mentions": mentions,
                            "events": events, "event_sources": sources}.items():
            staged[name] = write_parquet_atomic(frame, tmp_path / f"{name}.parquet")
        database = tmp_path / "conflict.duckdb"
        build_database(staged, database)
        return database
    return build


def test_suites_pass_on_good_data(warehouse_of):
    database = warehouse_of(mention())
    for suite in suite_names():
        outcome = run_suite(database, suite, {"min_confidence": 0.35})
        assert outcome.success, (suite, outcome.failures)


def test_event_dated_after_publication_fails_the_events_suite(warehouse_of):
    database = warehouse_of(mention(event_date=date(2018, 6, 1)))
    outcome = run_suite(database, "events", {"min_confidence": 0.35})
    assert not outcome.success
    assert [f.column for f in outcome.failures] == ["days_before_first_report"]


def test_negative_fatalities_and_bad_precision_fail(warehouse_of):
    database = warehouse_of(mention(fatalities=-1, fatalities_low=-1, time_precision=7))
    failed = {f.column for f in run_suite(database, "events", {"min_confidence": 0.35}).failures}
    assert {"fatalities", "time_precision"} <= failed


def test_a_single_source_mass_casualty_event_fails_and_is_named(warehouse_of):
    database = warehouse_of(mention(fatalities=800, fatalities_low=800, fatalities_best=800, fatalities_high=800))
    failures = run_suite(database, "events", {"min_confidence": 0.35}).failures
    assert [f.column for f in failures] == ["single_source_mass_casualty_event"]
    assert failures[0].unexpected_examples and failures[0].unexpected_examples[0].startswith("ev_")


def test_an_event_long_before_its_report_fails(warehouse_of):
    database = warehouse_of(mention(event_date=date(2018, 2, 1)))
    assert [f.column for f in run_suite(database, "events", {"min_confidence": 0.35}).failures] == [
        "days_before_first_report"]


def test_an_article_with_too_many_events_fails_and_is_named(warehouse_of):
    rows = [mention(mention_id=f"m{day}", event_date=date(2018, 4, day)) for day in range(1, 23)]
    failures = run_suite(warehouse_of(*rows), "article_events").failures
    assert [(f.column, f.unexpected_examples) for f in failures] == [("article_with_too_many_events", ["a1"])]
