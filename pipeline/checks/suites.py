"""Great Expectations checks of warehouse tables: expectations derived from each table's contract plus the
hand-written suites of expectations/, on DuckDB query results (through GX's pandas datasource)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import great_expectations as gx
import polars as pl
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from pipeline.project_files import project_folder
from pipeline.tables import Table
from pipeline.tables.expectations import row_expectations, type_expectations
from pipeline.warehouse.storage import query, read_sql

EXPECTATIONS_DIR = project_folder("expectations")


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's verdict, without GX's run-specific ids (so it can ship in a reproducible release)."""

    expectation: str
    column: str | None
    success: bool
    element_count: int | None
    unexpected_count: int | None
    unexpected_examples: list


@dataclass(frozen=True)
class SuiteOutcome:
    """A suite's verdict over the rows of its query."""

    suite: str
    success: bool
    rows: int
    expectations: list[ExpectationOutcome]

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]

    def as_dict(self) -> dict:
        """The outcome in Great Expectations' result layout (suite_name, success, results[…]), without run ids."""
        return {
            "suite_name": self.suite,
            "success": self.success,
            "rows": self.rows,
            "results": [
                {
                    "success": e.success,
                    "expectation_config": {"type": e.expectation, "kwargs": {"column": e.column}},
                    "result": {"element_count": e.element_count, "unexpected_count": e.unexpected_count,
                               "partial_unexpected_list": e.unexpected_examples},
                }
                for e in self.expectations
            ],
        }


def _quiet_great_expectations() -> None:
    """GX sets INFO levels on its own loggers; its chatter is not our run's news."""
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.WARNING)


def hand_written_suites(table: str) -> list[dict]:
    """The suites of expectations/ that check `table`: what its contract cannot say (relations between columns,
    between tables, plausibility of derived values), each over its own query or, without one, the table itself."""
    specs = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(EXPECTATIONS_DIR.glob("*.json"))]
    return [spec for spec in specs if spec["table"] == table]


def _gx_context():
    _quiet_great_expectations()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def _outcome(item: dict) -> ExpectationOutcome:
    kwargs = item["expectation_config"]["kwargs"]
    return ExpectationOutcome(
        expectation=item["expectation_config"]["type"],
        column=kwargs.get("column") or kwargs.get("column_A"),
        success=bool(item["success"]),
        element_count=item["result"].get("element_count"),
        unexpected_count=item["result"].get("unexpected_count"),
        unexpected_examples=[str(v) for v in item["result"].get("partial_unexpected_list", [])[:5]],
    )


def _validate(context, name: str, frame: pl.DataFrame, expectations: list[dict]) -> list[ExpectationOutcome]:
    """Validate one frame against a list of expectation configurations (GX's pandas datasource)."""
    suite = context.suites.add(gx.ExpectationSuite(
        name=name,
        expectations=[ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"]).to_domain_obj()
                      for e in expectations],
    ))
    batch = (context.data_sources.add_pandas(name).add_dataframe_asset(name)
             .add_batch_definition_whole_dataframe(name).get_batch(batch_parameters={"dataframe": frame.to_pandas()}))
    return [_outcome(item) for item in batch.validate(suite, result_format="SUMMARY").to_json_dict()["results"]]


def validate_table(database: Path, table: Table, vocabularies: Mapping[str, Sequence[str]],
                   parameters: Mapping[str, object] | None = None) -> SuiteOutcome:
    """Check a warehouse table against its contract (rows and DuckDB column types) and its hand-written suites."""
    rows = query(database, read_sql("tables/select.sql", table=table.name))
    batches = [
        (rows, row_expectations(table, vocabularies)),
        (query(database, read_sql("checks/column_types.sql", table=table.name)), type_expectations(table)),
    ]
    for spec in hand_written_suites(table.name):
        frame = query(database, read_sql(spec["query"], **(parameters or {}))) if "query" in spec else rows
        batches.append((frame, spec["expectations"]))
    context = _gx_context()
    outcomes = [outcome for number, (frame, expectations) in enumerate(batches)
                for outcome in _validate(context, f"{table.name}_{number}", frame, expectations)]
    return SuiteOutcome(table.name, all(o.success for o in outcomes), rows.height, outcomes)
