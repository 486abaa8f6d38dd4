"""The rule engine behind the codebook and decision tables."""

import pytest

from pipeline.extract.rules import Condition, RuleError, first_rule, load_rules

KNOWN = {"heavy", "weight", "cues", "target", "strong_weight", "event_date", "published"}


@pytest.mark.parametrize(("source", "values", "holds"), [
    ("heavy and not cues", {"heavy": {"Grenade"}, "cues": frozenset()}, True),
    ("weight['Attack'] < strong_weight", {"weight": {"Attack": 0.7}, "strong_weight": 0.9}, True),
    ("'grievance' in cues or target == 'armed'", {"cues": {"mob"}, "target": "civilian"}, False),
    ("heavy <= ['Grenade', 'Shelling']", {"heavy": frozenset({"Grenade"})}, True),
    ("published is not None and event_date > published", {"published": None, "event_date": 5}, False),
])
def test_conditions_evaluate_like_python(source, values, holds):
    assert Condition.parse(source, KNOWN, "test").holds(values) is holds


@pytest.mark.parametrize(("source", "message"), [
    ("heavy and boom", "unknown name 'boom'"),
    ("heavy.__class__", "Attribute is not allowed"),
    ("len(heavy)", "Call is not allowed"),
    ("heavy and", "cannot parse"),
])
def test_unsafe_or_broken_conditions_are_refused(source, message):
    with pytest.raises(RuleError, match=message):
        Condition.parse(source, KNOWN, "test")


def test_the_first_rule_that_holds_wins_and_names_are_unique():
    rules = load_rules([{"name": "a", "when": "heavy", "out": "A"}, {"name": "b", "when": "not heavy", "out": "B"},
                        {"name": "c", "when": "not heavy", "out": "C"}], "out", KNOWN, "test")
    assert first_rule(rules, {"heavy": set()}).outcome == "B"
    with pytest.raises(RuleError, match="unique"):
        load_rules([{"name": "a", "when": "heavy", "out": "A"}] * 2, "out", KNOWN, "test")
    with pytest.raises(RuleError, match="missing"):
        load_rules([{"name": "a", "when": "heavy"}], "out", KNOWN, "test")
