from datetime import UTC, date, datetime

import polars as pl

from pipeline.events.merge import merge_mentions
from pipeline.tables import EVENT_MENTIONS
from pipeline.tables.declarations import MERGED_EVENT_COLUMNS


def mention(**overrides) -> dict:
    row = dict.fromkeys(EVENT_MENTIONS.names)
    row.update(
        article_id="a1", mention_id="m1", sentence_start=0, sentence_end=50, evidence="Warplanes struck Al-Qasr.",
        trigger="struck", is_background=False, is_negated=False, is_hypothetical=False, confidence=0.8,
        type_confidence=0.8, place_confidence=0.8, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of the United States (2017-)", inter1=8, country="Syria", iso=760,
        admin1="Al Hasakeh", location="Al-Qasr", latitude=36.5, longitude=40.9, geo_precision=1,
        event_date=date(2018, 5, 1), time_precision=1, fatalities=23, fatalities_low=23, fatalities_best=23,
        fatalities_high=23, fatalities_expression="At least 23 civilians",
    )
    row.update(overrides)
    return row


def frames(*rows: dict) -> tuple[pl.DataFrame, pl.DataFrame]:
    mentions = pl.DataFrame(list(rows), schema=EVENT_MENTIONS.schema, orient="row")
    articles = pl.DataFrame({
        "article_id": sorted({r["article_id"] for r in rows}),
    }).with_columns(published_at=pl.lit(datetime(2018, 5, 2, tzinfo=UTC)))
    return mentions, articles


def test_two_reports_of_one_strike_become_one_event_with_lowest_fatalities():
    mentions, articles = frames(
        mention(),
        mention(article_id="a2", mention_id="m2", actor1=None, inter1=None, fatalities=25, fatalities_low=25,
                fatalities_best=25, fatalities_high=25, confidence=0.7),
    )
    events, sources = merge_mentions(mentions, articles, min_confidence=0.35)
    assert events.columns == MERGED_EVENT_COLUMNS
    assert events.height == 1
    event = events.row(0, named=True)
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (23, 23, 25)
    assert event["n_sources"] == 2 and event["actor1"] == "Military Forces of the United States (2017-)"
    assert sorted(sources["article_id"]) == ["a1", "a2"]
    assert set(sources["event_id"]) == {event["event_id"]}


def test_background_negated_and_unsure_mentions_make_no_event():
    mentions, articles = frames(
        mention(mention_id="bg", is_background=True),
        mention(mention_id="neg", is_negated=True),
        mention(mention_id="low", confidence=0.1),
    )
    events, sources = merge_mentions(mentions, articles, min_confidence=0.35)
    assert events.height == 0 and sources.height == 0


def test_different_days_or_types_stay_apart_and_ids_are_stable():
    rows = (mention(), mention(mention_id="m2", event_date=date(2018, 5, 2)),
            mention(mention_id="m3", event_type="Battles", sub_event_type="Armed clash"))
    first, _ = merge_mentions(*frames(*rows), min_confidence=0.35)
    again, _ = merge_mentions(*frames(*reversed(rows)), min_confidence=0.35)
    assert first.height == 3
    assert first["event_id"].to_list() == again["event_id"].to_list()


def test_unreported_fatalities_do_not_lower_the_count():
    mentions, articles = frames(mention(), mention(article_id="a2", mention_id="m2", fatalities=0,
                                                   fatalities_low=0, fatalities_best=0, fatalities_high=0,
                                                   fatalities_expression=None))
    events, _ = merge_mentions(mentions, articles, min_confidence=0.35)
    assert events["fatalities"].to_list() == [23]
