"""A second `conflict-events run` on unchanged inputs reprints the last summary without materializing; an
edited article makes it a real run again (the real pipeline, twice)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK
from tests.cli.test_run_and_sql import ARTICLE, run_on, summary_rows

pytestmark = pytest.mark.slow  # two whole `conflict-events run`s
NOTHING_CHANGED = "Nothing changed since the last successful run"


def run_again(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", "--articles", str(root / "articles"),
         "--warehouse", str(root / "warehouse")],
        capture_output=True, text=True, timeout=900, env={**os.environ, "COLUMNS": "250"},
    )


def dagster_runs(warehouse: Path) -> int:
    import dagster as dg

    with dg.DagsterInstance.from_config(str(warehouse.resolve() / ".dagster_home")) as instance:
        return len(instance.get_runs())


@pytest.mark.timeout(1800)
def test_an_unchanged_run_is_a_no_op_and_an_edited_article_is_read_again(tmp_path):
    first = run_on(tmp_path, "2021-03-09_borno_attack.txt", ARTICLE)
    assert first.returncode == EXIT_OK, first.stderr[-3000:]
    assert NOTHING_CHANGED not in first.stderr

    second = run_again(tmp_path)
    assert second.returncode == EXIT_OK, second.stderr[-3000:]
    assert NOTHING_CHANGED in second.stderr
    before, after = summary_rows(first.stderr), summary_rows(second.stderr)
    assert {k: v for k, v in after.items() if k != "duration"} == {k: v for k, v in before.items() if k != "duration"}
    assert after["duration"].endswith("(nothing materialized)")
    assert dagster_runs(tmp_path / "warehouse") == 1  # nothing was materialized

    article = tmp_path / "articles" / "2021-03-09_borno_attack.txt"
    article.write_text(ARTICLE.replace("four villagers", "six villagers"), encoding="utf-8")
    third = run_again(tmp_path)
    assert third.returncode == EXIT_OK, third.stderr[-3000:]
    assert NOTHING_CHANGED not in third.stderr and "1 files read, 0 unchanged" in third.stderr
    assert dagster_runs(tmp_path / "warehouse") == 2
