"""Self-contained HTML pages of a release: report.html (what an analyst asks first) and validation.html."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
import polars as pl

from pipeline.release.charts import event_map, event_type_color, fatalities_chart, timeline_chart
from pipeline.release.diff import ReleaseDiff
from pipeline.release.report_data import change_rows, dyads, event_rows, input_outcomes, provenance_view
from pipeline.release.validation import ValidationSummary

TOP_ADMIN1 = 20

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.filters["type_color"] = event_type_color
_ENVIRONMENT.filters["plain_expectation"] = lambda name: name.removeprefix("expect_").replace("_", " ")


def _headline(events: pl.DataFrame) -> dict[str, Any]:
    """The figures at the top: events, fatalities, countries, dates, sources."""
    if events.is_empty():
        return {"events": 0}
    return {
        "events": events.height,
        "fatalities": int(events["fatalities"].sum()) if "fatalities" in events.columns else None,
        "countries": events["country"].drop_nulls().n_unique() if "country" in events.columns else None,
        "first": events["event_date"].min(), "last": events["event_date"].max(),
        "multi_source": events.filter(pl.col("n_sources") > 1).height if "n_sources" in events.columns else None,
    }


def _suites(validation: ValidationSummary) -> list[dict[str, Any]]:
    """Expectation outcomes grouped by suite, failures first."""
    suites = []
    for suite, outcomes in groupby(sorted(validation.outcomes, key=lambda o: o.suite), key=lambda o: o.suite):
        listed = sorted(outcomes, key=lambda o: o.success is True)
        suites.append({"name": suite, "outcomes": listed, "passed": sum(o.success is True for o in listed)})
    return suites


def render_report(
    tables: Mapping[str, pl.DataFrame],
    version: str,
    validation: ValidationSummary,
    provenance: Mapping[str, Any],
    diff: ReleaseDiff | None = None,
    previous_events: pl.DataFrame | None = None,
) -> str:
    """report.html: headline, map, time line, fatalities, dyads, the events, changes, checks, input, provenance."""
    events = tables.get("events", pl.DataFrame())
    has_events = not events.is_empty() and {"event_id", "event_date", "event_type"} <= set(events.columns)
    diff = diff or ReleaseDiff(None, version, bump="initial", added=sorted(events["event_id"]) if has_events else [])
    languages = (provenance.get("spacy_model") or {}).get("languages")
    return _ENVIRONMENT.get_template("report.html.j2").render(
        version=version,
        headline=_headline(events if has_events else pl.DataFrame()),
        outcomes=input_outcomes(tables, languages),
        map_svg=event_map(events) if has_events else None,
        timeline_svg=timeline_chart(events) if has_events else None,
        fatalities_svg=fatalities_chart(events, TOP_ADMIN1) if has_events else None,
        top_admin1=TOP_ADMIN1,
        dyads=dyads(events) if has_events else [],
        events=event_rows(tables) if has_events else [],
        diff=diff,
        changes=change_rows(diff, events, previous_events),
        validation=validation,
        suites=_suites(validation),
        provenance=provenance_view(provenance),
    )


def render_validation(validation_json: str, summary: ValidationSummary, version: str) -> str:
    """validation.html: every expectation outcome, then the raw results."""
    return _ENVIRONMENT.get_template("validation.html.j2").render(
        version=version, validation=summary, raw=validation_json
    )
