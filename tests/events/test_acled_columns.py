"""The ACLED columns added after the merge: the column list, disorder types, regions, numbering, sources, labels."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import polars as pl
import pycountry
import pytest

from pipeline.events.acled_columns import AcledCodebook, assign_event_numbers, with_acled_columns
from pipeline.tables import EVENT_NUMBERS, EVENTS, EVENTS_ACLED
from pipeline.tables.declarations import ACLED_CODING, ACLED_EXPORT, ACLED_LEGACY, MERGED_EVENT_COLUMNS
from tests.conftest import SEEDS

# ACLED's export columns as its codebook lists them (2023 onwards), in its order.
ACLED_CODEBOOK_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America",
    "South America", "Caribbean", "North America", "Oceania", "Antarctica",
}  # fmt: skip


@pytest.fixture(scope="module")
def codebook() -> AcledCodebook:
    return AcledCodebook.load(SEEDS)


def event(event_id: str, **overrides) -> dict:
    row = {name: None for name in MERGED_EVENT_COLUMNS}
    row.update(event_id=event_id, event_date=date(2020, 5, 9), year=2020, event_type="Battles",
               sub_event_type="Armed clash", inter1=1, inter2=2, interaction=12, country="Somalia", iso=706,
               fatalities=0)
    row.update(overrides)
    return row


def frames(*events: dict, sources: dict[str, list[tuple[str, str, datetime]]] | None = None):
    """events, event_sources and articles; `sources` maps event_id → [(article_id, outlet, published_at)]."""
    schema = {"event_date": pl.Date, "inter1": pl.Int64, "inter2": pl.Int64, "interaction": pl.Int64,
              "iso": pl.Int64, "fatalities": pl.Int64}
    frame = pl.DataFrame(list(events), schema_overrides=schema, infer_schema_length=None)
    links, articles = [], {}
    for event_id, reports in (sources or {}).items():
        for article_id, outlet, published in reports:
            links.append({"event_id": event_id, "article_id": article_id})
            articles[article_id] = {"article_id": article_id, "source": outlet, "published_at": published}
    event_sources = pl.DataFrame(links, schema={"event_id": pl.String, "article_id": pl.String})
    article_frame = pl.DataFrame(list(articles.values()), schema={
        "article_id": pl.String, "source": pl.String, "published_at": pl.Datetime("us", "UTC")})
    return frame, event_sources, article_frame


def no_numbers() -> pl.DataFrame:
    return EVENT_NUMBERS.empty()


def test_events_carry_every_acled_export_column_in_acleds_order(codebook):
    events, _ = with_acled_columns(*frames(event("e1")), codebook, no_numbers())

    assert [column.name for column in ACLED_EXPORT] == ACLED_CODEBOOK_COLUMNS
    assert EVENTS_ACLED.names[:len(ACLED_CODEBOOK_COLUMNS)] == ACLED_CODEBOOK_COLUMNS
    assert events.columns == EVENTS.names and events.columns[0] == "event_id"
    assert [c for c in events.columns if c in ACLED_CODEBOOK_COLUMNS] == ACLED_CODEBOOK_COLUMNS
    assert all(events.schema[column.name] == column.dtype for column in ACLED_CODING)


def test_columns_include_every_column_of_the_acled_dev_export(codebook, acled_dev):
    with acled_dev.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    events, _ = with_acled_columns(*frames(event("e1")), codebook, no_numbers())

    assert set(header) <= set(events.columns), set(header) - set(events.columns)
    assert {column.name for column in ACLED_LEGACY} <= set(header)


@pytest.mark.parametrize(("event_type", "sub_event_type", "inter2", "expected"), [
    ("Battles", "Armed clash", 2, "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", 7, "Political violence"),
    ("Violence against civilians", "Attack", 7, "Political violence"),
    ("Violence against civilians", "Attack", 6, "Political violence; Demonstrations"),
    ("Protests", "Peaceful protest", None, "Demonstrations"),
    ("Protests", "Protest with intervention", 1, "Demonstrations"),
    ("Protests", "Excessive force against protesters", 1, "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", 1, "Demonstrations"),
    ("Riots", "Mob violence", 7, "Political violence"),
    ("Riots", "Mob violence", 6, "Political violence; Demonstrations"),
    ("Strategic developments", "Arrests", None, "Strategic developments"),
])  # fmt: skip
def test_disorder_type_follows_the_codebook(codebook, event_type, sub_event_type, inter2, expected):
    row = event("e1", event_type=event_type, sub_event_type=sub_event_type, inter2=inter2)
    events, _ = with_acled_columns(*frames(row), codebook, no_numbers())
    assert events["disorder_type"].to_list() == [expected]


def test_every_country_has_one_of_acleds_regions(codebook):
    regions = dict(codebook.countries.select("iso3", "region").iter_rows())
    assert {country.alpha_3 for country in pycountry.countries} <= set(regions)
    assert set(regions.values()) == ACLED_REGIONS
    assert (regions["SYR"], regions["KEN"], regions["NGA"], regions["UKR"], regions["MEX"]) == (
        "Middle East", "Eastern Africa", "Western Africa", "Europe", "Central America")


def test_region_and_iso3_from_the_numeric_code_or_the_name(codebook):
    rows = [event("e1", country="Syria", iso=760), event("e2", country="Kosovo", iso=None),
            event("e3", country=None, iso=None)]
    events, _ = with_acled_columns(*frames(*rows), codebook, no_numbers())
    coded = {r["event_id"]: (r["iso3"], r["region"]) for r in events.iter_rows(named=True)}
    assert coded == {"e1": ("SYR", "Middle East"), "e2": ("XKX", "Europe"), "e3": ("XXX", None)}


def test_numbers_are_per_country_in_date_order_and_kept_across_runs(codebook):
    first_run = [event("b", event_date=date(2020, 5, 2)), event("a", event_date=date(2020, 5, 3)),
                 event("k", country="Kenya", iso=404)]
    events, numbers = with_acled_columns(*frames(*first_run), codebook, no_numbers())
    assert dict(events.select("event_id", "event_id_cnty").iter_rows()) == {"b": "SOM1", "a": "SOM2", "k": "KEN1"}
    assert sorted(events["data_id"]) == [1, 2, 3]

    # Next run: "b" is withdrawn, an earlier-dated event "c" is new; "a" and "k" keep their numbers, "c" gets a new
    # one, and the withdrawn event's number is never given again.
    second_run = [event("c", event_date=date(2020, 5, 1)), first_run[1], first_run[2]]
    again, numbers = with_acled_columns(*frames(*reversed(second_run)), codebook, numbers)
    assert dict(again.select("event_id", "event_id_cnty").iter_rows()) == {"c": "SOM3", "a": "SOM2", "k": "KEN1"}
    assert again.filter(pl.col("event_id") == "c")["data_id"].item() == 4
    assert numbers.height == 4 and numbers["data_id"].is_unique().all()
    assert assign_event_numbers(again, numbers).equals(numbers)


def test_source_scale_and_timestamp_come_from_the_reports(codebook):
    early, late = datetime(2020, 5, 9, 6, tzinfo=UTC), datetime(2020, 5, 10, 18, tzinfo=UTC)
    sources = {
        "e1": [("x1", "Reuters", late), ("x2", "Premium Times", early)],
        "e2": [("x3", "The Village Crier", late)],
        "e3": [("x4", "reuters ", late), ("x5", "REUTERS", late)],
    }
    events, _ = with_acled_columns(*frames(event("e1"), event("e2"), event("e3"), event("e4"), sources=sources),
                                   codebook, no_numbers())
    rows = {r["event_id"]: r for r in events.iter_rows(named=True)}
    assert (rows["e1"]["source"], rows["e1"]["source_scale"]) == ("Premium Times; Reuters", "National-International")
    assert rows["e1"]["timestamp"] == int(early.timestamp())
    assert (rows["e2"]["source"], rows["e2"]["source_scale"]) == ("The Village Crier", None)
    assert rows["e3"]["source_scale"] == "International"
    assert (rows["e4"]["source"], rows["e4"]["source_scale"], rows["e4"]["timestamp"]) == (None, None, None)
    assert rows["e1"]["tags"] is None and rows["e1"]["admin3"] is None


def test_inter_codes_get_acleds_text_labels_beside_the_numbers(codebook):
    rows = [event("e1"), event("e2", event_type="Protests", sub_event_type="Peaceful protest", inter1=6, inter2=None,
                                interaction=60),
            event("e3", inter1=8, inter2=7, interaction=78)]
    events, _ = with_acled_columns(*frames(*rows), codebook, no_numbers())
    labels = {r["event_id"]: (r["inter1"], r["inter1_label"], r["inter2_label"], r["interaction_label"])
              for r in events.iter_rows(named=True)}
    assert labels == {
        "e1": (1, "State forces", "Rebel group", "State forces-Rebel group"),
        "e2": (6, "Protesters", None, "Protesters only"),
        "e3": (8, "External/Other forces", "Civilians", "Civilians-External/Other forces"),
    }
