"""Raw-article ingestion: files of news articles → Article records, bad input → QuarantineRecord.

The names below load on first use (PEP 562), so `pipeline.ingest.files` (change detection) can be imported
without the readers of every format.
"""

from pipeline.lazy_exports import lazy_getattr

_EXPORTS = {"parse_published_at": "dates", "DuplicateDetector": "dedup", "file_fingerprint": "files",
            "file_fingerprints": "files", "source_files": "files", "DEFAULT_MAX_TEXT_BYTES": "loader",
            "ArticleBuilder": "loader", "IngestStats": "loader", "iter_articles": "loader",
            "normalize_text": "text"}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
