"""Versioned, reproducible, citable releases of the conflict-event tables."""

from pipeline.release.catalog import ReleaseSummary, list_releases, show_release
from pipeline.release.diff import ReleaseDiff, diff_releases, format_diff
from pipeline.release.publish import ReleaseInfo, publish_release

__all__ = [
    "ReleaseDiff",
    "ReleaseInfo",
    "ReleaseSummary",
    "diff_releases",
    "format_diff",
    "list_releases",
    "publish_release",
    "show_release",
]
