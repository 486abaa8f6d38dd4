"""Per-country jumps against the previous release: a warning in CHANGES.md, or no release at all."""

import polars as pl
import pytest

from pipeline.release import publish_release
from pipeline.release.jumps import ReleaseJumpError, country_jumps
from pipeline.warehouse.gate import GateBounds, JumpBounds
from tests.conftest import SEEDS
from tests.release.release_fixtures import PROVENANCE, build_tables
from tests.release.test_report import PASSED, with_acled


def events(**per_country: tuple[int, int]) -> pl.DataFrame:
    """Events of each country: (count, deaths of each)."""
    rows = [(country, deaths) for country, (count, deaths) in per_country.items() for _ in range(count)]
    return pl.DataFrame(rows, schema={"country": pl.String, "fatalities": pl.Int64}, orient="row")


BOUNDS = JumpBounds(min_events=20, warn_factor=3.0, fail_factor=10.0)


def test_jumps_by_severity_and_small_countries_left_out():
    before = events(Mali=(30, 1), Chad=(25, 2), Niger=(40, 1), Togo=(2, 1))
    after = events(Mali=(120, 1), Chad=(25, 40), Niger=(41, 1), Togo=(15, 1))
    jumps = {(j.country, j.measure): j.severity for j in country_jumps(before, after, BOUNDS)}
    # Mali: 30 → 120 events (and deaths): ×4 warns; Chad: deaths 50 → 1000, ×20, fails; Niger steady; Togo small
    assert jumps == {("Mali", "events"): "warn", ("Mali", "fatalities"): "warn", ("Chad", "fatalities"): "fail"}


def test_a_fall_is_a_jump_too_and_a_first_release_has_none():
    assert [j.describe() for j in country_jumps(events(Mali=(100, 0)), events(Mali=(20, 0)), BOUNDS)] == [
        "Mali: events 100 → 20 (down ×5, warn)"]
    assert country_jumps(None, events(Mali=(100, 0)), BOUNDS) == []


def test_the_bounds_are_seeds():
    assert GateBounds.load(SEEDS).jumps == BOUNDS


def test_publishing_warns_of_a_jump_and_stops_at_a_big_one(tmp_path):
    releases = tmp_path / "releases"
    first, numbers = with_acled(build_tables())
    publish_release(first, releases, provenance=PROVENANCE, validation=PASSED)
    tables = build_tables()
    tables["events"] = tables["events"].with_columns(fatalities=pl.col("fatalities") * 8 + 8)
    second = with_acled(tables, numbers)[0]

    with pytest.raises(ReleaseJumpError, match="fatalities"):
        publish_release(second, releases, provenance=PROVENANCE, validation=PASSED,
                        jump_bounds=JumpBounds(min_events=1, warn_factor=1.5, fail_factor=2.0))
    assert sorted(p.name for p in releases.iterdir() if p.name[0].isdigit()) == ["1.0.0"]  # nothing published

    info = publish_release(second, releases, provenance=PROVENANCE, validation=PASSED,
                           jump_bounds=JumpBounds(min_events=1, warn_factor=1.5, fail_factor=100.0))
    changes = (info.path / "CHANGES.md").read_text()
    assert "## Jumps against the previous release" in changes and "fatalities" in changes and "warn" in changes
