"""Great Expectations configurations derived from a table contract (plain dicts: no GX import here).

Two batches per table: its rows (column names in order, not-null, key and column uniqueness, allowed values, ranges) and
its DuckDB catalog entry (every column with the declared type). What cannot be derived from a contract —
relations between columns or tables — is written by hand in expectations/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.tables.contract import Column, Table

Expectation = dict[str, Any]


def _expectation(kind: str, **kwargs: Any) -> Expectation:
    return {"type": f"expect_{kind}", "kwargs": kwargs}


def _column_expectations(column: Column, vocabularies: Mapping[str, Sequence[Any]]) -> list[Expectation]:
    found: list[Expectation] = []
    if not column.nullable:
        found.append(_expectation("column_values_to_not_be_null", column=column.name))
    if column.unique:
        found.append(_expectation("column_values_to_be_unique", column=column.name))
    allowed = column.allowed if column.vocabulary is None else vocabularies[column.vocabulary]
    if allowed is not None:
        found.append(_expectation("column_values_to_be_in_set", column=column.name, value_set=list(allowed)))
    if column.minimum is not None or column.maximum is not None:
        found.append(_expectation("column_values_to_be_between", column=column.name, min_value=column.minimum,
                                  max_value=column.maximum))
    return found


def row_expectations(table: Table, vocabularies: Mapping[str, Sequence[Any]]) -> list[Expectation]:
    """Expectations over the rows of `SELECT * FROM <table>`."""
    found = [_expectation("table_columns_to_match_ordered_list", column_list=table.names)]
    if len(table.key) == 1:
        found.append(_expectation("column_values_to_be_unique", column=table.key[0]))
    elif table.key:
        found.append(_expectation("compound_columns_to_be_unique", column_list=list(table.key)))
    for column in table.columns:
        found.extend(_column_expectations(column, vocabularies))
    return found


def type_expectations(table: Table) -> list[Expectation]:
    """Expectations over the table's catalog rows (`column_type` = "<name> <DuckDB type>", one per column)."""
    declared = [f"{column.name} {column.duckdb_type}" for column in table.columns]
    return [_expectation("column_distinct_values_to_equal_set", column="column_type", value_set=declared),
            _expectation("table_row_count_to_equal", value=len(declared))]
