"""`conflict-events run` on one article (the real pipeline, once), then read-only SQL on the warehouse it built."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console

from pipeline.cli import EXIT_OK, EXIT_USAGE, main
from pipeline.sql_console import run_shell
from pipeline.warehouse.storage import build_database

ARTICLE = """---
title: Gunmen kill four villagers near Maiduguri
source: Test Wire (written for the conflict-events tests)
published_at: 2021-03-09T10:00:00+01:00
language: en
---
Gunmen killed four villagers in an attack on a farming village near Maiduguri in Borno State, Nigeria, on Monday,
residents said. The attackers arrived on motorcycles and burned several houses before fleeing.
"""
STAGED = ("articles", "quarantine", "event_mentions", "events", "event_sources")


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("cli_run")
    (root / "articles").mkdir()
    (root / "articles" / "2021-03-09_borno_attack.txt").write_text(ARTICLE, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", "--articles", str(root / "articles"),
         "--warehouse", str(root / "warehouse")],
        capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"},
    )
    return completed, root / "warehouse"


def sql(capsys, warehouse: Path, query: str, *options: str) -> tuple[int, str, str]:
    code = main(["sql", query, "--warehouse", str(warehouse), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_run_prints_a_summary_and_exits_zero(pipeline_run):
    completed, warehouse = pipeline_run
    assert completed.returncode == EXIT_OK, completed.stderr[-3000:]
    summary = {line.strip("│ ").split("│")[0].strip(): line.strip("│ ").split("│")[-1].strip()
               for line in completed.stderr.splitlines() if line.startswith("│")}
    assert summary["articles loaded"] == "1"
    assert summary["records quarantined"] == "0"
    assert int(summary["events"]) >= 1
    assert summary["checks passed"] == "3/3"
    assert summary["release"] == f"1.0.0 → {warehouse / 'releases' / '1.0.0'}"
    assert summary["database"] == str(warehouse / "conflict.duckdb")
    assert summary["duration"].endswith(" s")
    assert "DEBUG" not in completed.stderr  # Dagster's step-by-step debug events stay out of the default output


def test_sql_prints_table_csv_and_json(pipeline_run, capsys):
    _, warehouse = pipeline_run
    code, out, _ = sql(capsys, warehouse, "SELECT country, admin1, events FROM fatalities_by_admin1",
                       "--format", "json")
    assert code == EXIT_OK
    rows = json.loads(out)
    assert rows and rows[0]["country"] == "Nigeria" and rows[0]["events"] >= 1
    code, out, _ = sql(capsys, warehouse, "SELECT count(*) AS n FROM articles", "--format", "csv")
    assert (code, out) == (EXIT_OK, "n\n1\n")
    code, out, _ = sql(capsys, warehouse, "SELECT event_type, events FROM events_by_type")
    assert code == EXIT_OK and "event_type" in out and "1 row" in out


def test_sql_refuses_writes_with_exit_code_2(pipeline_run, capsys):
    _, warehouse = pipeline_run
    for statement in ("DELETE FROM events", "DROP VIEW actor_dyads", "CREATE TABLE notes AS SELECT 1 AS x"):
        code, out, err = sql(capsys, warehouse, statement)
        assert code == EXIT_USAGE and out == ""
        assert "write refused" in err and "read-only" in err
    code, out, _ = sql(capsys, warehouse, "SELECT count(*) AS n FROM events", "--format", "csv")
    assert code == EXIT_OK and int(out.split()[1]) >= 1


def test_sql_reports_bad_sql_and_a_missing_warehouse(pipeline_run, capsys, tmp_path):
    _, warehouse = pipeline_run
    code, _, err = sql(capsys, warehouse, "SELECT * FROM no_such_table")
    assert code == EXIT_USAGE and "no_such_table" in err
    code, _, err = sql(capsys, tmp_path, "SELECT 1")
    assert code == EXIT_USAGE and "conflict-events run" in err


def test_sql_reads_while_a_writer_rebuilds_the_warehouse(pipeline_run, capsys):
    _, warehouse = pipeline_run
    database = warehouse / "conflict.duckdb"
    staged = {table: warehouse / "staging" / f"{table}.parquet" for table in STAGED}
    _, expected, _ = sql(capsys, warehouse, "SELECT count(*) AS n FROM events_with_sources", "--format", "csv")
    stop, builds, errors = threading.Event(), [], []

    def rebuild() -> None:
        while not stop.is_set():
            try:
                build_database(staged, database)
                builds.append(1)
            except Exception as error:
                errors.append(error)
                return

    writer = threading.Thread(target=rebuild)
    writer.start()
    try:
        results = []
        while len(results) < 40 or len(builds) < 3:
            results.append(sql(capsys, warehouse, "SELECT count(*) AS n FROM events_with_sources", "--format", "csv"))
            assert len(results) < 2000, "the writer never completed three rebuilds"
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors
    assert len(builds) >= 3
    assert all(code == EXIT_OK and out == expected for code, out, _ in results), results[:3]


def test_shell_runs_multiline_statements_and_dot_commands(pipeline_run):
    _, warehouse = pipeline_run
    lines = iter([".tables", "SELECT count(*) AS article_count", "  FROM articles;", "DELETE FROM events;",
                  ".schema quarantine_reasons", ".quit", "SELECT 'never read';"])
    output = io.StringIO()
    code = run_shell(warehouse / "conflict.duckdb", Console(file=output, width=160), lambda prompt: next(lines))
    text = output.getvalue()
    assert code == EXIT_OK
    assert "events_with_sources" in text and "view" in text and "base table" in text
    assert "article_count" in text
    assert "write refused" in text
    assert "example_reason" in text
    assert "never read" not in text


def test_place_key_matches_spellings_of_one_admin1(tmp_path):
    import duckdb

    from pipeline.sql_console import run_query

    database = tmp_path / "conflict.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("CREATE TABLE events AS SELECT * FROM (VALUES ('Al-Hasakah'), ('Aleppo'), (NULL)) t(admin1)")
    found = run_query(database, "SELECT admin1 FROM events WHERE place_key(admin1) = place_key('Al Hasakeh')")
    assert found.column("admin1") == ["Al-Hasakah"]
    assert run_query(database, "SELECT count(*) AS n FROM events WHERE place_key(admin1) IS NULL").column("n") == [1]
