"""Incremental loading: files whose fingerprint is unchanged since the last run are not read again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.ingest.loader import file_fingerprints, iter_articles
from pipeline.records import Article
from pipeline.tables import ARTICLE_SCHEMA, QUARANTINE_SCHEMA, articles_frame, quarantine_frame


@dataclass(frozen=True)
class IncrementalLoad:
    """The full articles and quarantine tables after a run, the new manifest, and what was read this time."""

    articles: pl.DataFrame
    quarantine: pl.DataFrame
    manifest: dict[str, str]
    files_read: int
    files_kept: int


def load_incrementally(source: str | Path, previous_articles: pl.DataFrame | None,
                       previous_quarantine: pl.DataFrame | None, previous_manifest: dict[str, str]) -> IncrementalLoad:
    """Read only new or changed files; keep earlier rows of unchanged files; forget rows of removed files."""
    manifest = file_fingerprints(source)
    unchanged = {path: digest for path, digest in manifest.items() if previous_manifest.get(path) == digest}
    articles, rejected = [], []
    for record in iter_articles(source, already_loaded=unchanged):
        (articles if isinstance(record, Article) else rejected).append(record)
    kept = pl.Series(list(unchanged), dtype=pl.String)
    earlier_articles = (previous_articles if previous_articles is not None else pl.DataFrame(schema=ARTICLE_SCHEMA))
    earlier_quarantine = (previous_quarantine if previous_quarantine is not None
                          else pl.DataFrame(schema=QUARANTINE_SCHEMA))
    new_articles = articles_frame(articles)
    combined = pl.concat([earlier_articles.filter(pl.col("source_path").is_in(kept.implode())).select(
        new_articles.columns), new_articles]).unique("article_id", keep="last").sort("article_id")
    quarantined = pl.concat([earlier_quarantine.filter(pl.col("source_path").is_in(kept.implode())),
                             quarantine_frame(rejected)]).sort("source_path", "record_offset", "reason",
                                                                nulls_last=True)
    return IncrementalLoad(combined, quarantined, manifest, len(manifest) - len(unchanged), len(unchanged))
