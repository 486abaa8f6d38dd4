"""Asset metadata shown in the UI: row count, column schema with descriptions, and a Markdown preview."""

from __future__ import annotations

import polars as pl

from pipeline.defs.resources import table_metadata


def test_table_metadata_describes_known_columns_and_previews_rows():
    frame = pl.DataFrame({"event_id": ["ev_1", "ev_2"], "fatalities": [3, 0], "analyst_note": ["a", "b"]})
    metadata = table_metadata(frame, ["event_id", "fatalities"])
    assert metadata["dagster/row_count"].value == 2
    columns = {c.name: c for c in metadata["dagster/column_schema"].columns}
    assert columns["fatalities"].type == "Int64"
    assert "lowest reported" in columns["fatalities"].description
    assert columns["analyst_note"].description is None
    preview = metadata["preview"].value
    assert "ev_1" in preview and "analyst_note" not in preview


def test_empty_table_preview_says_so():
    assert table_metadata(pl.DataFrame({"event_id": []}, schema={"event_id": pl.String}))["preview"].value == "_empty_"
