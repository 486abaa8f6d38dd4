"""Blocking: the pairs of reports worth comparing (same country, event dates within the window of their
time precision), found through buckets of (country, day) instead of all pairs."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from pipeline.events.reports import Report
from pipeline.events.rules import ResolutionRules


def candidate_pairs(reports: list[Report], rules: ResolutionRules) -> list[tuple[int, int]]:
    """Index pairs (i < j) of reports in one country whose dates are at most `date_window(coarser precision)`
    days apart; reports without a country are compared with nothing."""
    buckets: dict[tuple[int, object], list[int]] = defaultdict(list)
    for report in reports:
        if report.row["iso"] is not None:
            buckets[(report.row["iso"], report.event_date)].append(report.index)
    pairs: set[tuple[int, int]] = set()
    for report in reports:
        iso = report.row["iso"]
        if iso is None:
            continue
        window = rules.date_window(report.row["time_precision"])
        for offset in range(-window, window + 1):
            for other in buckets.get((iso, report.event_date + timedelta(days=offset)), ()):
                if other != report.index:
                    pairs.add((min(report.index, other), max(report.index, other)))
    return sorted(pairs)
