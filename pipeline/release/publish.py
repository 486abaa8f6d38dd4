"""Publishing a versioned, reproducible, atomically written release folder."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow

from pipeline.atomic import atomic_path
from pipeline.release.acled_export import acled_csv
from pipeline.release.canonical import encode_parquet, prepare_tables, primary_key, table_schema
from pipeline.release.catalog import (
    DATAPACKAGE,
    ReleaseContent,
    load_release,
    read_latest,
    release_dirs,
    write_latest,
)
from pipeline.release.datapackage import package_descriptor, resource_descriptor, sha256_hex
from pipeline.release.diff import compare_releases, format_diff, next_version
from pipeline.release.report import render_report, render_validation
from pipeline.release.validation import summarize_validation, without_run_times
from pipeline.tables import TABLES

ACLED_RESOURCE = "events_acled"
CHECKSUMS = "checksums.sha256"


@dataclass(frozen=True)
class ReleaseInfo:
    """Outcome of `publish_release`: created is False when the content was already published."""

    version: str
    path: Path
    created: bool


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable: {value!r}")


def canonical_json(value: Any) -> str:
    """Indented JSON with sorted keys, so equal content gives equal bytes."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default) + "\n"


def _write_atomically(releases_dir: Path, version: str, files: Mapping[str, bytes]) -> Path:
    """Write `files` into a hidden staging folder, fsync, then rename it to `version` (never over one)."""
    target = releases_dir / version
    with atomic_path(target, directory=True) as staging:
        for name in sorted(files):
            (staging / name).write_bytes(files[name])
    return target


def _coverage(events: pl.DataFrame | None) -> dict[str, str] | None:
    if events is None or "event_date" not in events.columns or events["event_date"].is_null().all():
        return None
    return {"start": str(events["event_date"].min()), "end": str(events["event_date"].max())}


def _data_files(
    prepared: Mapping[str, tuple[pl.DataFrame, list[str] | None]],
) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Parquet per table plus the ACLED CSV, with their Data Package resource descriptors."""
    files: dict[str, bytes] = {}
    resources = []
    for name, (frame, key) in prepared.items():
        path = f"{name}.parquet"
        files[path] = encode_parquet(frame)
        resources.append(resource_descriptor(name, path, files[path], table_schema(frame, key, TABLES.get(name))))
    if "events" in prepared:
        path = f"{ACLED_RESOURCE}.csv"
        files[path], schema = acled_csv({name: frame for name, (frame, _) in prepared.items()})
        resources.append(resource_descriptor(ACLED_RESOURCE, path, files[path], schema))
    return files, resources


def _provenance_record(resources: list[dict[str, Any]], files: Mapping[str, bytes], diff, provenance: Any, summary,
                       events: pl.DataFrame | None) -> dict[str, Any]:
    """The package's `conflict_events` object: content hash, lineage, provenance, validation, writer, sizes."""
    custom: dict[str, Any] = {
        "content_hash": sha256_hex("".join(f"{r['name']} {r['hash']}\n" for r in resources).encode()),
        "release": {"previous_version": diff.old_version, "bump": diff.bump},
        "provenance": provenance,
        "validation": {
            "success": summary.success,
            "evaluated": summary.evaluated,
            "successful": summary.successful,
        },
        "writer": {"polars": pl.__version__, "pyarrow": pyarrow.__version__},
        "bytes": {r["path"]: len(files[r["path"]]) for r in resources},
    }
    coverage = _coverage(events)
    if coverage:
        custom["coverage"] = coverage
    return custom


def publish_release(
    tables: Mapping[str, pl.DataFrame],
    releases_dir: Path,
    *,
    provenance: Mapping[str, Any],
    validation: Mapping[str, Any],
    metadata: Mapping[str, Any] | None = None,
    keys: Mapping[str, Sequence[str]] | None = None,
) -> ReleaseInfo:
    """Publish `tables` as the next SemVer release under `releases_dir` (see README.md).

    `metadata` overrides package fields (name, title, licenses, sources, ...); `keys` adds or
    overrides the sort/primary keys of tables.  Identical content to the newest release
    publishes nothing and returns that release with created=False.
    """
    if ACLED_RESOURCE in tables:
        raise ValueError(f"table name {ACLED_RESOURCE!r} is reserved for the ACLED CSV export")
    if "events" in tables and primary_key(tables["events"], ["event_id"]) is None:
        raise ValueError("events.event_id must exist, be non-null and unique to key releases and diffs")
    releases_dir.mkdir(parents=True, exist_ok=True)
    prepared = prepare_tables(tables, keys or {})
    ordered = {name: frame for name, (frame, _) in prepared.items()}
    files, resources = _data_files(prepared)

    history = release_dirs(releases_dir)
    current = ReleaseContent(
        version=None,
        tables={name: pl.read_parquet(io.BytesIO(files[f"{name}.parquet"])) for name in ordered},
        fields={r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"]] for r in resources},
    )
    previous = load_release(history[-1]) if history else None
    diff = compare_releases(previous, current)
    if history and diff.bump == "none":
        if read_latest(releases_dir) != history[-1].name:
            write_latest(releases_dir, history[-1].name)
        return ReleaseInfo(history[-1].name, history[-1], created=False)

    version = next_version(history[-1].name if history else None, diff.bump)
    diff.new_version = version
    summary = summarize_validation(validation)
    validation_json = canonical_json(without_run_times(validation))
    provenance_json = json.loads(canonical_json(provenance))
    files["validation.json"] = validation_json.encode()
    files["validation.html"] = render_validation(validation_json, summary, version).encode()
    files["changes.json"] = canonical_json(diff.to_json()).encode()
    files["CHANGES.md"] = format_diff(diff).encode()
    files["report.html"] = render_report(ordered, version, summary, provenance_json, diff=diff,
                                         previous_events=previous.tables.get("events") if previous else None).encode()

    custom = _provenance_record(resources, files, diff, provenance_json, summary, ordered.get("events"))
    package = package_descriptor(version, resources, metadata or {}, custom)
    files[DATAPACKAGE] = canonical_json(package).encode()
    files[CHECKSUMS] = "".join(f"{sha256_hex(data)}  {name}\n" for name, data in sorted(files.items())).encode()

    path = _write_atomically(releases_dir, version, files)
    write_latest(releases_dir, version)
    return ReleaseInfo(version, path, created=True)
