"""The fixed split of every dev file into a tuning part and a report part, by a hash of the row id.

Look only at rows of the tuning part while you work; report scores on the report part. The split never changes:
it depends on nothing but the row id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Split = Literal["tune", "report", "all"]
SPLITS: tuple[Split, ...] = ("tune", "report", "all")
Row = TypeVar("Row")


def split_of(row_id: str) -> Literal["tune", "report"]:
    """'tune' or 'report' for a row id: the first byte of its sha256, even or odd (about half each)."""
    return "tune" if hashlib.sha256(row_id.encode("utf-8")).digest()[0] % 2 == 0 else "report"


def in_split(rows: Iterable[Row], split: Split, row_id: Callable[[Row], str]) -> list[Row]:
    """The rows of one part of the split ('all' keeps every row)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return [row for row in rows if split == "all" or split_of(row_id(row)) == split]
