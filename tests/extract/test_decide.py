"""The decide stage: every rejection has its reason; thresholds from the settings and seeds/extraction.yaml."""

from dataclasses import replace
from datetime import date

import pytest

from pipeline.extract.code import Coding
from pipeline.extract.decide import Cues, DecisionPolicy, decide
from pipeline.extract.detect import TermHit
from pipeline.extract.frame import Frame
from pipeline.records import FatalityCount, ResolvedDate
from tests.conftest import SEEDS

CODING = Coding("Battles", "Armed clash", 0.8, TermHit("Armed clash", 1.0, 3, 4, "clashed"), "armed clash")
FRAME = Frame(trigger_start=3, trigger_end=4, predicate=3, agents=(), patients=(), agent_text="", patient_text="",
              passage_start=0, passage_end=10, start_char=0, end_char=50, sentence_start=0, sentence_end=50,
              date=None, count=FatalityCount(), negated=False, hypothetical=False, past_perfect=False,
              hit_negated=False, over_period=False, claimed=False, figurative=False,
              verbal=False)
PROTEST = Coding("Protests", "Peaceful protest", 0.8, TermHit("Peaceful protest", 0.6, 3, 4, "rejected"),
                 "demonstration")
ARREST = Coding("Strategic developments", "Arrests", 0.8, TermHit("Arrests", 1.0, 3, 4, "arrested"), "arrests")
AGREEMENT = Coding("Strategic developments", "Agreement", 0.8, TermHit("Agreement", 1.0, 3, 4, "agreement"),
                   "agreement")
NO_CUES = Cues(frozenset())
PUBLISHED = date(2021, 6, 10)
DATED = ResolvedDate(date(2021, 6, 9), 1, "yesterday")


@pytest.fixture(scope="module")
def policy(parameters):
    return DecisionPolicy.load(SEEDS, parameters.decide, min_confidence=0.35, dataset_start=date(1997, 1, 1))


def decided(policy, *, coding=CODING, frame=FRAME, when=DATED, fatalities=0, published=PUBLISHED, located=True,
            cues=NO_CUES):
    return decide(coding, frame, when, fatalities, cues, located=located, is_lead=True, published=published,
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
    ({"frame": replace(FRAME, over_period=True)}, "statistic"),
    ({"frame": replace(FRAME, claimed=True)}, "statement"),
    ({"frame": replace(FRAME, figurative=True)}, "figurative"),
    ({"cues": Cues(frozenset(), sentence=frozenset({"statement"}))}, "statement"),
    ({"cues": Cues(frozenset(), lead=frozenset({"sport"}))}, "sport"),
    ({"cues": Cues(frozenset(), lead=frozenset({"exercise"}))}, "exercise"),
    ({"cues": Cues(frozenset(), lead=frozenset({"disaster"}))}, "disaster"),
    ({"cues": Cues(frozenset(), sentence=frozenset({"trial"}))}, "trial"),
    ({"cues": Cues(frozenset(), sentence=frozenset({"commemoration"}))}, "commemoration"),
    ({"cues": Cues(frozenset(), sentence=frozenset({"business"}))}, "business"),
    ({"coding": PROTEST}, "no_participants"),
    ({"cues": Cues(frozenset({"crime"}))}, "crime"),
    ({"cues": Cues(frozenset(), lead=frozenset({"crime"}), actor_kinds=frozenset({"unidentified_gang"}))}, "crime"),
    ({"coding": ARREST, "cues": Cues(frozenset({"crime", "state"}))}, "crime"),
    ({"cues": Cues(frozenset({"politics"}), sentence=frozenset({"politics"}))}, "figurative"),
    ({"coding": AGREEMENT}, "statement"),
    ({"coding": PROTEST, "frame": replace(FRAME, verbal=True),
      "cues": Cues(frozenset(), sentence=frozenset({"civilian"}))}, "statement"),
])
def test_each_rejection_has_its_reason(policy, change, reason):
    decision = decided(policy, **change)
    assert (decision.is_event, decision.rejection_reason) == (False, reason)


def test_an_unasserted_passage_takes_the_negation_of_its_hits(policy):
    unasserted = replace(CODING, asserted=False)
    assert decided(policy, coding=unasserted, frame=replace(FRAME, hit_negated=True)).is_negated
    assert decided(policy, coding=unasserted).is_hypothetical
    assert decided(policy, coding=unasserted).confidence == round(0.8 * 0.6 + 0.15, 3)


def test_what_the_codebook_keeps_despite_a_non_event_cue(policy):
    crowd = Cues(frozenset(), sentence=frozenset({"mob", "commemoration", "statement"}))
    assert decided(policy, coding=PROTEST, cues=crowd).is_event  # people who demonstrate at a memorial: a protest
    armed = Cues(frozenset(), sentence=frozenset({"non_state"}), lead=frozenset({"disaster"}))
    assert decided(policy, cues=armed).is_event  # militants attacking in a flood-hit region
    strike = Cues(frozenset(), sentence=frozenset({"labour"}))
    assert decided(policy, coding=PROTEST, cues=strike).is_event  # "the strike will continue"


def test_organised_or_state_violence_is_no_ordinary_crime(policy):
    assert decided(policy, cues=Cues(frozenset({"crime", "organised"}))).is_event  # "gang members robbed and shot"
    police = Cues(frozenset({"crime", "lethal"}), sentence=frozenset({"lethal"}),
                  actor_kinds=frozenset({"state_police"}))
    assert decided(policy, cues=police).is_event  # police shot dead a robbery suspect
    raid = Cues(frozenset({"crime"}), actor_kinds=frozenset({"state_police", "civilians"}))
    assert decided(policy, cues=raid).rejection_reason == "crime"  # police raided a thief's house, hurting no one
    wounded = Cues(frozenset({"politics"}), sentence=frozenset({"politics", "lethal"}))
    assert decided(policy, cues=wounded).is_event  # a lawmaker wounded in a shooting
    assert decided(policy, coding=AGREEMENT, cues=Cues(frozenset({"peace"}))).is_event  # a ceasefire deal


def test_a_gang_is_organised_unless_its_text_or_the_lead_tells_a_robbery(policy):
    """(issue 14, precision 7) implied_cues: a gang is organised, a gang that robs is a band of robbers."""
    assert decided(policy, cues=Cues(frozenset({"crime", "gang"}))).is_event  # a gang's killing told as a crime
    robbers = Cues(frozenset({"crime", "gang", "acquisitive"}))
    assert decided(policy, cues=robbers).rejection_reason == "crime"  # a gang blew open a vault
    later = Cues(frozenset({"crime", "gang"}), lead=frozenset({"crime", "acquisitive"}))
    assert decided(policy, cues=later).rejection_reason == "crime"  # "the rest of the gang" after a robbery lead
