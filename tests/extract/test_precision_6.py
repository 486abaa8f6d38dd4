"""Issue 14, precision 6: epidemics, tolls of unrelated incidents, totals over the current period, ultimatums — on
sentences written for these tests."""

import pytest

from tests.extract.coding import coded, events


def test_an_unrelated_accident_does_not_add_its_toll(extractor):
    found = events(extractor, "An air strike killed three fighters near the border on Monday, the army "
                              "said. Later that day a lorry left the road nearby and killed nine people, "
                              "an accident unrelated to the strike.")
    assert found and all(m.fatalities == 3 for m in found)


@pytest.mark.parametrize("text", [
    "A measles epidemic has killed 85 children in the province this year, health officials said.",
    "The cholera outbreak killed 40 people in the camps on Monday.",
])
def test_deaths_of_an_epidemic_are_no_event(extractor, text):
    found = coded(extractor, text)
    assert not any(m.is_event for m in found)


@pytest.mark.parametrize(("text", "reason"), [
    ("The militia told traders in the valley to close their shops by Friday or face attack, elders said on Monday.",
     "hypothetical"),
    ("A bomb disposal unit carried out a controlled detonation of two old mortar shells found in a field on Monday.",
     "demining"),
    ("A mob beat a suspected thief in a village on Sunday evening. Police arrived after the beating and took the "
     "injured man to hospital, where he died on Monday.", "police_response"),
])
def test_non_events_and_their_reasons(extractor, text, reason):
    found = coded(extractor, text)
    assert reason in {m.rejection_reason for m in found if not m.is_event}


def test_fans_who_kill_after_a_match_riot(extractor):
    found = events(extractor, "A supporter was stabbed to death on Saturday when rival fans fought with "
                              "knives outside the stadium after the football derby.")
    assert [(m.event_type, m.sub_event_type) for m in found] == [("Riots", "Mob violence")]
