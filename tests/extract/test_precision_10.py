"""Issue 14, precision 10: a subject that is no one negates its own verb, and a faction of an armed group is an
armed party, not a mob — on sentences written for these tests."""

import pytest

from tests.extract.coding import coded, events


@pytest.mark.parametrize("text", [
    "No one was killed in the village overnight, the district chief said on Monday.",
    "Nobody was shot at the checkpoint on Sunday, the army said.",
])
def test_a_subject_that_is_no_one_negates_its_verb(extractor, text):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)
    assert {m.rejection_reason for m in found} == {"negated"}


def test_a_rival_group_that_kills_villagers_is_no_mob(extractor):
    found = events(extractor, "A rival group attacked the village on Monday, killing five people.")
    assert [(m.event_type, m.sub_event_type) for m in found] == [("Violence against civilians", "Attack")]


def test_an_intent_verb_with_an_act_as_its_object_announces_it(extractor):
    found = coded(extractor, 'The message, which could not be verified, threatened "strikes on the coast" against '
                             "any ship that ignored the ban.")
    assert found and not any(m.is_event for m in found)
