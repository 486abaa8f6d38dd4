"""Two `run`s on one warehouse never interleave: the second waits (or exits 2 with --no-wait), and every release
is consistent: each event_sources.article_id is in that release's articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from pipeline.release.catalog import release_dirs

from .corpus import GOOD

pytestmark = pytest.mark.slow
TOWNS = ["Maiduguri in Borno State", "Kano in Kano State", "Jos in Plateau State", "Sokoto in Sokoto State"]


def feed(folder: Path, articles: int) -> Path:
    """A JSONL feed of short reports (one file), like a wire export."""
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": f"feed-{i}", "published_at": "2021-03-09T10:00:00Z", "title": f"Attack {i}",
                         "text": f"Gunmen killed {i % 7 + 2} villagers near {TOWNS[i % len(TOWNS)]}, Nigeria, on "
                                 f"Monday, residents said. Report number {i}."}) for i in range(articles)]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def small_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def start(articles: Path, warehouse: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", "--articles", str(articles),
                             "--warehouse", str(warehouse), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})


def finish(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=1500)
    return process.returncode, " ".join(err.split())


def wait_until_holding(process: subprocess.Popen, warehouse: Path) -> None:
    """Until ``process`` holds the warehouse's writer lock (it writes its pid into the lock file)."""
    lock = warehouse / ".writer.lock"
    deadline = time.monotonic() + 300
    while not (lock.exists() and f"pid {process.pid} " in lock.read_text()):
        assert process.poll() is None and time.monotonic() < deadline, "the first run never took the lock"
        time.sleep(0.05)


def assert_consistent(warehouse: Path) -> None:
    releases = release_dirs(warehouse / "releases")
    assert releases
    for release in releases:
        articles = set(pl.read_parquet(release / "articles.parquet")["article_id"])
        sources = set(pl.read_parquet(release / "event_sources.parquet")["article_id"])
        assert sources and sources <= articles, f"{release.name}: {len(sources - articles)} sources not in articles"


def test_a_run_started_during_another_waits_and_no_wait_exits_2(tmp_path):
    warehouse = tmp_path / "warehouse"
    big, small = feed(tmp_path / "big", 20), small_folder(tmp_path / "small")
    first = start(big, warehouse)
    wait_until_holding(first, warehouse)
    second = start(small, warehouse)
    impatient = start(small, warehouse, "--no-wait")
    impatient_code, impatient_err = finish(impatient)
    assert first.poll() is None, "the first run ended before the test could force the overlap"
    assert impatient_code == 2 and "not waiting (--no-wait)" in impatient_err
    (first_code, first_err), (second_code, second_err) = finish(first), finish(second)
    assert (first_code, second_code) == (0, 0), (first_err[-2000:], second_err[-2000:])
    assert "waiting for it to finish" in second_err
    assert_consistent(warehouse)
    latest = (warehouse / "releases" / "latest").resolve()
    assert set(pl.read_parquet(latest / "articles.parquet")["title"]) == {
        text.split("title: ")[1].split("\n")[0] for text in GOOD.values()}


def test_runs_started_together_never_interleave(tmp_path):
    warehouse = tmp_path / "warehouse"
    big, small = feed(tmp_path / "big", 20), small_folder(tmp_path / "small")
    runs = [start(big, warehouse), start(small, warehouse)]
    outcomes = [finish(run) for run in runs]
    assert [code for code, _ in outcomes] == [0, 0], [err[-2000:] for _, err in outcomes]
    assert sum("waiting for it to finish" in err for _, err in outcomes) == 1
    assert_consistent(warehouse)


def test_the_same_input_twice_at_once_publishes_one_release(tmp_path):
    warehouse, small = tmp_path / "warehouse", small_folder(tmp_path / "small")
    outcomes = [finish(run) for run in [start(small, warehouse), start(small, warehouse)]]
    assert [code for code, _ in outcomes] == [0, 0], [err[-2000:] for _, err in outcomes]
    assert [path.name for path in release_dirs(warehouse / "releases")] == ["1.0.0"]
    assert_consistent(warehouse)
