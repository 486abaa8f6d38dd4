"""Offline gazetteer and event-location resolution."""

from pipeline.places.gazetteer import Candidate, Gazetteer
from pipeline.places.resolver import ArticleGeoContext, Mention, PlaceResolver

__all__ = ["ArticleGeoContext", "Candidate", "Gazetteer", "Mention", "PlaceResolver"]
