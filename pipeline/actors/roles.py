"""Who did what to whom: actor1/actor2 of an event from its participants' phrases (the frame's argument heads),
arranged by ACLED's conventions for its event type (`actor_conventions` in seeds/actor_terms.yaml) and named for
the period that holds the event date."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Span, Token

from pipeline.actors.resolver import ARMED_INTERS, STATE_KIND_OF, ActorResolver
from pipeline.extract.frame import mention_text
from pipeline.records import ResolvedActor

STATE_ACTOR_KINDS = frozenset(STATE_KIND_OF.values())
_NOUN_CHUNKS = "conflict_events.noun_chunks"  # the Doc's user_data key of its noun chunks


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
    predicate: Token,
    agents: Sequence[Token],
    patients: Sequence[Token],
    *,
    event_type: str,
    sub_event_type: str,
    country: str | None,
    resolver: ActorResolver,
    event_date: date | None = None,
) -> ActorRoles:
    """Actors of the event whose predicate and participant heads the frame found, resolved and arranged by the
    ACLED convention of its sub-event type (else of its event type)."""
    country = resolver.dictionary.acled_country(country)
    agent_actors = _resolve_all(agents, country, "actor1", resolver)
    patient_actors = _resolve_all(patients, country, "actor2", resolver)
    context = _Context(passage, predicate, country, resolver, list(agents), agent_actors, patient_actors, event_date)
    conventions = resolver.dictionary.actor_conventions
    convention = conventions.get(sub_event_type) or conventions.get(event_type)
    if convention not in CONVENTIONS:
        raise ValueError(f"no actor convention for {sub_event_type!r} ({event_type}) in actor_conventions of "
                         f"actor_terms.yaml (known: {sorted(CONVENTIONS)})")
    return _dated(CONVENTIONS[convention](context), resolver, event_date)


def _dated(roles: ActorRoles, resolver: ActorResolver, day: date | None) -> ActorRoles:
    """Every actor named for the period of its entry that holds the event date."""
    def name(actor: ResolvedActor | None) -> ResolvedActor | None:
        if actor is None:
            return None
        return replace(actor, name=resolver.dictionary.name_on(actor.name, day))

    return ActorRoles(name(roles.actor1), tuple(map(name, roles.assoc_actor_1)), name(roles.actor2),
                      tuple(map(name, roles.assoc_actor_2)))


def _resolve_all(heads: Sequence[Token], country: str | None, role: str,
                 resolver: ActorResolver) -> list[ResolvedActor]:
    actors = []
    for head in heads:
        for token in [head, *head.conjuncts]:
            text = mention_text(token, resolver.parameters.max_mention_tokens)
            actor = resolver.resolve(text, country=country, role_hint=role)
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
    _passage_actors: list[ResolvedActor] | None = None

    def generic(self, kind: str) -> ResolvedActor:
        return self.resolver.generic(kind, self.country)

    def passage_actors(self) -> list[ResolvedActor]:
        """Named actors and nationality forces anywhere in the passage, trigger sentence first (looked up once per
        candidate: several conventions ask)."""
        if self._passage_actors is None:
            self._passage_actors = self._find_passage_actors()
        return self._passage_actors

    def _find_passage_actors(self) -> list[ResolvedActor]:
        def elsewhere(sentence: Span) -> bool:
            return sentence.start > self.trigger.i or sentence.end <= self.trigger.i

        sentences = sorted(self.passage.sents, key=lambda s: (elsewhere(s), s.start))
        found: list[ResolvedActor] = []
        for sentence in sentences:
            for actor in [*(m.actor for m in self.resolver.find_named(sentence.text, country=self.country)),
                                *_nationality_mentions(sentence, self.resolver, self.country)]:
                if all(actor.name != a.name for a in found):
                    found.append(actor)
        return found


def noun_chunks_in(span: Span) -> list[Span]:
    """``span.noun_chunks``, from the Doc's noun chunks found once per Doc (spaCy's Span.noun_chunks walks every
    chunk of the whole Doc on each call); kept in the Doc's user_data as token ranges."""
    doc = span.doc
    chunks = doc.user_data.get(_NOUN_CHUNKS)
    if chunks is None:
        chunks = doc.user_data[_NOUN_CHUNKS] = [(c.start, c.end, c.label) for c in doc.noun_chunks]
    found = []
    for start, end, label in chunks[bisect.bisect_left(chunks, (span.start,)):]:
        if start >= span.end:
            break
        if end <= span.end:
            found.append(Span(doc, start, end, label=label))
    return found


def _nationality_mentions(sentence: Span, resolver: ActorResolver, country: str | None) -> list[ResolvedActor]:
    actors = []
    for chunk in noun_chunks_in(sentence):
        actor = resolver.nationality_forces(chunk.text, country)
        if actor:
            actors.append(actor)
    return actors


def _armed(actor: ResolvedActor | None) -> bool:
    return actor is not None and actor.inter in ARMED_INTERS


