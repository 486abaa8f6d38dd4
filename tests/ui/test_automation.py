"""The articles-folder sensor, the declarative automation and the job, evaluated with Dagster's test contexts."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipeline.definitions import defs
from pipeline.defs.automation import changed_files, new_articles_sensor
from pipeline.defs.resources import PipelineSettings


def evaluate(articles: Path, cursor: str | None, instance=None) -> dg.SensorResult | dg.SkipReason:
    resource = PipelineSettings(overrides={"articles": str(articles)})
    with dg.build_sensor_context(cursor=cursor, instance=instance,
                                 resources={"pipeline_settings": resource}) as context:
        return new_articles_sensor(context)


def test_sensor_requests_one_run_per_new_or_changed_file(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "first.txt").write_text("Rebels attacked a checkpoint on Monday.\n", encoding="utf-8")

    initial = evaluate(articles, None)
    assert len(initial.run_requests) == 1  # nothing seen yet: the existing files are new
    assert initial.dynamic_partitions_requests == []  # extraction is not partitioned by default

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


def test_sensor_registers_new_files_as_batches_when_partitioned(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "first.txt").write_text("Rebels attacked a checkpoint on Monday.\n", encoding="utf-8")
    resource = PipelineSettings(overrides={"articles": str(articles), "partition_by_batch": "true"})
    with (dg.instance_for_test() as instance,
          dg.build_sensor_context(instance=instance, resources={"pipeline_settings": resource}) as context):
        (request,) = new_articles_sensor(context).dynamic_partitions_requests
    assert request.partitions_def_name == "article_batches"
    assert len(request.partition_keys) == 1 and request.partition_keys[0].startswith("first.txt-")


def test_sensor_skips_when_the_articles_folder_is_missing(tmp_path):
    result = evaluate(tmp_path / "absent", None)
    assert isinstance(result, dg.SkipReason)
    assert "does not exist" in result.skip_message


def test_changed_files_ignores_removed_files():
    assert changed_files({"a": "1", "b": "2"}, {"a": "1", "c": "3"}) == ["c"]
    assert changed_files({"a": "1"}, {"a": "9"}) == ["a"]


def test_automation_is_declarative_and_starts_stopped():
    definitions = defs()
    graph = definitions.resolve_asset_graph()
    sensors = {s.name: s for s in definitions.sensors}
    assert set(sensors) == {"new_articles_sensor", "automation"}
    assert all(s.default_status == dg.DefaultSensorStatus.STOPPED for s in sensors.values())
    assert sensors["new_articles_sensor"].job_name == "ingest"
    assert not definitions.schedules
    conditions = {key.to_user_string(): graph.get(key).automation_condition for key in graph.get_all_asset_keys()}
    assert all(conditions.values())
    assert "0 6 * * *" in str(conditions["raw_articles"])
    assert definitions.resolve_job_def("materialize_all").executor_def.name == "in_process"
