"""Frictionless Data Package (v2) descriptor of a release."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

FORMATS = {
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "csv": ("csv", "text/csv"),
}

# frictionless-py reads Parquet through pandas, where nulls arrive as NaN (numbers) or NaT (times).
PARQUET_MISSING_VALUES = ["", "nan", "NaT"]

DEFAULT_METADATA: dict[str, Any] = {
    "name": "conflict-events",
    "title": "Conflict events extracted from news articles",
    "description": (
        "ACLED-style political violence and protest events extracted automatically from news "
        "articles, with the supporting articles and sentences for every event."
    ),
    "licenses": [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }
    ],
    "sources": [{"title": "News articles listed in the articles resource"}],
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resource_descriptor(name: str, path: str, data: bytes, schema: dict[str, Any]) -> dict[str, Any]:
    """Tabular resource with format, media type, sha256 hash and Table Schema.

    Parquet resources carry no `bytes`: frictionless-py reads Parquet through pyarrow, never counts
    its bytes, and would report every declared size as a byte-count error.  Their sizes are in
    `conflict_events.bytes`; checksums.sha256 covers every file of the release.
    """
    file_format, mediatype = FORMATS[path.rsplit(".", 1)[1]]
    descriptor: dict[str, Any] = {
        "name": name,
        "type": "table",
        "path": path,
        "format": file_format,
        "mediatype": mediatype,
    }
    if file_format == "csv":
        descriptor["encoding"] = "utf-8"
        descriptor["bytes"] = len(data)
    else:
        schema = {**schema, "missingValues": PARQUET_MISSING_VALUES}
    descriptor["hash"] = f"sha256:{sha256_hex(data)}"
    descriptor["schema"] = schema
    return descriptor


def package_descriptor(
    version: str,
    resources: list[dict[str, Any]],
    metadata: Mapping[str, Any],
    custom: Mapping[str, Any],
) -> dict[str, Any]:
    """Package descriptor: metadata (defaults overridable), version, resources, custom provenance."""
    package: dict[str, Any] = {"$schema": PROFILE, **DEFAULT_METADATA, **metadata}
    package["version"] = version
    package["resources"] = resources
    package["conflict_events"] = dict(custom)
    return package
