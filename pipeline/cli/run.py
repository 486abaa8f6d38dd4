"""`conflict-events run`: materialize every asset in-process, from the articles to the release, and summarise."""

from __future__ import annotations

import argparse
import time

from pipeline.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, console, settings_from, shown_path
from pipeline.extract.languages import none_readable


def add_parser(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="materialize every asset in-process, from articles to the release")
    run.add_argument("--articles", help="folder or file of articles (default: seeds/articles)")
    run.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                     help="Dagster log level (default INFO)")
    run.set_defaults(func=run_pipeline)


def run_pipeline(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipeline.definitions import ALL_ASSETS
    from pipeline.defs.resources import PipelineSettings

    settings = settings_from(args)
    if not settings.articles.exists():
        console.print(f"[red]articles source {settings.articles} does not exist[/red]")
        return EXIT_USAGE
    resource = PipelineSettings(articles=str(settings.articles), warehouse=str(settings.warehouse),
                                seeds=str(settings.seeds), spacy_model=settings.spacy_model,
                                min_mention_confidence=settings.min_mention_confidence)
    console.print(f"materializing all assets: articles={shown_path(settings.articles)} "
                  f"warehouse={shown_path(settings.warehouse)}")
    started = time.perf_counter()
    result = dg.materialize(ALL_ASSETS, resources={"pipeline_settings": resource}, raise_on_error=False,
                            run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}}})
    metadata = {
        event.asset_key.to_user_string(): event.step_materialization_data.materialization.metadata
        for event in result.get_asset_materialization_events()
    }
    checks = result.get_asset_check_evaluations()
    console.print(_summary(metadata, checks, settings, time.perf_counter() - started))
    failed = [c.check_name for c in checks if not c.passed]
    if failed:
        console.print(f"[red]checks failed: {', '.join(failed)}; no release was published (the previous one is "
                      f"kept).[/red] Next: read the failed expectations in {settings.warehouse / 'validation.json'} "
                      f"or in the UI (`conflict-events ui`, asset `warehouse` → Checks), query the tables with "
                      f"`conflict-events sql --warehouse {settings.warehouse} \"…\"`, fix the input and run again.")
        return EXIT_FAILED
    if not result.success or "release" not in metadata:
        for failure in result.get_step_failure_events():
            error = failure.step_failure_data.error
            console.print(f"step {failure.step_key} failed: {error.message.strip() if error else ''}", style="red",
                          markup=False, highlight=False)
        console.print("[red]the run did not complete.[/red] Next: fix the error above and run again (articles "
                      "already extracted are served from the cache), or rerun with --log-level DEBUG for detail.")
        return EXIT_FAILED
    _print_input_notes(metadata, settings)
    return EXIT_OK


def _count(metadata: dict, asset: str, key: str = "dagster/row_count") -> int | None:
    value = metadata.get(asset, {}).get(key)
    return None if value is None else value.value


def _summary(metadata: dict, checks: list, settings, seconds: float):
    """The run's summary table: what was loaded, read, found, checked and published."""
    from rich.table import Table

    summary = Table(title="conflict-events run", show_header=False)
    for asset, key, label in (("raw_articles", "dagster/row_count", "articles loaded"),
                              ("quarantine", "dagster/row_count", "records quarantined"),
                              ("event_mentions", "unreadable_articles", "articles not read (language)"),
                              ("event_mentions", "dagster/row_count", "event mentions"),
                              ("events", "dagster/row_count", "events")):
        count = _count(metadata, asset, key)
        if count is not None:
            summary.add_row(label, str(count))
    summary.add_row("checks passed", f"{sum(c.passed for c in checks)}/{len(checks)}")
    released = metadata.get("release")
    summary.add_row("release", f"{released['version'].value} → {shown_path(released['path'].value)}"
                    if released else "none")
    summary.add_row("database", shown_path(settings.database) if "warehouse" in metadata else "not rebuilt")
    summary.add_row("duration", f"{seconds:.1f} s")
    return summary


def _print_input_notes(metadata: dict, settings) -> None:
    """Say which inputs produced nothing: quarantined records and articles in a language no model reads."""
    quarantined = _count(metadata, "quarantine") or 0
    if quarantined:
        console.print(f"{quarantined} input record{' was' if quarantined == 1 else 's were'} quarantined; see why "
                      f"with `conflict-events sql --warehouse {shown_path(settings.warehouse)} \"SELECT * FROM "
                      f"quarantine_reasons\"`")
    unread = _count(metadata, "event_mentions", "unreadable_articles") or 0
    titles = metadata["event_mentions"]["unreadable_titles"].value if unread else []
    if unread:
        console.print(f"{unread} article{' was' if unread == 1 else 's were'} not read: the extraction model "
                      f"{settings.spacy_model} has no support for {'its' if unread == 1 else 'their'} language "
                      f"({'; '.join(titles)}{'; …' if unread > len(titles) else ''})", markup=False, highlight=False)
    if _count(metadata, "events") == 0:
        loaded = _count(metadata, "raw_articles") or 0
        reason = ("no article was loaded" if not loaded else
                  none_readable(loaded, {t.split(":")[0] for t in titles}) if unread and unread >= loaded else
                  "no article reported a new event the extractor is confident of")
        console.print(f"The release holds no events: {reason}.", markup=False, highlight=False)
