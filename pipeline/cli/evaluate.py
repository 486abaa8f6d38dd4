"""`conflict-events evaluate`: score extraction against gold data."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser("evaluate", help="score extraction against an ACLED export")
    evaluate.add_argument("--gold", required=True, help="ACLED CSV export (notes + gold fields)")
    evaluate.add_argument("--limit", type=int, help="score a fixed random sample (seed 1) of N rows")
    evaluate.add_argument("--split", choices=["tune", "report", "all"], default="all",
                          help="rows of the fixed split (by a hash of the row id) to score: tune while you work, "
                               "report the report part (default all)")
    evaluate.add_argument("--by-country", action="store_true",
                          help="geocoding (country, admin1, coordinates) per gold country, end to end and where "
                               "the text names the gold place")
    evaluate.add_argument("--json", help="also write the scores as JSON here")
    evaluate.add_argument("--details", help="also write per-row predictions and gold values as CSV here")
    evaluate.set_defaults(func=evaluate_extraction)


def evaluate_extraction(args: argparse.Namespace) -> int:
    from pipeline.cli.progress import extract_with_progress
    from pipeline.evaluate.acled import format_scores, load_gold, score
    from pipeline.extract.mentions import Extractor

    gold_path = Path(args.gold)
    if not gold_path.exists():
        console.print(f"[red]gold file {gold_path} does not exist[/red]")
        return EXIT_USAGE
    extractor = Extractor.from_settings(settings_from(args))
    gold = load_gold(gold_path, extractor.lexicon.sub_event_types, args.limit, split=args.split)
    mentions_by_article: dict[str, list] = defaultdict(list)
    for mention in extract_with_progress(extractor, [g.article for g in gold], "scoring"):
        mentions_by_article[mention.article_id].append(mention)
    scores = score(gold, mentions_by_article, same_admin1=extractor.places.gazetteer.same_admin1)
    print(format_scores(scores, by_country=args.by_country))
    if args.json:
        from pipeline.atomic import write_text_atomic

        write_text_atomic(Path(args.json), json.dumps({"rows": scores.rows, **scores.fields}, indent=2))
    if args.details:
        import polars as pl

        pl.DataFrame(scores.details).write_csv(args.details)
    return EXIT_OK
