"""The articles-folder sensor and the daily schedule, evaluated with Dagster's test contexts."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipeline.definitions import defs
from pipeline.defs.automation import changed_files, new_articles_sensor
from pipeline.defs.resources import PipelineSettings


def evaluate(articles: Path, cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    with dg.build_sensor_context(cursor=cursor, resources={
            "pipeline_settings": PipelineSettings(articles=str(articles))}) as context:
        return new_articles_sensor(context)


def test_sensor_requests_one_run_per_new_or_changed_file(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "first.txt").write_text("Rebels attacked a checkpoint on Monday.\n", encoding="utf-8")

    initial = evaluate(articles, None)
    assert len(initial.run_requests) == 1  # nothing seen yet: the existing files are new

    unchanged = evaluate(articles, initial.cursor)
    assert unchanged.run_requests == [] and unchanged.skip_reason is not None

    (articles / "second.txt").write_text("Police dispersed a protest on Tuesday.\n", encoding="utf-8")
    added = evaluate(articles, unchanged.cursor)
    assert len(added.run_requests) == 1
    request = added.run_requests[0]
    assert request.run_key not in (None, initial.run_requests[0].run_key)
    assert request.tags["conflict_events/changed_files"] == "1"
    assert evaluate(articles, added.cursor).run_requests == []

    (articles / "first.txt").write_text("Rebels attacked two checkpoints on Monday.\n", encoding="utf-8")
    edited = evaluate(articles, added.cursor)
    assert len(edited.run_requests) == 1
    assert edited.run_requests[0].run_key not in (initial.run_requests[0].run_key, request.run_key)


def test_sensor_skips_when_the_articles_folder_is_missing(tmp_path):
    result = evaluate(tmp_path / "absent", None)
    assert isinstance(result, dg.SkipReason)
    assert "does not exist" in result.skip_message


def test_changed_files_ignores_removed_files():
    assert changed_files({"a": "1", "b": "2"}, {"a": "1", "c": "3"}) == ["c"]
    assert changed_files({"a": "1"}, {"a": "9"}) == ["a"]


def test_sensor_and_schedule_target_materialize_all_and_start_stopped():
    sensor = defs.resolve_sensor_def("new_articles_sensor")
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert sensor.job_name == schedule.job_name == "materialize_all"
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    assert defs.resolve_job_def("materialize_all") is not None
