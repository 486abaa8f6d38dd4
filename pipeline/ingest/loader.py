"""Streaming ingestion of article files into Article records, with bad input quarantined."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.ingest.dates import parse_published_at
from pipeline.ingest.dedup import DuplicateDetector
from pipeline.ingest.files import file_fingerprint, same_content, source_files, unreadable_reason
from pipeline.ingest.formats import (
    ARTICLE_FIELDS,
    RawRecord,
    ReadOptions,
    quarantine,
    reader_for,
)
from pipeline.ingest.text import content_hash, detect_language, normalize_text
from pipeline.records import Article, QuarantineRecord

DEFAULT_MAX_TEXT_BYTES = 5_000_000
DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8


def iter_articles(
    source: str | Path,
    *,
    already_loaded: Mapping[str, str] | None = None,
    csv_columns: Mapping[str, str] | None = None,
    max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES,
    near_duplicate_threshold: float | None = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    detector: DuplicateDetector | None = None,
) -> Iterator[Article | QuarantineRecord]:
    """Stream articles (and quarantine rows for bad input) from a file or folder.

    ``already_loaded`` maps source path → fingerprint (see file_fingerprints); files whose content is
    unchanged are skipped. An entry that is not read (a broken, looping or escaping symlink, a special file)
    becomes a quarantine row. ``csv_columns`` maps Article field names (id, text, published_at,
    title, source, url, language) to CSV column names. Records over ``max_text_bytes`` are quarantined.
    Duplicates are yielded with ``duplicate_of`` set to the first article seen with the same text or,
    unless ``near_duplicate_threshold`` is None, with word-shingle similarity at or above it; a given
    ``detector`` (which may know articles of earlier runs) is used instead of a new one.
    Raises only for a missing source or an unknown csv_columns field.
    """
    unknown_fields = set(csv_columns or {}) - set(ARTICLE_FIELDS)
    if unknown_fields:
        raise ValueError(f"csv_columns has unknown fields {sorted(unknown_fields)}; use {ARTICLE_FIELDS}")
    options = ReadOptions(max_bytes=max_text_bytes, csv_columns=dict(csv_columns or {}))
    detector = detector or DuplicateDetector(threshold=near_duplicate_threshold)
    builder = ArticleBuilder(max_text_bytes=max_text_bytes, detector=detector)
    root, known = Path(source), already_loaded or {}
    for path in source_files(source):
        previous = known.get(str(path))
        if previous is not None and same_content(previous, file_fingerprint(path, previous, root)):
            continue
        if reason := unreadable_reason(path, root):
            yield quarantine(path, None, reason)
        else:
            yield from _iter_file(path, options, builder)


def _iter_file(path: Path, options: ReadOptions, builder: ArticleBuilder) -> Iterator[Article | QuarantineRecord]:
    reader = reader_for(path)
    if reader is None:
        yield quarantine(path, None, f"unsupported file type {''.join(path.suffixes) or '(none)'}")
        return
    produced = 0
    try:
        for item in reader(path, options):
            produced += 1
            yield item if isinstance(item, QuarantineRecord) else builder.build(item)
    except Exception as error:  # last resort: a parser bug must cost one file, never the whole run
        produced += 1
        yield quarantine(path, None, f"unreadable file: {error!r}")
    if produced == 0:
        yield quarantine(path, None, "no records found in file")


class ArticleBuilder:
    """Validates raw records into Articles: cleaning, dates, ids, language and duplicate marking."""

    def __init__(self, *, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES, detector: DuplicateDetector | None = None):
        self.max_text_bytes = max_text_bytes
        self._detector = detector or DuplicateDetector()
        self._id_locations: dict[str, str] = {}

    def build(self, raw: RawRecord) -> Article | QuarantineRecord:
        """An Article, or a QuarantineRecord saying why the record was rejected."""
        path, offset, fields = Path(raw.source_path), raw.record_offset, raw.fields
        text = fields.get("text")
        excerpt = text if isinstance(text, str) else repr(dict(fields))[:1000]
        if not isinstance(text, str):
            reason = "record has no text" if text is None else f"text is a {type(text).__name__}, not a string"
            return quarantine(path, offset, reason, excerpt)
        if len(text) > self.max_text_bytes or len(text.encode("utf-8", "surrogatepass")) > self.max_text_bytes:
            return quarantine(path, offset, f"text exceeds the size limit of {self.max_text_bytes} bytes", excerpt)
        normalized = normalize_text(text)
        if not normalized:
            return quarantine(path, offset, "empty text", excerpt)
        try:
            published_at = parse_published_at(fields.get("published_at"))
            title, source, url, country = (_metadata_string(fields, name)
                                           for name in ("title", "source", "url", "country"))
            language_hint = _language_code(_metadata_string(fields, "language"))
            given_id = _given_id(fields.get("id"))
        except ValueError as error:
            return quarantine(path, offset, str(error), excerpt)
        digest = content_hash(normalized)
        location = raw.source_path if offset is None else f"{raw.source_path}#{offset}"
        if given_id is not None and given_id in self._id_locations:
            first = self._id_locations[given_id]
            return quarantine(path, offset, f"duplicate article_id {given_id!r} (first at {first})", excerpt)
        article_id = given_id or self._derived_id(digest)
        self._id_locations[article_id] = location
        return Article(
            article_id=article_id,
            text=normalized,
            published_at=published_at,
            title=title,
            source=source,
            url=url,
            language=detect_language(normalized) or language_hint,
            source_path=raw.source_path,
            content_hash=digest,
            duplicate_of=self._detector.canonical_for(article_id, digest, normalized),
            record_offset=offset,
            country=country,
        )

    def _derived_id(self, digest: str) -> str:
        """'a' + 16 hex digits of the content hash; repeats of the same text get '-2', '-3', ..."""
        base = f"a{digest[:16]}"
        candidate, copy = base, 1
        while candidate in self._id_locations:
            copy += 1
            candidate = f"{base}-{copy}"
        return candidate


def _metadata_string(fields: Mapping[str, object], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | date):  # YAML gives dates
        raise ValueError(f"{name} must be a string, not {type(value).__name__}")
    return " ".join(normalize_text(str(value)).split()) or None


def _language_code(hint: str | None) -> str | None:
    """Two-letter code from a declared language such as 'en', 'EN' or 'en-US'; None otherwise."""
    if hint is None:
        return None
    code = hint.replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


def _given_id(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"id must be a string or integer, not {type(value).__name__}")
    return str(value).strip().encode("utf-8", "replace").decode("utf-8") or None


@dataclass
class IngestStats:
    """Counts of what iter_articles yielded."""

    articles: int = 0
    duplicates: int = 0
    quarantined: int = 0
    quarantine_reasons: Counter[str] = field(default_factory=Counter)

    def add(self, item: Article | QuarantineRecord) -> None:
        """Count one yielded item."""
        if isinstance(item, QuarantineRecord):
            self.quarantined += 1
            self.quarantine_reasons[item.reason] += 1
        else:
            self.articles += 1
            self.duplicates += item.duplicate_of is not None

    @classmethod
    def of(cls, items: Iterable[Article | QuarantineRecord]) -> IngestStats:
        """Stats of a finished stream (consumes it)."""
        stats = cls()
        for item in items:
            stats.add(item)
        return stats
