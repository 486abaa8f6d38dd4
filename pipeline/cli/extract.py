"""`conflict-events extract`: articles → event mentions Parquet, without Dagster or a warehouse."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, settings_from

if TYPE_CHECKING:
    from pipeline.records import Article, QuarantineRecord


def add_parser(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser("extract", help="articles JSONL → event mentions Parquet (no Dagster)")
    extract.add_argument("--input", required=True, help="JSON lines with id, text and optional published_at, …")
    extract.add_argument("--output", required=True, help="Parquet file to write")
    extract.set_defaults(func=extract_mentions)


def read_articles(source: Path) -> tuple[list[Article], list[QuarantineRecord]]:
    """The articles of a source and the records quarantined while reading it."""
    from pipeline.ingest import iter_articles
    from pipeline.records import QuarantineRecord

    articles, failures = [], []
    for record in iter_articles(source):
        (failures if isinstance(record, QuarantineRecord) else articles).append(record)
    return articles, failures


def extract_mentions(args: argparse.Namespace) -> int:
    from pipeline.extract.processes import started_beside

    source = Path(args.input)
    if not source.exists():
        console.print(f"[red]input {source} does not exist[/red]")
        return EXIT_USAGE
    read = started_beside(read_articles, source)  # on a second CPU, while this process imports and loads the models
    from pipeline.extract.language_model import collection_paused

    with collection_paused():  # start-up: imports, the articles (all kept) and the extractor are long-lived
        from pipeline.cli.progress import extract_with_progress
        from pipeline.extract.mentions import Extractor, mentions_frame
        from pipeline.warehouse.storage import write_parquet_atomic

        extractor = Extractor.from_settings(settings_from(args))
        articles, failures = read()
    mentions = mentions_frame(extract_with_progress(extractor, articles, "extracting", failures))
    for record in failures:
        console.print(f"quarantined ({record.stage}) {record.source_path}@{record.record_offset}: {record.reason}",
                      style="yellow", markup=False, highlight=False)
    write_parquet_atomic(mentions, Path(args.output))
    console.print(f"{mentions.height} mentions from {len(articles)} articles → {args.output}")
    return EXIT_OK
