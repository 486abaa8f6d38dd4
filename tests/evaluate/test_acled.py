from datetime import date

import pytest

from pipeline.evaluate.acled import (
    GoldEvent,
    clean_notes,
    distance_km,
    load_gold,
    macro_f1,
    normalize_actor,
    report_date,
    score,
    type_calibration_pairs,
)


def test_coding_artefacts_are_removed():
    notes = ("Arrests: On 3 May 2021, police detained 4 men in Lodwar (coded to Turkana). [size=4] "
             "Fatalities coded as 0. 12 fatalities split between 3 events. The men were released later.")
    assert clean_notes(notes, ["Arrests"]) == (
        "On 3 May 2021, police detained 4 men in Lodwar. The men were released later.")


def test_report_date_uses_upload_only_within_sixty_days():
    event = date(2020, 5, 9)
    assert report_date(event, "1589220519") == date(2020, 5, 11)
    assert report_date(event, "1609459200") == event  # 2021-01-01: too late to be the report
    assert report_date(event, "") == event


def test_actor_names_ignore_year_ranges():
    assert normalize_actor("Military Forces of Yemen (2016-) Supreme Political Council") == \
        "military forces of yemen supreme political council"
    assert normalize_actor("Police Forces of Kenya (2013-2022)") == "police forces of kenya"


def test_macro_f1_and_distance():
    assert macro_f1([("A", "A"), ("B", "B")]) == 1.0
    assert macro_f1([("A", "A"), ("B", "A")]) == pytest.approx((2 / 3 + 0) / 2)
    assert distance_km(36.0, 40.0, 36.0, 40.0) == 0
    assert 100 < distance_km(36.0, 40.0, 37.0, 40.0) < 115


def test_evaluate_on_the_dev_sample(acled_dev, extractor):
    gold = load_gold(acled_dev, extractor.lexicon.sub_event_types, limit=25)
    assert len(gold) == 25 and all("[size=" not in g.article.text for g in gold)
    mentions = {}
    for m in extractor.extract(g.article for g in gold):
        mentions.setdefault(m.article_id, []).append(m)
    scores = score(gold, mentions)
    assert scores.rows == 25
    assert scores.fields["event_detected"] > 0.8
    assert scores.fields["event_date"] > 0.8
    assert sum(scores.confusion.values()) == 25


def test_gold_rows_follow_the_split(acled_dev, lexicon):
    tune = load_gold(acled_dev, lexicon.sub_event_types, split="tune")
    report = load_gold(acled_dev, lexicon.sub_event_types, split="report")
    everything = load_gold(acled_dev, lexicon.sub_event_types)
    assert len(tune) + len(report) == len(everything)
    assert not {g.article.article_id for g in tune} & {g.article.article_id for g in report}


def test_calibration_pairs_judge_every_mention_that_becomes_an_event_by_its_type():
    import polars as pl

    from pipeline.extract.mentions import MENTION_SCHEMA
    from pipeline.records import Article
    from tests.evaluate.rows import rejected
    from tests.events.test_merge import mention

    gold = [GoldEvent(article=Article("r1", "text"), event_date=date(2018, 5, 1), event_type="Battles",
                      sub_event_type="Armed clash", country="Syria", admin1="", latitude=None, longitude=None,
                      fatalities=0, actors=())]
    mentions = pl.DataFrame([
        mention(article_id="r1", mention_id="m1", event_type="Battles", confidence=0.9),
        mention(article_id="r1", mention_id="m2", confidence=0.2),                     # an air strike: wrong
        mention(article_id="r1", mention_id="m3", event_type="Battles", is_negated=True, **rejected("negated")),
    ], schema=MENTION_SCHEMA, orient="row")
    assert sorted(type_calibration_pairs(gold, mentions)) == [(0.2, False), (0.9, True)]
