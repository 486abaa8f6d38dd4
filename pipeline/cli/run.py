"""`conflict-events run`: materialize every asset in-process, from the articles to the release, and summarise."""

from __future__ import annotations

import argparse
import time

from pipeline.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, console, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="materialize every asset in-process, from articles to the release")
    run.add_argument("--articles", help="folder or file of articles (default: seeds/articles)")
    run.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                     help="Dagster log level (default INFO)")
    run.set_defaults(func=run_pipeline)


def run_pipeline(args: argparse.Namespace) -> int:
    import dagster as dg
    from rich.table import Table

    from pipeline.definitions import ALL_ASSETS
    from pipeline.defs.resources import PipelineSettings

    settings = settings_from(args)
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
    if "event_mentions" in metadata and "not_read_language" in metadata["event_mentions"]:
        summary.add_row("not read (language)", metadata["event_mentions"]["not_read_language"].value)
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
