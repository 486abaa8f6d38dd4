"""Extraction readings that decide whether two reports of one incident can merge: a tribute to the dead of a
recent, dated act still reports that act, and an attack on a convoy is the attack, not a movement of forces."""

from datetime import UTC, datetime

import pytest

from pipeline.records import Article


def _mentions(extractor, text: str, published: datetime):
    article = Article("probe", text, published_at=published, language="en")
    return extractor.extract_from_doc(extractor.nlp(text), article)


def _events(extractor, text: str, published: datetime):
    return [m for m in _mentions(extractor, text, published) if m.is_event]


@pytest.mark.parametrize(("text", "published", "day"), [
    ("Villagers in Gao on Thursday paid tribute to the six gendarmes who were killed when gunmen attacked their "
     "post on Monday night.", datetime(2024, 5, 16, 18, tzinfo=UTC), 13),
    ("Hundreds attended a memorial service in Kaduna on Sunday for the nine worshippers shot dead by bandits at a "
     "mosque on Friday.", datetime(2024, 5, 19, 20, tzinfo=UTC), 17),
    ("Colleagues laid wreaths in Kismayo on Tuesday in memory of the four police officers who died when a car "
     "bomb exploded at their station on 9 May.", datetime(2024, 5, 14, 12, tzinfo=UTC), 9),
])
def test_a_tribute_to_the_dead_of_a_recent_dated_act_reports_the_act(extractor, text, published, day):
    events = _events(extractor, text, published)
    assert [m.event_date.day for m in events] == [day]
    assert all(m.event_type != "Strategic developments" for m in events)


@pytest.mark.parametrize(("text", "published"), [
    ("Mourners gathered at the hotel in Mogadishu on Saturday to mark the fifth anniversary of the siege in which "
     "gunmen killed 21 guests.", datetime(2024, 5, 20, 9, tzinfo=UTC)),
    ("Residents of Gao laid wreaths yesterday in memory of the eight villagers killed when gunmen attacked the "
     "market.", datetime(2024, 5, 18, 8, tzinfo=UTC)),
    ("Relatives laid flowers at the market in Maiduguri yesterday to mark the anniversary of the bombing that "
     "killed 30 traders.", datetime(2024, 5, 18, 8, tzinfo=UTC)),
])
def test_a_commemoration_dated_by_its_own_gathering_reports_nothing(extractor, text, published):
    mentions = _mentions(extractor, text, published)
    assert mentions and not any(m.is_event for m in mentions)
    assert "commemoration" in {m.rejection_reason for m in mentions}


@pytest.mark.parametrize("text", [
    "Gunmen attacked a fuel convoy near Gao on Tuesday, killing three soldiers escorting the trucks.",
    "Five soldiers died on Sunday when their convoy was ambushed by militants near Djibo.",
    "Ten members of the security forces lost their lives on Monday in an attack on a supply convoy near Kaya.",
])
def test_violence_against_a_convoy_is_the_violence(extractor, text):
    events = _events(extractor, text, datetime(2024, 5, 22, 18, tzinfo=UTC))
    assert events and {m.event_type for m in events} == {"Battles"}


def test_a_convoy_of_reinforcements_is_still_a_movement_of_forces(extractor):
    events = _events(extractor, "A convoy of army reinforcements arrived in Djibo on Monday to secure the town.",
                     datetime(2024, 5, 21, 18, tzinfo=UTC))
    assert [(m.event_type, m.sub_event_type) for m in events] == [("Strategic developments",
                                                                   "Change to group/activity")]
