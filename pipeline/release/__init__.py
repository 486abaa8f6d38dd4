"""Versioned, reproducible, citable releases of the conflict-event tables.

The names below load on first use (PEP 562), so `release list` never imports the report's plotting stack.
"""

from pipeline.lazy_exports import lazy_getattr

_EXPORTS = {"ReleaseSummary": "catalog", "list_releases": "catalog", "show_release": "catalog",
            "ReleaseDiff": "diff", "diff_releases": "diff", "format_diff": "diff",
            "ReleaseInfo": "publish", "publish_release": "publish"}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