def _first(actors: list[ResolvedActor], *, exclude: ResolvedActor | None = None,
           armed: bool = False) -> ResolvedActor | None:
    for actor in actors:
        if (exclude is None or actor.name != exclude.name) and (not armed or _armed(actor)):
            return actor
    return None


def _perpetrator(context: _Context) -> ResolvedActor:
    """The armed agent of a violent event; unnamed or civilian-looking agents become an unidentified armed group."""
    agent = _first(context.agents, armed=True) or _first(context.passage_actors(), armed=True)
    return agent or context.generic("unidentified_armed_group")


def _protest_groups(context: _Context) -> tuple[ResolvedActor, ...]:
    """The named or generic groups (not state forces) among the agents of a protest."""
    assoc = []
    for head in context.agent_heads:
        text = mention_text(head, context.resolver.parameters.max_mention_tokens)
        named = [m.actor for m in context.resolver.find_named(text, country=context.country)]
        group = context.resolver.protest_group(text, context.country)
        assoc.extend(a for a in [*named, group] if a and a.kind not in STATE_ACTOR_KINDS)
    return tuple(assoc)


def _protesters(context: _Context) -> ActorRoles:
    """Protesters as actor1, with the groups they belong to."""
    return ActorRoles(actor1=context.generic("protesters"), assoc_actor_1=_protest_groups(context))


def _protesters_and_state(context: _Context) -> ActorRoles:
    """Protesters, and the state forces that intervened as actor2."""
    return ActorRoles(actor1=context.generic("protesters"), assoc_actor_1=_protest_groups(context),
                      actor2=_state_responder(context))


def _state_on_protesters(context: _Context) -> ActorRoles:
    """The state forces as actor1, protesters (and their groups) as actor2."""
    return ActorRoles(actor1=_state_responder(context), actor2=context.generic("protesters"),
                      assoc_actor_2=_protest_groups(context))


def _state_responder(context: _Context) -> ResolvedActor:
    """The state forces that intervened: as mentioned in the passage, else police of the country."""
    return _state_mentioned(context) or context.generic("police")


def _state_mentioned(context: _Context) -> ResolvedActor | None:
    """State forces among the event's arguments, named in the passage, or named by a generic noun (police, army)."""
    for actor in [*context.patients, *context.agents, *context.passage_actors()]:
        if actor.kind in STATE_ACTOR_KINDS:
            return actor
    for chunk in noun_chunks_in(context.passage):
        kind = context.resolver.generic_kind(chunk.root.text)
        if kind in ("military", "police"):
            return context.generic(kind)
    return None


def _riot_target(context: _Context) -> ResolvedActor | None:
    return _first([a for a in context.patients if a.kind != "rioters"])


def _mob(context: _Context) -> ActorRoles:
    """Rioters on their victims (civilians unless named)."""
    return ActorRoles(actor1=context.generic("rioters"), actor2=_riot_target(context) or context.generic("civilians"))


def _riot(context: _Context) -> ActorRoles:
    """Rioters, against the state forces or civilians they clashed with."""
    rioters, target = context.generic("rioters"), _riot_target(context)
    if target is None or target.kind not in STATE_ACTOR_KINDS | {"civilians"}:
        target = _state_mentioned(context)
    return ActorRoles(actor1=rioters, actor2=target)


def _violence_against_civilians(context: _Context) -> ActorRoles:
    """An armed perpetrator (unidentified unless named) on civilians."""
    return ActorRoles(actor1=_perpetrator(context), actor2=context.generic("civilians"))


def _battle(context: _Context) -> ActorRoles:
    actor1 = _first(context.agents, armed=True)
    actor2 = _first(context.patients, exclude=actor1, armed=True) or _first(context.agents, exclude=actor1, armed=True)
    others = [a for a in context.passage_actors() if _armed(a)]
    actor1 = actor1 or _first(others, exclude=actor2)
    actor2 = actor2 or _first(others, exclude=actor1)
    if actor1 is None and actor2 is None:
        actor1, actor2 = [*context.resolver.frontline_defaults(context.country, context.event_date), None, None][:2]
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


def _arrests(context: _Context) -> ActorRoles:
    """The state forces on whom they arrested (civilians unless armed people are named)."""
    arrested = _first([a for a in context.patients if _armed(a) and a.kind not in STATE_ACTOR_KINDS])
    return ActorRoles(actor1=_state_responder(context), actor2=arrested or context.generic("civilians"))


def _named_parties(context: _Context) -> ActorRoles:
    """The agent (or an actor the passage names) and the patient, as the text gives them."""
    actor1 = _first(context.agents) or _first(context.passage_actors())
    actor2 = _first(context.patients, exclude=actor1)
    return ActorRoles(actor1=actor1, actor2=actor2)


CONVENTIONS: dict[str, Callable[[_Context], ActorRoles]] = {
    "protesters": _protesters, "protesters_and_state": _protesters_and_state,
    "state_on_protesters": _state_on_protesters, "riot": _riot, "mob": _mob,
    "armed_on_civilians": _violence_against_civilians, "battle": _battle, "remote_violence": _remote_violence,
    "arrests": _arrests, "named_parties": _named_parties,
}
