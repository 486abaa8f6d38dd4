"""Finding, loading and describing the releases stored under a releases directory."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from pipeline.atomic import fsync_path, write_text_atomic

LATEST = "latest"
DATAPACKAGE = "datapackage.json"
CUSTOM_KEY = "conflict_events"


def parse_version(text: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) for a plain SemVer string, else None."""
    parts = text.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    major, minor, patch = (int(part) for part in parts)
    return major, minor, patch


def release_dirs(releases_dir: Path) -> list[Path]:
    """Complete releases (SemVer-named folders holding a datapackage.json), oldest first."""
    if not releases_dir.is_dir():
        return []
    found = [
        path
        for path in releases_dir.iterdir()
        if path.is_dir()
        and not path.is_symlink()
        and parse_version(path.name)
        and (path / DATAPACKAGE).is_file()
    ]
    return sorted(found, key=lambda path: parse_version(path.name))


def read_latest(releases_dir: Path) -> str | None:
    """Version named by the `latest` pointer (symlink or one-line text file)."""
    pointer = releases_dir / LATEST
    if pointer.is_symlink():
        return Path(os.readlink(pointer)).name
    if pointer.is_file():
        return pointer.read_text(encoding="utf-8").strip() or None
    return None


def write_latest(releases_dir: Path, version: str) -> None:
    """Atomically point `latest` at `version` (a relative symlink, else a text file)."""
    pointer = releases_dir / LATEST
    staging = releases_dir / f".latest-{os.getpid()}"
    staging.unlink(missing_ok=True)
    try:
        os.symlink(version, staging)
    except OSError:
        write_text_atomic(pointer, version + "\n")
        return
    os.replace(staging, pointer)
    fsync_path(releases_dir)


@dataclass(frozen=True)
class ReleaseContent:
    """What a release holds, as compared between versions."""

    version: str | None
    tables: dict[str, pl.DataFrame]
    fields: dict[str, list[tuple[str, str]]]  # resource name → [(field name, type)]


def read_datapackage(release_dir: Path) -> dict[str, Any]:
    return json.loads((release_dir / DATAPACKAGE).read_text(encoding="utf-8"))


def load_release(release_dir: Path) -> ReleaseContent:
    """Tables (Parquet resources) and resource field lists of a published release."""
    package = read_datapackage(release_dir)
    tables, fields = {}, {}
    for resource in package["resources"]:
        fields[resource["name"]] = [
            (field["name"], field["type"]) for field in resource.get("schema", {}).get("fields", [])
        ]
        if resource.get("format") == "parquet":
            tables[resource["name"]] = pl.read_parquet(release_dir / resource["path"])
    return ReleaseContent(package.get("version"), tables, fields)


def resolve_release(releases_dir: Path, version: str) -> Path:
    """Folder of `version` ("latest" allowed); FileNotFoundError when it is not published."""
    name = read_latest(releases_dir) if version == LATEST else version
    path = releases_dir / name if name else None
    if path is None or path not in release_dirs(releases_dir):
        raise FileNotFoundError(f"no release {version!r} in {releases_dir}")
    return path


@dataclass(frozen=True)
class ReleaseSummary:
    """One line of `list_releases`."""

    version: str
    path: Path
    events: int | None
    previous_version: str | None
    bump: str | None
    is_latest: bool


def _row_count(path: Path) -> int | None:
    return pq.read_metadata(path).num_rows if path.is_file() else None


def list_releases(releases_dir: Path) -> list[ReleaseSummary]:
    """Published releases, oldest first."""
    latest = read_latest(releases_dir)
    summaries = []
    for path in release_dirs(releases_dir):
        release = read_datapackage(path).get(CUSTOM_KEY, {}).get("release", {})
        summaries.append(
            ReleaseSummary(
                version=path.name,
                path=path,
                events=_row_count(path / "events.parquet"),
                previous_version=release.get("previous_version"),
                bump=release.get("bump"),
                is_latest=path.name == latest,
            )
        )
    return summaries


def abridge(value: Any, limit: int = 10) -> Any:
    """`value` with lists longer than `limit` replaced by a count (for human-readable views)."""
    if isinstance(value, dict):
        return {key: abridge(item, limit) for key, item in value.items()}
    if isinstance(value, list):
        if len(value) > limit:
            return f"[{len(value)} items; full list in datapackage.json]"
        return [abridge(item, limit) for item in value]
    return value


def show_release(releases_dir: Path, version: str) -> str:
    """Plain-text description of one release: files, provenance, validation, changes."""
    path = resolve_release(releases_dir, version)
    package = read_datapackage(path)
    custom = package.get(CUSTOM_KEY, {})
    lines = [f"{package.get('title', package['name'])} {package['version']}", f"path: {path}", ""]
    lines.append("resources:")
    for resource in package["resources"]:
        rows = _row_count(path / resource["path"]) if resource["format"] == "parquet" else None
        size = (path / resource["path"]).stat().st_size
        row_text = f", {rows} rows" if rows is not None else ""
        lines.append(f"  {resource['path']}: {size} bytes{row_text}")
    if "coverage" in custom:
        lines += ["", f"coverage: {custom['coverage']['start']} .. {custom['coverage']['end']}"]
    validation = custom.get("validation", {})
    if validation:
        lines.append(
            f"validation: {validation['successful']}/{validation['evaluated']} expectations passed"
        )
    lines += ["", "provenance:", json.dumps(abridge(custom.get("provenance", {})), indent=2, sort_keys=True)]
    changes = path / "CHANGES.md"
    if changes.is_file():
        lines += ["", changes.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"
