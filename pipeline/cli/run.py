"""`conflict-events run`: materialize every asset in-process, from the articles to the release, and summarise."""

from __future__ import annotations

import argparse
import time

from pipeline.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    console,
    dagster_home,
    path_overrides,
    settings_from,
    shown_path,
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="materialize every asset in-process, from articles to the release")
    run.add_argument("--articles", help="folder or file of articles (default: seeds/articles)")
    run.add_argument("--warehouse", help="warehouse folder (default: warehouse/)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                     help="Dagster log level (default INFO)")
    run.add_argument("--no-wait", action="store_true",
                     help="exit with code 2 instead of waiting when another run is writing the warehouse")
    run.set_defaults(func=run_pipeline)


def run_pipeline(args: argparse.Namespace) -> int:
    from pipeline.warehouse.lock import WarehouseBusyError, writer_lock

    settings = settings_from(args)
    if not settings.articles.exists():
        console.print(f"articles source {settings.articles} does not exist", style="red", markup=False)
        return EXIT_USAGE
    if settings.partition_by_batch:
        console.print("[red]partition_by_batch is set: partitioned extraction runs as backfills (README, "
                      "\"Scaling out\"); unset it for `run`[/red]")
        return EXIT_USAGE
    try:
        with writer_lock(settings.warehouse, wait=not args.no_wait,
                         on_wait=lambda message: console.print(message, markup=False, highlight=False)):
            return _run_if_changed(args, settings)
    except WarehouseBusyError as busy:
        console.print(f"{busy}; not waiting (--no-wait). Run again when it has finished.", style="red",
                      markup=False, highlight=False)
        return EXIT_USAGE


def _run_if_changed(args: argparse.Namespace, settings) -> int:
    """Reprint the last run's summary when nothing it was made from has changed (no spaCy, no Dagster); else
    materialize everything and remember what this run was made from once it has succeeded."""
    from pipeline.warehouse.fingerprint import forget_run, last_run, remember_run, unchanged_since

    started = time.perf_counter()
    previous = last_run(settings)
    unchanged, inputs = unchanged_since(settings, previous)
    if unchanged:
        rows = [(label, f"{time.perf_counter() - started:.1f} s (nothing materialized)" if label == "duration"
                 else value) for label, value in previous.summary]
        console.print(_summary_table(rows))
        console.print("Nothing changed since the last successful run (articles, seeds, settings and code are the "
                      "same): the database and the release are as it left them.", markup=False, highlight=False)
        for note in previous.notes:
            console.print(note, markup=False, highlight=False)
        return EXIT_OK
    forget_run(settings)
    code, rows, notes = _materialize_all(args, settings)
    if code == EXIT_OK:
        remember_run(settings, inputs, rows, notes)
    return code


def _materialize_all(args: argparse.Namespace, settings) -> tuple[int, list, list[str]]:
    """Materialize every asset in-process (the caller holds the warehouse lock) and print the summary; the exit
    code, the summary's rows and the notes printed after it."""
    import dagster as dg

    from pipeline.definitions import defs

    console.print(f"materializing all assets: articles={shown_path(settings.articles)} "
                  f"warehouse={shown_path(settings.warehouse)}", markup=False)
    started = time.perf_counter()
    overrides = {name: str(value) for name, value in path_overrides(args).items()}
    with dg.DagsterInstance.from_config(str(dagster_home(settings))) as instance:
        result = defs().resolve_job_def("materialize_all").execute_in_process(
            instance=instance, raise_on_error=False, tags={"conflict_events/command": "run"},
            run_config={"loggers": {"console": {"config": {"log_level": args.log_level}}},
                        "resources": {"pipeline_settings": {"config": {"overrides": overrides}}}})
    return report(result, settings, time.perf_counter() - started)


def _count(metadata: dict, asset: str, key: str = "dagster/row_count") -> int | None:
    value = metadata.get(asset, {}).get(key)
    return None if value is None else value.value


def _summary_table(rows: list[tuple[str, str]]):
    from rich.table import Table

    summary = Table(title="conflict-events run", show_header=False)
    for label, value in rows:
        summary.add_row(label, value)
    return summary


def _summary(metadata: dict, checks: list, quarantined: int, settings, seconds: float) -> list[tuple[str, str]]:
    """The run's summary rows: what was loaded, read, found, checked and published."""
    summary = []
    for asset, key, label in (("raw_articles", "dagster/row_count", "articles loaded"),
                              ("quarantine", "dagster/row_count", "records quarantined"),
                              ("event_mentions", "unreadable_articles", "articles not read (language)"),
                              ("event_mentions", "dagster/row_count", "event mentions"),
                              ("events", "dagster/row_count", "events")):
        count = _count(metadata, asset, key)
        if count is not None:
            summary.append((label, str(quarantined if asset == "quarantine" else count)))
    summary.append(("checks passed", f"{sum(c.passed for c in checks)}/{len(checks)}"))
    released = metadata.get("release")
    summary.append(("release", f"{released['version'].value} → {shown_path(released['path'].value)}"
                    if released else "none"))
    summary.append(("database", shown_path(settings.database) if released else "unchanged (the gate did not pass)"))
    summary.append(("duration", f"{seconds:.1f} s"))
    return summary


def _quarantined(metadata: dict) -> int:
    """Records quarantined by ingest plus articles quarantined by extraction."""
    return sum(count or 0 for count in (_count(metadata, "quarantine"),
                                        _count(metadata, "event_mentions", "articles_quarantined")))


def report(result, settings, seconds: float) -> tuple[int, list[tuple[str, str]], list[str]]:
    """Print the run's summary and what to do next; the exit code, the summary's rows and the notes printed."""
    metadata = {
        event.asset_key.to_user_string(): event.step_materialization_data.materialization.metadata
        for event in result.get_asset_materialization_events()
    }
    checks = result.get_asset_check_evaluations()
    quarantined = _quarantined(metadata)
    rows = _summary(metadata, checks, quarantined, settings, seconds)
    console.print(_summary_table(rows))
    failed = [c for c in checks if not c.passed]
    if failed:
        console.print(f"[red]checks failed: {', '.join(c.asset_check_key.to_user_string() for c in failed)}; the "
                      f"database and the latest release are unchanged.[/red] Next: read the failed expectations in "
                      f"{settings.staging / 'validation'}/<table>.json or in the UI (`conflict-events ui`, asset "
                      f"warehouse/<table> → Checks), fix the input and run again.")
        return EXIT_FAILED, rows, []
    if not result.success or "release" not in metadata:
        for failure in result.get_step_failure_events():
            error = failure.step_failure_data.error
            console.print(f"step {failure.step_key} failed: {error.message.strip() if error else ''}", style="red",
                          markup=False, highlight=False)
        console.print("[red]the run did not complete.[/red] Next: fix the error above and run again (articles "
                      "already extracted are served from the cache), or rerun with --log-level DEBUG for detail.")
        return EXIT_FAILED, rows, []
    notes = _input_notes(metadata, quarantined, settings)
    for note in notes:
        console.print(note, markup=False, highlight=False)
    return EXIT_OK, rows, notes


def _input_notes(metadata: dict, quarantined: int, settings) -> list[str]:
    """What to say about inputs that produced nothing: quarantined records and articles in a language no model
    reads."""
    # polars: not on the path of `sql` and `shell`
    from pipeline.extract.languages import describe_models, language_models, none_readable

    notes = []
    if quarantined:
        notes.append(f"{quarantined} input record{' was' if quarantined == 1 else 's were'} quarantined; see why "
                      f"with `conflict-events sql --warehouse {shown_path(settings.warehouse)} \"SELECT * FROM "
                      f"quarantine_reasons\"`")
    unread = _count(metadata, "event_mentions", "unreadable_articles") or 0
    titles = metadata["event_mentions"]["unreadable_titles"].value if unread else []
    if unread:
        models = describe_models(language_models(settings))
        notes.append(f"{unread} article{' was' if unread == 1 else 's were'} not read: no extraction model reads "
                     f"{'its' if unread == 1 else 'their'} language (models {models}): {'; '.join(titles)}"
                     f"{'; …' if unread > len(titles) else ''}")
    if _count(metadata, "events") == 0:
        loaded = _count(metadata, "raw_articles") or 0
        reason = ("no article was loaded" if not loaded else
                  none_readable(loaded, {t.split(":")[0] for t in titles}) if unread and unread >= loaded else
                  "no article reported a new event the extractor is confident of")
        notes.append(f"The release holds no events: {reason}.")
    return notes
