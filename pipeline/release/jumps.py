"""Per-country jumps against the previous release: event counts and death tolls that change by more than the
gate's factors (seeds/release_gate.yaml) warn in CHANGES.md and report.html, or stop publishing."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipeline.warehouse.gate import JumpBounds

MEASURES = ("events", "fatalities")


class ReleaseJumpError(ValueError):
    """A country's events or fatalities changed by more than the gate's fail factor: nothing is published."""


@dataclass(frozen=True)
class Jump:
    """One country's measure that changed by `factor` (after / before, or before / after for a fall)."""

    country: str
    measure: str
    before: int
    after: int
    factor: float
    severity: str  # "warn" or "fail"

    def describe(self) -> str:
        direction = "up" if self.after > self.before else "down"
        return (f"{self.country}: {self.measure} {self.before} → {self.after} ({direction} ×{self.factor:g}, "
                f"{self.severity})")


def _per_country(events: pl.DataFrame | None) -> pl.DataFrame:
    schema = {"country": pl.String, "events": pl.Int64, "fatalities": pl.Int64}
    if events is None or events.is_empty() or "country" not in events.columns:
        return pl.DataFrame(schema=schema)
    return events.group_by(pl.col("country").fill_null("(unknown)")).agg(
        pl.len().cast(pl.Int64).alias("events"), pl.col("fatalities").fill_null(0).sum().cast(pl.Int64))


def country_jumps(previous: pl.DataFrame | None, current: pl.DataFrame, bounds: JumpBounds) -> list[Jump]:
    """Countries whose event count or death toll changed by more than `bounds.warn_factor` either way, among those
    with at least `bounds.min_events` events in either release (none for a first release)."""
    if previous is None:
        return []
    joined = _per_country(previous).join(_per_country(current), on="country", how="full", coalesce=True,
                                         suffix="_after").fill_null(0)
    jumps = []
    for row in joined.sort("country").iter_rows(named=True):
        if max(row["events"], row["events_after"]) < bounds.min_events:
            continue
        for measure in MEASURES:
            before, after = row[measure], row[f"{measure}_after"]
            factor = round(max(before, after) / max(min(before, after), 1), 2)
            if factor > bounds.warn_factor:
                severity = "fail" if factor > bounds.fail_factor else "warn"
                jumps.append(Jump(row["country"], measure, before, after, factor, severity))
    return jumps


def check_jumps(jumps: list[Jump]) -> None:
    """Raise naming every country whose jump is above the fail factor."""
    failing = [jump.describe() for jump in jumps if jump.severity == "fail"]
    if failing:
        raise ReleaseJumpError("changes against the previous release above the gate's fail factor "
                               f"(seeds/release_gate.yaml): {'; '.join(failing)}")
