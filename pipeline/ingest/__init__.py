"""Raw-article ingestion: files of news articles → Article records, bad input → QuarantineRecord."""

from pipeline.ingest.dates import parse_published_at
from pipeline.ingest.dedup import DuplicateDetector
from pipeline.ingest.files import file_fingerprint, file_fingerprints, source_files
from pipeline.ingest.loader import DEFAULT_MAX_TEXT_BYTES, ArticleBuilder, IngestStats, iter_articles
from pipeline.ingest.text import normalize_text

__all__ = [
    "DEFAULT_MAX_TEXT_BYTES",
    "ArticleBuilder",
    "DuplicateDetector",
    "IngestStats",
    "file_fingerprint",
    "file_fingerprints",
    "iter_articles",
    "normalize_text",
    "parse_published_at",
    "source_files",
]
