"""Event resolution at scale: `merge_mentions` over N generated reports (no spaCy), timed, with peak memory.

Reports fall on the towns of bench/corpus.py over a year, several per town and day, so blocking, pair decisions
and clustering all have real work; the output says how many candidate pairs and events that made.

    uv run --frozen python -m bench.resolution_benchmark --reports 100000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import UTC, date, datetime, timedelta

import polars as pl

from bench.corpus import PLACES
from pipeline.events.blocking import candidate_pairs
from pipeline.events.merge import merge_mentions
from pipeline.events.reports import build_reports, event_reports
from pipeline.events.rules import ResolutionRules
from pipeline.extract.mentions import MENTION_SCHEMA
from pipeline.settings import PROJECT_ROOT

KINDS = [("Violence against civilians", "Attack", "killed"), ("Battles", "Armed clash", "clashed"),
         ("Explosions/Remote violence", "Air/drone strike", "air strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", "roadside bomb")]


def generated_reports(count: int, seed: int = 11) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, articles) of `count` one-report articles."""
    rng = random.Random(seed)
    rows, published = [], []
    for index in range(count):
        place, admin1, country = rng.choice(PLACES)
        event_type, sub_type, trigger = rng.choice(KINDS)
        day = date(2020, 1, 1) + timedelta(days=rng.randint(0, 365))
        deaths = rng.randint(0, 30)
        rows.append(dict.fromkeys(MENTION_SCHEMA) | {
            "article_id": f"r{index}", "mention_id": f"m{index}", "sentence_start": 0, "sentence_end": 80,
            "evidence": f"Gunmen {trigger} in {place}, {admin1}, killing {deaths} people.", "trigger": trigger,
            "is_event": True, "is_background": False, "is_negated": False, "is_hypothetical": False, "confidence": 0.9,
            "type_confidence": 0.9, "place_confidence": 0.9,
            "event_type": event_type, "sub_event_type": sub_type, "actor1": f"Unidentified Armed Group ({country})",
            "country": country, "iso": PLACES.index((place, admin1, country)), "admin1": admin1, "location": place,
            "latitude": 10.0 + PLACES.index((place, admin1, country)) + rng.uniform(-0.02, 0.02),
            "longitude": 20.0 + rng.uniform(-0.02, 0.02), "geo_precision": rng.choice((1, 1, 1, 2)),
            "event_date": day, "time_precision": rng.choice((1,) * 9 + (2,)), "fatalities": deaths,
            "fatalities_low": deaths, "fatalities_best": deaths, "fatalities_high": deaths,
            "fatalities_expression": f"killing {deaths} people" if deaths else None,
        })
        published.append(datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=rng.randint(0, 2)))
    mentions = pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")
    return mentions, pl.DataFrame({"article_id": mentions["article_id"], "published_at": published})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20000)
    args = parser.parse_args()
    mentions, articles = generated_reports(args.reports)
    rules = ResolutionRules.load(PROJECT_ROOT / "seeds")
    pairs = sum(1 for _ in candidate_pairs(build_reports(event_reports(mentions, articles, 0.35), rules), rules))
    started, cpu = time.perf_counter(), time.process_time()
    events, sources = merge_mentions(mentions, articles, min_confidence=0.35, rules=rules)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.reports} reports, {pairs} candidate pairs -> {events.height} events ({sources.height} sources) in "
          f"{elapsed:.1f} s wall, {cpu:.1f} s CPU ({args.reports / cpu:.0f} reports/CPU-s), peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
