"""Builders from stage records to frames with a contract's schema, and streaming staged articles back."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from pipeline.records import Article, QuarantineRecord
from pipeline.tables.declarations import ARTICLES, QUARANTINE


def articles_frame(articles: Iterable[Article]) -> pl.DataFrame:
    """Articles sorted by id, with the ARTICLES schema."""
    return ARTICLES.frame(asdict(a) for a in articles).sort("article_id")


def quarantine_frame(records: Iterable[QuarantineRecord]) -> pl.DataFrame:
    """Quarantined inputs sorted by where they came from, with the QUARANTINE schema."""
    return QUARANTINE.frame(asdict(r) for r in records).sort("source_path", "record_offset", "stage", "reason",
                                                              nulls_last=True)


def iter_staged_articles(path: Path, batch_rows: int = 1000,
                         source_paths: Collection[str] | None = None) -> Iterator[Article]:
    """Article records streamed from a staged Parquet file, a batch of rows at a time (optionally only those
    loaded from the given source files)."""
    known = set(Article.__dataclass_fields__)
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
        for row in pl.from_arrow(batch).iter_rows(named=True):
            if source_paths is None or row["source_path"] in source_paths:
                yield Article(**{k: v for k, v in row.items() if k in known})
