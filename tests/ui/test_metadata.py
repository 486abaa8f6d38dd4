"""Asset metadata shown in the UI: row count, the contract's column schema and a table preview of the rows."""

from __future__ import annotations

from datetime import date

import dagster as dg
import polars as pl

from pipeline.defs.metadata import column_schema, table_metadata
from pipeline.tables import EVENTS


def test_table_metadata_previews_rows_as_a_dagster_table():
    frame = pl.DataFrame({"event_id": ["ev_1", "ev_2"], "event_date": [date(2020, 5, 1), None],
                          "fatalities": [3, 0], "notes": ["x" * 500, "short"]})
    metadata = table_metadata(frame, ["event_id", "event_date", "fatalities", "notes"])
    assert metadata["dagster/row_count"].value == 2
    preview = metadata["preview"]
    assert isinstance(preview, dg.TableMetadataValue)
    assert [c.name for c in preview.schema.columns] == ["event_id", "event_date", "fatalities", "notes"]
    first, second = (record.data for record in preview.records)
    assert first["event_date"] == "2020-05-01" and second["event_date"] is None and first["fatalities"] == 3
    assert len(first["notes"]) < 200


def test_empty_table_preview_has_columns_and_no_rows():
    preview = table_metadata(pl.DataFrame({"event_id": []}, schema={"event_id": pl.String}))["preview"]
    assert preview.records == [] and [c.name for c in preview.schema.columns] == ["event_id"]


def test_column_schema_carries_descriptions_and_constraints_of_the_contract():
    columns = {c.name: c for c in column_schema(EVENTS).columns}
    assert list(columns) == EVENTS.names
    assert "lowest reported" in columns["fatalities"].description
    assert columns["event_id"].constraints.unique and not columns["event_id"].constraints.nullable
    assert any("taxonomy" in rule for rule in columns["event_type"].constraints.other)
