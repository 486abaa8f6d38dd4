"""Asset group `release`: after the gate, the validated database is swapped in and a versioned release published."""


import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import gate_results, promote, released_tables, table_key
from pipeline.provenance import build_provenance
from pipeline.warehouse.catalog import LOADED_TABLES, sql_objects
from pipeline.warehouse.gate import GateBounds


@dg.asset(
    deps=[table_key(name) for name in [*LOADED_TABLES, *(o.name for o in sql_objects())]], group_name="release",
    kinds={"parquet", "json", "html"}, owners=["team:data-eng"], pool="warehouse_writer",
    automation_condition=dg.AutomationCondition.eager(),
    description="Runs only when every warehouse check passed on this build: swaps the new DuckDB file in for "
                "readers and publishes `warehouse/releases/<version>/` — Parquet tables, ACLED-compatible CSV, "
                "datapackage.json (Frictionless v2 with sha256 hashes), checksums, CHANGES against the previous "
                "release (per-country jumps warn there, or stop publishing: seeds/release_gate.yaml), the "
                "validation results and an HTML report; written atomically, never overwritten.",
)
def release(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings) -> dg.MaterializeResult:
    """Publish the validated tables as a release and make the validated database the one readers see."""
    from pipeline.extract.language_model import load_language_model
    from pipeline.extract.languages import language_models
    from pipeline.release.publish import publish_release

    settings = pipeline_settings.settings()
    validation = gate_results(settings)
    tables = released_tables(settings)
    nlp = load_language_model(settings.spacy_model)
    provenance = build_provenance(tables["articles"], settings.seeds, settings.spacy_model, nlp.meta["version"],
                                  list(language_models(settings)))
    info = publish_release(tables, settings.releases, provenance=provenance, validation={"suites": validation},
                           jump_bounds=GateBounds.load(settings.seeds).jumps)
    promote(settings)
    context.log.info(f"release {info.version} at {info.path} ({'new' if info.created else 'unchanged'}); "
                     f"{settings.database} now holds this build")
    return dg.MaterializeResult(metadata={
        "version": dg.MetadataValue.text(info.version),
        "path": dg.MetadataValue.path(str(info.path)),
        "created": dg.MetadataValue.bool(info.created),
        "events": dg.MetadataValue.int(tables["events"].height),
        "database": dg.MetadataValue.path(str(settings.database)),
    })
