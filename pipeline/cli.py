"""The `conflict-events` command: run the pipeline, extract, evaluate, inspect releases and settings.

Exit codes: 0 success; 1 the checks failed or a step errored (no new release); 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
console = Console(stderr=True)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {k: Path(v).resolve() for k in ("articles", "warehouse") if (v := getattr(args, k, None))}
    return Settings(**overrides)


def _run(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipeline.definitions import ALL_ASSETS
    from pipeline.defs.resources import PipelineSettings

    settings = _settings(args)
    if not settings.articles.exists():
        console.print(f"[red]articles source {settings.articles} does not exist[/red]")
        return EXIT_USAGE
    resource = PipelineSettings(articles=str(settings.articles), warehouse=str(settings.warehouse),
                                seeds=str(settings.seeds), spacy_model=settings.spacy_model,
                                min_mention_confidence=settings.min_mention_confidence)
    console.print(f"materializing all assets: articles={settings.articles} warehouse={settings.warehouse}")
    result = dg.materialize(ALL_ASSETS, resources={"pipeline_settings": resource}, raise_on_error=False)
    metadata = {
        event.asset_key.to_user_string(): event.step_materialization_data.materialization.metadata
        for event in result.get_asset_materialization_events()
    }
    checks = result.get_asset_check_evaluations()
    summary = Table(title="conflict-events run", show_header=False)
    for asset, label in (("raw_articles", "articles loaded"), ("quarantine", "records quarantined"),
                         ("event_mentions", "event mentions"), ("events", "events")):
        if asset in metadata:
            summary.add_row(label, str(metadata[asset]["dagster/row_count"].value))
    summary.add_row("checks passed", f"{sum(c.passed for c in checks)}/{len(checks)}")
    released = metadata.get("release")
    summary.add_row("release", f"{released['version'].value} → {released['path'].value}" if released else "none")
    console.print(summary)
    failed = [c.check_name for c in checks if not c.passed]
    if failed:
        console.print(f"[red]checks failed: {', '.join(failed)}; no release was published.[/red] "
                      f"Inspect them with `dagster dev` (README) or the failed expectations in "
                      f"{settings.warehouse / 'validation.json'}.")
        return EXIT_FAILED
    if not result.success or released is None:
        console.print("[red]the run did not complete; see the step errors above.[/red]")
        return EXIT_FAILED
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from pipeline.extract.mentions import Extractor, mentions_frame
    from pipeline.ingest import iter_articles
    from pipeline.records import Article, QuarantineRecord
    from pipeline.warehouse.storage import write_parquet_atomic

    source = Path(args.input)
    if not source.exists():
        console.print(f"[red]input {source} does not exist[/red]")
        return EXIT_USAGE
    articles: list[Article] = []
    for record in iter_articles(source):
        if isinstance(record, QuarantineRecord):
            console.print(f"[yellow]quarantined[/yellow] {record.source_path}@{record.record_offset}: {record.reason}")
        else:
            articles.append(record)
    mentions = mentions_frame(Extractor.from_settings(_settings(args)).extract(articles))
    write_parquet_atomic(mentions, Path(args.output))
    console.print(f"{mentions.height} mentions from {len(articles)} articles → {args.output}")
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate.acled import format_scores, load_gold, score
    from pipeline.extract.mentions import Extractor

    gold_path = Path(args.gold)
    if not gold_path.exists():
        console.print(f"[red]gold file {gold_path} does not exist[/red]")
        return EXIT_USAGE
    extractor = Extractor.from_settings(_settings(args))
    gold = load_gold(gold_path, extractor.lexicon.sub_event_types, args.limit)
    mentions_by_article: dict[str, list] = defaultdict(list)
    for mention in extractor.extract(g.article for g in gold):
        mentions_by_article[mention.article_id].append(mention)
    scores = score(gold, mentions_by_article)
    print(format_scores(scores))
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": scores.rows, **scores.fields}, indent=2))
    if args.details:
        import polars as pl

        pl.DataFrame(scores.details).write_csv(args.details)
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    settings = _settings(args)
    for name, value in {**settings.model_dump(), "database": settings.database,
                        "releases": settings.releases}.items():
        print(f"{name} = {value}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    from pipeline.release.cli import add_release_commands

    parser = argparse.ArgumentParser(prog="conflict-events", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="materialize every asset in-process, from articles to the release")
    run.add_argument("--articles", help="folder or file of articles (default: seeds/articles)")
    run.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    run.set_defaults(func=_run)

    extract = commands.add_parser("extract", help="articles JSONL → event mentions Parquet (no Dagster)")
    extract.add_argument("--input", required=True, help="JSON lines with id, text and optional published_at, …")
    extract.add_argument("--output", required=True, help="Parquet file to write")
    extract.set_defaults(func=_extract)

    evaluate = commands.add_parser("evaluate", help="score extraction against an ACLED export")
    evaluate.add_argument("--gold", required=True, help="ACLED CSV export (notes + gold fields)")
    evaluate.add_argument("--limit", type=int, help="score a fixed random sample (seed 1) of N rows")
    evaluate.add_argument("--json", help="also write the scores as JSON here")
    evaluate.add_argument("--details", help="also write per-row predictions and gold values as CSV here")
    evaluate.set_defaults(func=_evaluate)

    config = commands.add_parser("config", help="print the effective settings")
    config.set_defaults(func=_config)

    add_release_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `conflict-events` script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
