from datetime import date

import pytest

from pipeline.evaluate.news import FAMILIES, label_calibration_pairs, load_news, score_news, threshold_sweep
from pipeline.extract.mentions import mentions_frame
from tests.evaluate.rows import mention_frame, rejected, write_jsonl
from tests.events.test_merge import mention
from tests.shared_data import shared_data

GLOCON = shared_data("glocon-dev", "sapa_protest_docs.jsonl")
PROTEST = FAMILIES["protest"]
STORIES = [
    {"id": "march", "protest": True, "text": "Hundreds of nurses marched to parliament in Cape Town on Monday to "
                                              "demand better pay, singing and carrying placards."},
    {"id": "court", "protest": False, "text": "The Pretoria High Court on Tuesday sentenced a former mayor to "
                                              "eight years in prison for fraud."},
    {"id": "strike", "protest": False, "text": "Warplanes struck a rebel base in the hills on Sunday, killing "
                                               "six fighters, the army said."},
    {"id": "sit-in", "protest": True, "text": "Residents staged a sit-in outside the municipal offices on "
                                              "Wednesday over water cuts."},
]


@pytest.fixture
def news_file(tmp_path):
    return write_jsonl(tmp_path / "news.jsonl", STORIES)


def protest(article_id, **overrides):
    return mention(article_id=article_id, mention_id=f"m-{article_id}-{len(overrides)}", event_type="Protests",
                   sub_event_type="Peaceful protest", fatalities=0, **overrides)


def test_stories_get_the_fixed_date_and_follow_the_split(news_file):
    stories = load_news(news_file, "protest", date(2024, 1, 1))
    assert [s.label for s in stories] == [True, False, False, True]
    assert {s.article.published_at.date() for s in stories} == {date(2024, 1, 1)}
    tune = load_news(news_file, "protest", date(2024, 1, 1), "tune")
    report = load_news(news_file, "protest", date(2024, 1, 1), "report")
    assert sorted(s.article.article_id for s in tune + report) == sorted(s["id"] for s in STORIES)
    assert len(load_news(news_file, "protest", date(2024, 1, 1), limit=2)) == 2


def test_a_story_without_a_boolean_label_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "protest": true}\n{"id": "b", "text": "y", "protest": "yes"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:2: field 'protest'"):
        load_news(path, "protest", date(2024, 1, 1))


def test_only_mentions_that_become_events_count(news_file):
    stories = load_news(news_file, "protest", date(2024, 1, 1))
    mentions = mention_frame(
        protest("march", confidence=0.9),
        protest("court", confidence=0.9, is_background=True, **rejected("background")),  # no event
        protest("court", confidence=0.2, **rejected("below_min_confidence")),  # an event at a lower threshold
        mention(article_id="strike", mention_id="m-s"),         # an event, but no protest
        protest("strike", confidence=0.9, is_hypothetical=True, **rejected("hypothetical")),
        mention(article_id="sit-in", mention_id="m-r", event_type="Riots", sub_event_type="Violent demonstration"),
    )
    scores = score_news(stories, mentions, PROTEST, min_confidence=0.35)
    assert (scores.predicted, scores.true_positives, scores.labelled) == (2, 2, 2)
    assert (scores.precision, scores.recall) == (1.0, 1.0)
    assert scores.unlabelled_with_any_event == 0.5  # "strike" yields an air strike
    by_id = {d["id"]: d for d in scores.details}
    assert by_id["court"]["events"] == 0 and by_id["strike"]["events"] == 1
    assert by_id["sit-in"]["event_types"] == "Violent demonstration"


def test_calibration_pairs_and_thresholds_use_every_confidence(news_file):
    stories = load_news(news_file, "protest", date(2024, 1, 1))
    mentions = mention_frame(protest("march", confidence=0.9),
                             protest("court", confidence=0.3, **rejected("below_min_confidence")),
                             protest("strike", confidence=0.3, is_negated=True, **rejected("negated")))
    assert sorted(label_calibration_pairs(stories, mentions, PROTEST)) == [(0.3, False), (0.9, True)]
    low, high = threshold_sweep(stories, mentions, PROTEST, [0.2, 0.5])
    assert (low["predicted"], low["precision"]) == (2, 0.5)
    assert (high["predicted"], high["precision"], high["recall"]) == (1, 1.0, 0.5)


def test_real_extraction_finds_the_march_and_not_the_sentence(news_file, extractor):
    stories = load_news(news_file, "protest", date(2024, 1, 1))
    mentions = mentions_frame(extractor.extract(s.article for s in stories))
    details = {d["id"]: d for d in score_news(stories, mentions, PROTEST, 0.35).details}
    assert details["march"]["predicted"]
    assert details["court"]["events"] == 0


def test_glocon_dev_loads_and_splits_in_halves():
    if not GLOCON.exists():
        pytest.skip("glocon-dev (../shared/data/glocon-dev) is not available")
    everything = load_news(GLOCON, "protest", date(2024, 1, 1))
    tune = load_news(GLOCON, "protest", date(2024, 1, 1), "tune")
    assert len(everything) == 546 and 0.4 < len(tune) / len(everything) < 0.6
    assert 0 < sum(s.label for s in tune) < len(tune)
