"""Run the Great Expectations suites in expectations/ on DuckDB query results (through GX's pandas datasource)."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from pipeline.project_files import project_folder
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


def suite_names() -> list[str]:
    """Suites kept in expectations/, one per checked table."""
    return sorted(path.stem for path in EXPECTATIONS_DIR.glob("*.json"))


def run_suite(database: Path, name: str, parameters: Mapping[str, object] | None = None) -> SuiteOutcome:
    """Validate the result of the suite's SQL query against its expectations."""
    spec = json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    sql = read_sql(spec["query"].removeprefix("sql/"), **(parameters or {}))
    frame = query(database, sql).to_pandas()
    _quiet_great_expectations()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    suite = context.suites.add(gx.ExpectationSuite(
        name=name,
        expectations=[ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"]).to_domain_obj()
                      for e in spec["expectations"]],
    ))
    batch = (context.data_sources.add_pandas(name).add_dataframe_asset(name)
             .add_batch_definition_whole_dataframe(name).get_batch(batch_parameters={"dataframe": frame}))
    result = batch.validate(suite, result_format="SUMMARY").to_json_dict()
    outcomes = [
        ExpectationOutcome(
            expectation=item["expectation_config"]["type"],
            column=item["expectation_config"]["kwargs"].get("column")
            or item["expectation_config"]["kwargs"].get("column_A"),
            success=bool(item["success"]),
            element_count=item["result"].get("element_count"),
            unexpected_count=item["result"].get("unexpected_count"),
            unexpected_examples=[str(v) for v in item["result"].get("partial_unexpected_list", [])[:5]],
        )
        for item in result["results"]
    ]
    return SuiteOutcome(name, bool(result["success"]), len(frame), outcomes)
