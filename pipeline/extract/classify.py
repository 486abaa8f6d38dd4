"""ACLED event type / sub-event type of an event passage, from trigger hits, cue words and the dependency parse.

Rules follow ACLED's codebook: demonstrations are coded by what the crowd and the authorities did; in political
violence the higher type wins (Battles > Explosions/Remote violence > Violence against civilians), a violent act on
armed people is a clash and on unarmed people an attack, violence by an unarmed crowd is a riot; strategic
developments only when nothing violent happened. Negated and hypothetical triggers do not decide the type.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.lexicon import TermHit, TriggerLexicon, token_forms

EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"

CANDIDATE_WEIGHT = 0.6  # a hit below this only supports a type chosen by stronger evidence
STRONG_WEIGHT = 0.9
_PROTEST_LABELS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
_VIOLENT_LABELS = {"Attack", "Armed clash", "Mob violence"}
_RIOT_LABELS = {"Violent demonstration", "Mob violence"}
_TERRITORY_LABELS = {"Government regains territory", "Non-state actor overtakes territory"}
_REMOTE_FIRE = {"Shelling/artillery/missile attack", "Grenade"}
_PATIENT_DEPS = {"dobj", "obj", "nsubjpass", "attr"}
_AGENT_DEPS = {"nsubj", "agent", "poss", "compound", "amod", "nmod"}
_PATIENT_PREPOSITIONS = {"on", "at", "against", "upon", "targeting", "of", "with"}
_PARTY_PREPOSITIONS = {"between", "among", "by"}
_GOVERNOR_DEPS = {"xcomp", "amod", "compound", "dobj", "pobj", "prep", "conj", "acomp"}


@dataclass(frozen=True)
class Classification:
    """The coded type of a passage and the trigger that decided it (doc token indices)."""

    event_type: str
    sub_event_type: str
    confidence: float
    trigger: TermHit
    asserted: bool = True  # False when every trigger was negated or hypothetical


def _strongest(hits: Iterable[TermHit], labels: set[str] | None = None) -> TermHit | None:
    chosen = [h for h in hits if labels is None or h.label in labels]
    return max(chosen, key=lambda h: (h.weight, -h.start), default=None)


def is_central(token: Token) -> bool:
    """True when the token is the main predicate of its sentence or one step below it."""
    return token.dep_ == "ROOT" or (token.head.dep_ == "ROOT" and token.dep_ in {
        "conj", "xcomp", "ccomp", "advcl", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "relcl", "acl"})


def _governors(token: Token) -> list[Token]:
    """The token and the words it hangs from, up to its clause's predicate."""
    chain = [token]
    while chain[-1].dep_ in _GOVERNOR_DEPS and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def is_negated(trigger: Token, lexicon: TriggerLexicon) -> bool:
    """'did not attack', 'no clashes', 'neither injuries nor deaths', 'denied carrying out the strike'."""
    for token in _governors(trigger):
        if any(c.dep_ == "neg" or (c.lower_ in {"no", "never", "neither", "nor"} and c.dep_ in {"det", "preconj"})
               for c in token.children):
            return True
        if token is not trigger and token.lemma_.lower() in lexicon.lemmas["denials"]:
            return True
    return False


