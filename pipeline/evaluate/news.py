"""Score a real news feed against a document label: does a story yield an event of a family (protest = any
Protests or Riots event) exactly when annotators found one?

A story yields an event when one of its mentions becomes an event by the pipeline's own rule
(`pipeline.events.reports.reportable_mentions`: not background, negated or hypothetical, dated, confident enough).
The stories carry no date, so each is given one fixed publication date.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from pipeline.evaluate.split import Split, in_split, split_of
from pipeline.events.reports import reportable_mentions
from pipeline.records import Article

FAMILIES: dict[str, tuple[str, ...]] = {"protest": ("Protests", "Riots")}


@dataclass(frozen=True)
class LabelledStory:
    """One news story and whether annotators found an event of the family in it."""

    article: Article
    label: bool


def load_news(path: Path, label: str, published: date, split: Split = "all",
              limit: int | None = None) -> list[LabelledStory]:
    """Stories of a JSONL file (fields id, text and the boolean `label`) in one part of the fixed split, each
    published on `published`; with a limit, the first N of them. Raises ValueError naming the bad line."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
                raise ValueError(f"{path}:{number}: a story needs a string id and text")
            if not isinstance(row.get(label), bool):
                raise ValueError(f"{path}:{number}: field {label!r} must be true or false, found {row.get(label)!r}")
            rows.append(row)
    moment = datetime(published.year, published.month, published.day, tzinfo=UTC)
    stories = [LabelledStory(Article(article_id=row["id"], text=row["text"], published_at=moment, language="en"),
                             row[label]) for row in in_split(rows, split, lambda r: r["id"])]
    return stories[:limit] if limit is not None else stories


@dataclass
class NewsScores:
    """Document-level agreement of the family's events with the label."""

    stories: int
    labelled: int
    predicted: int
    true_positives: int
    precision: float
    recall: float
    f1: float
    unlabelled_with_any_event: float  # share of stories without the label that yield an event of any type
    details: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "details"}


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def score_news(stories: Sequence[LabelledStory], mentions: pl.DataFrame, family: Sequence[str],
               min_confidence: float) -> NewsScores:
    """Precision and recall of "the story yields an event of the family" against the label; `mentions` are all
    mentions of the stories (the EVENT_MENTIONS schema), of which those that become events count."""
    counted = reportable_mentions(mentions, min_confidence).sort("article_id", "confidence", descending=[False, True])
    by_story = {key[0]: group for key, group in counted.group_by("article_id")}
    details = []
    for story in stories:
        events = by_story.get(story.article.article_id, counted.clear())
        in_family = events.filter(pl.col("event_type").is_in(list(family)))
        top = in_family.row(0, named=True) if in_family.height else None
        details.append({
            "id": story.article.article_id, "split": split_of(story.article.article_id), "label": story.label,
            "predicted": top is not None, "events": events.height, "family_events": in_family.height,
            "event_types": "; ".join(sorted(set(events["sub_event_type"]))),
            "trigger": top["trigger"] if top else None, "confidence": top["confidence"] if top else None,
            "evidence": top["evidence"] if top else None,
        })
    labelled = sum(d["label"] for d in details)
    predicted = sum(d["predicted"] for d in details)
    hits = sum(d["label"] and d["predicted"] for d in details)
    unlabelled = [d for d in details if not d["label"]]
    precision, recall = _ratio(hits, predicted), _ratio(hits, labelled)
    return NewsScores(
        stories=len(details), labelled=labelled, predicted=predicted, true_positives=hits,
        precision=precision, recall=recall,
        f1=round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
        unlabelled_with_any_event=_ratio(sum(d["events"] > 0 for d in unlabelled), len(unlabelled)),
        details=details,
    )


def label_calibration_pairs(stories: Sequence[LabelledStory], mentions: pl.DataFrame,
                            family: Sequence[str]) -> list[tuple[float, bool]]:
    """(confidence, story is labelled) for every mention of the family that becomes an event at any confidence."""
    labels = {s.article.article_id: s.label for s in stories}
    counted = reportable_mentions(mentions, 0.0).filter(pl.col("event_type").is_in(list(family)))
    return [(confidence, labels.get(article_id, False))
            for article_id, confidence in counted.select("article_id", "confidence").iter_rows()]


def threshold_sweep(stories: Sequence[LabelledStory], mentions: pl.DataFrame, family: Sequence[str],
                    thresholds: Sequence[float]) -> list[dict]:
    """Document precision and recall if `min_mention_confidence` were each of the thresholds."""
    rows = []
    for threshold in thresholds:
        scores = score_news(stories, mentions, family, threshold)
        rows.append({"threshold": threshold, "predicted": scores.predicted, "precision": scores.precision,
                     "recall": scores.recall, "unlabelled_with_any_event": scores.unlabelled_with_any_event})
    return rows


def format_news_scores(scores: NewsScores, label: str, family: Sequence[str], sweep: Sequence[dict]) -> str:
    """Plain-text report: document precision and recall, then what other thresholds would give."""
    lines = [
        f"stories scored: {scores.stories} ({scores.labelled} labelled {label}); a story counts as {label} when it "
        f"yields a {' or '.join(family)} event",
        "",
        f"{'precision':<40}{scores.precision:.3f}  ({scores.true_positives}/{scores.predicted})",
        f"{'recall':<40}{scores.recall:.3f}  ({scores.true_positives}/{scores.labelled})",
        f"{'f1':<40}{scores.f1:.3f}",
        f"{'non-' + label + ' stories with any event':<40}{scores.unlabelled_with_any_event:.3f}",
        "",
        f"document scores by min_mention_confidence: {'threshold':>9}{'stories':>9}{'precision':>11}{'recall':>8}"
        f"{'any event':>11}",
    ]
    lines += [f"{'':<43}{r['threshold']:>9.2f}{r['predicted']:>9}{r['precision']:>11.3f}{r['recall']:>8.3f}"
              f"{r['unlabelled_with_any_event']:>11.3f}" for r in sweep]
    return "\n".join(lines)
