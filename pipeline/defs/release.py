"""Asset group `release`: a versioned, validated Parquet release, published only after the checks passed."""


import json

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.extract.language_model import load_language_model
from pipeline.provenance import build_provenance
from pipeline.release.publish import publish_release
from pipeline.warehouse.storage import read_table

RELEASED_TABLES = ("events", "event_sources", "event_mentions", "articles", "quarantine", "daily_counts",
                   "monthly_admin1")


@dg.asset(
    deps=["warehouse"], group_name="release", kinds={"parquet", "json", "html"}, owners=["team:data-eng"],
    description="warehouse/releases/<version>/: Parquet tables, ACLED-compatible CSV, datapackage.json "
                "(Frictionless v2 with sha256 hashes), checksums, CHANGES against the previous release, the "
                "validation results and an HTML report; written atomically, never overwritten.",
)
def release(context: dg.AssetExecutionContext, pipeline_settings: PipelineSettings) -> dg.MaterializeResult:
    """Publish the warehouse tables as a release (the GX gate upstream is blocking)."""
    settings = pipeline_settings.settings()
    tables = {name: read_table(settings.database, name) for name in RELEASED_TABLES}
    tables["articles"] = tables["articles"].drop("text")
    nlp = load_language_model(settings.spacy_model)
    provenance = build_provenance(tables["articles"], settings.seeds, settings.spacy_model, nlp.meta["version"],
                                  [nlp.lang])
    validation = json.loads((settings.warehouse / "validation.json").read_text(encoding="utf-8"))
    info = publish_release(tables, settings.releases, provenance=provenance, validation={"suites": validation})
    context.log.info(f"release {info.version} at {info.path} ({'new' if info.created else 'unchanged'})")
    return dg.MaterializeResult(metadata={
        "version": dg.MetadataValue.text(info.version),
        "path": dg.MetadataValue.path(str(info.path)),
        "created": dg.MetadataValue.bool(info.created),
        "events": dg.MetadataValue.int(tables["events"].height),
    })
