"""Blocking: the pairs of reports worth comparing (same country, event dates within the window of their
time precision or of a statement's day), found through buckets of (country, day) instead of all pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from pipeline.events.reports import Report
from pipeline.events.rules import ResolutionRules


def candidate_pairs(reports: list[Report], rules: ResolutionRules) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of reports in one country whose dates are at most `date_window(coarser precision)`
    days apart (`statement_day_reach` for a report dated by a statement whose article dates the event elsewhere),
    each once; reports without a country are compared with nothing."""
    buckets: dict[tuple[int, object], list[int]] = defaultdict(list)
    for report in reports:
        if report.row["iso"] is not None:
            buckets[(report.row["iso"], report.event_date)].append(report.index)
    reach = rules["statement_day_reach"]
    windows = [max(rules.date_window(report.row["time_precision"]),
                   reach if report.statement_dated and report.article_dates else 0) for report in reports]
    for report in reports:
        iso, window = report.row["iso"], windows[report.index]
        if iso is None:
            continue
        for offset in range(-window, window + 1):
            for other in buckets.get((iso, report.event_date + timedelta(days=offset)), ()):
                # the report with the wider window names the pair (the lower index when windows are equal)
                if windows[other] < window or (windows[other] == window and other > report.index):
                    yield min(report.index, other), max(report.index, other)
