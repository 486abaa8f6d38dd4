"""Automation: the `materialize_all` job, a sensor on the articles folder and a daily schedule (off by default)."""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.ingest.files import file_fingerprints, same_content

materialize_all_job = dg.define_asset_job("materialize_all", selection=dg.AssetSelection.all(),
                                          description="Every stage, from raw articles to the release.")

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh", job=materialize_all_job, cron_schedule="0 6 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild everything at 06:00 UTC (turn it on in the UI under Automation).",
)


def fingerprints_key(fingerprints: dict[str, str]) -> str:
    """A short, order-independent key for a set of file fingerprints (used as cursor check and run_key)."""
    canonical = json.dumps(fingerprints, sort_keys=True).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Files that are new or whose content changed since the previous fingerprints (removals do not count)."""
    return sorted(path for path, digest in current.items() if not same_content(previous.get(path), digest))


@dg.sensor(job=materialize_all_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Requests a materialize_all run when a file in the articles folder is added or changed.")
def new_articles_sensor(context: dg.SensorEvaluationContext, pipeline_settings: PipelineSettings):
    """Compare the articles folder's file fingerprints with those stored in the cursor (files whose size and mtime
    did not change are not read)."""
    previous = json.loads(context.cursor) if context.cursor else {}
    try:
        current = file_fingerprints(pipeline_settings.articles, previous)
    except FileNotFoundError:
        return dg.SkipReason(f"articles source {pipeline_settings.articles} does not exist")
    changed = changed_files(previous, current)
    cursor = json.dumps(current, sort_keys=True)
    if not changed:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed article files"), cursor=cursor)
    context.log.info(f"{len(changed)} new or changed article files: {', '.join(changed[:5])}")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=fingerprints_key(current),
                                    tags={"conflict_events/changed_files": str(len(changed))})],
        cursor=cursor,
    )
