"""Versioned, reproducible, citable releases of the conflict-event tables.

The names below load on first use (PEP 562), so `release list` never imports the report's plotting stack.
"""

from importlib import import_module

_EXPORTS = {"ReleaseSummary": "catalog", "list_releases": "catalog", "show_release": "catalog",
            "ReleaseDiff": "diff", "diff_releases": "diff", "format_diff": "diff",
            "ReleaseInfo": "publish", "publish_release": "publish"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
