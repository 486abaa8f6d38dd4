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
    each once; a report whose place is unresolved (no province: its country, if any, is a guess) is also paired
    with the reports of other countries within its window (`compare_places` joins them only when its sentence
    names the other's place), and so is a report read from a toponym another country's report was read from."""
    buckets: dict[tuple[int | None, object], list[int]] = defaultdict(list)
    days: dict[object, list[int]] = defaultdict(list)
    toponyms: dict[tuple[str, object], list[int]] = defaultdict(list)
    for report in reports:
        buckets[(report.row["iso"], report.event_date)].append(report.index)
        days[report.event_date].append(report.index)
        if report.toponym_skeleton:
            toponyms[(report.toponym_skeleton, report.event_date)].append(report.index)
    reach = rules["statement_day_reach"]
    windows = [max(rules.date_window(report.row["time_precision"]),
                   reach if report.statement_dated and report.article_dates else 0) for report in reports]
    across: set[tuple[int, int]] = set()
    for report in reports:
        iso, window = report.row["iso"], windows[report.index]
        for offset in range(-window, window + 1):
            day = report.event_date + timedelta(days=offset)
            for other in buckets.get((iso, day), ()) if iso is not None else ():
                # the report with the wider window names the pair (the lower index when windows are equal)
                if windows[other] < window or (windows[other] == window and other > report.index):
                    yield min(report.index, other), max(report.index, other)
            if report.place_level != "country":
                namesakes = toponyms.get((report.toponym_skeleton, day), ()) if report.toponym_skeleton else ()
                for other in namesakes:  # one toponym placed in two countries by the gazetteer
                    pair = min(report.index, other), max(report.index, other)
                    if reports[other].row["iso"] != iso and pair not in across:
                        across.add(pair)
                        yield pair
                continue
            for other in days.get(day, ()):
                pair = min(report.index, other), max(report.index, other)
                if (iso is None or reports[other].row["iso"] != iso) and other != report.index and pair not in across:
                    across.add(pair)
                    yield pair
