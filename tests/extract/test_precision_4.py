"""Issue 14, precision 4: an earlier incident told as background, a story of an accident, a crime story without
anything organised, a quarrel's violence, what talks were about, what something is for — on sentences written for
these tests."""

from datetime import UTC, datetime

import pytest

from pipeline.extract.modality import is_hypothetical
from pipeline.records import Article

PUBLISHED = datetime(2023, 3, 8, tzinfo=UTC)


def mentions(extractor, text: str) -> list:
    article = Article(article_id="t", text=text, published_at=PUBLISHED)
    return [m for m in extractor.extract([article]) if m.event_type]


def test_an_earlier_incident_is_background_and_keeps_its_deaths(extractor):
    found = mentions(extractor, "Gunmen killed four farmers in a village in the north on Sunday night, residents "
                                "said. Two weeks ago, the same gang killed 30 people at a nearby market.")
    events = [m for m in found if m.is_event]
    assert [m.fatalities for m in events] == [4]
    assert any(m.rejection_reason == "background" and "Two weeks ago" in m.evidence for m in found)


def test_the_lead_is_never_an_earlier_incident(extractor):
    found = mentions(extractor, "Two days after a bombing in the capital, gunmen killed six soldiers at a "
                                "checkpoint on Monday, the army said.")
    assert any(m.is_event for m in found)


@pytest.mark.parametrize("text", [
    "Gunmen from an armed gang killed five villagers during a dispute over grazing land on Monday, officials said.",
    "Rescuers searched the rubble after an air strike killed seven people in the town on Monday.",
])
def test_organised_violence_beside_a_crime_or_disaster_word_stays_an_event(extractor, text):
    assert any(m.is_event for m in mentions(extractor, text))


@pytest.mark.parametrize(("text", "word", "hypothetical"), [
    ("The council took a decision to attack the rebel camp at dawn.", "attack", True),
    ("Gunmen attacked the rebel camp at dawn on Monday.", "attacked", False),
])
def test_an_infinitive_that_tells_what_a_thing_is_for_is_hypothetical(nlp, lexicon, text, word, hypothetical):
    token = next(t for t in nlp(text) if t.lower_ == word)
    assert is_hypothetical(token, lexicon.lemmas) is hypothetical


def test_a_weapon_told_as_equipment_names_no_tactic(extractor):
    """'pickups mounted with machine guns' says what the attackers carried; the act is their attack."""
    found = mentions(extractor, "Militiamen in pickups mounted with machine guns attacked the village on Monday, "
                                "killing five civilians, residents said.")
    assert [m.sub_event_type for m in found if m.is_event] == ["Attack"]
    shelled = mentions(extractor, "Troops shelled the town with mortars on Monday, killing three civilians.")
    assert [m.sub_event_type for m in shelled if m.is_event] == ["Shelling/artillery/missile attack"]
