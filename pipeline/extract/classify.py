"""ACLED event type / sub-event type of an event passage, from trigger hits, cue words and the dependency parse.

Rules follow ACLED's codebook: demonstrations are coded by what the crowd and the authorities did; in political
violence the higher type wins (Battles > Explosions/Remote violence > Violence against civilians), a violent act on
armed people is a clash and on unarmed people an attack; strategic developments only when nothing violent happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.lexicon import TermHit, TriggerLexicon, token_forms

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
RIOTS = "Riots"
PROTESTS = "Protests"
STRATEGIC = "Strategic developments"

CANDIDATE_WEIGHT = 0.6  # a hit below this only supports a type chosen by stronger evidence
STRONG_WEIGHT = 0.9
_PATIENT_DEPS = {"dobj", "obj", "nsubjpass", "attr"}
_AGENT_DEPS = {"nsubj", "agent", "poss", "compound", "amod", "nmod"}
_PATIENT_PREPOSITIONS = {"on", "at", "against", "upon", "targeting", "of"}


@dataclass(frozen=True)
class Classification:
    """The coded type of a passage and the trigger that decided it (doc token indices)."""

    event_type: str
    sub_event_type: str
    confidence: float
    trigger: TermHit


def _strongest(hits: Sequence[TermHit], labels: set[str] | None = None) -> TermHit | None:
    chosen = [h for h in hits if labels is None or h.label in labels]
    return max(chosen, key=lambda h: (h.weight, -h.start), default=None)


def is_central(token: Token) -> bool:
    """True when the token is the main predicate of its sentence or one step below it."""
    return token.dep_ == "ROOT" or token.head.dep_ == "ROOT" and token.dep_ in {
        "conj", "xcomp", "ccomp", "advcl", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "relcl", "acl"}


def _party_class(tokens: Sequence[Token], lexicon: TriggerLexicon) -> set[str]:
    return {hit.label for hit in lexicon.cues.find([token_forms(t) for t in tokens])}


def _argument_tokens(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Tokens of the trigger's agents and patients, read from the dependency parse."""
    agents: list[Token] = []
    patients: list[Token] = []
    anchors = [trigger]
    if trigger.dep_ in {"amod", "compound", "acl", "relcl", "xcomp", "advcl"} and trigger.head.pos_ in {"VERB", "NOUN"}:
        anchors.append(trigger.head)
    for anchor in anchors:
        for child in anchor.children:
            subtree = list(child.subtree)
            if child.dep_ in _PATIENT_DEPS:
                patients.extend(subtree)
            elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPOSITIONS:
                patients.extend(subtree[1:])
            elif child.dep_ == "prep" and child.lower_ == "by" or child.dep_ in _AGENT_DEPS:
                agents.extend(subtree)
        if anchor.dep_ in {"acl", "relcl"}:
            patients.extend([anchor.head, *[c for c in anchor.head.children if c.dep_ == "compound"]])
    return agents, patients


def _violence_on(trigger: Token, passage_tokens: Sequence[Token], lexicon: TriggerLexicon) -> tuple[str, str]:
    """(perpetrator class, target class) of a violent act: 'armed', 'civilian', 'mob' or 'unknown'."""
    agents, patients = _argument_tokens(trigger)
    agent_classes = _party_class(agents, lexicon)
    patient_classes = _party_class(patients, lexicon)
    if not patient_classes & {"civilian", "armed"}:
        patient_classes = _party_class([t for t in passage_tokens if t not in agents], lexicon)
    perpetrator = "mob" if "mob" in agent_classes and "armed" not in agent_classes else (
        "armed" if "armed" in agent_classes else "unknown")
    if "civilian" in patient_classes and ("armed" not in patient_classes or trigger.lemma_ in {"kill", "murder"}):
        target = "civilian"
    elif "armed" in patient_classes:
        target = "armed"
    else:
        target = "unknown"
    return perpetrator, target


def _demonstration(strongest: dict[str, float], cues: set[str]) -> str | None:
    protest = strongest.get("Peaceful protest", 0.0)
    riot = strongest.get("Violent demonstration", 0.0)
    mob = strongest.get("Mob violence", 0.0)
    if riot >= STRONG_WEIGHT and protest < STRONG_WEIGHT:
        return "Violent demonstration"
    if protest < STRONG_WEIGHT and not (protest >= CANDIDATE_WEIGHT and (riot or "intervention" in cues)):
        return "Mob violence" if mob >= STRONG_WEIGHT else None
    if riot or "protester_violence" in cues and "Protest with intervention" not in strongest:
        return "Violent demonstration"
    if "Excessive force against protesters" in strongest or "force_on_protesters" in cues and "armed" in cues:
        return "Excessive force against protesters"
    if "Protest with intervention" in strongest or "intervention" in cues:
        return "Protest with intervention"
    return "Peaceful protest"


