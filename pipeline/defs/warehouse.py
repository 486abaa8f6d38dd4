"""Asset group `warehouse`: one asset per DuckDB table and view users query, each table gated by a blocking
Great Expectations check.

The tables are built into a new file, `staging/conflict.duckdb`, that no reader sees: the checks validate that
file, and only the `release` asset swaps it in (together with publishing the release) once every check passed.
"""


import json
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.atomic import replace_atomic, write_text_atomic
from pipeline.defs.metadata import column_schema, frame_schema, preview
from pipeline.defs.resources import PipelineSettings, staged
from pipeline.settings import Settings
from pipeline.tables import TABLES, Table
from pipeline.tables.taxonomy import load_vocabularies
from pipeline.warehouse.catalog import LOADED_TABLES, sql_objects
from pipeline.warehouse.storage import build_database, query, read_sql, read_table

GROUP = "warehouse"
CHECK = "great_expectations"
PREVIEW_ROWS = 10


def table_key(name: str) -> dg.AssetKey:
    """The asset key of a warehouse table or view (`warehouse/<name>`)."""
    return dg.AssetKey([GROUP, name])


def candidate_database(settings: Settings) -> Path:
    """The DuckDB file built by this run and awaiting the gate."""
    return settings.staging / "conflict.duckdb"


def build_id(database: Path) -> str:
    """Identifies one build of the candidate file (a rebuild is a new file: new inode and mtime)."""
    status = database.stat()
    return f"{status.st_ino}-{status.st_size}-{status.st_mtime_ns}"


def validation_path(settings: Settings, table: str) -> Path:
    """Where the check of `table` records its outcome for the build it validated."""
    return settings.staging / "validation" / f"{table}.json"


def _specs() -> list[dg.AssetSpec]:
    common = {"group_name": GROUP, "owners": ["team:data-eng"], "automation_condition": dg.AutomationCondition.eager()}
    specs = [
        dg.AssetSpec(table_key(table), deps=sorted(set(files.values())), kinds={"duckdb", "table"},
                     description=f"{TABLES[table].description} Loaded from "
                                 f"{', '.join(f'staging/{name}.parquet' for name in files)}.",
                     metadata={"dagster/column_schema": column_schema(TABLES[table])}, **common)
        for table, files in LOADED_TABLES.items()
    ]
    for sql_object in sql_objects():
        contract = TABLES.get(sql_object.name)
        metadata = {"dagster/column_schema": column_schema(contract)} if contract else {}
        specs.append(dg.AssetSpec(
            table_key(sql_object.name), deps=[table_key(name) for name in sql_object.reads],
            kinds={"duckdb", sql_object.kind}, metadata=metadata,
            description=f"{sql_object.description} (sql/, a DuckDB {sql_object.kind})", **common))
    return specs


def _materialization(database: Path, key: dg.AssetKey) -> dg.MaterializeResult:
    first_rows = query(database, read_sql("tables/preview.sql", table=key.path[-1], rows=PREVIEW_ROWS))
    rows = int(first_rows["_rows"][0]) if first_rows.height else 0
    first_rows = first_rows.drop("_rows")
    metadata = {"dagster/row_count": dg.MetadataValue.int(rows), "preview": preview(first_rows)}
    if key.path[-1] not in TABLES:
        metadata["dagster/column_schema"] = frame_schema(first_rows)
    return dg.MaterializeResult(asset_key=key, metadata=metadata)


@dg.multi_asset(specs=_specs(), pool="warehouse_writer")
def warehouse_tables(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings):
    """Build every table, aggregate and view into the candidate DuckDB file (readers still see the old one)."""
    settings = pipeline_settings.settings()
    candidate = candidate_database(settings)
    build_database({table: [staged(settings, name) for name in files] for table, files in LOADED_TABLES.items()},
                   candidate)
    context.log.info(f"built {candidate}; it replaces {settings.database} only after every check passed")
    for spec in context.assets_def.specs:  # in declaration order, which is build (topological) order
        yield _materialization(candidate, spec.key)


def build_table_check(table: Table) -> dg.AssetChecksDefinition:
    """A blocking check of one warehouse table: its contract and the hand-written suites of expectations/."""

    @dg.asset_check(asset=table_key(table.name), name=CHECK, blocking=True,
                    description=f"Great Expectations on the candidate DuckDB file: every column of {table.name} as "
                                f"its contract declares (type, nulls, key, allowed values, ranges) and the suites "
                                f"of expectations/ for {table.name}; a failure stops the release.")
    def check_table(pipeline_settings: PipelineSettings) -> dg.AssetCheckResult:
        from pipeline.checks.suites import validate_table  # Great Expectations takes ~20 s to import

        settings = pipeline_settings.settings()
        candidate = candidate_database(settings)
        outcome = validate_table(candidate, table, load_vocabularies(settings.seeds))
        write_text_atomic(validation_path(settings, table.name),
                          json.dumps({"build": build_id(candidate), **outcome.as_dict()}, indent=2, sort_keys=True))
        return dg.AssetCheckResult(passed=outcome.success, severity=dg.AssetCheckSeverity.ERROR, metadata={
            "rows": dg.MetadataValue.int(outcome.rows),
            "expectations": dg.MetadataValue.int(len(outcome.expectations)),
            "failed": dg.MetadataValue.json([f.__dict__ for f in outcome.failures]),
        })

    return check_table


CHECKED_TABLES = [*LOADED_TABLES, *(o.name for o in sql_objects() if o.name in TABLES)]
table_checks = [build_table_check(TABLES[name]) for name in CHECKED_TABLES]


def gate_results(settings: Settings) -> list[dict]:
    """Every check's outcome on the current candidate build; raises unless all of them ran on it and passed."""
    candidate = candidate_database(settings)
    if not candidate.exists():
        raise dg.Failure(f"no candidate database at {candidate}: materialize the warehouse tables first")
    build, outcomes = build_id(candidate), []
    for table in CHECKED_TABLES:
        path = validation_path(settings, table)
        recorded = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if recorded.pop("build", None) != build or not recorded.get("success"):
            raise dg.Failure(f"the check of {table} has not passed on this build ({path}): nothing is published")
        outcomes.append(recorded)
    return outcomes


def promote(settings: Settings) -> None:
    """Swap the validated candidate in as the database readers open."""
    replace_atomic(candidate_database(settings), settings.database)


def released_tables(settings: Settings) -> dict[str, pl.DataFrame]:
    """The candidate's tables as a release carries them."""
    candidate = candidate_database(settings)
    return {name: read_table(candidate, name).select(TABLES[name].released_names) for name in CHECKED_TABLES}
