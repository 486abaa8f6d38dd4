"""Table schemas shared by the stages, and builders from records to polars frames."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from pipeline.records import Article, QuarantineRecord

ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String, "source_path": pl.String, "record_offset": pl.Int64, "title": pl.String, "text": pl.String,
    "published_at": pl.Datetime("us", "UTC"), "source": pl.String, "url": pl.String, "language": pl.String,
    "content_hash": pl.String, "duplicate_of": pl.String, "country": pl.String,
}
QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "source_path": pl.String, "record_offset": pl.Int64, "reason": pl.String, "excerpt": pl.String,
}


def articles_frame(articles: Iterable[Article]) -> pl.DataFrame:
    """Articles sorted by id, with the fixed ARTICLE_SCHEMA."""
    rows = [{name: asdict(a).get(name) for name in ARTICLE_SCHEMA} for a in articles]
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA, orient="row").sort("article_id")


def quarantine_frame(records: Iterable[QuarantineRecord]) -> pl.DataFrame:
    """Quarantined inputs sorted by where they came from, with the fixed QUARANTINE_SCHEMA."""
    rows = [{name: asdict(r).get(name) for name in QUARANTINE_SCHEMA} for r in records]
    return pl.DataFrame(rows, schema=QUARANTINE_SCHEMA, orient="row").sort(
        "source_path", "record_offset", "reason", nulls_last=True)


def iter_staged_articles(path: Path, batch_rows: int = 1000,
                         source_paths: Collection[str] | None = None) -> Iterator[Article]:
    """Article records streamed from a staged Parquet file, a batch of rows at a time (optionally only those
    loaded from the given source files)."""
    known = set(Article.__dataclass_fields__)
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
        for row in pl.from_arrow(batch).iter_rows(named=True):
            if source_paths is None or row["source_path"] in source_paths:
                yield Article(**{k: v for k, v in row.items() if k in known})
