from datetime import date

import pytest

from pipeline.checks.suites import validate_table
from pipeline.events.acled_columns import AcledCodebook, with_acled_columns
from pipeline.events.merge import merge_mentions
from pipeline.events.reports import resolution_input
from pipeline.extract.mentions import mention_tables
from pipeline.records import Article
from pipeline.tables import EVENT_NUMBERS, TABLES, articles_frame, quarantine_frame
from pipeline.tables.taxonomy import load_vocabularies
from pipeline.warehouse.storage import build_database, write_parquet_atomic
from tests.conftest import SEEDS
from tests.events.test_merge import frames, mention, wide

VOCABULARIES = load_vocabularies(SEEDS)
CHECKED = ("articles", "quarantine", "event_mentions", "normalized_mentions", "events", "event_sources", "daily_counts",
           "monthly_admin1")


@pytest.fixture
def warehouse_of(tmp_path):
    def build(*rows: dict):
        event_mentions, mentions = mention_tables(wide(*rows))
        _, published = frames(*rows)
        articles = articles_frame(Article(article_id=r["article_id"], text="x", published_at=r["published_at"])
                                  for r in published.iter_rows(named=True))
        events, sources = merge_mentions(resolution_input(event_mentions, mentions), articles, min_confidence=0.35)
        events, _ = with_acled_columns(events, sources, articles, AcledCodebook.load(SEEDS),
                                       EVENT_NUMBERS.empty())
        staged = {}
        for name, frame in {"articles": articles, "quarantine": quarantine_frame([]), "event_mentions": event_mentions,
                            "normalized_mentions": mentions, "events": events, "event_sources": sources}.items():
            staged[name] = write_parquet_atomic(frame, tmp_path / f"{name}.parquet")
        database = tmp_path / "conflict.duckdb"
        build_database(staged, database)
        return database
    return build


def failures(database, table: str) -> set[tuple[str, str | None]]:
    outcome = validate_table(database, TABLES[table], VOCABULARIES)
    return {(f.expectation, f.column) for f in outcome.failures}


def test_every_table_passes_on_good_data(warehouse_of):
    database = warehouse_of(mention())
    for table in CHECKED:
        assert failures(database, table) == set(), table


def test_event_dated_after_publication_fails_the_events_suite(warehouse_of):
    database = warehouse_of(mention(event_date=date(2018, 6, 1)))
    assert failures(database, "events") == {("expect_column_values_to_be_between", "days_before_first_report")}


def test_negative_fatalities_and_bad_precision_fail(warehouse_of):
    database = warehouse_of(mention(fatalities=-1, fatalities_low=-1, time_precision=7))
    assert {"fatalities", "time_precision"} <= {column for _, column in failures(database, "events")}


def test_event_type_outside_the_taxonomy_fails(warehouse_of):
    database = warehouse_of(mention(event_type="Skirmishes"))
    assert ("expect_column_values_to_be_in_set", "event_type") in failures(database, "event_mentions")


def test_a_column_of_the_wrong_type_fails_the_type_check(warehouse_of, tmp_path):
    import duckdb

    database = warehouse_of(mention())
    with duckdb.connect(str(database)) as connection:
        connection.execute("ALTER TABLE events ALTER fatalities TYPE VARCHAR")
    assert ("expect_column_distinct_values_to_equal_set", "column_type") in failures(database, "events")


def failed(database, table: str):
    return validate_table(database, TABLES[table], VOCABULARIES).failures


def test_a_single_source_mass_casualty_event_fails_and_is_named(warehouse_of):
    database = warehouse_of(mention(fatalities=800, fatalities_low=800, fatalities_best=800, fatalities_high=800))
    failures = failed(database, "events")
    assert [f.column for f in failures] == ["single_source_mass_casualty_event"]
    assert failures[0].unexpected_examples and failures[0].unexpected_examples[0].startswith("ev_")


def test_an_event_long_before_its_report_fails(warehouse_of):
    database = warehouse_of(mention(event_date=date(2018, 2, 1)))
    assert failures(database, "events") == {("expect_column_values_to_be_between", "days_before_first_report")}


def test_an_article_with_too_many_events_fails_and_is_named(warehouse_of):
    rows = [mention(mention_id=f"m{day}", event_date=date(2018, 4, day)) for day in range(1, 23)]
    assert [(f.column, f.unexpected_examples) for f in failed(warehouse_of(*rows), "event_sources")] == [
        ("article_with_too_many_events", ["a1"])]
