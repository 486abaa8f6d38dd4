"""Helpers shared by the evaluate tests: JSONL files and mention frames from rows written in the tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from pipeline.extract.mentions import MENTION_SCHEMA


def write_jsonl(path: Path, rows: Sequence[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def mention_frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=MENTION_SCHEMA, orient="row")


def rejected(reason: str) -> dict:
    """The decision columns of a mention the decide stage rejects for `reason`."""
    return {"is_event": False, "rejection_reason": reason}
