"""Stage 4, event resolution: reports of one event across articles merged into one event with stable ids.

reports (reports.py) → candidate pairs by country and date window (blocking.py) → pair decisions (pairs.py) →
clusters that never join two events (clustering.py) → merged fields (fields.py) → ids (ids.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from pipeline.events.blocking import candidate_pairs
from pipeline.events.clustering import cluster_reports
from pipeline.events.fields import merged_event, source_rows
from pipeline.events.ids import assign_event_ids
from pipeline.events.pairs import compare
from pipeline.events.reports import build_reports, event_reports
from pipeline.events.rules import LEXICON_FILE, RULES_FILE, ResolutionRules, fatality_term_files
from pipeline.project_files import project_folder
from pipeline.tables import EVENT_SOURCES, EVENTS
from pipeline.tables.declarations import MERGED_EVENT_COLUMNS

INDEX_SCHEMA: dict[str, pl.DataType] = {"mention_id": pl.String, "event_id": pl.String}


def merge_mentions(
    mentions: pl.DataFrame, articles: pl.DataFrame, *, min_confidence: float,
    rules: ResolutionRules | None = None, previous_ids: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(events, event_sources): one row per event (MERGED_EVENT_COLUMNS: acled_columns adds ACLED's coding) with
    all its reports, each source with the link that joined it; an event keeps its id from `previous_ids`
    (mention_id → event_id of the last run) when it has one. Only the decisions are kept while clustering; the
    readings of the links that joined are read again to explain them."""
    rules = rules or ResolutionRules.load(project_folder("seeds"))
    reports = build_reports(event_reports(mentions, articles, min_confidence), rules)
    count = len(reports)
    compatible_pairs: set[int] = set()  # i * count + j of compared pairs without a veto
    links = []
    for i, j in candidate_pairs(reports, rules):
        reading = compare(reports[i], reports[j], rules)
        if reading.veto is None:
            compatible_pairs.add(i * count + j)
            if reading.same_event:
                links.append((reading.score, i, j))
    clusters = cluster_reports(count, links, lambda x, y: min(x, y) * count + max(x, y) in compatible_pairs)
    ids = assign_event_ids(clusters, reports, previous_ids)
    events = [{"event_id": event_id, **merged_event(cluster, reports, rules)} for event_id, cluster in zip(
        ids, clusters, strict=True)]
    sources = [row for event_id, cluster in zip(ids, clusters, strict=True)
               for row in source_rows(event_id, cluster, reports, rules)]
    return (EVENTS.frame(events).select(MERGED_EVENT_COLUMNS).sort("event_date", "event_id"),
            EVENT_SOURCES.frame(sources).sort("event_id", "article_id", "mention_id"))


def event_index(sources: pl.DataFrame) -> pl.DataFrame:
    """The compact index a later run keeps ids by: mention_id → event_id."""
    return sources.select(list(INDEX_SCHEMA)).sort("mention_id")


def read_event_index(path: Path) -> dict[str, str]:
    """The previous run's mention_id → event_id (empty before the first run)."""
    if not Path(path).exists():
        return {}
    return dict(pl.read_parquet(path).select(list(INDEX_SCHEMA)).iter_rows())


def resolution_key(mention_files: Sequence[Path], published: pl.DataFrame, seeds: Path, index: Path,
                   min_confidence: float) -> str:
    """What resolution's output depends on: the mentions, publication times, rules, this package's code and the
    previous ids. Equal keys give equal events, so a run with nothing new need not resolve again."""
    digest = hashlib.sha256(f"{min_confidence}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    rules = (Path(seeds) / RULES_FILE, Path(seeds) / LEXICON_FILE, *fatality_term_files(seeds))
    for path in (*mention_files, *rules, index, *code):
        digest.update(path.read_bytes() if path.exists() else b"-")
    digest.update(published.sort("article_id").hash_rows(seed=0).to_numpy().tobytes())
    return digest.hexdigest()
