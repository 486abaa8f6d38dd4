"""Score events against hand-coded full articles (the trap corpus in tests/data/traps, the French corpus in
tests/data/french): event precision and recall, gold events found with a predicted event of any type and the
share of those of the right type, articles without an event that yield none, country (when coded), exact
fatalities, and fatalities taken from another sentence's number.

An article's predicted events are what the pipeline would publish from that article alone: its mentions merged
by `pipeline.events.merge.merge_mentions`, which keeps only mentions that become events. A predicted event matches
a gold event of the same article and event type (preferring the same sub-type, date and fatalities).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from pipeline.evaluate.split import Split, in_split, split_of
from pipeline.events.merge import merge_mentions
from pipeline.events.reports import reportable_mentions
from pipeline.ingest.dates import parse_published_at
from pipeline.records import Article


@dataclass(frozen=True)
class GoldArticleEvent:
    event_type: str
    sub_event_type: str
    event_date: date
    fatalities: int
    country: str | None = None  # ACLED's country name, when the corpus codes it


@dataclass(frozen=True)
class CodedArticle:
    """One article with the events an analyst codes from it (none for a non-event article) and the numbers it
    writes that are no event's fatalities (background totals, crowd sizes, other events' counts)."""

    article: Article
    kind: str
    events: tuple[GoldArticleEvent, ...]
    distractors: frozenset[int]


def load_articles(path: Path, split: Split = "all") -> list[CodedArticle]:
    """Coded articles of a JSONL file (see tests/data/traps/README.md) in one part of the fixed split.
    Raises ValueError naming the bad line."""
    coded = []
    with path.open(encoding="utf-8") as handle:
        rows = [(number, json.loads(line)) for number, line in enumerate(handle, start=1) if line.strip()]
    for number, row in in_split(rows, split, lambda numbered: str(numbered[1].get("id"))):
        try:
            events = tuple(GoldArticleEvent(e["event_type"], e["sub_event_type"], date.fromisoformat(e["event_date"]),
                                            int(e["fatalities"]), e.get("country")) for e in row["events"])
            article = Article(article_id=row["id"], text=row["text"], title=row.get("title"),
                              published_at=parse_published_at(row["published_at"]), source=row.get("source"),
                              language=row.get("language") or "en")
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: bad coded article ({error!r})") from error
        coded.append(CodedArticle(article, row.get("kind", ""), events,
                                  frozenset(int(n) for n in row.get("distractors", []))))
    return coded


def predicted_events(articles: Sequence[CodedArticle], mentions: pl.DataFrame,
                     min_confidence: float) -> dict[str, list[dict]]:
    """Per article, the events merged from its own mentions, each with the trigger, evidence and confidence of its
    most confident mention."""
    published = pl.DataFrame({"article_id": [c.article.article_id for c in articles],
                              "published_at": [c.article.published_at for c in articles]})
    by_article: dict[str, list[dict]] = {}
    for (article_id,), group in mentions.group_by("article_id"):
        events, sources = merge_mentions(group, published.filter(pl.col("article_id") == article_id),
                                         min_confidence=min_confidence)
        best = (sources.join(group.select("mention_id", "trigger", "confidence"), on="mention_id")
                .sort("confidence", descending=True).group_by("event_id", maintain_order=True).first()
                .select("event_id", "trigger", "evidence", pl.col("confidence").alias("mention_confidence")))
        by_article[article_id] = events.join(best, on="event_id").sort("event_date", "event_id").to_dicts()
    return by_article


def match_events(gold: Sequence[GoldArticleEvent], predicted: Sequence[dict]) -> list[tuple[int | None, int | None]]:
    """Pairs (gold index, predicted index) of one article, None for an unmatched side: same event type, best
    agreement on sub-type, date and fatalities first."""
    candidates = sorted(
        ((g.sub_event_type == p["sub_event_type"], g.event_date == p["event_date"], g.fatalities == p["fatalities"],
          -gi, -pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if g.event_type == p["event_type"]),
        reverse=True)
    pairs: list[tuple[int | None, int | None]] = []
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for *_, minus_gi, minus_pi in candidates:
        gi, pi = -minus_gi, -minus_pi
        if gi not in used_gold and pi not in used_predicted:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_predicted.add(pi)
    pairs += [(gi, None) for gi in range(len(gold)) if gi not in used_gold]
    pairs += [(None, pi) for pi in range(len(predicted)) if pi not in used_predicted]
    return pairs


@dataclass
class ArticleScores:
    """Event-level agreement on coded articles, overall and per trap kind."""

    fields: dict[str, float | int] = field(default_factory=dict)
    by_kind: dict[str, Counter] = field(default_factory=dict)
    details: list[dict] = field(default_factory=list)


def _detail(coded: CodedArticle, gold: GoldArticleEvent | None, predicted: dict | None) -> dict:
    """One row of the details: gold and predicted event side by side. Fatalities are foreign when they are wrong
    and reach one of the article's other numbers that exceeds the event's own count (that number, or a sum with
    it: "killing 23" next to "40,000 since 2011" read as 40,023)."""
    outcome = "match" if gold and predicted else "missed" if gold else "spurious" if predicted else "no event"
    own = gold.fatalities if gold else 0
    foreign = bool(predicted and predicted["fatalities"] != own
                   and any(own < number <= predicted["fatalities"] for number in coded.distractors))
    return {
        "id": coded.article.article_id, "split": split_of(coded.article.article_id), "kind": coded.kind,
        "outcome": outcome, "gold_type": gold.sub_event_type if gold else None,
        "pred_type": predicted["sub_event_type"] if predicted else None,
        "gold_date": gold.event_date if gold else None, "pred_date": predicted["event_date"] if predicted else None,
        "gold_country": gold.country if gold else None, "pred_country": predicted["country"] if predicted else None,
        "gold_fatalities": gold.fatalities if gold else None,
        "pred_fatalities": predicted["fatalities"] if predicted else None, "foreign_fatalities": foreign,
        "trigger": predicted["trigger"] if predicted else None,
        "confidence": predicted["mention_confidence"] if predicted else None,
        "evidence": predicted["evidence"] if predicted else None,
    }


def score_articles(articles: Sequence[CodedArticle], mentions: pl.DataFrame, min_confidence: float) -> ArticleScores:
    """Event precision and recall, non-event articles without events, exact fatalities, and events whose
    fatalities are (or include) a number the article gives for something else."""
    predicted = predicted_events(articles, mentions, min_confidence)
    result = ArticleScores()
    for coded in articles:
        ours = predicted.get(coded.article.article_id, [])
        pairs = match_events(coded.events, ours) or [(None, None)]
        rows = [_detail(coded, coded.events[g] if g is not None else None, ours[p] if p is not None else None)
                for g, p in pairs]
        result.details += rows
        tally = result.by_kind.setdefault(coded.kind, Counter())
        tally.update(articles=1, yielding=bool(ours), gold=len(coded.events), predicted=len(ours),
                     matched=sum(r["outcome"] == "match" for r in rows))
    result.fields = _summary(articles, result.details)
    return result


def _summary(articles: Sequence[CodedArticle], details: Sequence[dict]) -> dict[str, float | int]:
    matched = [d for d in details if d["outcome"] == "match"]
    gold = sum(d["gold_type"] is not None for d in details)
    predicted = sum(d["pred_type"] is not None for d in details)
    non_event = [c.article.article_id for c in articles if not c.events]
    yielding = {d["id"] for d in details if d["pred_type"] is not None}
    per_article = Counter((d["id"], side) for d in details for side in ("gold", "pred") if d[f"{side}_type"])
    found = sum(min(per_article[(i, "gold")], per_article[(i, "pred")]) for i in {d["id"] for d in details})
    with_country = [d for d in matched if d["gold_country"] is not None]

    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    return {
        "articles": len(articles), "non_event_articles": len(non_event), "gold_events": gold,
        "predicted_events": predicted, "matched_events": len(matched),
        "non_event_articles_without_events": share(sum(i not in yielding for i in non_event), len(non_event)),
        "event_precision": share(len(matched), predicted), "event_recall": share(len(matched), gold),
        "events_found": share(found, gold), "event_type_of_found": share(len(matched), found),
        "sub_event_type_of_matched": share(sum(d["gold_type"] == d["pred_type"] for d in matched), len(matched)),
        "event_date_of_matched": share(sum(d["gold_date"] == d["pred_date"] for d in matched), len(matched)),
        **({"country_of_matched": share(sum(d["gold_country"] == d["pred_country"] for d in with_country),
                                        len(with_country))} if with_country else {}),
        "fatalities_exact": share(sum(d["gold_fatalities"] == d["pred_fatalities"] for d in matched), gold),
        "events_with_foreign_fatalities": sum(d["foreign_fatalities"] for d in details),
        "matched_events_with_foreign_fatalities": sum(d["foreign_fatalities"] for d in matched),
    }


def format_article_scores(scores: ArticleScores) -> str:
    """Plain-text report: the overall figures, then articles yielding events and matches per trap kind."""
    lines = [f"{name:<42}{value}" for name, value in scores.fields.items()]
    lines += ["", f"{'kind':<24}{'articles':>9}{'yielding':>9}{'gold':>6}{'predicted':>10}{'matched':>8}"]
    for kind, t in sorted(scores.by_kind.items()):
        lines.append(f"{kind:<24}{t['articles']:>9}{t['yielding']:>9}{t['gold']:>6}{t['predicted']:>10}"
                     f"{t['matched']:>8}")
    return "\n".join(lines)


def article_calibration_pairs(articles: Sequence[CodedArticle], mentions: pl.DataFrame) -> list[tuple[float, bool]]:
    """(confidence, its article has a gold event of that type) for every mention that becomes an event at any
    confidence."""
    types = {c.article.article_id: {e.event_type for e in c.events} for c in articles}
    counted = reportable_mentions(mentions, 0.0)
    return [(confidence, event_type in types.get(article_id, set()))
            for article_id, event_type, confidence in counted.select("article_id", "event_type", "confidence")
            .iter_rows()]
