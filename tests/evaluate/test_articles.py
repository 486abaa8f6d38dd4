import json
from collections import Counter
from datetime import date

import pytest

from pipeline.evaluate.articles import (
    GoldArticleEvent,
    article_calibration_pairs,
    load_articles,
    match_events,
    score_articles,
)
from pipeline.evaluate.split import split_of
from pipeline.extract.mentions import mentions_frame
from pipeline.settings import PROJECT_ROOT
from tests.evaluate.rows import mention_frame, rejected, write_jsonl
from tests.events.test_merge import mention

TRAPS = PROJECT_ROOT / "tests" / "data" / "traps" / "articles.jsonl"
STRIKE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
          "event_date": "2018-05-01", "fatalities": 23}
CODED = [
    {"id": "strike", "published_at": "2018-05-02", "kind": "event", "events": [STRIKE], "distractors": [40000],
     "text": "Warplanes struck Al-Qasr on Tuesday, killing at least 23 civilians. The war has killed more than "
             "40,000 people since 2011."},
    {"id": "quake", "published_at": "2018-05-02", "kind": "disaster", "events": [], "distractors": [12],
     "text": "An earthquake killed 12 people in the mountains on Tuesday, officials said."},
]


@pytest.fixture
def coded_file(tmp_path):
    return write_jsonl(tmp_path / "coded.jsonl", CODED)


def test_coded_articles_load_with_their_events_and_split(coded_file):
    articles = load_articles(coded_file)
    assert [a.article.article_id for a in articles] == ["strike", "quake"]
    assert articles[0].events == (GoldArticleEvent("Explosions/Remote violence", "Air/drone strike",
                                                   date(2018, 5, 1), 23),)
    assert articles[0].distractors == {40000} and articles[1].events == ()
    assert {a.article.article_id for a in load_articles(coded_file, "tune")} == \
        {a["id"] for a in CODED if split_of(a["id"]) == "tune"}


def test_a_bad_coded_article_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**CODED[0], "events": [{"event_type": "Battles"}]}) + "\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: bad coded article"):
        load_articles(path)


def test_matching_pairs_events_of_one_type_best_first():
    gold = [GoldArticleEvent("Battles", "Armed clash", date(2024, 1, 1), 2),
            GoldArticleEvent("Battles", "Armed clash", date(2024, 1, 3), 5)]
    predicted = [{"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": date(2024, 1, 3),
                  "fatalities": 5},
                 {"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": date(2024, 1, 3),
                  "fatalities": 0}]
    assert sorted(match_events(gold, predicted), key=str) == sorted([(1, 0), (0, None), (None, 1)], key=str)
    assert match_events([], []) == []


def test_scores_count_spurious_events_wrong_and_foreign_fatalities(coded_file):
    articles = load_articles(coded_file)
    mentions = mention_frame(
        mention(article_id="strike", mention_id="m1"),                           # the strike, 23 killed
        mention(article_id="strike", mention_id="m2", sentence_start=60, location="Tell Baydar", latitude=36.75,
                longitude=40.6, confidence=0.9,
                event_type="Battles", sub_event_type="Armed clash", fatalities=40000, fatalities_low=40000,
                fatalities_best=40000, fatalities_high=40000),                 # the background total as an event
        mention(article_id="quake", mention_id="m3", fatalities=12, fatalities_low=12, fatalities_best=12,
                fatalities_high=12),                                           # the earthquake as an air strike
        mention(article_id="quake", mention_id="m4", is_background=True, **rejected("background")),  # no event
    )
    scores = score_articles(articles, mentions, min_confidence=0.35)
    fields = scores.fields
    assert (fields["gold_events"], fields["predicted_events"], fields["matched_events"]) == (1, 3, 1)
    assert fields["event_precision"] == 0.333 and fields["event_recall"] == 1.0
    assert fields["non_event_articles_without_events"] == 0.0
    assert fields["fatalities_exact"] == 1.0
    assert fields["events_with_foreign_fatalities"] == 2 and fields["matched_events_with_foreign_fatalities"] == 0
    assert Counter(d["outcome"] for d in scores.details) == {"match": 1, "spurious": 2}
    assert scores.by_kind["disaster"]["yielding"] == 1
    assert sorted(article_calibration_pairs(articles, mentions)) == [(0.8, False), (0.8, True), (0.9, False)]


