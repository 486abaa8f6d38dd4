"""Clustering: reports joined into events through their strongest same-event links, never joining two groups
that hold a pair of reports shown to be two events (different day, place or type) or never compared."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Cluster:
    """The reports of one event (indices, earliest first) and, for each but the first, the report it was
    joined to."""

    members: list[int]
    links: dict[int, int] = field(default_factory=dict)

    @property
    def anchor(self) -> int:
        return self.members[0]


def _linked_from_anchor(members: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Each member's link on the path from the anchor (breadth first over the accepted links)."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for first, second in edges:
        neighbours[first].append(second)
        neighbours[second].append(first)
    links, queue, seen = {}, deque([members[0]]), {members[0]}
    while queue:
        current = queue.popleft()
        for other in sorted(neighbours[current]):
            if other not in seen:
                seen.add(other)
                links[other] = current
                queue.append(other)
    return links


def cluster_reports(count: int, links: list[tuple[float, int, int]],
                    compatible: Callable[[int, int], bool]) -> list[Cluster]:
    """Clusters of reports 0..count-1 (in the order of their index, which is the order of reporting).

    `links` are the (score, i, j) pairs that passed the decision, taken strongest first; two clusters join only if
    `compatible` holds for every pair across them (compared, nothing vetoed), so a chain of look-alikes never
    bridges two events.
    """
    root = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    edges: dict[int, list[tuple[int, int]]] = {i: [] for i in range(count)}

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for _, first, second in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        a, b = find(first), find(second)
        if a == b or not all(compatible(x, y) for x in members[a] for y in members[b]):
            continue
        keep, gone = min(a, b), max(a, b)
        root[gone] = keep
        members[keep] += members.pop(gone)
        edges[keep] += [*edges.pop(gone), (first, second)]
    clusters = []
    for key in sorted(members):
        ordered = sorted(members[key])
        clusters.append(Cluster(members=ordered, links=_linked_from_anchor(ordered, edges[key])))
    return clusters