def is_hypothetical(trigger: Token, lexicon: TriggerLexicon) -> bool:
    """Threats, plans, warnings and modal or conditional statements rather than reported events."""
    for token in _governors(trigger):
        if any(c.dep_ == "aux" and c.lower_ in lexicon.lemmas["modals"] for c in token.children):
            return True
        if token is not trigger and token.lemma_.lower() in lexicon.lemmas["hypothetical_heads"]:
            return True
        if token is trigger and token.lemma_.lower() in lexicon.lemmas["intent_verbs"] and any(
                c.dep_ in {"xcomp", "ccomp"} for c in token.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children):
            return True
        if token is not trigger and token.dep_ == "advcl" and any(  # a purpose: "released prisoners to help the deal"
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return True
    return False


def is_past_perfect(trigger: Token) -> bool:
    """'had captured': an event told as earlier than the report's story."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children)


def in_grievance(token: Token, lexicon: TriggerLexicon) -> bool:
    """The word belongs to what a protest is about or to an earlier cause, not to what happened
    ('demanding the release of those arrested', 'protested after prisoners were killed')."""
    node = token
    while node.head.i != node.i:
        parent = node.head
        if (parent.lemma_.lower() in lexicon.lemmas["grievance_heads"] or parent.lower_ in {"against", "over"}) and (
                node.dep_ not in {"nsubj", "nsubjpass", "agent", "aux", "neg"}):
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lexicon.lemmas["cause_marks"]
                                        for c in node.children):
            return True
        if parent.dep_ == "prep" and parent.lower_ in lexicon.lemmas["cause_marks"]:
            return True
        node = parent
    return False


def _party_class(tokens: Sequence[Token], lexicon: TriggerLexicon) -> set[str]:
    return {hit.label for hit in lexicon.cues.find([token_forms(t) for t in sorted(tokens, key=lambda t: t.i)])}


def _phrase_core(head: Token) -> list[Token]:
    """The words that say who a noun phrase is: its head with modifiers, 'of' complements and conjuncts
    ("positions of the militia", "soldiers and civilians"), not its places or times ("men in the village")."""
    core = [head]
    for child in head.children:
        if child.dep_ in {"compound", "amod", "nmod", "nummod"}:
            core.extend(child.subtree)
        elif child.dep_ == "conj":
            core.extend(_phrase_core(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    core.extend(_phrase_core(grandchild))
    return core


def _arguments(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the trigger's agent and patient phrases, read from the dependency parse."""
    agents: list[Token] = []
    patients: list[Token] = []
    anchors = [trigger]
    if trigger.dep_ in {"amod", "compound", "acl", "relcl", "xcomp", "advcl", "conj"} and (
            trigger.head.pos_ in {"VERB", "NOUN"}):
        anchors.append(trigger.head)
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ in _PATIENT_DEPS:
                patients.append(child)
            elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPOSITIONS | _PARTY_PREPOSITIONS:
                objects = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"}]
                (patients if child.lower_ in _PATIENT_PREPOSITIONS else agents).extend(objects)
            elif child.dep_ in _AGENT_DEPS:
                agents.append(child)
        if anchor.dep_ in {"acl", "relcl"}:
            patients.append(anchor.head)
    return agents, patients


def _argument_tokens(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Tokens of the trigger's agent and patient phrases."""
    agents, patients = _arguments(trigger)
    return [t for a in agents for t in _phrase_core(a)], [t for p in patients for t in _phrase_core(p)]


def _phrase_classes(heads: Sequence[Token], lexicon: TriggerLexicon) -> list[set[str]]:
    return [_party_class(_phrase_core(head), lexicon) for head in heads]


def _patient_heads(tokens: Sequence[Token]) -> list[Token]:
    """Every phrase of the passage in a patient role (object, passive subject, 'fired at ...')."""
    return [t for t in tokens if t.dep_ in _PATIENT_DEPS
            or (t.dep_ == "pobj" and t.head.lower_ in _PATIENT_PREPOSITIONS - {"of", "with"})]


def _violence_on(trigger: Token, passage_tokens: Sequence[Token], lexicon: TriggerLexicon) -> tuple[str, str]:
    """(perpetrator class, target class) of a violent act: perpetrator 'armed', 'mob' (an unarmed crowd on
    either side) or 'unknown', target 'armed', 'civilian' or 'unknown'; armed targets outrank civilian ones."""
    agent_heads, patient_heads = _arguments(trigger)
    agent_classes = _phrase_classes(agent_heads, lexicon)
    patient_classes = _phrase_classes(patient_heads, lexicon)
    if any("mob" in c and "armed" not in c for c in agent_classes):
        perpetrator = "mob"
    elif any("armed" in c for c in agent_classes):
        perpetrator = "armed"
    else:
        perpetrator = "unknown"
    targets = set().union(*patient_classes) if patient_classes else set()
    if not targets & {"civilian", "armed"}:
        if "civilian_site" in targets:
            targets.add("civilian")
        else:
            agent_ids = {t.i for head in agent_heads for t in head.subtree}
            others = [t for t in _patient_heads(passage_tokens) if t.i not in agent_ids]
            targets = set().union(*_phrase_classes(others, lexicon)) if others else set()
    target = "armed" if "armed" in targets else ("civilian" if "civilian" in targets else "unknown")
    return perpetrator, target


def _label_strength(hits: Iterable[TermHit]) -> dict[str, float]:
    """The weight of the strongest hit of each label."""
    strongest: dict[str, float] = {}
    for hit in hits:
        strongest[hit.label] = max(strongest.get(hit.label, 0.0), hit.weight)
    return strongest


def _has(cues: Sequence[TermHit], label: str) -> bool:
    return any(c.label == label for c in cues)


def _demonstration(hits: Sequence[TermHit], cues: Sequence[TermHit], doc: Doc, lexicon: TriggerLexicon) -> str | None:
    """The protest or riot sub-type when the passage reports a gathering, else None."""
    protest_hits = [h for h in hits if h.label in _PROTEST_LABELS and h.weight >= CANDIDATE_WEIGHT]
    gatherings = [h for h in protest_hits if h.label == "Peaceful protest"]
    grievance = _has(cues, "grievance")
    strong_gathering = any(h.weight >= STRONG_WEIGHT for h in gatherings)
    corroborated = bool(gatherings) and len({h.start for h in protest_hits}) + grievance >= 2
    group_with_grievance = grievance and _has(cues, "mob") and not _has(cues, "armed")
    if not (strong_gathering or corroborated or group_with_grievance):
        return None
    labels = {h.label for h in hits}
    riot = any(h.label == "Violent demonstration" for h in hits) or _has(cues, "protester_violence")
    if riot:
        return "Violent demonstration"
    if "Excessive force against protesters" in labels or (_has(cues, "force_on_protesters") and _has(cues, "armed")):
        return "Excessive force against protesters"
    protest_sentences = {doc[h.start].sent.start for h in protest_hits}
    protesters_arrested = any(
        h.label == "Arrests" and doc[h.start].pos_ == "VERB" and (
            doc[h.start].sent.start in protest_sentences
            or "mob" in _party_class(_argument_tokens(doc[h.start])[1], lexicon))
        for h in hits)
    if "Protest with intervention" in labels or _has(cues, "intervention") or protesters_arrested:
        return "Protest with intervention"
    return "Peaceful protest"


def _names_a_weapon(token: Token, lexicon: TriggerLexicon) -> bool:
    """A violence word that only names a kind of weapon ("assault rifles")."""
    return token.dep_ in {"compound", "amod"} and token.head.i > token.i and "weapons" in _party_class(
        [token.head], lexicon)


def _captures_territory(hit: TermHit, doc: Doc, lexicon: TriggerLexicon, place_tokens: Collection[int]) -> bool:
    """A strong territory term, or a bare 'captured' whose object is a place rather than a person ("captured the
    village", "captured Quissanga": a place entity or a toponym the gazetteer resolved)."""
    captured = _argument_tokens(doc[hit.start])[1]
    return hit.weight >= 0.8 or "territory_object" in _party_class(captured, lexicon) or any(
        t.ent_type_ in {"GPE", "LOC", "FAC"} or t.i in place_tokens for t in captured)


def classify_passage(
    hits: Sequence[TermHit], cue_hits: Sequence[TermHit], doc: Doc, passage_tokens: Sequence[Token],
    lexicon: TriggerLexicon, place_tokens: Collection[int] = frozenset(),
) -> Classification | None:
    """Code one event passage; None when no trigger is strong enough to make it an event. `place_tokens`: doc
    indices of tokens in resolved toponyms."""
    hits = [h for h in hits if h.label not in _VIOLENT_LABELS or not _names_a_weapon(doc[h.end - 1], lexicon)]
    if not any(h.weight >= CANDIDATE_WEIGHT for h in hits):
        return None
    asserted = [h for h in hits if not (is_negated(doc[h.start], lexicon) or is_hypothetical(doc[h.start], lexicon))]
    is_asserted = any(h.weight >= CANDIDATE_WEIGHT for h in asserted)
    if is_asserted:
        hits = asserted
    candidates = [h for h in hits if h.weight >= CANDIDATE_WEIGHT]

    def decide(sub_event_type: str, evidence: set[str] | None = None) -> Classification:
        trigger = _strongest(hits, evidence or {sub_event_type}) or _strongest(candidates)
        central = is_central(doc[trigger.start])
        confidence = min(1.0, 0.35 + 0.45 * trigger.weight + (0.15 if central else 0.0))
        return Classification(lexicon.event_type_of[sub_event_type], sub_event_type, round(confidence, 3), trigger,
                              is_asserted)

    strongest = _label_strength(hits)
    family = lexicon.event_type_of
    heavy = {k for k, v in strongest.items() if family[k] == EXPLOSIONS and v >= STRONG_WEIGHT}

    reported = [h for h in hits if not in_grievance(doc[h.start], lexicon)]
    reported_cues = [c for c in cue_hits if c.label == "grievance" or not in_grievance(doc[c.start], lexicon)]
    demonstration = None if heavy else _demonstration(reported, reported_cues, doc, lexicon)
    if demonstration:
        return decide(demonstration, {demonstration, *_PROTEST_LABELS, *_RIOT_LABELS})

    cues = {h.label for h in cue_hits if h.label != "lethal" or not is_negated(doc[h.start], lexicon)}
    clash = strongest.get("Armed clash", 0.0)
    violent = _strongest(hits, _VIOLENT_LABELS)
    riot_act = _strongest(hits, _RIOT_LABELS)
    act = violent if violent is not None and violent.weight >= CANDIDATE_WEIGHT else riot_act
    perpetrator, target = _violence_on(doc[act.start], passage_tokens, lexicon) if act else ("unknown", "unknown")

    shooting = act is not None and any(t.lemma_.lower() in lexicon.lemmas["shooting_words"]
                                       for t in doc[act.start:act.end])
    crowd = not shooting and (
        perpetrator == "mob" or (act is not None and act is riot_act and perpetrator == "unknown" and "arson" not in cues)
        or ("two_sided" in cues and "mob" in cues and "armed" not in cues and act is not None))
    if crowd and not heavy:
        riot = "Violent demonstration" if "grievance" in cues else "Mob violence"
        return decide(riot, {riot, *_VIOLENT_LABELS, *_RIOT_LABELS})

    captures = [h for h in hits if h.label in _TERRITORY_LABELS]
    territory = [h for h in captures if _captures_territory(h, doc, lexicon, place_tokens)]
    if territory:
        hit = _strongest(territory)
        taker_classes = _party_class(_argument_tokens(doc[hit.start])[0], lexicon)
        labels = {h.label for h in territory}
        if "Non-violent transfer of territory" in strongest and not clash and "lethal" not in cues:
            return decide("Non-violent transfer of territory", labels | {"Non-violent transfer of territory"})
        label = "Non-state actor overtakes territory" if "non_state" in taker_classes and (
            "state" not in taker_classes) else "Government regains territory"
        return decide(label, labels)

    weapons_involved = "weapons" in cues or any(family[k] == EXPLOSIONS for k in strongest)
    if "Disrupted weapons use" in strongest and weapons_involved and clash < STRONG_WEIGHT and (
            "lethal" not in cues or "mishap" in cues):
        return decide("Disrupted weapons use")
    if not weapons_involved:  # dismantling or seizing other things destroys or takes property
        hits = [TermHit("Looting/property destruction", h.weight, h.start, h.end, h.term)
                if h.label == "Disrupted weapons use" else h for h in hits]
        candidates = [h for h in hits if h.weight >= CANDIDATE_WEIGHT]
        strongest = _label_strength(hits)

    if clash >= STRONG_WEIGHT:
        ambush = _strongest(hits, {"Armed clash"})
        one_sided = _violence_on(doc[ambush.start], passage_tokens, lexicon)[1] == "civilian"
        return decide("Attack", {"Attack", "Armed clash"}) if one_sided else decide("Armed clash")
    if "legacy_ordnance" in cues and heavy and "Air/drone strike" not in heavy:
        return decide("Other", heavy)
    if strongest.get("Air/drone strike", 0.0) >= CANDIDATE_WEIGHT and violent is not None and (
            violent.weight >= CANDIDATE_WEIGHT):
        heavy.add("Air/drone strike")
    if strongest.get("Remote explosive/landmine/IED", 0.0) < 1.0 and "indirect_fire" in cues:
        heavy.discard("Remote explosive/landmine/IED")
        heavy.add("Shelling/artillery/missile attack")
    if heavy and heavy <= _REMOTE_FIRE and ("two_sided" in cues or ("direct_fire" in cues and target != "civilian")):
        return decide("Armed clash", {"Armed clash", "Attack", *heavy})
    if heavy:
        chosen = min(heavy, key=lexicon.precedence)
        return decide(chosen, {chosen, "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"})
    if "Sexual violence" in strongest:
        return decide("Sexual violence")
    if "Abduction/forced disappearance" in strongest and strongest.get("Attack", 0.0) < STRONG_WEIGHT:
        return decide("Abduction/forced disappearance")

    strategic_candidates = [h for h in candidates if family[h.label] == STRATEGIC]
    if shooting and "warning_shots" in cues and "lethal" not in cues and target == "unknown":
        return decide("Other", {violent.label} if violent else None)
    if violent is not None and violent.weight >= CANDIDATE_WEIGHT and (
            violent.weight >= STRONG_WEIGHT or is_central(doc[violent.start]) or not strategic_candidates):
        if "Mob violence" in strongest:
            return decide("Mob violence", {"Mob violence", "Attack"})
        if target == "armed" or (target == "unknown" and (violent.label == "Armed clash" or "direct_fire" in cues)):
            return decide("Armed clash", {"Armed clash", "Attack"})
        if target == "unknown" and "property_damage" in cues and "lethal" not in cues:
            return decide("Looting/property destruction", {"Attack", "Looting/property destruction"})
        return decide("Attack", {"Attack", "Armed clash"})

    if riot_act is not None:
        if riot_act.label == "Violent demonstration" and "arson" in cues and perpetrator != "mob":
            return decide("Looting/property destruction", {"Violent demonstration"})
        return decide("Mob violence", set(_RIOT_LABELS))

    if strategic_candidates:
        best = min(strategic_candidates, key=lambda h: (-h.weight, lexicon.precedence(h.label)))
        if best.label == "Arrests" and "Looting/property destruction" in strongest:
            return decide("Looting/property destruction")
        if best.label == "Looting/property destruction" and "weapons" in cues:
            return decide("Disrupted weapons use", {"Looting/property destruction"})
        return decide(best.label)
    if captures:  # people, not places, were captured
        captive = _violence_on(doc[captures[0].start], passage_tokens, lexicon)[1]
        return decide("Armed clash" if captive == "armed" else "Abduction/forced disappearance", _TERRITORY_LABELS)
    remaining = [h for h in candidates if family[h.label] in {EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS}]
    if remaining:
        return decide(min((h.label for h in remaining), key=lexicon.precedence))
    return None
