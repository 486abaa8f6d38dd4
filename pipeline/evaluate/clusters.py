"""Score event resolution on a multi-source set: reports (JSONL) of gold incidents, some told by several outlets,
some look-alikes that must stay apart. Each article counts with the event of its main report."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import polars as pl

from pipeline.evaluate.split import Split, in_split
from pipeline.events.reports import specific_tactics, tactics
from pipeline.events.rules import ResolutionRules
from pipeline.ingest.dates import parse_published_at
from pipeline.records import Article


@dataclass(frozen=True)
class GoldReport:
    """One article of the set and the incident it tells."""

    article: Article
    incident: str
    group: str  # look-alike incidents share a group; the split is by group
    toll: int


def load_reports(path: Path, split: Split = "all") -> list[GoldReport]:
    """Gold reports of one part of the fixed split (by a hash of the group, so look-alikes stay together)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = in_split(rows, split, lambda row: row.get("group") or row["incident"])
    return [GoldReport(
        article=Article(article_id=row["article_id"], text=row["text"], title=row.get("title"),
                        source=row.get("source"), published_at=parse_published_at(row.get("published_at")),
                        language=row.get("language", "en")),
        incident=row["incident"], group=row.get("group") or row["incident"], toll=int(row["toll"]),
    ) for row in rows]


def headline_types(articles: Sequence[Article], rules: ResolutionRules) -> dict[str, list[str]]:
    """article_id → the event types whose tactics its headline names ("Missiles slam into Kharkiv": shelling)."""
    return {a.article_id: list(specific_tactics(tactics(a.title, rules), rules)) for a in articles if a.title}


def article_events(mentions: pl.DataFrame, sources: pl.DataFrame,
                   headlines: Mapping[str, list[str]] | None = None) -> dict[str, str]:
    """article_id → event_id of the article's main report: its merged mention of a type its headline names
    (`headline_types`), else its most confident, earliest first (a side event told with more confidence, "drones
    shot down elsewhere", is not the story of "Missiles slam into Kharkiv")."""
    told = pl.DataFrame([(article, kind) for article, kinds in (headlines or {}).items() for kind in kinds],
                        schema={"article_id": pl.String, "event_type": pl.String}, orient="row").unique()
    ranked = (sources.join(mentions.select("mention_id", "event_type", "confidence", "sentence_start"),
                           on="mention_id")
              .join(told.with_columns(headline=pl.lit(True)), on=["article_id", "event_type"], how="left")
              .with_columns(pl.col("headline").fill_null(False))
              .sort(["article_id", "headline", "confidence", "sentence_start", "mention_id"],
                    descending=[False, True, True, False, False]))
    return dict(ranked.group_by("article_id", maintain_order=True).first().select("article_id", "event_id")
                .iter_rows())


@dataclass
class ClusterScores:
    """Pairwise same-event scores over article pairs, and the ways merging can go wrong."""

    articles: int = 0
    incidents: int = 0
    events: int = 0
    scores: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    details: list[dict] = field(default_factory=list)


COUNTS = ("true_positive", "false_positive", "false_negative", "look_alike_pairs_merged",
          "events_spanning_incidents", "articles_without_event")


def _pair_counts(gold: list[GoldReport], predicted: dict[str, str]) -> Counter:
    counts: Counter = Counter(dict.fromkeys(COUNTS, 0))
    for first, second in combinations(gold, 2):
        same_gold = first.incident == second.incident
        ours = predicted.get(first.article.article_id)
        same_ours = ours is not None and ours == predicted.get(second.article.article_id)
        counts["true_positive" if same_gold and same_ours else "false_positive" if same_ours
               else "false_negative" if same_gold else "true_negative"] += 1
        if same_ours and not same_gold and first.group == second.group:
            counts["look_alike_pairs_merged"] += 1
    return counts


def score_clusters(gold: list[GoldReport], predicted: dict[str, str], events: pl.DataFrame) -> ClusterScores:
    """Pairwise precision/recall/F1 over article pairs; look-alike pairs merged; events spanning two incidents;
    how often a merged event's fatalities equal the lowest toll its incident's reports give."""
    counts = _pair_counts(gold, predicted)
    by_event: dict[str, list[GoldReport]] = defaultdict(list)
    for report in gold:
        if (event_id := predicted.get(report.article.article_id)) is not None:
            by_event[event_id].append(report)
    lowest = {incident: min(r.toll for r in gold if r.incident == incident) for incident in {r.incident for r in gold}}
    fatalities = dict(events.select("event_id", "fatalities").iter_rows())
    result = ClusterScores(articles=len(gold), incidents=len(lowest), events=len(by_event))
    merged_right = merged = 0
    for event_id, reports in sorted(by_event.items()):
        incidents = Counter(r.incident for r in reports)
        main_incident = incidents.most_common(1)[0][0]
        if len(reports) > 1:
            merged += 1
            merged_right += fatalities.get(event_id) == lowest[main_incident]
        counts["events_spanning_incidents"] += len(incidents) > 1
        result.details.append({"event_id": event_id, "incidents": dict(incidents),
                               "fatalities": fatalities.get(event_id), "lowest_toll": lowest[main_incident]})
    counts["articles_without_event"] = sum(r.article.article_id not in predicted for r in gold)
    tp, fp, fn = counts["true_positive"], counts["false_positive"], counts["false_negative"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    result.scores = {
        "pairwise_precision": precision, "pairwise_recall": recall,
        "pairwise_f1": statistics.harmonic_mean([precision, recall]) if precision and recall else 0.0,
        "fatalities_lowest_toll": merged_right / merged if merged else 1.0,
    }
    result.counts = {name: counts[name] for name in COUNTS}
    return result


def format_cluster_scores(result: ClusterScores) -> str:
    """Plain-text report of the clustering scores."""
    lines = [f"articles: {result.articles}  incidents: {result.incidents}  events (of main reports): {result.events}",
             "", f"{'score':<28}value"]
    lines += [f"{name:<28}{value:.3f}" for name, value in result.scores.items()]
    lines += ["", f"{'count':<28}value"]
    lines += [f"{name:<28}{result.counts[name]}" for name in COUNTS]
    return "\n".join(lines)
