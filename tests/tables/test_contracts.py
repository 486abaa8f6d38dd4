"""One declaration per table: every schema the pipeline uses is derived from it."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from pipeline.defs.metadata import column_schema
from pipeline.release import acled_export
from pipeline.release.canonical import table_schema
from pipeline.settings import PROJECT_ROOT
from pipeline.tables import EVENTS, EVENTS_ACLED, MONTHLY_ADMIN1, TABLES, Column, Table
from pipeline.tables.expectations import row_expectations, type_expectations
from pipeline.tables.taxonomy import load_vocabularies
from tests.release.release_fixtures import build_tables

VOCABULARIES = load_vocabularies(PROJECT_ROOT / "seeds")
NEW = Column("source_kind", pl.String, "Kind of outlet that reported the event", allowed=("National", "Local"))


def with_new_column(table: Table) -> Table:
    return dataclasses.replace(table, columns=(*table.columns, NEW))


def test_a_column_added_to_the_contract_appears_in_every_derived_schema():
    events = with_new_column(EVENTS)
    assert events.schema["source_kind"] == pl.String  # polars
    dagster_columns = {c.name: c for c in column_schema(events).columns}  # Dagster column metadata
    assert dagster_columns["source_kind"].description == NEW.description
    frictionless = table_schema(events.empty(), events.key, events)  # release Table Schema
    assert frictionless["fields"][-1] == {"name": "source_kind", "type": "string", "description": NEW.description,
                                          "constraints": {"enum": ["National", "Local"]}}
    expectations = row_expectations(events, VOCABULARIES)  # Great Expectations: names in order, allowed values
    assert expectations[0]["kwargs"]["column_list"][-1] == "source_kind"
    assert {"type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "source_kind", "value_set": ["National", "Local"]}} in expectations
    assert "source_kind VARCHAR" in type_expectations(events)[0]["kwargs"]["value_set"]  # DuckDB types


def test_acled_export_follows_its_contract_order(monkeypatch):
    reordered = dataclasses.replace(EVENTS_ACLED, columns=(EVENTS_ACLED.columns[1], EVENTS_ACLED.columns[0],
                                                           *EVENTS_ACLED.columns[2:], NEW))
    monkeypatch.setattr(acled_export, "EVENTS_ACLED", reordered)
    frame = acled_export.acled_frame(build_tables())
    assert frame.columns == reordered.names


def test_taxonomy_comes_from_the_seeds():
    assert VOCABULARIES["event_type"][0] == "Battles" and len(VOCABULARIES["event_type"]) == 6
    assert len(VOCABULARIES["sub_event_type"]) == 25
    assert VOCABULARIES["inter_label"][0] == "State forces" and len(VOCABULARIES["inter_label"]) == 8
    assert {"National", "National-International"} <= set(VOCABULARIES["source_scale"])
    assert "International-National" not in VOCABULARIES["source_scale"]  # narrowest first, as ACLED writes it
    per_type = [c.description.removeprefix("Events of type ") for c in MONTHLY_ADMIN1.columns[6:]]
    assert sorted(per_type) == sorted(VOCABULARIES["event_type"])  # sql/aggregates/monthly_admin1.sql columns


def test_unique_columns_beside_the_key_are_checked_unique():
    expectations = row_expectations(EVENTS, VOCABULARIES)
    unique = {e["kwargs"]["column"] for e in expectations if e["type"] == "expect_column_values_to_be_unique"}
    assert unique == {"event_id", "event_id_cnty", "data_id"}


def test_contracts_are_consistent():
    for name, table in TABLES.items():
        assert table.name == name and table.description
        assert all(column.description for column in table.columns)
    with pytest.raises(ValueError, match="duplicate"):
        Table("t", "x", (NEW, NEW))
    with pytest.raises(ValueError, match="key"):
        Table("t", "x", (NEW,), key=("absent",))
    with pytest.raises(ValueError, match="DuckDB"):
        Column("c", pl.Int8, "a type without a DuckDB counterpart")
