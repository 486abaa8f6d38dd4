"""Merged fields: an event's date, place and type by the agreement of its reports, its actors from the report that
names them best, and fatalities as ACLED counts them (the lowest toll any report gives), with low/best/high."""

from __future__ import annotations

import statistics
from collections import defaultdict

from pipeline.events.clustering import Cluster
from pipeline.events.pairs import compare
from pipeline.events.reports import Report
from pipeline.events.rules import ResolutionRules

PLACE_FIELDS = ("country", "iso", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                "civilian_targeting")


def _leads(reports: list[Report]) -> list[Report]:
    """Each article's first report of the event (its lead on it), in reporting order."""
    first: dict[str, Report] = {}
    for report in sorted(reports, key=lambda r: (r.index, r.row["sentence_start"])):
        current = first.get(report.row["article_id"])
        if current is None or report.row["sentence_start"] < current.row["sentence_start"]:
            first[report.row["article_id"]] = report
    return sorted(first.values(), key=lambda r: r.index)


def _by_votes(reports: list[Report], key, tie_break) -> Report:
    """The report whose `key` most articles give; ties go to the smallest `tie_break`."""
    voters: dict[object, set[str]] = defaultdict(set)
    for report in reports:
        voters[key(report)].add(report.row["article_id"])
    return min(reports, key=lambda r: (-len(voters[key(r)]), tie_break(r)))


def event_date(reports: list[Report]) -> Report:
    """The date most articles give among the most precise dates (ties: the earliest)."""
    precise = min(r.row["time_precision"] or 3 for r in reports)
    candidates = [r for r in _leads(reports) if (r.row["time_precision"] or 3) == precise] or reports
    return _by_votes(candidates, lambda r: r.event_date, lambda r: (r.event_date, r.index))


def event_place(reports: list[Report]) -> Report:
    """The most precise place; among several, the one most articles name (ties: the most confident)."""
    precise = min(r.row["geo_precision"] or 4 for r in reports)
    candidates = [r for r in reports if (r.row["geo_precision"] or 4) == precise]
    return _by_votes(candidates, lambda r: r.row["place_id"] or (r.admin1_key, r.location_key),
                     lambda r: (-(r.row["confidence"] or 0), r.index))


def event_type(reports: list[Report], rules: ResolutionRules) -> tuple[str, str, Report]:
    """The event type most articles give (ties: ACLED precedence); the sub-event type likewise among its reports,
    and the report of that sub-type naming the most actors (then the most confident) for the actor fields."""
    types, subs = rules.lexicon.event_type_rank, rules.lexicon.sub_event_rank
    leads = _leads(reports)
    chosen = _by_votes(leads, lambda r: r.row["event_type"],
                       lambda r: (types.get(r.row["event_type"], len(types)), r.index))
    of_type = [r for r in reports if r.row["event_type"] == chosen.row["event_type"]]
    sub = _by_votes(of_type, lambda r: r.row["sub_event_type"],
                    lambda r: (subs.get(r.row["sub_event_type"], len(subs)), r.index))
    of_sub = [r for r in of_type if r.row["sub_event_type"] == sub.row["sub_event_type"]]
    actors = max(of_sub, key=lambda r: (r.row["actor1"] is not None, r.row["actor2"] is not None,
                                        r.row["confidence"] or 0, -r.index))
    return chosen.row["event_type"], sub.row["sub_event_type"], actors


def article_tolls(reports: list[Report]) -> list[Report]:
    """Each article's toll of the event: its first report of it that gives a number of deaths."""
    with_toll = [r for r in reports if r.row["fatalities_expression"] is not None]
    return _leads(with_toll)


def event_fatalities(reports: list[Report], rules: ResolutionRules) -> dict[str, int]:
    """ACLED's conservative count: the lowest toll of the event any article gives, leaving out later figures far
    below the others (a detail such as 'a wounded man died', not the toll) and secondary tolls ('two attackers
    were also killed') when another article gives a toll; low/best/high across articles."""
    tolls = article_tolls(reports)
    primary = [r for r in tolls if not r.secondary_toll]
    tolls = primary or tolls  # "two attackers were also killed" adds to a toll some other report gives
    if len(tolls) > 1:
        median = statistics.median(r.row["fatalities"] for r in tolls)
        first = tolls[0].published_at
        tolls = [r for r in tolls if r.row["fatalities"] >= rules["fatalities"]["detail_ratio"] * median
                 or r.published_at is None or first is None or r.published_at <= first]
    if not tolls:
        return {"fatalities": 0, "fatalities_low": 0, "fatalities_best": 0, "fatalities_high": 0}
    return {
        "fatalities": min(r.row["fatalities"] for r in tolls),
        "fatalities_low": min(r.row["fatalities_low"] for r in tolls),
        "fatalities_best": int(statistics.median(r.row["fatalities_best"] for r in tolls)),
        "fatalities_high": max(r.row["fatalities_high"] for r in tolls),
    }


def _summary(row: dict) -> str:
    place = ", ".join(p for p in (row["location"], row["admin1"], row["country"]) if p) or "an unresolved place"
    against = f" against {row['actor2']}" if row["actor2"] else ""
    who = row["actor1"] or "Unidentified actors"
    return (f"On {row['event_date']:%d %B %Y}, {who}: {row['sub_event_type'].lower()}{against} in {place}. "
            f"{row['fatalities']} fatalities. {row['n_sources']} source(s).")


def merged_event(cluster: Cluster, reports: list[Report], rules: ResolutionRules) -> dict:
    """One event row (without its id) from the reports of a cluster."""
    members = [reports[i] for i in cluster.members]
    dated, placed = event_date(members), event_place(members)
    chosen_type, sub_event_type, named = event_type(members, rules)
    published = [r.published_at for r in members if r.published_at is not None]
    confidence = 1.0
    for report in members:
        confidence *= 1 - (report.row["confidence"] or 0)
    row = {
        "event_date": dated.event_date, "year": dated.event_date.year, "time_precision": dated.row["time_precision"],
        "event_type": chosen_type, "sub_event_type": sub_event_type,
        **{name: named.row[name] for name in ACTOR_FIELDS}, **{name: placed.row[name] for name in PLACE_FIELDS},
        **event_fatalities(members, rules),
        "n_sources": len({r.row["article_id"] for r in members}),
        "first_reported": min(published, default=None), "last_reported": max(published, default=None),
        "confidence": round(1 - confidence, 3),
    }
    return {**row, "notes": _summary(row)}


def source_rows(event_id: str, cluster: Cluster, reports: list[Report], rules: ResolutionRules) -> list[dict]:
    """Every report of the event with its evidence, and the report it was joined to with the reading of that pair
    (none for the first report)."""
    rows = []
    for index in cluster.members:
        report = reports[index]
        matched = cluster.links.get(index)
        reading = None if matched is None else compare(*sorted((reports[matched], report), key=lambda r: r.index),
                                                       rules)
        rows.append({
            "event_id": event_id, "article_id": report.row["article_id"], "mention_id": report.row["mention_id"],
            "evidence": report.row["evidence"], "sentence_start": report.row["sentence_start"],
            "sentence_end": report.row["sentence_end"],
            "matched_mention_id": None if matched is None else reports[matched].row["mention_id"],
            "match_score": None if reading is None else reading.score,
            "match_reason": None if reading is None else reading.explain(),
        })
    return rows
