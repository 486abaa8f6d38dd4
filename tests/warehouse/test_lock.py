"""One writer per warehouse: the OS-level lock, its re-entrancy, shared holds, the sweep, and who takes it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline.cli import EXIT_USAGE, main
from pipeline.definitions import defs
from pipeline.defs.resources import PipelineSettings
from pipeline.warehouse.lock import WarehouseBusyError, writer_lock

HOLDER = """
import sys
from pathlib import Path
from pipeline.warehouse.lock import writer_lock
with writer_lock(Path(sys.argv[1]), shared=sys.argv[2] == "shared"):
    print("held", flush=True)
    sys.stdin.read()
"""
PROBE = """
import sys
from pathlib import Path
from pipeline.warehouse.lock import WarehouseBusyError, writer_lock
try:
    with writer_lock(Path(sys.argv[1]), shared=sys.argv[2] == "shared", wait=False):
        print("free")
except WarehouseBusyError:
    print("busy")
"""


class Holder:
    """Another process holding the lock until released."""

    def __init__(self, warehouse: Path, mode: str = "exclusive"):
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(warehouse), mode], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        self.process.communicate(timeout=30)


def probe(warehouse: Path, mode: str = "exclusive") -> str:
    """What another process finds when it tries the lock without waiting."""
    return subprocess.run([sys.executable, "-c", PROBE, str(warehouse), mode], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def test_lock_is_reentrant_in_a_process_and_excludes_other_processes(tmp_path):
    with writer_lock(tmp_path):
        with writer_lock(tmp_path), writer_lock(tmp_path, shared=True):
            assert probe(tmp_path) == "busy"
        assert probe(tmp_path, "shared") == "busy"  # still held: the outer hold is not released by the inner
    assert probe(tmp_path) == "free"


def test_a_second_writer_waits_with_a_message_or_refuses_without_waiting(tmp_path):
    holder = Holder(tmp_path)
    try:
        with pytest.raises(WarehouseBusyError, match="being written by pid"), writer_lock(tmp_path, wait=False):
            pass
        messages, acquired = [], threading.Event()

        def wait_for_lock() -> None:
            with writer_lock(tmp_path, on_wait=messages.append):
                acquired.set()

        waiter = threading.Thread(target=wait_for_lock)
        waiter.start()
        time.sleep(1.5)
        assert not acquired.is_set()
        assert len(messages) == 1 and "waiting" in messages[0]
    finally:
        holder.release()
    waiter.join(timeout=30)
    assert acquired.is_set()


def test_shared_holders_run_together_but_exclude_an_exclusive_writer(tmp_path):
    holder = Holder(tmp_path, "shared")
    try:
        assert probe(tmp_path, "shared") == "free"
        assert probe(tmp_path) == "busy"
        with pytest.raises(WarehouseBusyError), writer_lock(tmp_path, wait=False):
            pass
    finally:
        holder.release()
    with writer_lock(tmp_path, shared=True), pytest.raises(RuntimeError, match="cannot be upgraded"), \
            writer_lock(tmp_path):
        pass


def test_a_killed_holder_releases_the_lock(tmp_path):
    holder = Holder(tmp_path)
    holder.process.kill()
    holder.process.wait(timeout=30)
    assert probe(tmp_path) == "free"


def test_the_first_exclusive_holder_sweeps_leftovers_of_killed_writers(tmp_path):
    leftovers = [tmp_path / "staging" / ".articles.parquet.4242.0a1b2c.tmp",
                 tmp_path / ".conflict.duckdb.4242.building", tmp_path / ".conflict.duckdb.4242.building.wal",
                 tmp_path / "cache" / "mentions" / "v1" / ".ab.keys.parquet.99.tmp"]
    kept = [tmp_path / "staging" / "articles.parquet", tmp_path / ".dagster_home" / "storage" / ".run.tmp",
            tmp_path / ".sql_history", tmp_path / "releases" / "1.0.0" / "events.parquet"]
    for path in [*leftovers, *kept]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    staging = tmp_path / "releases" / ".staging-1.1.0-k2j3"
    staging.mkdir()
    (staging / "events.parquet").write_text("partial")
    with writer_lock(tmp_path, shared=True):
        assert all(path.exists() for path in leftovers)  # a shared holder never sweeps
    with writer_lock(tmp_path):
        assert not any(path.exists() for path in [*leftovers, staging])
        assert all(path.exists() for path in kept)


def test_a_dagster_run_holds_the_lock_for_the_whole_run(tmp_path):
    seen = []

    @dg.asset
    def first(pipeline_settings: PipelineSettings) -> None:
        seen.append(probe(tmp_path, "shared"))

    @dg.asset(deps=[first])
    def second(pipeline_settings: PipelineSettings) -> None:
        seen.append(probe(tmp_path, "shared"))

    resources = {"pipeline_settings": PipelineSettings(overrides={"warehouse": str(tmp_path)})}
    result = dg.materialize([first, second], resources=resources)
    assert result.success and seen == ["busy", "busy"]
    assert probe(tmp_path) == "free"


def test_a_partition_run_holds_the_lock_shared(tmp_path):
    seen = []
    batches = dg.StaticPartitionsDefinition(["a", "b"])

    @dg.asset(partitions_def=batches)
    def batch(pipeline_settings: PipelineSettings) -> None:
        seen.append((probe(tmp_path, "shared"), probe(tmp_path)))

    resources = {"pipeline_settings": PipelineSettings(overrides={"warehouse": str(tmp_path)})}
    assert dg.materialize([batch], resources=resources, partition_key="a").success
    assert seen == [("free", "busy")]


@pytest.mark.parametrize("partition_by_batch", ["false", "true"])
def test_ui_runs_execute_in_one_process_so_the_lock_spans_the_run(monkeypatch, partition_by_batch):
    monkeypatch.setenv("CONFLICT_EVENTS_PARTITION_BY_BATCH", partition_by_batch)
    for job in defs().resolve_all_job_defs():
        assert job.executor_def.name == dg.in_process_executor.name


def test_every_step_takes_the_lock_resource_so_tables_checks_and_release_are_covered():
    job = defs().resolve_job_def("materialize_all")
    steps = {node.name: node.definition.required_resource_keys for node in job.graph.nodes}
    assert any("release" in name for name in steps) and any("warehouse_tables" in name for name in steps)
    assert all("pipeline_settings" in keys for keys in steps.values()), steps


def test_run_without_waiting_exits_2_while_another_run_writes(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    holder = Holder(tmp_path / "warehouse")
    try:
        code = main(["run", "--no-wait", "--articles", str(tmp_path / "articles"),
                     "--warehouse", str(tmp_path / "warehouse")])
    finally:
        holder.release()
    assert code == EXIT_USAGE
    err = " ".join(capsys.readouterr().err.split())
    assert "is being written by pid" in err and "--no-wait" in err
