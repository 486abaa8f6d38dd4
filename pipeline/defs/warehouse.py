"""Asset group `warehouse`: the DuckDB file with tables, aggregates and views, gated by blocking GX checks."""


import json

import dagster as dg

from pipeline.atomic import write_text_atomic
from pipeline.checks.suites import run_suite, suite_names
from pipeline.defs.resources import PipelineSettings
from pipeline.warehouse.storage import build_database, query, read_sql

STAGED_TABLES = ("articles", "quarantine", "event_mentions", "events", "event_sources")


def _check_name(suite: str) -> str:
    return f"great_expectations_{suite}"


@dg.asset(
    deps=["raw_articles", "quarantine", "event_mentions", "events", "event_sources"],
    group_name="warehouse", kinds={"duckdb", "sql"}, owners=["team:data-eng"], pool="warehouse_writer",
    description="warehouse/conflict.duckdb: tables articles, quarantine, event_mentions, events, event_sources; "
                "aggregates daily_counts and monthly_admin1; views for common questions (sql/). Built in a new "
                "file and swapped in atomically, so read-only readers are never blocked.",
    check_specs=[
        dg.AssetCheckSpec(_check_name(suite), asset="warehouse", blocking=True,
                          description=f"Great Expectations suite expectations/{suite}.json on "
                                      f"the query sql/checks/{suite}.sql")
        for suite in suite_names()
    ],
)
def warehouse(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Build the DuckDB warehouse from the staged tables, then validate it with every GX suite."""
    settings = pipeline_settings.settings()
    staged = {table: pipeline_settings.staged(table) for table in STAGED_TABLES}
    staged["quarantine"] = [staged["quarantine"], pipeline_settings.staged("extract_quarantine")]  # every stage's
    build_database(staged, settings.database)
    sizes = query(settings.database, read_sql("checks/counts.sql", min_confidence=settings.min_mention_confidence))
    yield dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(settings.database)),
        **{name: dg.MetadataValue.int(int(value)) for name, value in sizes.row(0, named=True).items()},
    })
    outcomes = [run_suite(settings.database, suite, {"min_confidence": settings.min_mention_confidence})
                for suite in suite_names()]
    write_text_atomic(settings.warehouse / "validation.json",
                      json.dumps([o.as_dict() for o in outcomes], indent=2, sort_keys=True))
    for outcome in outcomes:
        yield dg.AssetCheckResult(
            check_name=_check_name(outcome.suite), passed=outcome.success, severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "rows": dg.MetadataValue.int(outcome.rows),
                "expectations": dg.MetadataValue.int(len(outcome.expectations)),
                "failed": dg.MetadataValue.json([f.__dict__ for f in outcome.failures]),
            },
        )