def classify_passage(
    hits: Sequence[TermHit], cue_hits: Sequence[TermHit], doc: Doc, passage_tokens: Sequence[Token],
    lexicon: TriggerLexicon,
) -> Classification | None:
    """Code one event passage; None when no trigger is strong enough to make it an event."""
    candidates = [h for h in hits if h.weight >= CANDIDATE_WEIGHT]
    if not candidates:
        return None
    cues = {h.label for h in cue_hits}
    strongest: dict[str, float] = {}
    for hit in hits:
        strongest[hit.label] = max(strongest.get(hit.label, 0.0), hit.weight)
    family = {label: lexicon.event_type_of[label] for label in strongest}

    def decide(sub_event_type: str, evidence: set[str] | None = None) -> Classification:
        trigger = _strongest(hits, evidence or {sub_event_type}) or _strongest(candidates)
        central = is_central(doc[trigger.start])
        confidence = min(1.0, 0.35 + 0.45 * trigger.weight + (0.15 if central else 0.0))
        return Classification(lexicon.event_type_of[sub_event_type], sub_event_type, round(confidence, 3), trigger)

    heavy = {k for k, v in strongest.items() if family[k] == EXPLOSIONS and v >= STRONG_WEIGHT}
    clash = strongest.get("Armed clash", 0.0)
    killing = strongest.get("Attack", 0.0) >= STRONG_WEIGHT

    demonstration = _demonstration(strongest, cues)
    if demonstration and not heavy:
        return decide(demonstration, {demonstration, "Peaceful protest", "Violent demonstration", "Mob violence"})

    territory = [k for k in ("Government regains territory", "Non-state actor overtakes territory") if k in strongest]
    if territory:
        hit = _strongest(hits, set(territory))
        taker_classes = _party_class(_argument_tokens(doc[hit.start])[0], lexicon)
        if "Non-violent transfer of territory" in strongest and not clash and not killing:
            return decide("Non-violent transfer of territory", set(territory) | {"Non-violent transfer of territory"})
        label = "Government regains territory" if "state" in taker_classes or (
            "Government regains territory" in territory and "armed" not in taker_classes) else (
            "Non-state actor overtakes territory")
        return decide(label, set(territory))

    disrupted = "Disrupted weapons use" in strongest
    if disrupted and clash < STRONG_WEIGHT and not killing:
        return decide("Disrupted weapons use")

    if clash >= STRONG_WEIGHT:
        return decide("Armed clash")
    if heavy:
        return decide(min(heavy, key=lexicon.precedence))
    if "Sexual violence" in strongest:
        return decide("Sexual violence")
    if "Abduction/forced disappearance" in strongest and not killing:
        return decide("Abduction/forced disappearance")

    violent = _strongest(hits, {"Attack", "Armed clash", "Mob violence"})
    if violent is not None and (violent.weight >= STRONG_WEIGHT or is_central(doc[violent.start])
                                or not _strongest(candidates, {k for k in family if family[k] == STRATEGIC})):
        perpetrator, target = _violence_on(doc[violent.start], passage_tokens, lexicon)
        if perpetrator == "mob" or "Mob violence" in strongest:
            return decide("Mob violence", {"Mob violence", "Attack"})
        if target == "armed" or (target == "unknown" and violent.label == "Armed clash"):
            return decide("Armed clash", {"Armed clash", "Attack"})
        if violent.weight >= CANDIDATE_WEIGHT or not candidates:
            return decide("Attack", {"Attack", "Armed clash"})

    strategic = [h for h in candidates if family[h.label] == STRATEGIC]
    if strategic:
        best = min(strategic, key=lambda h: (-h.weight, lexicon.precedence(h.label)))
        if best.label == "Arrests" and "Looting/property destruction" in strongest:
            return decide("Looting/property destruction")
        return decide(best.label)
    remaining = [h for h in candidates if family[h.label] in {EXPLOSIONS, BATTLES, VIOLENCE_AGAINST_CIVILIANS}]
    if remaining:
        return decide(min((h.label for h in remaining), key=lexicon.precedence))
    return None
