"""Stage 4: merge mentions that report the same event (same day, place, type and actors) into one event."""

from __future__ import annotations

import hashlib

import polars as pl

from pipeline.extract.decide import BELOW_MIN_CONFIDENCE

EVENT_KEY = ["event_date", "iso", "admin1", "location", "event_type"]
ACLED_COLUMNS = [
    "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "country", "iso", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_best",
    "fatalities_high",
]
EVENT_COLUMNS = ["event_id", *ACLED_COLUMNS, "n_sources", "first_reported", "last_reported", "confidence", "notes"]
SOURCE_COLUMNS = ["event_id", "article_id", "mention_id", "evidence", "sentence_start", "sentence_end"]


def reportable_mentions(mentions: pl.DataFrame, min_confidence: float) -> pl.DataFrame:
    """The mentions that would be events if `min_mention_confidence` were `min_confidence`: every decision rule
    but the confidence bound passed (`is_event`, or rejected only as below_min_confidence) and confidence at least
    `min_confidence`; `is_event` says so."""
    return mentions.filter(
        (pl.col("is_event") | (pl.col("rejection_reason") == BELOW_MIN_CONFIDENCE))
        & (pl.col("confidence") >= min_confidence)
    ).with_columns(is_event=pl.lit(True), rejection_reason=pl.lit(None, pl.String))


def _stable_id(*parts: object) -> str:
    return "ev_" + hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def _with_event_ids(mentions: pl.DataFrame) -> pl.DataFrame:
    """Give each mention the id of its event; a mention without actor1 joins the group's only named actor1."""
    named = (
        mentions.filter(pl.col("actor1").is_not_null())
        .group_by(EVENT_KEY).agg(pl.col("actor1").unique().alias("_actors"))
        .filter(pl.col("_actors").list.len() == 1)
        .select(*EVENT_KEY, pl.col("_actors").list.first().alias("_only_actor1"))
    )
    keyed = mentions.join(named, on=EVENT_KEY, how="left", nulls_equal=True).with_columns(
        pl.coalesce("actor1", "_only_actor1").alias("_event_actor1")
    )
    ids = [_stable_id(*row) for row in keyed.select(*EVENT_KEY, "_event_actor1").iter_rows()]
    return keyed.with_columns(pl.Series("event_id", ids, dtype=pl.String)).drop("_only_actor1", "_event_actor1")


def _summary(row: dict) -> str:
    place = ", ".join(p for p in (row["location"], row["admin1"], row["country"]) if p) or "an unresolved place"
    against = f" against {row['actor2']}" if row["actor2"] else ""
    who = row["actor1"] or "Unidentified actors"
    return (f"On {row['event_date']:%d %B %Y}, {who}: {row['sub_event_type'].lower()}{against} in {place}. "
            f"{row['fatalities']} fatalities. {row['n_sources']} source(s).")


def merge_mentions(mentions: pl.DataFrame, articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(events, event_sources) of the normalized mentions that are events (`is_event`, decided by the extractor):
    one row per event with all its sources; event ids are stable across runs."""
    published = articles.select("article_id", pl.col("published_at").cast(pl.Datetime("us", "UTC")))
    keyed = _with_event_ids(mentions.filter(pl.col("is_event"))).join(published, on="article_id", how="left")
    reporting = pl.col("fatalities_reported")
    representative = (
        keyed.sort(["event_id", "confidence", "mention_id"], descending=[False, True, False])
        .group_by("event_id", maintain_order=True).first()
        .select("event_id", *[c for c in ACLED_COLUMNS if c not in {"year"} and not c.startswith("fatalities")])
    )
    totals = keyed.group_by("event_id").agg(
        pl.col("fatalities").filter(reporting).min().fill_null(0).alias("fatalities"),
        pl.col("fatalities_low").filter(reporting).min().fill_null(0).alias("fatalities_low"),
        pl.col("fatalities_best").filter(reporting).median().floor().cast(pl.Int64).fill_null(0)
        .alias("fatalities_best"),
        pl.col("fatalities_high").filter(reporting).max().fill_null(0).alias("fatalities_high"),
        pl.col("article_id").n_unique().alias("n_sources"),
        pl.col("published_at").min().alias("first_reported"),
        pl.col("published_at").max().alias("last_reported"),
        (1 - (1 - pl.col("confidence")).product()).round(3).alias("confidence"),
    )
    events = representative.join(totals, on="event_id").with_columns(
        pl.col("event_date").dt.year().cast(pl.Int64).alias("year"))
    events = events.with_columns(
        pl.Series("notes", [_summary(r) for r in events.iter_rows(named=True)], dtype=pl.String)
    ).select(EVENT_COLUMNS).sort("event_date", "event_id")
    sources = keyed.select(SOURCE_COLUMNS).sort("event_id", "article_id", "mention_id")
    return events, sources
