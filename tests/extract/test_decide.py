"""The decide stage: every rejection has its reason; thresholds from the settings and seeds/extraction.yaml."""

from dataclasses import replace
from datetime import date

import pytest

from pipeline.extract.code import Coding
from pipeline.extract.decide import DecisionPolicy, decide
from pipeline.extract.detect import TermHit
from pipeline.extract.frame import Frame
from pipeline.records import FatalityCount, ResolvedDate
from tests.conftest import SEEDS

CODING = Coding("Battles", "Armed clash", 0.8, TermHit("Armed clash", 1.0, 3, 4, "clashed"), "armed clash")
FRAME = Frame(trigger_start=3, trigger_end=4, predicate=3, agents=(), patients=(), agent_text="", patient_text="",
              passage_start=0, passage_end=10, start_char=0, end_char=50, sentence_start=0, sentence_end=50,
              date=None, count=FatalityCount(), negated=False, hypothetical=False, past_perfect=False,
              hit_negated=False)
PUBLISHED = date(2021, 6, 10)
DATED = ResolvedDate(date(2021, 6, 9), 1, "yesterday")


@pytest.fixture(scope="module")
def policy(parameters):
    return DecisionPolicy.load(SEEDS, parameters.decide, min_confidence=0.35, dataset_start=date(1997, 1, 1))


def decided(policy, *, coding=CODING, frame=FRAME, when=DATED, fatalities=0, published=PUBLISHED, located=True):
    return decide(coding, frame, when, fatalities, frozenset(), located=located, is_lead=True, published=published,
                  policy=policy)


def test_an_asserted_dated_confident_event_is_an_event(policy):
    decision = decided(policy)
    assert decision.is_event and decision.rejection_reason is None
    assert decision.confidence == 0.95  # 0.8 + lead 0.05 + dated 0.05 + located 0.05


@pytest.mark.parametrize(("change", "reason"), [
    ({"frame": replace(FRAME, negated=True)}, "negated"),
    ({"frame": replace(FRAME, hypothetical=True)}, "hypothetical"),
    ({"frame": replace(FRAME, past_perfect=True)}, "background"),
    ({"when": replace(DATED, is_before_report_window=True)}, "background"),
    ({"when": ResolvedDate(None, None), "published": None}, "undated"),
    ({"when": ResolvedDate(date(1985, 5, 5), 1, "5 May 1985"), "published": None}, "before_dataset_start"),
    ({"when": ResolvedDate(date(2021, 6, 12), 1, "Saturday")}, "after_publication"),
    ({"fatalities": 40_000}, "fatalities_above_bound"),
    ({"coding": replace(CODING, type_confidence=0.2), "located": False}, "below_min_confidence"),
])
def test_each_rejection_has_its_reason(policy, change, reason):
    decision = decided(policy, **change)
    assert (decision.is_event, decision.rejection_reason) == (False, reason)


def test_an_unasserted_passage_takes_the_negation_of_its_hits(policy):
    unasserted = replace(CODING, asserted=False)
    assert decided(policy, coding=unasserted, frame=replace(FRAME, hit_negated=True)).is_negated
    assert decided(policy, coding=unasserted).is_hypothetical
    assert decided(policy, coding=unasserted).confidence == round(0.8 * 0.6 + 0.15, 3)
