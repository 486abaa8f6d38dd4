"""Who did what to whom: actor1/actor2 from the dependency parse around an event trigger, ACLED conventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from pipeline.actors.resolver import ARMED_INTERS, ActorResolver
from pipeline.records import ResolvedActor

PATIENT_PREPOSITIONS = frozenset({"against", "on", "at", "upon", "targeting", "into"})
CLASH_PREPOSITIONS = frozenset({"with", "against"})
CAUSE_PREPOSITIONS = frozenset({"in", "during", "from"})
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep"})
KEEP_PREPS = frozenset({"of", "from"})
MAX_MENTION_TOKENS = 14
REPORTING_VERBS = frozenset({"say", "report", "tell", "add", "state", "claim", "announce", "confirm", "observe"})
STATE_KINDS = frozenset({"state_military", "state_police"})


@dataclass(frozen=True)
class ActorRoles:
    """The actors of one event, ACLED-style (associated actors may be several)."""

    actor1: ResolvedActor | None = None
    assoc_actor_1: tuple[ResolvedActor, ...] = ()
    actor2: ResolvedActor | None = None
    assoc_actor_2: tuple[ResolvedActor, ...] = ()

    @property
    def interaction(self) -> int | None:
        """ACLED interaction code from the two inter codes."""
        return interaction_code(self.actor1.inter if self.actor1 else None, self.actor2.inter if self.actor2 else None)

    @property
    def assoc_actor_1_names(self) -> str:
        return "; ".join(a.name for a in self.assoc_actor_1)

    @property
    def assoc_actor_2_names(self) -> str:
        return "; ".join(a.name for a in self.assoc_actor_2)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """Lower digit first (1 and 2 -> 12); a lone actor gives N0 (6 -> 60)."""
    inters = sorted(i for i in (inter1, inter2) if i)
    if not inters:
        return None
    return inters[0] * 10 + (inters[1] if len(inters) > 1 else 0)


def extract_actors(
    passage: Span,
    trigger: Token,
    *,
    event_type: str,
    sub_event_type: str,
    country: str | None,
    resolver: ActorResolver,
    event_date: date | None = None,
) -> ActorRoles:
    """Actors of the event triggered by `trigger`, resolved and arranged by ACLED event-type conventions."""
    country = resolver.dictionary.acled_country(country)
    agents, patients = _argument_heads(trigger)
    agent_actors = _resolve_all(agents, country, "actor1", resolver)
    patient_actors = _resolve_all(patients, country, "actor2", resolver)
    context = _Context(passage, trigger, country, resolver, agents, agent_actors, patient_actors, event_date)
    if event_type == "Protests":
        return _protest(context, sub_event_type)
    if event_type == "Riots":
        return _riot(context, sub_event_type)
    if event_type == "Violence against civilians":
        return _violence_against_civilians(context)
    if event_type == "Battles":
        return _battle(context)
    if event_type == "Explosions/Remote violence":
        return _remote_violence(context)
    return _strategic(context, sub_event_type)


# ---- syntax -----------------------------------------------------------------------------------------------------
def _argument_heads(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Heads of agent-like and patient-like arguments of the trigger (verb or event noun), in order of confidence."""
    agents: list[Token] = []
    patients: list[Token] = []
    trigger = _event_predicate(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        # misparsed "Hundreds of nurses protested ...": the noun is the subject of its clausal modifier
        for clause in (t for t in trigger.children if t.dep_ in ("acl", "relcl") and t.pos_ == "VERB"):
            agents.append(trigger)
            _collect_arguments(clause, agents, patients, own_subject=False)
    for predicate in [trigger, *(t for t in trigger.children if t.dep_ == "conj" and t.pos_ == "VERB")]:
        _collect_arguments(predicate, agents, patients, own_subject=predicate is trigger)
    if not agents and trigger.dep_ in ("conj", "xcomp", "advcl") and trigger.head is not trigger:
        agents.extend(t for t in trigger.head.children if t.dep_ == "nsubj")
    for noun in [p for p in patients if p.pos_ in ("NOUN", "PROPN")]:
        # "launched an attack on X", "conducted airstrikes targeting X": arguments of the event noun
        _collect_arguments(noun, [], patients, own_subject=False)
    return agents, patients


def _event_predicate(trigger: Token) -> Token:
    """Skip a reporting verb ('a monitor said', 'HPG reported that ...') to the clause it reports."""
    if trigger.lemma_ in REPORTING_VERBS:
        return next((t for t in trigger.children if t.dep_ == "ccomp"), trigger)
    return trigger


def _collect_arguments(head: Token, agents: list[Token], patients: list[Token], *, own_subject: bool) -> None:
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj") and own_subject:
            agents.append(child)
        elif child.dep_ == "agent":
            agents.extend(t for t in child.children if t.dep_ == "pobj")
        elif child.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            patients.append(child)
        elif child.dep_ == "prep" and child.lower_ in PATIENT_PREPOSITIONS | CLASH_PREPOSITIONS:
            patients.extend(t for t in child.children if t.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in CAUSE_PREPOSITIONS and head.pos_ == "VERB":
            # "killed in suspected US-led airstrikes": the cause names the perpetrator
            agents.extend(t for t in child.children if t.dep_ == "pobj" and t.pos_ == "NOUN")
        elif child.dep_ in ("xcomp", "advcl", "acl") and child.lower_ == "targeting":
            patients.extend(t for t in child.children if t.dep_ == "dobj")
        elif child.dep_ in ("poss", "compound", "amod") and head.pos_ in ("NOUN", "PROPN") and own_subject:
            agents.append(child)
        elif child.dep_ == "prep" and child.lower_ == "between":
            for pobj in (t for t in child.children if t.dep_ == "pobj"):
                agents.append(pobj)
                patients.extend(pobj.conjuncts)


def mention_text(head: Token) -> str:
    """The noun phrase of an argument head: its subtree without clauses, appositions and most prepositions."""
    tokens = []

    def walk(token: Token) -> None:
        for child in token.children:
            if child.i < token.i and child.dep_ not in CUT_DEPS:
                walk(child)
        tokens.append(token)
        for child in token.children:
            if child.i > token.i and (child.dep_ not in CUT_DEPS or (child.dep_ == "prep" and child.lower_ in KEEP_PREPS)):
                walk(child)

    walk(head)
    tokens.sort(key=lambda t: t.i)
    return " ".join(t.text for t in tokens[:MAX_MENTION_TOKENS])


def _resolve_all(heads: list[Token], country: str | None, role: str, resolver: ActorResolver) -> list[ResolvedActor]:
    actors = []
    for head in heads:
        for token in [head, *head.conjuncts]:
            actor = resolver.resolve(mention_text(token), country=country, role_hint=role)
            if actor and all(actor.name != a.name for a in actors):
                actors.append(actor)
    return actors


# ---- conventions ------------------------------------------------------------------------------------------------
@dataclass
class _Context:
    passage: Span
    trigger: Token
    country: str | None
    resolver: ActorResolver
    agent_heads: list[Token]
    agents: list[ResolvedActor]
    patients: list[ResolvedActor]
    event_date: date | None = None

    def generic(self, kind: str) -> ResolvedActor:
        return self.resolver.generic(kind, self.country)

    def passage_actors(self) -> list[ResolvedActor]:
        """Named actors and nationality forces anywhere in the passage, trigger sentence first."""
        sentences = sorted(self.passage.sents, key=lambda s: (s.start > self.trigger.i or s.end <= self.trigger.i, s.start))
        found: list[ResolvedActor] = []
        for sentence in sentences:
            for actor in [*(m.actor for m in self.resolver.find_named(sentence.text, country=self.country)),
                                *_nationality_mentions(sentence, self.resolver, self.country)]:
                if all(actor.name != a.name for a in found):
                    found.append(actor)
        return found


def _nationality_mentions(sentence: Span, resolver: ActorResolver, country: str | None) -> list[ResolvedActor]:
    actors = []
    for chunk in sentence.noun_chunks:
        actor = resolver.nationality_forces(chunk.text, country)
        if actor:
            actors.append(actor)
    return actors


def _armed(actor: ResolvedActor | None) -> bool:
    return actor is not None and actor.inter in ARMED_INTERS


def _first(actors: list[ResolvedActor], *, exclude: ResolvedActor | None = None, armed: bool = False) -> ResolvedActor | None:
    for actor in actors:
        if (exclude is None or actor.name != exclude.name) and (not armed or _armed(actor)):
            return actor
    return None


def _perpetrator(context: _Context) -> ResolvedActor:
    """The armed agent of a violent event; unnamed or civilian-looking agents become an unidentified armed group."""
    agent = _first(context.agents, armed=True) or _first(context.passage_actors(), armed=True)
    return agent or context.generic("unidentified_armed_group")


def _protest(context: _Context, sub_event_type: str) -> ActorRoles:
    protesters = context.generic("protesters")
    assoc = []
    for head in context.agent_heads:
        text = mention_text(head)
        named = [m.actor for m in context.resolver.find_named(text, country=context.country)]
        group = context.resolver.protest_group(text, context.country)
        assoc.extend(a for a in [*named, group] if a and a.kind not in STATE_KINDS)
    if sub_event_type == "Excessive force against protesters":
        return ActorRoles(actor1=_state_responder(context), actor2=protesters, assoc_actor_2=tuple(assoc))
    actor2 = _state_responder(context) if sub_event_type == "Protest with intervention" else None
    return ActorRoles(actor1=protesters, assoc_actor_1=tuple(assoc), actor2=actor2)


def _state_responder(context: _Context) -> ResolvedActor:
    """The state forces that intervened: as mentioned in the passage, else police of the country."""
    return _state_mentioned(context) or context.generic("police")


def _state_mentioned(context: _Context) -> ResolvedActor | None:
    """State forces among the event's arguments, named in the passage, or named by a generic noun (police, army)."""
    for actor in [*context.patients, *context.agents, *context.passage_actors()]:
        if actor.kind in STATE_KINDS:
            return actor
    for chunk in context.passage.noun_chunks:
        kind = context.resolver.generic_kind(chunk.root.text)
        if kind in ("military", "police"):
            return context.generic(kind)
    return None


def _riot(context: _Context, sub_event_type: str) -> ActorRoles:
    rioters = context.generic("rioters")
    target = _first([a for a in context.patients if a.kind != "rioters"])
    if sub_event_type == "Mob violence":
        return ActorRoles(actor1=rioters, actor2=target or context.generic("civilians"))
    if target is None or target.kind not in STATE_KINDS | {"civilians"}:
        target = _state_mentioned(context)
    return ActorRoles(actor1=rioters, actor2=target)


def _violence_against_civilians(context: _Context) -> ActorRoles:
    return ActorRoles(actor1=_perpetrator(context), actor2=context.generic("civilians"))


def _battle(context: _Context) -> ActorRoles:
    actor1 = _first(context.agents, armed=True)
    actor2 = _first(context.patients, exclude=actor1, armed=True) or _first(context.agents, exclude=actor1, armed=True)
    others = [a for a in context.passage_actors() if _armed(a)]
    actor1 = actor1 or _first(others, exclude=actor2)
    actor2 = actor2 or _first(others, exclude=actor1)
    if actor1 is None and actor2 is None:
        actor1, actor2 = (context.resolver.frontline_defaults(context.country, context.event_date) + [None, None])[:2]
    return ActorRoles(
        actor1=actor1 or context.generic("unidentified_armed_group"),
        actor2=actor2 or context.generic("unidentified_armed_group"),
    )


def _remote_violence(context: _Context) -> ActorRoles:
    frontline = context.resolver.frontline_defaults(context.country, context.event_date)
    if frontline and not any(_armed(a) for a in [*context.agents, *context.passage_actors()]):
        return ActorRoles(actor1=frontline[0], actor2=frontline[1] if len(frontline) > 1 else None)
    actor1 = _perpetrator(context)
    target = _first(context.patients, exclude=actor1)
    if target and target.kind == "civilians":
        return ActorRoles(actor1=actor1, actor2=context.generic("civilians"))
    return ActorRoles(actor1=actor1, actor2=target if _armed(target) else None)


def _strategic(context: _Context, sub_event_type: str) -> ActorRoles:
    if sub_event_type == "Arrests":
        arrested = _first([a for a in context.patients if _armed(a) and a.kind not in STATE_KINDS])
        return ActorRoles(actor1=_state_responder(context), actor2=arrested or context.generic("civilians"))
    if sub_event_type == "Looting/property destruction":
        return ActorRoles(actor1=_perpetrator(context), actor2=context.generic("civilians"))
    actor1 = _first(context.agents) or _first(context.passage_actors())
    actor2 = _first(context.patients, exclude=actor1)
    return ActorRoles(actor1=actor1, actor2=actor2)
