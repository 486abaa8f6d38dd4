"""The `conflict-events` command: run the pipeline, extract, evaluate, query the warehouse, start the UI.

Exit codes: 0 success; 1 the checks failed or a step errored (no new release); 2 bad usage or input
(missing file, invalid setting, SQL error or an attempted write to the warehouse).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from pipeline.settings import Settings, config_file_path

if TYPE_CHECKING:
    from pipeline.extract.mentions import EventMention, Extractor
    from pipeline.records import Article

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_CODES_HELP = "exit codes: 0 success; 1 checks failed or a step errored; 2 usage or input error"
ENV_PREFIX = "CONFLICT_EVENTS_"
DAGSTER_YAML = """\
# Written by `conflict-events ui`; edit freely, it is not overwritten.
telemetry:
  enabled: false
concurrency:
  pools:
    granularity: op
    # warehouse_writer (the `warehouse` asset) is the only pool, so this limits it to one writer at a time.
    default_limit: 1
"""
console = Console(stderr=True)


def _overrides(args: argparse.Namespace) -> dict[str, Path]:
    return {k: Path(v).resolve() for k in ("articles", "warehouse") if (v := getattr(args, k, None))}


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(**_overrides(args))


def setting_sources(overridden: Sequence[str] = ()) -> dict[str, str]:
    """Where each setting's effective value comes from: command line, env, file or default (highest first)."""
    config_file = config_file_path()
    in_file = tomllib.loads(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    environment = {name.upper() for name in os.environ}
    sources = {}
    for name in Settings.model_fields:
        if name in overridden:
            sources[name] = "command line"
        elif f"{ENV_PREFIX}{name.upper()}" in environment:
            sources[name] = f"env {ENV_PREFIX}{name.upper()}"
        elif name in in_file:
            sources[name] = f"file {config_file}"
        else:
            sources[name] = "default"
    return sources


class _RateColumn(ProgressColumn):
    """Items per second, e.g. "12.3 articles/s"."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed or (task.completed / task.elapsed if task.elapsed else None)
        return Text("–" if speed is None else f"{speed:.1f} articles/s", style="progress.data.speed")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                    TimeElapsedColumn(), console=console)


def extract_with_progress(extractor: Extractor, articles: Sequence[Article], label: str) -> list[EventMention]:
    """Mentions of every article, with a progress bar advanced after each spaCy batch; prints the rate."""
    chunk = extractor.batch_size * max(1, extractor.n_process)
    mentions: list[EventMention] = []
    started = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task(label, total=len(articles))
        for start in range(0, len(articles), chunk):
            batch = articles[start:start + chunk]
            mentions.extend(extractor.extract(batch))
            progress.advance(task, len(batch))
    elapsed = time.perf_counter() - started
    console.print(f"{len(articles)} articles in {elapsed:.1f} s ({len(articles) / max(elapsed, 1e-9):.1f} articles/s),"
                  f" {len(mentions)} mentions")
    return mentions


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
    started = time.perf_counter()
    result = dg.materialize(ALL_ASSETS, resources={"pipeline_settings": resource}, raise_on_error=False,
                            run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}})
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
    summary.add_row("database", str(settings.database) if "warehouse" in metadata else "not rebuilt")
    summary.add_row("duration", f"{time.perf_counter() - started:.1f} s")
    console.print(summary)
    failed = [c.check_name for c in checks if not c.passed]
    if failed:
        console.print(f"[red]checks failed: {', '.join(failed)}; no release was published (the previous one is "
                      f"kept).[/red] Next: read the failed expectations in {settings.warehouse / 'validation.json'} "
                      f"or in the UI (`conflict-events ui`, asset `warehouse` → Checks), query the tables with "
                      f"`conflict-events sql --warehouse {settings.warehouse} \"…\"`, fix the input and run again.")
        return EXIT_FAILED
    if not result.success or released is None:
        for failure in result.get_step_failure_events():
            error = failure.step_failure_data.error
            console.print(f"step {failure.step_key} failed: {error.message.strip() if error else ''}", style="red",
                          markup=False, highlight=False)
        console.print("[red]the run did not complete.[/red] Next: fix the error above and run again (articles "
                      "already extracted are served from the cache), or rerun with --log-level DEBUG for detail.")
        return EXIT_FAILED
    quarantined = metadata.get("quarantine", {}).get("dagster/row_count")
    if quarantined is not None and quarantined.value:
        console.print(f"{quarantined.value} input records were quarantined; see why with "
                      f"`conflict-events sql --warehouse {settings.warehouse} \"SELECT * FROM quarantine_reasons\"`")
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from pipeline.extract.mentions import Extractor, mentions_frame
    from pipeline.ingest import iter_articles
    from pipeline.records import QuarantineRecord
    from pipeline.warehouse.storage import write_parquet_atomic

    source = Path(args.input)
    if not source.exists():
        console.print(f"[red]input {source} does not exist[/red]")
        return EXIT_USAGE
    articles = []
    for record in iter_articles(source):
        if isinstance(record, QuarantineRecord):
            console.print(f"[yellow]quarantined[/yellow] {record.source_path}@{record.record_offset}: {record.reason}")
        else:
            articles.append(record)
    mentions = mentions_frame(extract_with_progress(Extractor.from_settings(_settings(args)), articles, "extracting"))
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
    for mention in extract_with_progress(extractor, [g.article for g in gold], "scoring"):
        mentions_by_article[mention.article_id].append(mention)
    scores = score(gold, mentions_by_article, same_admin1=extractor.places.gazetteer.same_admin1)
    print(format_scores(scores))
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": scores.rows, **scores.fields}, indent=2))
    if args.details:
        import polars as pl

        pl.DataFrame(scores.details).write_csv(args.details)
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    settings = _settings(args)
    config_file = config_file_path()
    print(f"# config file: {config_file} ({'read' if config_file.is_file() else 'absent'})")
    sources = setting_sources(list(_overrides(args)))
    for name, value in {**settings.model_dump(), "database": settings.database,
                        "releases": settings.releases}.items():
        print(f"{name} = {value}  # {sources.get(name, 'derived from warehouse')}")
    return EXIT_OK


def _sql(args: argparse.Namespace) -> int:
    from pipeline.sql_console import QueryError, run_query, write_result

    statement = sys.stdin.read() if args.query == "-" else args.query
    try:
        frame = run_query(_settings(args).database, statement)
    except QueryError as error:
        console.print(str(error), style="red", markup=False, highlight=False)
        return EXIT_USAGE
    write_result(frame, args.format, sys.stdout)
    return EXIT_OK


def _shell(args: argparse.Namespace) -> int:
    from pipeline.sql_console import run_shell

    return run_shell(_settings(args).database, Console())


def write_dagster_home(home: Path) -> Path:
    """Create DAGSTER_HOME with a dagster.yaml (telemetry off, warehouse_writer pool limit 1) unless present."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home


def _ui(args: argparse.Namespace) -> int:
    settings = _settings(args)
    home = write_dagster_home(settings.warehouse.resolve() / ".dagster_home")
    dagster = shutil.which("dagster", path=str(Path(sys.executable).parent)) or shutil.which("dagster")
    if dagster is None:
        console.print("[red]the `dagster` command is not installed in this environment; run `uv sync`[/red]")
        return EXIT_USAGE
    environment = {**os.environ, "DAGSTER_HOME": str(home)}
    environment.update({f"{ENV_PREFIX}{name.upper()}": str(value) for name, value in _overrides(args).items()})
    console.print(f"Dagster UI at http://{args.host}:{args.port} (DAGSTER_HOME={home}); Ctrl-C stops it.")
    sys.stderr.flush()
    os.execve(dagster, [dagster, "dev", "-m", "pipeline.definitions", "-h", args.host, "-p", str(args.port)],
              environment)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    from pipeline.release.cli import add_release_commands

    parser = argparse.ArgumentParser(prog="conflict-events", description=__doc__.splitlines()[0],
                                     epilog=EXIT_CODES_HELP)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="materialize every asset in-process, from articles to the release")
    run.add_argument("--articles", help="folder or file of articles (default: seeds/articles)")
    run.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                     help="Dagster log level (default INFO)")
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

    config = commands.add_parser("config", help="print the effective settings and where each comes from")
    config.set_defaults(func=_config)

    sql = commands.add_parser("sql", help="run one read-only SQL query on the warehouse",
                              epilog="views: events_with_sources, actor_dyads, fatalities_by_admin1, "
                                     "events_by_country_month, events_by_type, quarantine_reasons")
    sql.add_argument("query", help="SQL text, or - to read it from standard input")
    sql.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output (default table)")
    sql.set_defaults(func=_sql)

    shell = commands.add_parser("shell", help="interactive read-only SQL prompt (.tables, .schema NAME, .quit)")
    shell.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    shell.set_defaults(func=_shell)

    ui = commands.add_parser("ui", help="start the Dagster UI (dagster dev) with DAGSTER_HOME in the warehouse")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=3000, help="port (default 3000)")
    ui.add_argument("--articles", help="articles folder the sensor watches and runs read (default: settings)")
    ui.add_argument("--warehouse", help="warehouse folder (default: settings)")
    ui.set_defaults(func=_ui)

    add_release_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `conflict-events` script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValidationError, tomllib.TOMLDecodeError) as error:
        console.print(f"[red]invalid settings (environment {ENV_PREFIX}* or {config_file_path()}):[/red]\n{error}")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
