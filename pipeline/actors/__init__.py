"""Actors: ACLED-style actor dictionary, mention resolution and who-did-what-to-whom role extraction."""

from pipeline.actors.dictionary import ActorDictionary, ActorEntry, normalize, strip_year_span
from pipeline.actors.resolver import ActorResolver
from pipeline.actors.roles import ActorRoles, extract_actors, interaction_code

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorResolver",
    "ActorRoles",
    "extract_actors",
    "interaction_code",
    "normalize",
    "strip_year_span",
]
