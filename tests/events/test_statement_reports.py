"""A statement that reports a violent event tells the event (issue 19): the police's communiqué about a killing is
a source of the killing, not a diplomatic non-event; a communiqué about talks stays a statement."""

import pytest

from tests.extract.coding import coded, events


@pytest.mark.parametrize("text", [
    "Police said in a communiqué on Tuesday that gunmen killed four farmers near the river crossing on Monday night.",
    "Gunmen shot dead a village chief and his two sons on Sunday, according to a communique issued by the army.",
    "In a statement by its spokesman, the army said troops killed six militants in a raid on a hideout on Friday.",
])
def test_a_statement_reporting_violence_is_the_event(extractor, text):
    assert events(extractor, text)


def test_a_communique_about_talks_is_no_event(extractor):
    text = ("The two foreign ministers issued a joint communique on Monday after peace talks on the border dispute "
            "and condemned the fighting.")
    assert not events(extractor, text)
    assert "statement" in {m.rejection_reason for m in coded(extractor, text)}