def test_an_article_without_mentions_is_a_clean_non_event(coded_file):
    articles = load_articles(coded_file)
    scores = score_articles(articles, mention_frame(mention(article_id="strike", mention_id="m1")), 0.35)
    assert scores.fields["non_event_articles_without_events"] == 1.0
    assert [d["outcome"] for d in scores.details if d["id"] == "quake"] == ["no event"]


def test_the_trap_corpus_is_well_formed():
    articles = load_articles(TRAPS)
    assert len(articles) >= 60
    assert sum(not a.events for a in articles) >= len(articles) / 3  # a third traps without events (issue 14)
    for coded in articles:
        published = coded.article.published_at.date()
        assert all(0 <= (published - e.event_date).days <= 14 for e in coded.events), coded.article.article_id
        assert coded.events or coded.kind in {"disaster", "diplomacy", "court", "commemoration", "threat", "crime",
                                              "statistic", "sport", "business", "figurative"}
    kinds = {a.kind for a in load_articles(TRAPS, "tune")}
    assert kinds >= {"disaster", "diplomacy", "court", "commemoration", "threat", "crime", "statistic", "sport",
                     "vague-count", "two-events", "numbers-elsewhere", "event"}


def test_real_extraction_on_a_coded_article(coded_file, extractor):
    articles = load_articles(coded_file)
    mentions = mentions_frame(extractor.extract(a.article for a in articles))
    details = score_articles(articles, mentions, 0.35).details
    strike = [d for d in details if d["id"] == "strike"]
    assert [(d["outcome"], d["pred_date"]) for d in strike if d["gold_type"]] == [("match", date(2018, 5, 1))]
    assert all(d["foreign_fatalities"] == (d["pred_fatalities"] not in (None, 23)) for d in strike)


def test_a_background_total_added_to_the_event_count_is_foreign(coded_file):
    articles = load_articles(coded_file)
    summed = mention(article_id="strike", mention_id="m1", fatalities=40023, fatalities_low=40023,
                     fatalities_best=40023, fatalities_high=40023)
    scores = score_articles(articles, mention_frame(summed), 0.35)
    assert scores.fields["fatalities_exact"] == 0.0
    assert scores.fields["events_with_foreign_fatalities"] == 1
    assert scores.fields["matched_events_with_foreign_fatalities"] == 1


def test_events_found_count_any_type_and_country_is_scored_when_coded(tmp_path):
    coded = [{**CODED[0], "events": [{**STRIKE, "country": "Iraq"}]},
             {**CODED[0], "id": "clash", "events": [{**STRIKE, "event_type": "Battles", "sub_event_type": "Armed clash",
                                                     "country": "Syria"}]}]
    articles = load_articles(write_jsonl(tmp_path / "countries.jsonl", coded))
    assert articles[0].events[0].country == "Iraq"
    mentions = mention_frame(mention(article_id="strike", mention_id="m1"),
                             mention(article_id="clash", mention_id="m2"))
    fields = score_articles(articles, mentions, min_confidence=0.35).fields
    assert (fields["events_found"], fields["event_type_of_found"], fields["event_recall"]) == (1.0, 0.5, 0.5)
    assert fields["country_of_matched"] == 0.0  # the one matched event is coded Syria, the gold says Iraq
    assert "country_of_matched" not in score_articles(load_articles(write_jsonl(tmp_path / "c.jsonl", CODED)),
                                                      mentions, min_confidence=0.35).fields
