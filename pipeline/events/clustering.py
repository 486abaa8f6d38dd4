"""Clustering: reports joined into events through their strongest same-event links, never joining two groups
that hold a pair of reports shown to be two events (different day, place or type) or never compared."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from pipeline.events.pairs import PairReading


@dataclass
class Cluster:
    """The reports of one event (indices, earliest first) and, for each but the first, the link that joined it."""

    members: list[int]
    links: dict[int, tuple[int, PairReading]] = field(default_factory=dict)

    @property
    def anchor(self) -> int:
        return self.members[0]


def _linked_from_anchor(members: list[int], edges: list[tuple[int, int, PairReading]]) -> dict:
    """Each member's link on the path from the anchor (breadth first over the accepted links)."""
    neighbours: dict[int, list[tuple[int, PairReading]]] = defaultdict(list)
    for first, second, reading in edges:
        neighbours[first].append((second, reading))
        neighbours[second].append((first, reading))
    links, queue, seen = {}, deque([members[0]]), {members[0]}
    while queue:
        current = queue.popleft()
        for other, reading in sorted(neighbours[current], key=lambda item: item[0]):
            if other not in seen:
                seen.add(other)
                links[other] = (current, reading)
                queue.append(other)
    return links


def cluster_reports(count: int, readings: dict[tuple[int, int], PairReading]) -> list[Cluster]:
    """Clusters of reports 0..count-1 (in the order of their index, which is the order of reporting).

    Links that pass the decision are taken strongest first; two clusters join only if every pair across them was
    compared and none was vetoed, so a chain of look-alikes never bridges two events.
    """
    root = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    edges: dict[int, list[tuple[int, int, PairReading]]] = {i: [] for i in range(count)}

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    def compatible(x: int, y: int) -> bool:
        reading = readings.get((min(x, y), max(x, y)))
        return reading is not None and reading.veto is None

    accepted = sorted(((pair, r) for pair, r in readings.items() if r.same_event), key=lambda item: (-item[1].score,
                                                                                                   item[0]))
    for (first, second), reading in accepted:
        a, b = find(first), find(second)
        if a == b or not all(compatible(x, y) for x in members[a] for y in members[b]):
            continue
        keep, gone = min(a, b), max(a, b)
        root[gone] = keep
        members[keep] += members.pop(gone)
        edges[keep] += [*edges.pop(gone), (first, second, reading)]
    clusters = []
    for key in sorted(members):
        ordered = sorted(members[key])
        clusters.append(Cluster(members=ordered, links=_linked_from_anchor(ordered, edges[key])))
    return clusters
