"""Stage *decide*: whether a coded, framed and normalized candidate is a reportable event, and if not, why — the
one place that says so, by the ordered rules of seeds/decision_rules.yaml — plus the mention's confidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.extract.code import Coding
from pipeline.extract.frame import Frame
from pipeline.extract.parameters import DecideParameters
from pipeline.extract.rules import Rule, first_rule, load_rules
from pipeline.records import ResolvedDate
from pipeline.tables.taxonomy import BELOW_MIN_CONFIDENCE, DECISIONS_FILE, NO_EVENT_TYPE
from pipeline.yaml_files import read_yaml

VALUES = ("negated", "hypothetical", "background", "over_period", "claimed", "figurative", "verbal",
          "trigger_weight", "event_date", "published", "fatalities", "confidence", "event_type", "sub_event_type",
          "cues", "sentence_cues", "lead_cues", "actor_kinds", "min_confidence", "dataset_start", "max_fatalities",
          "restated", "earlier_incident", "is_lead", "own_date", "article_cues", "days_before_published")


@dataclass(frozen=True)
class Cues:
    """Cue labels (seeds/triggers.yaml) of the candidate's passage, of the trigger's own sentence, of the article's
    lead sentence and of the whole article; and the kinds of the actors resolved for it (seeds/actors.csv:
    state_police, rebel, …)."""

    passage: frozenset[str]
    sentence: frozenset[str] = frozenset()
    lead: frozenset[str] = frozenset()
    article: frozenset[str] = frozenset()
    actor_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Decision:
    """Whether a candidate is an event, the first reason it is not, its modality flags and its confidence."""

    is_event: bool
    rejection_reason: str | None
    is_background: bool
    is_negated: bool
    is_hypothetical: bool
    confidence: float


@dataclass(frozen=True)
class ImpliedCue:
    """A cue label that other labels of the same text imply, unless some label says otherwise
    (`implied_cues` in seeds/decision_rules.yaml: a gang is organised unless its text tells a robbery)."""

    label: str
    given: frozenset[str]
    unless: frozenset[str] = frozenset()

    def apply(self, labels: frozenset[str], context: frozenset[str] = frozenset()) -> frozenset[str]:
        """`labels` with this label when they hold every given one and neither they nor the `context` (the
        story's lead) one that says otherwise."""
        implied = self.given <= labels and not self.unless & (labels | context)
        return labels | {self.label} if implied else labels


@dataclass(frozen=True)
class DecisionPolicy:
    """The rejection rules and the bounds they compare with (settings and seeds/extraction.yaml)."""

    rules: tuple[Rule, ...]
    parameters: DecideParameters
    min_confidence: float
    dataset_start: date
    families: Mapping[str, str] = field(default_factory=dict)  # event type -> ACLED family (restatements)
    implied_cues: tuple[ImpliedCue, ...] = ()

    def with_implied(self, labels: frozenset[str], context: frozenset[str] = frozenset()) -> frozenset[str]:
        """The cue labels of one text with those they imply, in the `context` of the story's lead ("the rest of
        the gang" in a story whose lead tells a robbery is the robbers)."""
        for implied in self.implied_cues:
            labels = implied.apply(labels, context)
        return labels

    @property
    def settings_key(self) -> str:
        """The settings this policy decides with, for cache keys (the rules and parameters are seed files)."""
        return f"min_confidence={self.min_confidence}|dataset_start={self.dataset_start.isoformat()}"

    @classmethod
    def load(cls, seeds: Path, parameters: DecideParameters, *, min_confidence: float,
             dataset_start: date) -> DecisionPolicy:
        path = Path(seeds) / DECISIONS_FILE
        data = read_yaml(path)
        rules = load_rules(data["rules"], "reason", VALUES, str(path))
        families = {kind: family for family, kinds in data.get("families", {}).items() for kind in kinds}
        implied = tuple(ImpliedCue(label, frozenset(spec["given"]), frozenset(spec.get("unless", ())))
                        for label, spec in data.get("implied_cues", {}).items())
        return cls(rules, parameters, min_confidence, dataset_start, families, implied)


def undecided(confidence: float = 0.0) -> Decision:
    """The decision on a candidate no codebook rule codes."""
    return Decision(False, NO_EVENT_TYPE, False, False, False, confidence)


def mention_confidence(coding: Coding, modal: bool, *, is_lead: bool, dated: bool, located: bool,
                       parameters: DecideParameters) -> float:
    """Type confidence, lowered for background/negated/hypothetical readings, raised for a lead mention with its
    own date and coordinates."""
    weights = parameters.confidence
    confidence = coding.type_confidence * (weights.modal_factor if modal else 1.0)
    confidence += weights.lead * is_lead + weights.dated * dated + weights.located * located
    return round(min(confidence, 1.0), 3)


def _restates(frame: Frame, coding: Coding, earlier_events: frozenset[str], families: Mapping[str, str]) -> bool:
    """A definite event noun that tells an earlier event of the story again: one of the same ACLED family
    (political violence, demonstrations, strategic developments), whatever its own words add (a day, a claim)."""
    family = families.get(coding.event_type or "", coding.event_type)
    return frame.restated and any(families.get(kind, kind) == family for kind in earlier_events)


def _days_before(event_date: date | None, published: date | None) -> int | None:
    """Whole days from the event to the report (None when either is unknown)."""
    return (published - event_date).days if event_date is not None and published is not None else None


def decide(coding: Coding, frame: Frame, event_date: ResolvedDate, fatalities: int, cues: Cues, *,
           located: bool, is_lead: bool, published: date | None, policy: DecisionPolicy,
           earlier_events: frozenset[str] = frozenset()) -> Decision:
    """The decision on one candidate. A trigger that is neither negated nor hypothetical itself but whose passage
    had no asserted trigger takes the passage's negation, else counts as hypothetical. `earlier_events`: the event
    types of the article's earlier candidates that are events (what a restated noun may refer back to)."""
    negated, hypothetical = frame.negated, frame.hypothetical
    if not coding.asserted and not (negated or hypothetical):
        negated = frame.hit_negated
        hypothetical = not negated
    background = event_date.is_before_report_window or frame.past_perfect
    confidence = mention_confidence(coding, background or negated or hypothetical, is_lead=is_lead,
                                    dated=event_date.expression is not None, located=located,
                                    parameters=policy.parameters)
    values: dict[str, Any] = {
        "negated": negated, "hypothetical": hypothetical, "background": background,
        "over_period": frame.over_period, "claimed": frame.claimed, "figurative": frame.figurative,
        "verbal": frame.verbal,
        "trigger_weight": coding.trigger.weight,
        "event_date": event_date.event_date, "published": published, "fatalities": fatalities,
        "confidence": confidence, "event_type": coding.event_type, "sub_event_type": coding.sub_event_type,
        "cues": policy.with_implied(cues.passage, cues.lead),
        "sentence_cues": policy.with_implied(cues.sentence, cues.lead),
        "lead_cues": policy.with_implied(cues.lead), "article_cues": policy.with_implied(cues.article),
        "actor_kinds": cues.actor_kinds,
        "min_confidence": policy.min_confidence, "dataset_start": policy.dataset_start,
        "max_fatalities": policy.parameters.max_fatalities,
        "restated": _restates(frame, coding, earlier_events, policy.families),
        "earlier_incident": frame.earlier_incident, "is_lead": is_lead, "own_date": frame.date is not None,
        "days_before_published": _days_before(event_date.event_date, published),
    }
    rejection = first_rule(policy.rules, values)
    reason = rejection.outcome if rejection else BELOW_MIN_CONFIDENCE if confidence < policy.min_confidence else None
    return Decision(reason is None, reason, background, negated, hypothetical, confidence)
