"""Offline gazetteer and event-location resolution.

The names below load on first use (PEP 562), so `pipeline.places.names` can be imported without spaCy.
"""

from pipeline.lazy_exports import lazy_getattr

_EXPORTS = {"Candidate": "gazetteer", "Gazetteer": "gazetteer", "ArticleGeoContext": "resolver",
            "Mention": "resolver", "PlaceResolver": "resolver"}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
