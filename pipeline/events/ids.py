"""Stable event ids: an event keeps the id it had in the previous run (the index of mention → event written
then), so a new report of a released event joins it; a new event takes an id from its first report's key."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping

from pipeline.events.clustering import Cluster
from pipeline.events.reports import Report


def anchor_id(report: Report, attempt: int = 0) -> str:
    """The id an event first reported by `report` gets: a hash of that report's mention id (its article and
    trigger offset), so it does not change when later reports join."""
    key = report.row["mention_id"] if attempt == 0 else f"{report.row['mention_id']}|{attempt}"
    return "ev_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def assign_event_ids(clusters: list[Cluster], reports: list[Report],
                     previous: Mapping[str, str] | None = None) -> list[str]:
    """One id per cluster: first, the previous id most of its reports had (each id given once, clusters in
    reporting order); then, for clusters without one, the anchor's id."""
    previous = previous or {}
    ids: list[str | None] = []
    taken: set[str | None] = set()
    for cluster in clusters:
        earlier = Counter(previous[m] for i in cluster.members if (m := reports[i].row["mention_id"]) in previous)
        ranked = sorted(earlier.items(), key=lambda item: (-item[1], item[0]))
        ids.append(next((event_id for event_id, _ in ranked if event_id not in taken), None))
        taken.add(ids[-1])
    for position, cluster in enumerate(clusters):
        attempt = 0
        while ids[position] is None:
            candidate = anchor_id(reports[cluster.anchor], attempt)
            if candidate not in taken:
                ids[position] = candidate
                taken.add(candidate)
            attempt += 1
    return ids
