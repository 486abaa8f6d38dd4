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
STAGED = ("articles", "quarantine", "event_mentions", "normalized_mentions", "events", "event_sources")

pytestmark = pytest.mark.slow  # a whole `conflict-events run`


def run_on(root: Path, name: str, article: str) -> subprocess.CompletedProcess:
    """`conflict-events run` on one article written to root/articles, into root/warehouse."""
    (root / "articles").mkdir()
    (root / "articles" / name).write_text(article, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", "--articles", str(root / "articles"),
         "--warehouse", str(root / "warehouse")],
        capture_output=True, text=True, timeout=900, env={**os.environ, "COLUMNS": "250"},
    )


def summary_rows(stderr: str) -> dict[str, str]:
    return {line.strip("│ ").split("│")[0].strip(): line.strip("│ ").split("│")[-1].strip()
            for line in stderr.splitlines() if line.startswith("│")}


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    root = tmp_path_factory.mktemp("cli_run")
    return run_on(root, "2021-03-09_borno_attack.txt", ARTICLE), root / "warehouse"


def sql(capsys, warehouse: Path, query: str, *options: str) -> tuple[int, str, str]:
    code = main(["sql", query, "--warehouse", str(warehouse), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_run_prints_a_summary_and_exits_zero(pipeline_run):
    completed, warehouse = pipeline_run
    assert completed.returncode == EXIT_OK, completed.stderr[-3000:]
    summary = summary_rows(completed.stderr)
    assert summary["articles loaded"] == "1"
    assert summary["records quarantined"] == "0"
    assert int(summary["events"]) >= 1
    assert summary["checks passed"] == "9/9"  # one per warehouse table
    assert summary["release"] == f"1.0.0 → {warehouse / 'releases' / '1.0.0'}"
    assert summary["database"] == str(warehouse / "conflict.duckdb")
    assert summary["duration"].endswith(" s")
    assert "DEBUG" not in completed.stderr  # Dagster's step-by-step debug events stay out of the default output


def test_the_run_is_recorded_in_the_warehouse_dagster_instance(pipeline_run):
    """`conflict-events ui` opens this instance, so the UI's run list shows the run."""
    import dagster as dg

    _, warehouse = pipeline_run
    with dg.DagsterInstance.from_config(str(warehouse.resolve() / ".dagster_home")) as instance:
        (run,) = instance.get_runs()
        materialized = instance.get_latest_materialization_event(dg.AssetKey("release"))
    assert run.job_name == "materialize_all" and run.status == dg.DagsterRunStatus.SUCCESS
    assert run.tags["conflict_events/command"] == "run"
    assert materialized is not None and materialized.run_id == run.run_id


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
    import polars as pl

    from pipeline.sql_console import run_query
    from pipeline.warehouse.storage import create_macros

    database = tmp_path / "conflict.duckdb"
    staged = tmp_path / "events.parquet"
    pl.DataFrame({"admin1": ["Al-Hasakah", "Aleppo", None]}).write_parquet(staged)
    with duckdb.connect(str(database)) as writer:  # what build_database does first, then the tables
        create_macros(writer)
        writer.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{staged}')")
    found = run_query(database, "SELECT admin1 FROM events WHERE place_key(admin1) = place_key('Al Hasakeh')")
    assert found["admin1"] == ["Al-Hasakah"]
    assert run_query(database, "SELECT count(*) AS n FROM events WHERE place_key(admin1) IS NULL")["n"][0] == 1


ESCAPES = [
    "COPY (SELECT 1 AS x) TO '{wh}/releases/latest/events.parquet' (FORMAT parquet)",
    "COPY articles TO '{wh}/staging/articles.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '{wh}/exported'",
    "ATTACH '{wh}/conflict.duckdb' AS rw (READ_WRITE)",
    "ATTACH '{wh}/other.duckdb' AS other",
    "INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true", "RESET lock_configuration",
    "SELECT 1; COPY (SELECT 1) TO '{wh}/x.csv'", "SELECT 1; SELECT 2",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{wh}/x.csv'",
    "CALL pragma_version()", "PRAGMA enable_profiling",
    "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM glob('/etc/*')", "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('{wh}/../../../../../../etc/hostname')",
]


def file_hashes(root: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".writer.lock"}


def test_sql_refuses_writes_and_reads_outside_the_warehouse_and_changes_no_file(pipeline_run, capsys):
    _, warehouse = pipeline_run
    before = file_hashes(warehouse)
    for template in ESCAPES:
        code, out, err = sql(capsys, warehouse, template.format(wh=warehouse.as_posix()))
        assert (code, out) == (EXIT_USAGE, ""), template
        assert "refused" in err, (template, err)
    lines = iter([*(f"{t.format(wh=warehouse.as_posix())};" for t in ESCAPES), ".quit"])
    output = io.StringIO()
    assert run_shell(warehouse / "conflict.duckdb", Console(file=output, width=300), lambda prompt: next(lines)) == 0
    assert output.getvalue().count("refused") == len(ESCAPES)
    assert file_hashes(warehouse) == before
    assert not (warehouse / "exported").exists() and not (warehouse / "x.csv").exists()


def test_sql_reads_the_warehouse_files_and_reading_statements(pipeline_run, capsys):
    _, warehouse = pipeline_run
    released = (warehouse / "releases" / "latest" / "events.parquet").resolve().as_posix()
    for statement in (f"SELECT count(*) AS n FROM read_parquet('{released}')", "DESCRIBE events", "SHOW TABLES",
                      "PRAGMA table_info('events')", "EXPLAIN SELECT * FROM events", "SUMMARIZE events",
                      "WITH e AS (SELECT * FROM events) SELECT count(*) AS n FROM e;"):
        code, out, err = sql(capsys, warehouse, statement, "--format", "csv")
        assert code == EXIT_OK and out, (statement, err)


def test_sql_and_shell_print_data_as_text_never_as_markup(tmp_path, capsys):
    import duckdb

    titles = ["Gunmen [/b] kill four", "[link=https://evil.example]click[/link] here", "[bold red]loud[/bold red]"]
    with duckdb.connect(str(tmp_path / "conflict.duckdb")) as connection:
        connection.execute("CREATE TABLE articles (title VARCHAR)")
        connection.executemany("INSERT INTO articles VALUES (?)", [[t] for t in titles])
    code, out, err = sql(capsys, tmp_path, "SELECT title AS \"[b]title\" FROM articles ORDER BY title")
    assert code == EXIT_OK, err
    assert all(title in out for title in titles) and "[b]title" in out
    lines = iter(["SELECT title FROM articles;", ".quit"])
    output = io.StringIO()
    run_shell(tmp_path / "conflict.duckdb", Console(file=output, width=200), lambda prompt: next(lines))
    assert all(title in output.getvalue() for title in titles)


def test_shell_history_is_kept_in_the_warehouse(tmp_path):
    readline = pytest.importorskip("readline")
    from pipeline.sql_console import HISTORY_FILE, line_history

    with line_history(tmp_path / HISTORY_FILE):
        readline.add_history("SELECT count(*) FROM events;")
    assert "SELECT count(*) FROM events;" in (tmp_path / HISTORY_FILE).read_text()
    with line_history(tmp_path / HISTORY_FILE):
        assert readline.get_history_item(readline.get_current_history_length()) == "SELECT count(*) FROM events;"


GERMAN_ARTICLE = """---
title: Soldaten bei Gao angegriffen
source: Test Tageblatt (written for the conflict-events tests)
published_at: 2021-03-09T10:00:00Z
language: de
---
Bewaffnete Männer haben am Montag einen Armeeposten bei Gao angegriffen und drei Soldaten getötet, wie
Sicherheitskreise mitteilten. Die Angreifer flohen auf Motorrädern.
"""


@pytest.mark.timeout(900)
def test_only_unreadable_articles_are_named_and_the_empty_release_says_why(tmp_path):
    completed = run_on(tmp_path, "2021-03-09_gao.txt", GERMAN_ARTICLE)
    assert completed.returncode == EXIT_OK, completed.stderr[-3000:]
    summary = summary_rows(completed.stderr)
    assert (summary["articles loaded"], summary["articles not read (language)"], summary["events"]) == ("1", "1", "0")
    assert "1 article was not read" in completed.stderr and "de: Soldaten bei Gao angegriffen" in completed.stderr
    assert ("The release holds no events: the article loaded is in a language the extraction model does not read "
            "(de).") in completed.stderr
    report = (tmp_path / "warehouse" / "releases" / "1.0.0" / "report.html").read_text(encoding="utf-8")
    assert "This release holds no events:</b> the article loaded is in a language" in report
    assert "Soldaten bei Gao angegriffen" in report
