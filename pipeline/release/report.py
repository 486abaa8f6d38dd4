"""Self-contained HTML pages of a release: report.html (charts, map, actors) and validation.html."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import matplotlib
import polars as pl
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.release.catalog import abridge
from pipeline.release.validation import ValidationSummary

ACLED_EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
TOP_ADMIN1 = 20
TOP_ACTORS = 15

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def _svg(figure: Figure, salt: str) -> str:
    """Inline SVG markup of `figure`, byte-stable across runs (fixed id salt, no date)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"conflict-events-{salt}", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _event_type_colors(event_types: list[str]) -> dict[str, Any]:
    ordered = [t for t in ACLED_EVENT_TYPES if t in event_types]
    ordered += sorted(t for t in event_types if t not in ACLED_EVENT_TYPES)
    palette = matplotlib.colormaps["tab10"]
    return {event_type: palette(index % 10) for index, event_type in enumerate(ordered)}


def _with_event_type(events: pl.DataFrame) -> pl.DataFrame:
    return events.with_columns(pl.col("event_type").cast(pl.String).fill_null("(unknown)"))


def weekly_chart(events: pl.DataFrame) -> str | None:
    """Stacked bars of events per ISO week (Monday start) by event_type."""
    dated = _with_event_type(events).drop_nulls("event_date")
    if dated.is_empty():
        return None
    weekly = (
        dated.group_by(week=pl.col("event_date").dt.truncate("1w"), event_type=pl.col("event_type"))
        .len()
        .pivot("event_type", index="week", values="len")
        .sort("week")
        .fill_null(0)
    )
    weeks = [week.isoformat() for week in weekly["week"]]
    colors = _event_type_colors([c for c in weekly.columns if c != "week"])
    figure = Figure(figsize=(8, 3.5))
    axes = figure.subplots()
    bottom = [0] * len(weeks)
    for event_type, color in colors.items():
        counts = weekly[event_type].to_list()
        axes.bar(range(len(weeks)), counts, bottom=bottom, color=color, label=event_type)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes.set_xticks(range(len(weeks)), weeks, rotation=45, ha="right", fontsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("events")
    axes.set_xlabel("week starting")
    axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return _svg(figure, "weekly")


def fatalities_chart(events: pl.DataFrame) -> str | None:
    """Horizontal bars of total fatalities for the admin1 regions with most deaths."""
    if not {"admin1", "country", "fatalities"} <= set(events.columns):
        return None
    totals = (
        events.group_by("country", "admin1")
        .agg(pl.col("fatalities").sum())
        .filter(pl.col("fatalities") > 0)
        .with_columns(
            label=pl.format(
                "{} ({})", pl.col("admin1").fill_null("unknown"), pl.col("country").fill_null("?")
            )
        )
        .sort(["fatalities", "label"], descending=[True, False])
        .head(TOP_ADMIN1)
        .reverse()
    )
    if totals.is_empty():
        return None
    figure = Figure(figsize=(7, 0.3 * totals.height + 1))
    axes = figure.subplots()
    axes.barh(totals["label"].to_list(), totals["fatalities"].to_list(), color="#b2182b")
    axes.set_xlabel("fatalities")
    axes.tick_params(axis="y", labelsize=8)
    return _svg(figure, "fatalities")


def _graticule_step(extent: float) -> float:
    return next(step for limit, step in ((5, 1), (20, 5), (60, 10), (math.inf, 30)) if extent <= limit)


def event_map(events: pl.DataFrame) -> str | None:
    """Event points on an equirectangular lon/lat plot with a graticule (no tiles, no network)."""
    if not {"latitude", "longitude"} <= set(events.columns):
        return None
    points = _with_event_type(events).drop_nulls(["latitude", "longitude"])
    if points.is_empty():
        return None
    lon, lat = points["longitude"], points["latitude"]
    pad = max(1.0, 0.1 * max(lon.max() - lon.min(), lat.max() - lat.min()))
    west, east = max(-180.0, lon.min() - pad), min(180.0, lon.max() + pad)
    south, north = max(-90.0, lat.min() - pad), min(90.0, lat.max() + pad)
    step = _graticule_step(max(east - west, north - south))
    figure = Figure(figsize=(8, 6))
    axes = figure.subplots()
    for event_type, color in _event_type_colors(points["event_type"].unique().to_list()).items():
        subset = points.filter(pl.col("event_type") == event_type)
        axes.scatter(
            subset["longitude"].to_list(),
            subset["latitude"].to_list(),
            s=14,
            color=color,
            alpha=0.75,
            edgecolors="none",
            label=event_type,
        )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(1 / max(0.1, math.cos(math.radians((south + north) / 2))))
    axes.set_xticks([x * step for x in range(math.ceil(west / step), math.floor(east / step) + 1)])
    axes.set_yticks([y * step for y in range(math.ceil(south / step), math.floor(north / step) + 1)])
    axes.grid(color="#cccccc", linewidth=0.5)
    axes.set_xlabel("longitude (°)")
    axes.set_ylabel("latitude (°)")
    axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    return _svg(figure, "map")


def top_actors(events: pl.DataFrame) -> list[dict[str, Any]]:
    """Actors in most events (as actor1 or actor2), with their events' fatalities."""
    roles = [c for c in ("actor1", "actor2") if c in events.columns]
    if not roles or "event_id" not in events.columns:
        return []
    fatalities = pl.col("fatalities") if "fatalities" in events.columns else pl.lit(0)
    return (
        events.select("event_id", *roles, fatalities=fatalities)
        .unpivot(roles, index=["event_id", "fatalities"], value_name="actor")
        .drop_nulls("actor")
        .unique(["event_id", "actor"])
        .group_by("actor")
        .agg(events=pl.len(), fatalities=pl.col("fatalities").sum())
        .sort(["events", "actor"], descending=[True, False])
        .head(TOP_ACTORS)
        .to_dicts()
    )


def _facts(tables: Mapping[str, pl.DataFrame]) -> list[tuple[str, Any]]:
    events = tables.get("events", pl.DataFrame())
    facts: list[tuple[str, Any]] = [(f"{name} rows", frame.height) for name, frame in tables.items()]
    if "event_date" in events.columns and events.height:
        facts.append(("event dates", f"{events['event_date'].min()} to {events['event_date'].max()}"))
    if "country" in events.columns:
        facts.append(("countries", events["country"].n_unique()))
    if "fatalities" in events.columns:
        facts.append(("fatalities (ACLED-style)", events["fatalities"].sum()))
    return facts


def render_report(
    tables: Mapping[str, pl.DataFrame],
    version: str,
    validation: ValidationSummary,
    provenance: Mapping[str, Any],
) -> str:
    """report.html: overview, weekly chart, fatalities by admin1, map, top actors, validation."""
    events = tables.get("events", pl.DataFrame())
    has_events = {"event_id", "event_date", "event_type"} <= set(events.columns)
    return _ENVIRONMENT.get_template("report.html.j2").render(
        version=version,
        facts=_facts(tables),
        top_admin1=TOP_ADMIN1,
        weekly_svg=weekly_chart(events) if has_events else None,
        fatalities_svg=fatalities_chart(events) if has_events else None,
        map_svg=event_map(events) if has_events else None,
        actors=top_actors(events) if has_events else [],
        validation=validation,
        provenance=json.dumps(abridge(provenance), indent=2, sort_keys=True, default=str),
    )


def render_validation(validation_json: str, summary: ValidationSummary, version: str) -> str:
    """validation.html: every expectation outcome, then the raw results."""
    return _ENVIRONMENT.get_template("validation.html.j2").render(
        version=version, validation=summary, raw=validation_json
    )
