"""publish_release: reproducibility, versioning, atomicity."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from pipeline.release import list_releases, publish_release
from pipeline.release import publish as publish_module
from pipeline.release.catalog import read_latest
from tests.release.release_fixtures import NEW_EVENT, PROVENANCE, VALIDATION, build_tables


def publish(tables: dict[str, pl.DataFrame], releases_dir: Path):
    return publish_release(tables, releases_dir, provenance=PROVENANCE, validation=VALIDATION)


def files_of(release_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(release_dir.iterdir())}


def test_two_fresh_publishes_give_same_version_and_identical_bytes(tmp_path):
    first_tables = build_tables()
    shuffled = {name: frame.sample(fraction=1.0, shuffle=True, seed=7) for name, frame in first_tables.items()}

    first_run = {**VALIDATION, "meta": {"run_id": {"run_time": "2026-01-01T10:00:00"}, "suite": "events"}}
    second_run = {**VALIDATION, "meta": {"run_id": {"run_time": "2026-01-02T11:30:00"}, "suite": "events"}}

    first = publish_release(first_tables, tmp_path / "a" / "releases", provenance=PROVENANCE, validation=first_run)
    second = publish_release(shuffled, tmp_path / "b" / "releases", provenance=PROVENANCE, validation=second_run)

    assert first.version == second.version == "1.0.0"
    assert first.created and second.created
    first_files, second_files = files_of(first.path), files_of(second.path)
    assert first_files.keys() >= {
        "events.parquet", "event_sources.parquet", "articles.parquet", "events_acled.csv",
        "datapackage.json", "checksums.sha256", "validation.json", "validation.html",
        "CHANGES.md", "changes.json", "report.html",
    }  # fmt: skip
    assert first_files == second_files
    assert json.loads(first_files["validation.json"])["meta"] == {"suite": "events"}
    events = pl.read_parquet(first.path / "events.parquet")
    assert events["event_id"].to_list() == ["ev-0001", "ev-0002", "ev-0003", "ev-0004"]
    assert events.equals(first_tables["events"].sort("event_id"))


def test_republishing_identical_content_creates_nothing(tmp_path):
    releases = tmp_path / "releases"
    first = publish(build_tables(), releases)
    again = publish(build_tables(), releases)

    assert (again.version, again.path, again.created) == (first.version, first.path, False)
    assert sorted(path.name for path in releases.iterdir()) == ["1.0.0", "latest"]


def test_added_event_makes_minor_release_naming_exactly_that_event(tmp_path):
    releases = tmp_path / "releases"
    publish(build_tables(), releases)
    second = publish(build_tables([NEW_EVENT]), releases)

    assert (second.version, second.created) == ("1.1.0", True)
    assert read_latest(releases) == "1.1.0"
    changes = json.loads((second.path / "changes.json").read_text())
    assert changes["added"] == ["ev-0005"]
    assert changes["removed"] == [] and changes["changed"] == {}
    assert changes["old_version"] == "1.0.0" and changes["bump"] == "minor"
    assert changes["summary"] == [
        {"country": "Ruritania", "event_type": "Riots", "added": 1, "removed": 0, "changed": 0}
    ]
    markdown = (second.path / "CHANGES.md").read_text()
    added_section = markdown.split("## Added events")[1]
    assert "`ev-0005`" in added_section
    assert "ev-0001" not in markdown and "ev-0004" not in markdown
    first_changes = (releases / "1.0.0" / "CHANGES.md").read_text()
    assert "Initial release: 4 events." in first_changes


def test_corrected_event_is_patch_listing_changed_fields(tmp_path):
    releases = tmp_path / "releases"
    publish(build_tables(), releases)
    tables = build_tables()
    tables["events"] = tables["events"].with_columns(
        fatalities=pl.when(pl.col("event_id") == "ev-0002").then(5).otherwise(pl.col("fatalities"))
    )
    corrected = publish(tables, releases)

    changes = json.loads((corrected.path / "changes.json").read_text())
    assert corrected.version == "1.0.1"
    assert changes["changed"] == {"ev-0002": ["fatalities"]}
    assert "`ev-0002`: fatalities" in (corrected.path / "CHANGES.md").read_text()


def test_withdrawn_event_or_new_column_is_major(tmp_path):
    releases = tmp_path / "releases"
    publish(build_tables(), releases)
    tables = build_tables()
    tables["events"] = tables["events"].filter(pl.col("event_id") != "ev-0001")
    withdrawn = publish(tables, releases)
    tables["events"] = tables["events"].with_columns(source_scale=pl.lit("National"))
    widened = publish(tables, releases)

    assert json.loads((withdrawn.path / "changes.json").read_text())["removed"] == ["ev-0001"]
    assert (withdrawn.version, widened.version) == ("2.0.0", "3.0.0")
    assert "events.source_scale added" in (widened.path / "CHANGES.md").read_text()
    assert [summary.version for summary in list_releases(releases)] == ["1.0.0", "2.0.0", "3.0.0"]


def test_failure_mid_write_leaves_no_partial_release(tmp_path, monkeypatch):
    releases = tmp_path / "releases"
    publish(build_tables(), releases)
    before = files_of(releases / "1.0.0")
    real_write = Path.write_bytes
    calls = []

    def failing_write(path: Path, data: bytes) -> int:
        calls.append(path.name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="disk full"):
        publish(build_tables([NEW_EVENT]), releases)

    assert len(calls) == 3
    assert sorted(path.name for path in releases.iterdir()) == ["1.0.0", "latest"]
    assert read_latest(releases) == "1.0.0"
    assert files_of(releases / "1.0.0") == before


def test_failure_before_first_release_leaves_nothing(tmp_path, monkeypatch):
    def broken_report(*args, **kwargs):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(publish_module, "render_report", broken_report)
    with pytest.raises(RuntimeError):
        publish(build_tables(), tmp_path / "releases")
    assert list((tmp_path / "releases").iterdir()) == []


def test_unsafe_or_reserved_table_names_are_rejected(tmp_path):
    tables = build_tables()
    with pytest.raises(ValueError, match="must match"):
        publish({**tables, "../escape": tables["events"]}, tmp_path / "releases")
    with pytest.raises(ValueError, match="reserved"):
        publish({**tables, "events_acled": tables["events"]}, tmp_path / "releases")
