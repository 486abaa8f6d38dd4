"""Offline gazetteer and event-location resolution.

The names below load on first use (PEP 562), so `pipeline.places.names` can be imported without spaCy.
"""

from importlib import import_module

_EXPORTS = {"Candidate": "gazetteer", "Gazetteer": "gazetteer", "ArticleGeoContext": "resolver",
            "Mention": "resolver", "PlaceResolver": "resolver"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
