"""Stage *normalize*: each slot of a framed candidate resolved once — its date (its own expression, else the story's
date), its place (PlaceResolver, within the article's geography), its actors (ACLED names and inter codes by the
conventions of its event type, named for the period that holds the event date) and its deaths (the frame's count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from pipeline.actors import ActorResolver, ActorRoles, extract_actors
from pipeline.extract.code import Coding
from pipeline.extract.frame import Frame
from pipeline.normalize.dates import nearest_date, undated
from pipeline.places import PlaceResolver
from pipeline.records import ResolvedDate, ResolvedPlace


@dataclass(frozen=True)
class Normalized:
    """The resolved slots of one candidate."""

    date: ResolvedDate
    place: ResolvedPlace
    roles: ActorRoles


def normalize_date(frame: Frame, story_date: ResolvedDate | None, text: str, dates: Sequence[ResolvedDate],
                   sentence_starts: Sequence[int], published: date | None) -> ResolvedDate:
    """The candidate's own date; else the story's date (that of the article's first dated mention), else the date
    nearest before the passage; else the publication day (`undated`)."""
    if frame.date is not None:
        return frame.date
    earlier = [d for d in dates if d.end <= frame.start_char]
    before = nearest_date(text, earlier, frame.start_char - 1, sentence_starts) if frame.start_char else None
    return story_date or before or undated(published)


def _actors_country(roles: ActorRoles, place_country: str | None) -> str | None:
    """The one country, other than the place's own, that the event's named or national actors belong to."""
    countries = {actor.country for actor in (roles.actor1, roles.actor2)
                 if actor is not None and actor.country and actor.country != place_country}
    return countries.pop() if len(countries) == 1 else None


def normalize_slots(doc: Doc, frame: Frame, coding: Coding, event_date: ResolvedDate, places: PlaceResolver,
                    geo_context: object, actors: ActorResolver) -> Normalized:
    """Place and actors of a candidate whose date is already normalized (`geo_context`: what
    PlaceResolver.article_context found). When the place has no location and the actors belong to one other
    country, the event is placed in that country."""
    trigger = doc[frame.trigger_start]
    passage = doc[frame.passage_start:frame.passage_end]

    def roles_in(country: str | None) -> ActorRoles:
        return extract_actors(passage, doc[frame.predicate], [doc[i] for i in frame.agents],
                              [doc[i] for i in frame.patients], event_type=coding.event_type,
                              sub_event_type=coding.sub_event_type, country=country, resolver=actors,
                              event_date=event_date.event_date)

    place = places.locate(doc, trigger.sent, trigger, geo_context)
    roles = roles_in(place.country)
    if place.location is None and (actor_country := _actors_country(roles, place.country)):
        place = places.country_only(actor_country) or place
        roles = roles_in(place.country)
    return Normalized(event_date, place, roles)
