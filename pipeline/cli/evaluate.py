"""`conflict-events evaluate`: score extraction against gold data (an ACLED export, a labelled news feed or
hand-coded articles), with the calibration of mention confidence; or event resolution against a multi-source set."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("evaluate", help="score extraction against gold data, or event resolution "
                                                    "against a multi-source set")
    gold = evaluate.add_mutually_exclusive_group(required=True)
    gold.add_argument("--gold", help="ACLED CSV export (notes + gold fields)")
    gold.add_argument("--news", help="JSONL news stories (id, text, a boolean label): document precision/recall")
    gold.add_argument("--articles", help="JSONL coded articles (tests/data/traps format): event precision/recall")
    gold.add_argument("--clusters", help="multi-source reports (JSONL with gold incident ids): score how reports "
                                         "merge into events (pairwise over article pairs, look-alikes, fatalities)")
    evaluate.add_argument("--label", default="protest",
                          help="with --news: the boolean field scored, which names its event family (protest = "
                               "Protests or Riots; default protest)")
    evaluate.add_argument("--published", type=date.fromisoformat, default=date(2024, 1, 1),
                          help="with --news: the publication date given to every story (default 2024-01-01)")
    evaluate.add_argument("--limit", type=int,
                          help="score a fixed sample of N rows (--gold: random, seed 1; otherwise the first N)")
    evaluate.add_argument("--split", choices=["tune", "report", "all"], default="all",
                          help="rows of the fixed split (by a hash of the row id) to score: tune while you work, "
                               "report the report part (default all)")
    evaluate.add_argument("--by-country", action="store_true",
                          help="geocoding (country, admin1, coordinates) per gold country, end to end and where "
                               "the text names the gold place")
    evaluate.add_argument("--json", help="also write the scores as JSON here")
    evaluate.add_argument("--details", help="also write per-row (per-event with --clusters) predictions and gold "
                                            "values as CSV here")
    evaluate.set_defaults(func=evaluate_extraction)


def evaluate_extraction(args: argparse.Namespace) -> int:
    source = Path(args.gold or args.news or args.articles or args.clusters)
    if not source.exists():
        console.print(f"[red]gold file {source} does not exist[/red]")
        return EXIT_USAGE
    scorer = (_score_acled if args.gold else _score_news if args.news else _score_articles if args.articles
              else _score_clusters)
    try:
        report, scores, details = scorer(args, source)
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        return EXIT_USAGE
    print(report)
    if args.json:
        from pipeline.atomic import write_text_atomic

        write_text_atomic(Path(args.json), json.dumps(scores, indent=2, default=str))
    if args.details:
        import polars as pl

        pl.DataFrame(details, infer_schema_length=None).write_csv(args.details)
    return EXIT_OK


def _mentions_of(settings, articles):
    """The mentions of the articles as a frame (the EVENT_MENTIONS schema), extracted with a progress bar."""
    from pipeline.cli.progress import extract_with_progress
    from pipeline.extract.mentions import Extractor, mentions_frame

    return mentions_frame(extract_with_progress(Extractor.from_settings(settings), articles, "scoring"))


def _score_acled(args: argparse.Namespace, source: Path):
    from pipeline.cli.progress import extract_with_progress
    from pipeline.evaluate.acled import format_scores, load_gold, score, type_calibration_pairs
    from pipeline.evaluate.calibration import calibrate, format_calibration
    from pipeline.extract.mentions import Extractor, mentions_frame

    extractor = Extractor.from_settings(settings_from(args))
    gold = load_gold(source, extractor.lexicon.sub_event_types, args.limit, split=args.split)
    mentions = extract_with_progress(extractor, [g.article for g in gold], "scoring")
    mentions_by_article: dict[str, list] = defaultdict(list)
    for mention in mentions:
        mentions_by_article[mention.article_id].append(mention)
    scores = score(gold, mentions_by_article, same_admin1=extractor.places.gazetteer.same_admin1)
    calibration = calibrate(type_calibration_pairs(gold, mentions_frame(mentions)))
    report = "\n\n".join([format_scores(scores, by_country=args.by_country),
                          format_calibration(calibration, "event type matches the row's")])
    return report, {"rows": scores.rows, **scores.fields, "calibration": calibration.as_dict()}, scores.details


def _score_news(args: argparse.Namespace, source: Path):
    from pipeline.evaluate.calibration import calibrate, format_calibration
    from pipeline.evaluate.news import (
        FAMILIES,
        format_news_scores,
        label_calibration_pairs,
        load_news,
        score_news,
        threshold_sweep,
    )

    if args.label not in FAMILIES:
        raise ValueError(f"unknown --label {args.label!r}; known: {', '.join(sorted(FAMILIES))}")
    settings = settings_from(args)
    stories = load_news(source, args.label, args.published, args.split, args.limit)
    family = FAMILIES[args.label]
    mentions = _mentions_of(settings, [s.article for s in stories])
    scores = score_news(stories, mentions, family, settings.min_mention_confidence)
    calibration = calibrate(label_calibration_pairs(stories, mentions, family))
    sweep = threshold_sweep(stories, mentions, family, sorted({*(b.lower for b in calibration.bins),
                                                                settings.min_mention_confidence}))
    report = "\n\n".join([format_news_scores(scores, args.label, family, sweep),
                          format_calibration(calibration, f"story labelled {args.label}")])
    result = {**scores.as_dict(), "label": args.label, "published": args.published, "split": args.split,
              "min_mention_confidence": settings.min_mention_confidence, "thresholds": sweep,
              "calibration": calibration.as_dict()}
    return report, result, scores.details


def _score_articles(args: argparse.Namespace, source: Path):
    from pipeline.evaluate.articles import (
        article_calibration_pairs,
        format_article_scores,
        load_articles,
        score_articles,
    )
    from pipeline.evaluate.calibration import calibrate, format_calibration

    settings = settings_from(args)
    articles = load_articles(source, args.split)[:args.limit]
    mentions = _mentions_of(settings, [c.article for c in articles])
    scores = score_articles(articles, mentions, settings.min_mention_confidence)
    calibration = calibrate(article_calibration_pairs(articles, mentions))
    report = format_article_scores(scores) + "\n\n" + format_calibration(
        calibration, "its article has a gold event of that type")
    result = {**scores.fields, "split": args.split, "min_mention_confidence": settings.min_mention_confidence,
              "by_kind": {kind: dict(tally) for kind, tally in scores.by_kind.items()},
              "calibration": calibration.as_dict()}
    return report, result, scores.details


def _score_clusters(args: argparse.Namespace, source: Path):
    import polars as pl

    from pipeline.evaluate.clusters import (
        article_events,
        format_cluster_scores,
        headline_types,
        load_reports,
        score_clusters,
    )
    from pipeline.events.merge import merge_mentions
    from pipeline.events.rules import ResolutionRules

    settings = settings_from(args)
    gold = load_reports(source, split=args.split)[:args.limit]
    articles = [g.article for g in gold]
    mentions = _mentions_of(settings, articles)
    published = pl.DataFrame({"article_id": [a.article_id for a in articles],
                              "published_at": [a.published_at for a in articles]})
    rules = ResolutionRules.load(settings.seeds)
    events, sources = merge_mentions(mentions, published, min_confidence=settings.min_mention_confidence, rules=rules)
    scores = score_clusters(gold, article_events(mentions, sources, headline_types(articles, rules)), events)
    details = [{**d, "incidents": json.dumps(d["incidents"])} for d in scores.details]
    return (format_cluster_scores(scores), {"articles": scores.articles, **scores.scores, **scores.counts},
            details)
