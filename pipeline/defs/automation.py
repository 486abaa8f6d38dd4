"""How and when runs happen: in one process per run, the `materialize_all` and `ingest` jobs, a sensor on the
articles folder, and the declarative automation of every asset (both start stopped: switch them on in the UI)."""


import hashlib
import json

import dagster as dg

from pipeline.defs.partitions import article_batches
from pipeline.defs.resources import PipelineSettings

materialize_all_job = dg.define_asset_job("materialize_all", selection=dg.AssetSelection.all(),
                                          description="Every stage, from raw articles to the release.")
ingest_job = dg.define_asset_job("ingest", selection=dg.AssetSelection.groups("ingest"),
                                 description="Load new or changed article files; the rest follows by automation.")

automation = dg.AutomationConditionSensorDefinition(
    "automation", target=dg.AssetSelection.all(), default_status=dg.DefaultSensorStatus.STOPPED,
    description="Evaluates each asset's automation condition: ingest daily at 06:00 UTC, everything else as soon "
                "as what it reads was updated (release only after its checks passed).",
)


def fingerprints_key(fingerprints: dict[str, str]) -> str:
    """A short, order-independent key for a set of file fingerprints (used as cursor check and run_key)."""
    canonical = json.dumps(fingerprints, sort_keys=True).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Files that are new or whose content changed since the previous fingerprints (removals do not count)."""
    from pipeline.ingest.files import same_content

    return sorted(path for path, digest in current.items() if not same_content(previous.get(path), digest))


def _new_batches(context: dg.SensorEvaluationContext, files: list[str], articles: object) -> list[str]:
    from pipeline.ingest.incremental import batch_key

    known = set(context.instance.get_dynamic_partitions(article_batches.name))
    return sorted({batch_key(path, articles) for path in files} - known)


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Requests an ingest run when a file in the articles folder is added or changed, and registers "
                       "each new file as an article batch when extraction is partitioned.")
def new_articles_sensor(context: dg.SensorEvaluationContext, pipeline_settings: PipelineSettings):
    """Compare the articles folder's file fingerprints with those stored in the cursor (files whose size and mtime
    did not change are not read)."""
    from pipeline.ingest.files import file_fingerprints

    settings = pipeline_settings.settings()
    previous = json.loads(context.cursor) if context.cursor else {}
    try:
        current = file_fingerprints(settings.articles, previous)
    except FileNotFoundError:
        return dg.SkipReason(f"articles source {settings.articles} does not exist")
    changed = changed_files(previous, current)
    cursor = json.dumps(current, sort_keys=True)
    if not changed:
        return dg.SensorResult(skip_reason=dg.SkipReason("no new or changed article files"), cursor=cursor)
    context.log.info(f"{len(changed)} new or changed article files: {', '.join(changed[:5])}")
    batches = _new_batches(context, changed, settings.articles) if settings.partition_by_batch else []
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=fingerprints_key(current),
                                    tags={"conflict_events/changed_files": str(len(changed))})],
        dynamic_partitions_requests=[article_batches.build_add_request(batches)] if batches else [],
        cursor=cursor,
    )


defs = dg.Definitions(jobs=[materialize_all_job, ingest_job], sensors=[new_articles_sensor, automation],
                      executor=dg.in_process_executor)
