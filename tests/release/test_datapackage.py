"""datapackage.json passes Frictionless validation and describes the files exactly."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import UTC, date, datetime

import frictionless
import polars as pl

from pipeline.events.acled_columns import AcledCodebook, with_acled_columns
from pipeline.release import publish_release
from pipeline.tables import EVENT_NUMBERS, EVENTS_ACLED
from tests.conftest import SEEDS
from tests.release.release_fixtures import PROVENANCE, VALIDATION, build_tables


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def acled_coded(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The tables with the events given ACLED's columns, as the events stage gives them."""
    events, _ = with_acled_columns(tables["events"], tables["event_sources"], tables["articles"],
                                   AcledCodebook.load(SEEDS), EVENT_NUMBERS.empty())
    return {**tables, "events": events}


def test_datapackage_validates_and_matches_files(tmp_path):
    tables = acled_coded(build_tables())
    # Nulls in integer, boolean, date and datetime columns, and a column Frictionless cannot type.
    tables["events"] = tables["events"].with_columns(
        inter2=pl.when(pl.col("event_id") == "ev-0003").then(None).otherwise(pl.col("inter2")),
        civilian_targeting=pl.lit(None, dtype=pl.Boolean),
        last_reported=pl.lit(None, dtype=pl.Date),
    )
    tables["articles"] = tables["articles"].with_columns(
        published_at=pl.col("published_at").dt.replace_time_zone("UTC").shift(1)
    )
    tables["daily_counts"] = pl.DataFrame(
        {"day": [date(2021, 3, 1)], "country": ["Ruritania"], "events": [2], "ids": [["ev-0001", "ev-0003"]]}
    )
    info = publish_release(tables, tmp_path / "releases", provenance=PROVENANCE, validation=VALIDATION)
    package_path = info.path / "datapackage.json"

    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    package = json.loads(package_path.read_text())
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["version"] == "1.0.0" and "created" not in package
    assert package["licenses"] and package["sources"]
    assert package["conflict_events"]["provenance"] == PROVENANCE
    assert package["conflict_events"]["coverage"] == {"start": "2021-03-01", "end": "2021-03-10"}
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == {"articles", "daily_counts", "event_sources", "events", "events_acled"}
    for resource in resources.values():
        data = (info.path / resource["path"]).read_bytes()
        assert resource["hash"] == f"sha256:{sha256(data)}"
        assert resource.get("bytes", len(data)) == len(data)
        assert package["conflict_events"]["bytes"][resource["path"]] == len(data)
    assert resources["events"]["schema"]["primaryKey"] == ["event_id"]
    assert resources["event_sources"]["schema"]["primaryKey"] == ["event_id", "article_id", "mention_id"]
    assert "primaryKey" not in resources["daily_counts"]["schema"]
    types = {f["name"]: f["type"] for f in resources["events"]["schema"]["fields"]}
    assert (types["event_date"], types["iso"], types["latitude"], types["civilian_targeting"]) == (
        "date", "integer", "number", "boolean",
    )  # fmt: skip
    assert resources["events_acled"]["bytes"] == (info.path / "events_acled.csv").stat().st_size

    listed = {}
    for line in (info.path / "checksums.sha256").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    on_disk = {p.name for p in info.path.iterdir()} - {"checksums.sha256"}
    assert set(listed) == on_disk
    assert all(sha256((info.path / name).read_bytes()) == digest for name, digest in listed.items())


def test_acled_csv_has_acled_columns_in_order(tmp_path):
    tables = acled_coded(build_tables())
    info = publish_release(tables, tmp_path / "releases", provenance=PROVENANCE, validation=VALIDATION)
    with (info.path / "events_acled.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = (info.path / "events_acled.csv").read_text().splitlines()[0].split(",")

    assert header == EVENTS_ACLED.names
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    assert header[header.index("timestamp") + 1:] == ["data_id", "event_id_no_cnty", "iso3", "inter1_label",
                                                      "inter2_label", "interaction_label"]
    by_id = {row["event_id_cnty"]: row for row in rows}
    assert list(by_id) == ["XXX1", "XXX3", "XXX2", "XXX4"]  # numbered by date; rows in event_id order
    protest, attack = by_id["XXX1"], by_id["XXX3"]
    assert protest["event_date"] == "01 March 2021"
    assert protest["disorder_type"] == "Demonstrations" and attack["disorder_type"] == "Political violence"
    assert attack["civilian_targeting"] == "Civilian targeting" and protest["civilian_targeting"] == ""
    assert protest["source"] in {"Example Wire", "Daily Example"}
    assert protest["timestamp"] == str(int(datetime(2021, 3, 12, 8, 2, tzinfo=UTC).timestamp()))  # art-2
    assert protest["iso"] == "999" and protest["admin3"] == "" and protest["region"] == ""
    assert (protest["inter1"], protest["inter1_label"]) == ("1", "State forces")


def test_acled_csv_neutralises_formulas_in_text_cells(tmp_path):
    tables = build_tables()
    tables["events"] = tables["events"].with_columns(
        actor1=pl.when(pl.col("event_id") == "ev-0001").then(pl.lit('=HYPERLINK("https://evil.example","x")'))
        .otherwise(pl.col("actor1")),
        notes=pl.when(pl.col("event_id") == "ev-0002").then(pl.lit("@SUM(1+1)")).otherwise(pl.col("notes")),
    )
    tables["articles"] = tables["articles"].with_columns(source=pl.lit("+cmd|' /C calc'!A0"))
    info = publish_release(acled_coded(tables), tmp_path / "releases", provenance=PROVENANCE, validation=VALIDATION)
    with (info.path / "events_acled.csv").open(newline="", encoding="utf-8") as handle:
        by_id = {row["event_id_cnty"]: row for row in csv.DictReader(handle)}
    # numbered in date order: XXX1 is ev-0001, XXX2 ev-0003, XXX3 ev-0002
    assert by_id["XXX1"]["actor1"] == '\'=HYPERLINK("https://evil.example","x")'
    assert by_id["XXX3"]["notes"] == "'@SUM(1+1)"
    assert by_id["XXX2"]["source"] == "'+cmd|' /C calc'!A0"
    assert by_id["XXX2"]["actor1"] == "Military Forces of Ruritania (2015-)"  # ordinary text untouched
    cells = [value for row in by_id.values() for value in row.values()]
    assert not any(value[:1] in "=+-@" and value for value in cells if not value.lstrip("-").replace(".", "").isdigit())
    events = pl.read_parquet(info.path / "events.parquet")  # the Parquet data keeps the values as reported
    assert events.filter(pl.col("event_id") == "ev-0001")["actor1"].item().startswith("=HYPERLINK")
