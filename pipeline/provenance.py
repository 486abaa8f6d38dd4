"""What a release was made from: code version, spaCy model, seed-data hashes and the input manifest."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

import polars as pl


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def seed_hashes(seeds: Path) -> dict[str, str]:
    """sha256 of every reference-data file under seeds/ (sample articles excluded: they are inputs)."""
    return {
        path.relative_to(seeds).as_posix(): file_sha256(path)
        for path in sorted(seeds.rglob("*"))
        if path.is_file() and "articles" not in path.relative_to(seeds).parts
    }


# The code that changes what is extracted.
EXTRACTION_CODE = ("extract", "actors", "places", "normalize", "text", "records.py")


def extraction_version(model: str, seeds: Path, settings: Mapping[str, object] | None = None) -> str:
    """A short hash of the model identity, the extracting code, the seed data and the extraction settings given:
    the extractor's version (cache key of extracted articles, and the Dagster code_version of the extraction
    assets)."""
    code = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in EXTRACTION_CODE:
        for path in sorted((package / name).rglob("*.py")) if (package / name).is_dir() else [package / name]:
            code.update(path.read_bytes())
    identity = "|".join([model, code.hexdigest(), json.dumps(dict(settings or {}), sort_keys=True),
                         *(f"{name}:{digest}" for name, digest in seed_hashes(seeds).items())])
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def build_provenance(articles: pl.DataFrame, seeds: Path, model_name: str, model_version: str,
                     languages: list[str]) -> dict:
    """The provenance record a release carries; deterministic for the same inputs, seeds, code and model.

    `languages` are those the extraction model reads: articles in any other language produced nothing."""
    manifest = articles.select("article_id", "content_hash").sort("article_id")
    return {
        "code_version": f"conflict-events {version('conflict-events')}",
        "spacy_model": {"name": model_name, "version": model_version, "languages": sorted(languages)},
        "seed_hashes": seed_hashes(seeds),
        "input_manifest": manifest.to_dicts(),
    }
