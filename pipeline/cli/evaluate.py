"""`conflict-events evaluate`: score extraction against gold data."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("evaluate", help="score extraction against an ACLED export, or event "
                                                    "resolution against a multi-source set")
    gold = evaluate.add_mutually_exclusive_group(required=True)
    gold.add_argument("--gold", help="ACLED CSV export (notes + gold fields): score the mentions field by field")
    gold.add_argument("--clusters", help="multi-source reports (JSONL with gold incident ids): score how reports "
                                         "merge into events (pairwise over article pairs, look-alikes, fatalities)")
    evaluate.add_argument("--limit", type=int, help="score a fixed random sample (seed 1) of N rows (--gold)")
    evaluate.add_argument("--split", choices=["tune", "report", "all"], default="all",
                          help="rows of the fixed split (by a hash of the row id) to score: tune while you work, "
                               "report the report part (default all)")
    evaluate.add_argument("--json", help="also write the scores as JSON here")
    evaluate.add_argument("--details", help="also write per-row (per-event with --clusters) predictions and gold "
                                            "values as CSV here")
    evaluate.set_defaults(func=evaluate_command)


def evaluate_command(args: argparse.Namespace) -> int:
    gold_path = Path(args.gold or args.clusters)
    if not gold_path.exists():
        console.print(f"[red]gold file {gold_path} does not exist[/red]")
        return EXIT_USAGE
    return evaluate_clusters(args, gold_path) if args.clusters else evaluate_extraction(args, gold_path)


def evaluate_clusters(args: argparse.Namespace, gold_path: Path) -> int:
    import polars as pl

    from pipeline.cli.progress import extract_with_progress
    from pipeline.evaluate.clusters import article_events, format_cluster_scores, load_reports, score_clusters
    from pipeline.events.merge import merge_mentions
    from pipeline.events.rules import ResolutionRules
    from pipeline.extract.mentions import Extractor, mentions_frame

    settings = settings_from(args)
    gold = load_reports(gold_path, split=args.split)
    articles = [g.article for g in gold]
    mentions = mentions_frame(extract_with_progress(Extractor.from_settings(settings), articles, "resolving"))
    published = pl.DataFrame({"article_id": [a.article_id for a in articles],
                              "published_at": [a.published_at for a in articles]})
    events, sources = merge_mentions(mentions, published, min_confidence=settings.min_mention_confidence,
                                     rules=ResolutionRules.load(settings.seeds))
    scores = score_clusters(gold, article_events(mentions, sources), events)
    print(format_cluster_scores(scores))
    if args.json:
        from pipeline.atomic import write_text_atomic

        write_text_atomic(Path(args.json), json.dumps({"articles": scores.articles, **scores.scores,
                                                       **scores.counts}, indent=2))
    if args.details:
        pl.DataFrame([{**d, "incidents": json.dumps(d["incidents"])} for d in scores.details]).write_csv(args.details)
    return EXIT_OK


def evaluate_extraction(args: argparse.Namespace, gold_path: Path) -> int:
    from pipeline.cli.progress import extract_with_progress
    from pipeline.evaluate.acled import format_scores, load_gold, score
    from pipeline.extract.mentions import Extractor

    extractor = Extractor.from_settings(settings_from(args))
    gold = load_gold(gold_path, extractor.lexicon.sub_event_types, args.limit, split=args.split)
    mentions_by_article: dict[str, list] = defaultdict(list)
    for mention in extract_with_progress(extractor, [g.article for g in gold], "scoring"):
        mentions_by_article[mention.article_id].append(mention)
    scores = score(gold, mentions_by_article, same_admin1=extractor.places.gazetteer.same_admin1)
    print(format_scores(scores))
    if args.json:
        from pipeline.atomic import write_text_atomic

        write_text_atomic(Path(args.json), json.dumps({"rows": scores.rows, **scores.fields}, indent=2))
    if args.details:
        import polars as pl

        pl.DataFrame(scores.details).write_csv(args.details)
    return EXIT_OK
