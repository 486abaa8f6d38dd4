from datetime import UTC, date, datetime

import polars as pl
import pytest

from pipeline.evaluate.acled import main_mention
from pipeline.records import Article

ARTICLE = """MOGADISHU, Sept 15 - Militants attacked an army base near the town of Afgooye on Tuesday, killing four \
soldiers, officials said. The fighting lasted several hours before the attackers withdrew.

The group had captured the town in March, before government forces retook it in June.

On Wednesday, residents said the militants threatened to attack the town again."""


@pytest.fixture(scope="module")
def mentions(extractor):
    article = Article("news-1", ARTICLE, published_at=datetime(2021, 9, 15, tzinfo=UTC), language="en")
    return extractor.extract_from_doc(extractor.nlp(ARTICLE), article)


def test_lead_event_is_the_main_mention(mentions):
    main = main_mention(mentions)
    assert (main.event_type, main.sub_event_type) == ("Battles", "Armed clash")
    assert main.event_date == date(2021, 9, 14)
    assert main.fatalities == 4
    assert not (main.is_background or main.is_negated or main.is_hypothetical)


def test_earlier_capture_is_background(mentions):
    capture = next(m for m in mentions if "had captured" in m.evidence)
    assert capture.is_background
    assert capture.confidence < main_mention(mentions).confidence


def test_threat_is_hypothetical(mentions):
    threat = next(m for m in mentions if "threatened" in m.evidence)
    assert threat.is_hypothetical


def test_passage_without_its_own_date_takes_the_story_date(extractor):
    text = ("On 3 June 2021, police carried out an operation in the market district. "
            "A shoot-out broke out and two suspects were injured.")
    article = Article("news-2", text, published_at=datetime(2021, 6, 10, tzinfo=UTC), language="en")
    main = main_mention(extractor.extract_from_doc(extractor.nlp(text), article))
    assert (main.sub_event_type, main.event_date) == ("Armed clash", date(2021, 6, 3))


@pytest.mark.parametrize("text, language", [
    ("Gunmen killed five villagers in Kandahar province on Monday, officials said. In a separate incident in "
     "Helmand, a roadside bomb killed two soldiers.", "en"),
    ("Des hommes armés ont tué cinq villageois lundi près de Djibo, selon des sources locales. Par ailleurs, un "
     "engin explosif a tué deux soldats sur l'axe Kaya-Dori.", "fr"),
])
def test_a_separate_incident_is_its_own_candidate_with_its_own_toll(extractor, text, language):
    article = Article("news-sep", text, published_at=datetime(2024, 3, 6, tzinfo=UTC), language=language)
    events = [m for m in extractor.extract([article]) if m.is_event]
    assert sorted(m.fatalities for m in events) == [2, 5], [(m.sub_event_type, m.fatalities) for m in events]


def test_negated_only_event_is_flagged(extractor):
    text = "No clashes were reported in the district on Monday."
    article = Article("news-3", text, published_at=datetime(2021, 6, 10, tzinfo=UTC), language="en")
    mentions = extractor.extract_from_doc(extractor.nlp(text), article)
    assert mentions and all(m.is_negated for m in mentions)


def test_capturing_a_resolved_place_is_taking_territory(extractor):
    # The small model tags "Palmyra" here as a person; the gazetteer knows it is a town.
    text = "Government troops captured Palmyra after the rebels withdrew."
    article = Article("news-9", text, published_at=datetime(2021, 6, 10, tzinfo=UTC), language="en")
    mentions = extractor.extract_from_doc(extractor.nlp(text), article)
    assert [m.sub_event_type for m in mentions] == ["Government regains territory"]


def test_the_two_mention_tables_come_from_one_pass(extractor):
    from pipeline.extract.cache import extract_incrementally
    from pipeline.extract.mentions import mention_tables
    from pipeline.tables import EVENT_MENTIONS, NORMALIZED_MENTIONS

    article = Article("news-4", ARTICLE, published_at=datetime(2021, 9, 15, tzinfo=UTC), language="en")
    mentions, parsed = extract_incrementally(extractor, [article], None)
    events, normalized = mention_tables(mentions)
    assert parsed == 1 and events.schema == EVENT_MENTIONS.schema and normalized.schema == NORMALIZED_MENTIONS.schema
    assert events["mention_id"].to_list() == normalized["mention_id"].to_list()
    assert events.filter("is_event")["rejection_reason"].null_count() == events.filter("is_event").height
    assert set(events.filter(~pl.col("is_event"))["rejection_reason"]) == {"background", "hypothetical"}


def test_a_candidate_no_rule_codes_is_kept_with_its_reason(extractor):
    text = "A group of merchants gathered in the square on Monday."  # a gathering, but of what kind?
    article = Article("news-5", text, published_at=datetime(2021, 6, 10, tzinfo=UTC), language="en")
    (mention,) = extractor.extract_from_doc(extractor.nlp(text), article)
    assert (mention.event_type, mention.is_event, mention.rejection_reason) == (None, False, "no_event_type")
    assert mention.trigger == "gathered" and main_mention([mention]) is None


def test_a_1985_event_in_an_undated_article_is_rejected_not_published(extractor):
    text = "On 5 May 1985, gunmen attacked a bus near the market, killing four passengers."
    main = extractor.extract_from_doc(extractor.nlp(text), Article("news-6", text, language="en"))[0]
    assert (main.event_date.year, main.is_event, main.rejection_reason) == (1985, False, "before_dataset_start")


@pytest.mark.parametrize(("country", "source", "expected"), [
    (None, None, "Libya"), ("Lebanon", None, "Lebanon"), (None, "Tripoli Daily Star", "Lebanon"),
])
def test_source_country_places_an_ambiguous_town(extractor, country, source, expected):
    """The article's own `country` field, else its feed's `source_countries` setting, decides which Tripoli."""
    text = "Gunmen opened fire on protesters in Tripoli on Friday, killing two people."
    article = Article("tripoli", text, published_at=datetime(2021, 3, 6, tzinfo=UTC), language="en",
                      country=country, source=source)
    feeds = dict(extractor.places.source_countries)
    extractor.places.source_countries = {"Tripoli Daily Star": "Lebanon"}
    try:
        mention = main_mention(extractor.extract_from_doc(extractor.nlp(text), article))
    finally:
        extractor.places.source_countries = feeds
    assert (mention.country, mention.location) == (expected, "Tripoli")
