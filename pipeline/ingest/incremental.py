"""Incremental, streaming loading into staged Parquet: files whose fingerprint is unchanged since the last run
are not read again, and new records are written in batches, so memory stays flat as the corpus grows."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from pipeline.atomic import atomic_path, scratch_path, write_text_atomic
from pipeline.ingest.dedup import DuplicateDetector, remember_articles, signature_index
from pipeline.ingest.files import file_fingerprints, same_content
from pipeline.ingest.loader import iter_articles
from pipeline.records import Article, QuarantineRecord
from pipeline.tables import ARTICLES, QUARANTINE, articles_frame, quarantine_frame

BATCH_RECORDS = 2000
_UNSAFE_KEY_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


def batch_key(source_path: str, source: str | Path) -> str:
    """The ingestion batch of an article: its file's path under the source, as a stable partition key."""
    root = Path(source)
    relative = Path(source_path).relative_to(root).as_posix() if root.is_dir() else Path(source_path).name
    readable = _UNSAFE_KEY_CHARACTERS.sub("_", relative)[-80:]
    return f"{readable}-{hashlib.sha256(relative.encode()).hexdigest()[:8]}"


def batch_keys(articles: Path, source: str | Path) -> dict[str, list[str]]:
    """Source files of the staged articles grouped by batch key."""
    paths = pl.scan_parquet(articles).select(pl.col("source_path").unique()).collect()["source_path"]
    grouped: dict[str, list[str]] = {}
    for path in sorted(paths):
        grouped.setdefault(batch_key(path, source), []).append(path)
    return grouped


@dataclass(frozen=True)
class StagedIngest:
    """Where a run leaves its tables: articles, quarantine and the manifest of file fingerprints read."""

    articles: Path
    quarantine: Path

    @property
    def manifest(self) -> Path:
        return self.articles.with_name("ingest_manifest.json")

    @property
    def signatures(self) -> Path:
        """The compact near-duplicate index of the staged articles (pipeline/ingest/dedup.py)."""
        return self.articles.with_name("article_signatures.parquet")

    def previous_manifest(self) -> dict[str, str]:
        """Fingerprints of the files behind the staged tables; empty (everything is read again) when a table is
        missing or was written with another schema."""
        complete = self.manifest.exists() and self.articles.exists() and self.quarantine.exists()
        if not complete or not (_has_schema(self.articles, ARTICLES.schema)
                                and _has_schema(self.quarantine, QUARANTINE.schema)):
            return {}
        return json.loads(self.manifest.read_text(encoding="utf-8"))


def _has_schema(path: Path, schema: dict[str, pl.DataType]) -> bool:
    return dict(pl.read_parquet_schema(path)) == schema


@dataclass(frozen=True)
class IngestRun:
    """What one incremental load did."""

    files_read: int
    files_unchanged: int
    articles: int
    quarantined: int
    duplicates: int


def _write_batches(records, articles_out: Path, quarantine_out: Path) -> None:
    """Stream records into two Parquet files, a batch at a time."""
    iterator = iter(records)
    article_schema = articles_frame([]).to_arrow().schema
    quarantine_schema = quarantine_frame([]).to_arrow().schema
    with pq.ParquetWriter(articles_out, article_schema, compression="zstd") as article_writer, \
            pq.ParquetWriter(quarantine_out, quarantine_schema, compression="zstd") as quarantine_writer:
        while batch := list(islice(iterator, BATCH_RECORDS)):
            article_writer.write_table(articles_frame(r for r in batch if isinstance(r, Article)).to_arrow())
            quarantine_writer.write_table(
                quarantine_frame(r for r in batch if isinstance(r, QuarantineRecord)).to_arrow())


def load_incrementally(source: str | Path, staged: StagedIngest) -> IngestRun:
    """Read only new or changed files; keep earlier rows of unchanged files; forget rows of removed files.

    A new article whose id is already taken by an article of an unchanged file is quarantined.
    """
    previous = staged.previous_manifest()
    manifest = file_fingerprints(source, previous)
    unchanged = {path: digest for path, digest in manifest.items() if same_content(previous.get(path), digest)}
    kept_paths = pl.Series(list(unchanged), dtype=pl.String).implode()
    with scratch_path(staged.articles) as new_articles, scratch_path(staged.quarantine) as new_quarantine:
        earlier_articles = (pl.scan_parquet(staged.articles) if unchanged else pl.LazyFrame(schema=ARTICLES.schema))
        earlier_articles = earlier_articles.filter(pl.col("source_path").is_in(kept_paths))
        detector = DuplicateDetector()
        if len(unchanged) < len(manifest):
            remember_articles(detector, earlier_articles, staged.signatures)
        _write_batches(iter_articles(source, already_loaded=unchanged, detector=detector), new_articles,
                       new_quarantine)
        earlier_quarantine = (pl.scan_parquet(staged.quarantine) if unchanged
                              else pl.LazyFrame(schema=QUARANTINE.schema))
        fresh = pl.scan_parquet(new_articles)
        clashing = fresh.join(earlier_articles.select("article_id"), on="article_id", how="semi")
        clash_rows = clashing.select(
            "source_path", "record_offset", pl.lit("ingest").alias("stage"),
            pl.lit(None, pl.String).alias("article_id"),
            pl.format("duplicate article_id {} (already loaded from an unchanged file)", "article_id").alias("reason"),
            pl.col("text").str.slice(0, 1000).alias("excerpt"),
        )
        with atomic_path(staged.articles) as articles_out, atomic_path(staged.quarantine) as quarantine_out:
            pl.concat([earlier_articles, fresh.join(earlier_articles.select("article_id"), on="article_id",
                                                    how="anti")]).sink_parquet(articles_out, compression="zstd")
            pl.concat([earlier_quarantine.filter(pl.col("source_path").is_in(kept_paths)),
                       pl.scan_parquet(new_quarantine), clash_rows]).sink_parquet(quarantine_out, compression="zstd")
        if len(unchanged) < len(manifest):
            with atomic_path(staged.signatures) as signatures_out:
                signature_index(detector).write_parquet(signatures_out, compression="zstd")
        write_text_atomic(staged.manifest, json.dumps(manifest, indent=1, sort_keys=True))
    counts = pl.scan_parquet(staged.articles).select(
        pl.len().alias("articles"), pl.col("duplicate_of").is_not_null().sum().alias("duplicates")).collect()
    quarantined = pl.scan_parquet(staged.quarantine).select(pl.len()).collect().item()
    return IngestRun(len(manifest) - len(unchanged), len(unchanged), counts["articles"].item(), quarantined,
                     counts["duplicates"].item())
