"""Stage *code*: the ACLED event type and sub-type of a candidate, by the ordered codebook rules of
seeds/codebook_rules.yaml over the features of pipeline/extract/features.py, and the trigger that decided it.

Before the rules: violence words that only name a weapon or a unit ("assault rifles", "riot police") and weapons
told as equipment ("pickups mounted with machine guns") are dropped, negated and hypothetical triggers do not
decide the type while an asserted one exists, and a disrupted-weapons term with no weapon in sight ("dismantled the
stalls") is read as property destruction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from pipeline.extract.detect import TermHit
from pipeline.extract.features import FEATURES, Features, Passage, weapons_involved_in
from pipeline.extract.frame import is_patient, participants
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.extract.modality import is_central, is_hypothetical, is_negated
from pipeline.extract.parameters import ExtractionParameters
from pipeline.extract.rules import Rule, RuleError, first_rule, load_rules
from pipeline.yaml_files import read_yaml

RULES_FILE = "codebook_rules.yaml"


@dataclass(frozen=True)
class Coding:
    """The coded type of a candidate, the rule that decided it and the trigger it rests on (doc indices)."""

    event_type: str
    sub_event_type: str
    type_confidence: float
    trigger: TermHit
    rule: str
    asserted: bool = True  # False when every trigger was negated or hypothetical


@dataclass(frozen=True)
class Codebook:
    """The rule table with its label groups, checked against the taxonomy and the known features."""

    rules: tuple[Rule, ...]
    groups: Mapping[str, frozenset[str]]

    @classmethod
    def load(cls, seeds: Path, lexicon: TriggerLexicon) -> Codebook:
        path = Path(seeds) / RULES_FILE
        data = read_yaml(path)
        groups = {name: _expand(members, lexicon, f"{path} group {name}") for name, members in data["groups"].items()}
        if clashes := set(groups) & set(FEATURES):
            raise RuleError(f"{path}: groups {sorted(clashes)} have the names of features")
        known = {*FEATURES, *groups, "candidate_weight", "strong_weight"}
        rules = load_rules(data["rules"], "sub_event_type", known, str(path))
        for rule in rules:
            for label in (rule.outcome, *rule.evidence):
                if not label.startswith("@"):
                    _expand([label], lexicon, f"{path} rule {rule.name!r}")
                elif label[1:] not in FEATURES:
                    raise RuleError(f"{path} rule {rule.name!r}: unknown feature {label!r}")
        return cls(rules, groups)


def _expand(labels: Sequence[str], lexicon: TriggerLexicon, where: str) -> frozenset[str]:
    """Sub-event types named directly or by their event type."""
    expanded = set()
    for label in labels:
        if label in lexicon.event_type_of:
            expanded.add(label)
        elif label in lexicon.event_type_rank:
            expanded.update(s for s, t in lexicon.event_type_of.items() if t == label)
        else:
            raise RuleError(f"{where}: {label!r} is neither an event type nor a sub-event type of seeds/triggers.yaml")
    return frozenset(expanded)


def _names_a_weapon(words: Span, lexicon: TriggerLexicon) -> bool:
    """A violence term that only names a kind of weapon or of armed unit ("assault rifles", "riot police"): every
    word of it modifies a noun after it, one the cues call a weapon or armed."""
    head = words[-1].head
    return head.i >= words.end and all(
        t.dep_ in {"compound", "amod"} and (t.head == head or words.start <= t.head.i < words.end) for t in words
    ) and any(hit.label in {"weapons", "armed"} for hit in lexicon.cues.find_in([head]))


def _names_attackers(words: Span, lexicon: TriggerLexicon) -> bool:
    """An explosion term that names the people, not a blast: armed people ("suicide bombers") whom an act befell
    ("soldiers killed two suicide bombers", "police arrested a would-be suicide bomber")."""
    root = words.root
    return is_patient(root) and any(hit.label == "armed" for hit in lexicon.cues.find_in([root]))


def _supports_ground_forces(words: Span, lexicon: TriggerLexicon) -> bool:
    """Air power told as backing for a ground operation ("an operation backed by airstrikes", "troops supported by
    the air force"; lemmas support_verbs): the operation is the event, the strikes its support."""
    preposition = words.root.head
    verb = preposition.head
    return (words.root.dep_ == "pobj" and preposition.dep_ in {"agent", "prep"} and verb.pos_ == "VERB"
            and verb.lemma_.lower() in lexicon.lemmas["support_verbs"])


def _names_equipment(hit: TermHit, cue_hits: Sequence[TermHit]) -> bool:
    """A weapon told as what someone carries, not as what was used: right after a cue of equipping, but for one
    modifier ("pickups mounted with machine guns", "fighters armed with heavy weapons") — not the instrument of an
    act ("shelled the town with mortars")."""
    return any(c.label == "equipment" and 0 <= hit.start - c.end <= 1 for c in cue_hits)


def _deciding_hits(doc: Doc, hits: Sequence[TermHit], cue_hits: Sequence[TermHit], lexicon: TriggerLexicon,
                   codebook: Codebook, candidate_weight: float) -> tuple[list[TermHit], bool] | None:
    """The hits the rules decide on and whether they are asserted; None when no hit is heavy enough."""
    named_kinds = codebook.groups["violent_acts"] | codebook.groups["riots"]
    explosions = codebook.groups["explosions"]
    hits = [h for h in hits if not (h.label in named_kinds and _names_a_weapon(doc[h.start:h.end], lexicon))
            and not _names_equipment(h, cue_hits)
            and not (h.label in explosions and _names_attackers(doc[h.start:h.end], lexicon))
            and not (h.label in codebook.groups["air_strike"] and _supports_ground_forces(doc[h.start:h.end], lexicon))]
    if not any(h.weight >= candidate_weight for h in hits):
        return None
    asserted = [h for h in hits if not (is_negated(doc[h.start], lexicon.lemmas)
                                        or is_hypothetical(doc[h.start], lexicon.lemmas))]
    is_asserted = any(h.weight >= candidate_weight for h in asserted)
    hits = asserted if is_asserted else hits
    if not weapons_involved_in(hits, {c.label for c in cue_hits}, explosions):
        (disrupted,), (looting,) = codebook.groups["disrupted_weapons"], codebook.groups["looting"]
        hits = [replace(h, label=looting) if h.label == disrupted else h for h in hits]
    seized = _seized_words(doc, hits, cue_hits, codebook)
    hits = [h for h in hits if not (h.label in explosions and h.start in seized)]
    return hits, is_asserted


def _seized_words(doc: Doc, hits: Sequence[TermHit], cue_hits: Sequence[TermHit], codebook: Codebook) -> set[int]:
    """Doc indices of what a seizure took, its objects' whole phrases ("seized six rifles and an RPG",
    "intercepted two missiles"): a weapon named there was not used, so it tells no explosion."""
    seizing = {c.start for c in cue_hits if c.label == "seizure"}
    takers = codebook.groups["looting"] | codebook.groups["disrupted_weapons"]
    return {t.i for h in hits if h.label in takers and h.start in seizing
            for taken in participants(doc[h.start])[1] for t in taken.subtree}


def _labels(rule: Rule, features: Features, lexicon: TriggerLexicon, sub_event_type: str) -> set[str]:
    """The sub-types whose strongest hit is the trigger of a mention coded by `rule`."""
    labels: set[str] = set()
    for item in rule.evidence:
        value = features[item[1:]] if item.startswith("@") else item
        if isinstance(value, str):
            labels.update(_expand([value], lexicon, rule.name))
        elif value:
            labels.update(value)
    return labels or {sub_event_type}


def code_candidate(doc: Doc, tokens: Sequence[Token], hits: Sequence[TermHit], cue_hits: Sequence[TermHit],
                   lexicon: TriggerLexicon, codebook: Codebook, parameters: ExtractionParameters,
                   place_tokens: Collection[int] = frozenset()) -> Coding | None:
    """Code one candidate passage (its tokens and hits); None when no hit is heavy enough or no rule applies.
    `place_tokens`: doc indices of tokens in toponyms the gazetteer resolved."""
    candidate_weight = parameters.detect.candidate_weight
    deciding = _deciding_hits(doc, hits, cue_hits, lexicon, codebook, candidate_weight)
    if deciding is None:
        return None
    hits, asserted = deciding
    passage = Passage(doc, tokens, hits, cue_hits, lexicon, codebook.groups, parameters.code, place_tokens)
    features = Features(passage, {**codebook.groups, "candidate_weight": candidate_weight,
                                  "strong_weight": parameters.code.strong_weight})
    rule = first_rule(codebook.rules, features)
    if rule is None:
        return None
    sub_event_type = features[rule.outcome[1:]] if rule.outcome.startswith("@") else rule.outcome
    trigger = features.strongest(_labels(rule, features, lexicon, sub_event_type)) or features.strongest(
        hits=features["candidates"])
    weights = parameters.code.type_confidence
    confidence = weights.base + weights.per_weight * trigger.weight + (
        weights.central if is_central(doc[trigger.start]) else 0.0)
    return Coding(lexicon.event_type_of[sub_event_type], sub_event_type, round(min(1.0, confidence), 3), trigger,
                  rule.name, asserted)
