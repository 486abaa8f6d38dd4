"""Score extraction on hand-coded articles (JSONL: id, text, published_at, language, events with event_type,
sub_event_type, event_date, fatalities, country): the issue-18 bars for a language's held-out articles.

An article's predicted events are its event mentions merged as the pipeline merges them. Gold and predicted
events of one article are paired best first (same event type, then sub-type, date, fatalities); "found" counts
the gold events paired with a prediction of any type, and the type, sub-type, country, date and fatality shares
are of the found ones (fatalities exact also over all gold events). A stand-in for `conflict-events evaluate
--articles`, which lives on the precision-harness branch.

    uv run --frozen python -m bench.score_articles tests/data/french/articles.jsonl --split tune [--details]
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import polars as pl

from pipeline.evaluate.split import SPLITS, in_split
from pipeline.events.merge import merge_mentions
from pipeline.extract.mentions import Extractor, mentions_frame
from pipeline.ingest.dates import parse_published_at
from pipeline.records import Article
from pipeline.settings import Settings


def _article(row: dict) -> Article:
    return Article(article_id=row["id"], text=row["text"], title=row.get("title"),
                   published_at=parse_published_at(row["published_at"]), language=row.get("language") or "en")


def _pairs(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each gold event with the prediction paired to it (None when none is left)."""
    ranked = sorted(((g["event_type"] == p["event_type"], g["sub_event_type"] == p["sub_event_type"],
                      date.fromisoformat(g["event_date"]) == p["event_date"], g["fatalities"] == p["fatalities"],
                      -gi, -pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)), reverse=True)
    paired: dict[int, int] = {}
    for *_, minus_gi, minus_pi in ranked:
        if -minus_gi not in paired and -minus_pi not in paired.values():
            paired[-minus_gi] = -minus_pi
    return [(g, predicted[paired[gi]] if gi in paired else None) for gi, g in enumerate(gold)]


def score(rows: list[dict], mentions: pl.DataFrame) -> tuple[dict, list[dict]]:
    """(summary, details) of the coded rows against the mentions of their articles."""
    published = pl.DataFrame({"article_id": [r["id"] for r in rows],
                              "published_at": [parse_published_at(r["published_at"]) for r in rows]})
    by_article: dict[str, list[dict]] = {}
    for (article_id,), own in mentions.group_by("article_id"):  # each article's events by themselves
        events, _ = merge_mentions(own, published)
        by_article[article_id] = events.to_dicts()
    details = []
    for row in rows:
        predicted = by_article.get(row["id"], [])
        for gold, ours in _pairs(row["events"], predicted):
            details.append({"id": row["id"], "gold": gold, "pred": ours})
        if not row["events"]:
            details.append({"id": row["id"], "gold": None, "pred": predicted or None, "spurious": len(predicted)})
        else:
            paired = sum(1 for g, p in _pairs(row["events"], predicted) if p is not None)
            details[-1]["spurious"] = len(predicted) - paired
    return _summary(rows, details), details


def _summary(rows: list[dict], details: list[dict]) -> dict:
    gold = [d for d in details if d["gold"]]
    found = [d for d in gold if d["pred"]]

    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    non_event = [d for d in details if d["gold"] is None]
    return {
        "articles": len(rows), "gold_events": len(gold), "found": share(len(found), len(gold)),
        "event_type_of_found": share(sum(d["gold"]["event_type"] == d["pred"]["event_type"] for d in found),
                                     len(found)),
        "sub_event_type_of_found": share(
            sum(d["gold"]["sub_event_type"] == d["pred"]["sub_event_type"] for d in found), len(found)),
        "country_of_found": share(sum(d["gold"]["country"] == d["pred"]["country"] for d in found), len(found)),
        "date_of_found": share(sum(date.fromisoformat(d["gold"]["event_date"]) == d["pred"]["event_date"]
                                   for d in found), len(found)),
        "fatalities_exact_of_found": share(sum(d["gold"]["fatalities"] == d["pred"]["fatalities"] for d in found),
                                           len(found)),
        "fatalities_exact_of_gold": share(sum(d["gold"]["fatalities"] == d["pred"]["fatalities"] for d in found),
                                          len(gold)),
        "non_event_articles": len(non_event),
        "non_event_articles_without_events": share(sum(d["pred"] is None for d in non_event), len(non_event)),
        "spurious_events_in_event_articles": sum(d.get("spurious", 0) for d in gold),
    }


def _show(detail: dict) -> str:
    gold, pred = detail["gold"], detail["pred"]
    if gold is None:
        return f"{detail['id']}: non-event, predicted {[(p['sub_event_type'], p['country']) for p in pred or []]}"
    fields = ("sub_event_type", "country", "event_date", "fatalities")
    ours = "MISSED" if pred is None else " | ".join(str(pred[f]) for f in fields)
    return f"{detail['id']}: gold {' | '.join(str(gold[f]) for f in fields)}  ours {ours}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--split", choices=SPLITS, default="tune")
    parser.add_argument("--details", action="store_true", help="print every gold event beside its prediction")
    args = parser.parse_args()
    lines = args.articles.read_text(encoding="utf-8").splitlines()
    rows = in_split([json.loads(line) for line in lines if line.strip()], args.split, lambda row: row["id"])
    extractor = Extractor.from_settings(Settings())
    mentions = mentions_frame(extractor.extract([_article(r) for r in rows]))
    summary, details = score(rows, mentions)
    if args.details:
        print("\n".join(_show(d) for d in details))
    print(json.dumps({"split": args.split, **summary}, indent=1))


if __name__ == "__main__":
    main()
