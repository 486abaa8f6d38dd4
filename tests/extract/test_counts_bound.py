"""Counts bound to their event and non-events the decide stage rejects, on articles written for these tests."""

from datetime import UTC, datetime

import pytest

from pipeline.records import Article

PUBLISHED = datetime(2023, 3, 8, tzinfo=UTC)


def events_of(extractor, text: str) -> list:
    article = Article(article_id="t", text=text, published_at=PUBLISHED)
    return [m for m in extractor.extract([article]) if m.is_event]


def reasons_of(extractor, text: str) -> set:
    article = Article(article_id="t", text=text, published_at=PUBLISHED)
    return {m.rejection_reason for m in extractor.extract([article]) if m.event_type}


@pytest.mark.parametrize(("text", "deaths"), [
    ("Gunmen killed four farmers in an attack on a village market on Monday, police said. The violence in the "
     "region has killed more than 3,000 people since 2015, according to a rights group.", 4),
    ("LAGOS, March 8 (Wire) - Two soldiers were killed on Tuesday when their convoy clashed with bandits near the "
     "town, the army said.", 2),
    ("A drone strike hit a pickup truck near the border on Monday, killing three men, a local monitor and "
     "witnesses said.", 3),
    ("Six soldiers and nine rebels were killed in fighting on Monday, the army said. Aid groups have accused the "
     "army of killing civilians during such operations.", 15),
    ("Gunmen shot dead five people at a bar on Monday night, police said. Three men and two women died at the "
     "scene and two other people were wounded.", 5),
])
def test_the_count_is_the_events_own(extractor, text, deaths):
    events = events_of(extractor, text)
    assert events and events[0].fatalities == deaths


@pytest.mark.parametrize(("text", "reason"), [
    ("Heavy floods swept through three districts on Monday, and rescuers recovered the bodies of six people.",
     "disaster"),
    ("The home side beat the visitors 2-1 in the cup final on Sunday, and their striker attacked from the first "
     "minute.", "sport"),
    ("Troops staged joint military exercises near the border on Monday, simulating an attack on a rebel camp.",
     "exercise"),
    ("The foreign ministers condemned the attacks on civilians in a statement on Monday.", "statement"),
    ("Four men charged with rioting during the unrest in the capital went on trial on Monday.", "trial"),
    ("Violence in the region killed about 900 people in the first six months of the year, the monitor said on "
     "Monday.", "statistic"),
    ("The minister on Monday rejected the union's wage offer.", "statement"),
    ("The soldiers demonstrated great courage during the ceremony on Monday.", "figurative"),
])
def test_non_events_are_rejected_with_their_reason(extractor, text, reason):
    assert not events_of(extractor, text)
    assert reason in reasons_of(extractor, text)
