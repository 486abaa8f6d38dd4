"""Per-format readers: stream a file into raw records or quarantine rows, one record at a time.

Record offsets: line number (1-based) for JSONL and CSV, record index (0-based) for JSON, byte offset in
the uncompressed stream for WARC, None for single-document files (.txt, .md, .html).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import yaml
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from pipeline.ingest.text import UndecodableError, decode_bytes, repair_escaped_bytes
from pipeline.records import QuarantineRecord
from pipeline.yaml_files import parse_yaml

ARTICLE_FIELDS = ("id", "text", "published_at", "title", "source", "url", "language", "country")
FIELD_ALIASES: Mapping[str, tuple[str, ...]] = {
    **{field: (field,) for field in ARTICLE_FIELDS},
    "text": ("text", "body", "content"),
    "published_at": ("published_at", "date"),
}
EXCERPT_CHARS = 200
SNIFF_BYTES = 8192
CHUNK_BYTES = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
STREAM_ERRORS = (OSError, EOFError, zlib.error)  # I/O failures and truncated or corrupt gzip

_SKIPPED_WARC_TYPES = (
    WarcRecordType.warcinfo | WarcRecordType.request | WarcRecordType.metadata | WarcRecordType.revisit
)
_DOCUMENT_WARC_TYPES = WarcRecordType.response | WarcRecordType.resource
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_JSON_NON_WHITESPACE = re.compile(r"[^ \t\n\r]")


@dataclass(frozen=True)
class RawRecord:
    """Fields read from one input record (keys from ARTICLE_FIELDS, values not yet validated)."""

    fields: Mapping[str, object]
    source_path: str
    record_offset: int | None


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings: size limit per record and CSV field → column mapping."""

    max_bytes: int
    csv_columns: Mapping[str, str]


Reader = Callable[[Path, ReadOptions], Iterator[RawRecord | QuarantineRecord]]


def quarantine(path: Path, offset: int | None, reason: str, excerpt: str | bytes = "") -> QuarantineRecord:
    """A QuarantineRecord with a short excerpt."""
    if isinstance(excerpt, bytes):
        excerpt = excerpt[: EXCERPT_CHARS * 4].decode("utf-8", "replace")
    printable = excerpt[:EXCERPT_CHARS].encode("utf-8", "replace").decode("utf-8")  # no lone surrogates
    return QuarantineRecord(str(path), offset, reason, printable)


def pick_fields(mapping: Mapping[str, object]) -> dict[str, object]:
    """Article fields from a record mapping, taking the first present alias of each field."""
    fields = {}
    for field, aliases in FIELD_ALIASES.items():
        value = next((mapping[alias] for alias in aliases if mapping.get(alias) is not None), None)
        if value is not None:
            fields[field] = value
    return fields


def is_gzip(path: Path) -> bool:
    """Whether the file starts with the gzip magic bytes (whatever its name says)."""
    with path.open("rb") as probe:
        return probe.read(2) == GZIP_MAGIC


def open_binary(path: Path) -> BinaryIO:
    """Open a file for binary reading, decompressing it when it is gzip."""
    return gzip.open(path, "rb") if is_gzip(path) else path.open("rb")


def _binary_file_problem(path: Path) -> str | None:
    """Why a line-oriented file cannot be text, judged on its first bytes; None when it looks fine."""
    try:
        with open_binary(path) as stream:
            head = stream.read1(SNIFF_BYTES)  # read() would raise for a truncated gzip even if it starts fine
    except STREAM_ERRORS as error:
        return f"unreadable or corrupt compressed file: {error}"
    return "binary file (NUL bytes)" if b"\x00" in head else None


def _read_document(path: Path, options: ReadOptions) -> bytes | QuarantineRecord:
    """Whole content of a single-document file; a file over the size limit is not read (gzip: not past it)."""
    too_large = f"file exceeds the size limit of {options.max_bytes} bytes"
    if path.stat().st_size > options.max_bytes and not is_gzip(path):
        return quarantine(path, None, too_large)
    try:
        with open_binary(path) as stream:
            data = stream.read(options.max_bytes + 1)
    except STREAM_ERRORS as error:
        return quarantine(path, None, f"unreadable or corrupt compressed file: {error}")
    if not data:
        return quarantine(path, None, "empty file")
    if len(data) > options.max_bytes:
        return quarantine(path, None, too_large, data)
    return data


def read_text_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .txt or .md article, with optional YAML front matter between '---' lines."""
    data = _read_document(path, options)
    if isinstance(data, QuarantineRecord):
        yield data
        return
    try:
        text = decode_bytes(data).replace("\r\n", "\n")
    except UndecodableError as error:
        yield quarantine(path, None, str(error), data)
        return
    metadata: object = {}
    if front_matter := _FRONT_MATTER.match(text):
        try:
            metadata = parse_yaml(front_matter.group(1) or "") or {}
        except yaml.YAMLError as error:
            yield quarantine(path, None, f"invalid YAML front matter: {error}", text)
            return
        if not isinstance(metadata, dict):
            yield quarantine(path, None, "YAML front matter is not a mapping", text)
            return
        text = text[front_matter.end() :]
    fields = pick_fields({str(key).lower(): value for key, value in metadata.items()})
    yield RawRecord({**fields, "text": text}, str(path), None)


def extract_html(html: bytes, url: str | None = None) -> dict[str, object] | None:
    """Main text (paragraphs separated by blank lines) and metadata via trafilatura; None if no text."""
    import trafilatura  # imported here: it costs seconds at start-up and only HTML and WARC input need it

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None or not (document.text or "").strip():
        return None
    fields = {
        "text": document.text.replace("\n", "\n\n"),
        "title": document.title,
        "published_at": document.date,
        "url": document.url or url,
        "source": document.sitename,
    }
    return {key: value for key, value in fields.items() if value}


def read_html_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .html/.htm page: trafilatura main text, title, date and url."""
    data = _read_document(path, options)
    if isinstance(data, QuarantineRecord):
        yield data
        return
    if b"\x00" in data:
        yield quarantine(path, None, "binary file (NUL bytes)", data)
        return
    try:
        fields = extract_html(data)
    except Exception as error:  # trafilatura/lxml fail in many ways on hostile markup
        yield quarantine(path, None, f"HTML extraction failed: {error!r}", data)
        return
    if fields is None:
        yield quarantine(path, None, "no main text found in HTML", data)
        return
    yield RawRecord(fields, str(path), None)


def _record_from_value(value: object, path: Path, offset: int) -> RawRecord | QuarantineRecord:
    if not isinstance(value, dict):
        return quarantine(path, offset, f"JSON record is a {type(value).__name__}, not an object", repr(value))
    try:
        fields = {key: repair_escaped_bytes(v) if isinstance(v, str) else v for key, v in pick_fields(value).items()}
    except UndecodableError as error:
        return quarantine(path, offset, str(error), repr(value))
    return RawRecord(fields, str(path), offset)


class _JsonValues:
    """Streams the top-level JSON values of a file, yielding the elements of top-level arrays one by one."""

    def __init__(self, stream: BinaryIO, max_value_bytes: int) -> None:
        self._stream = stream
        self._max_value_bytes = max_value_bytes
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
        self._json = json.JSONDecoder()
        self._buffer = ""
        self._pos = 0
        self._eof = False

    def __iter__(self) -> Iterator[object]:
        while (char := self._next_char()) is not None:
            if char == "[":
                self._pos += 1
                yield from self._array_elements()
            else:
                yield self._value()

    def context(self) -> str:
        """Text at the current read position, for quarantine excerpts."""
        return self._buffer[self._pos : self._pos + EXCERPT_CHARS]

    def _array_elements(self) -> Iterator[object]:
        if self._next_char() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            char = self._next_char()
            if char == "]":
                self._pos += 1
                return
            if char != ",":
                raise ValueError("unterminated array" if char is None else f"expected ',' or ']', found {char!r}")
            self._pos += 1

    def _next_char(self) -> str | None:
        while (match := _JSON_NON_WHITESPACE.search(self._buffer, self._pos)) is None:
            self._pos = len(self._buffer)
            if not self._fill():
                return None
        self._pos = match.start()
        return self._buffer[self._pos]

    def _value(self) -> object:
        if self._next_char() is None:
            raise ValueError("unexpected end of data")
        while True:
            try:
                value, end = self._json.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError:
                if self._eof:
                    raise
                if len(self._buffer) - self._pos > self._max_value_bytes:
                    raise ValueError(f"JSON value exceeds the size limit of {self._max_value_bytes} bytes") from None
            else:
                if end < len(self._buffer) or self._eof:  # a number may continue in the next chunk
                    self._pos = end
                    return value
            self._fill()

    def _fill(self) -> bool:
        """Append the next chunk to the buffer; False once the stream was already exhausted."""
        if self._eof:
            return False
        chunk = self._stream.read(CHUNK_BYTES)
        self._eof = not chunk
        self._buffer = self._buffer[self._pos :] + self._utf8.decode(chunk, final=self._eof)
        self._pos = 0
        return True


def read_json_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .json file: one object, a list of objects, or several concatenated values, streamed."""
    if problem := _binary_file_problem(path):
        yield quarantine(path, None, problem)
        return
    with open_binary(path) as stream:
        values = _JsonValues(stream, options.max_bytes)
        iterator = iter(values)
        for index in itertools.count():
            try:
                value = next(iterator)
            except StopIteration:
                return
            except (ValueError, RecursionError, *STREAM_ERRORS) as error:
                reason = f"malformed JSON at record {index}: {error}"
                yield quarantine(path, index, reason, values.context())
                return
            yield _record_from_value(value, path, index)


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; None stands for a line over max_bytes, which is skipped unread."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(CHUNK_BYTES)
        yield None


def read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .jsonl file: one JSON object per line; blank lines are ignored."""
    if problem := _binary_file_problem(path):
        yield quarantine(path, None, problem)
        return
    with open_binary(path) as stream:
        lines = _bounded_lines(stream, options.max_bytes)
        for line_number in itertools.count(1):
            try:
                line = next(lines)
            except StopIteration:
                return
            except STREAM_ERRORS as error:
                yield quarantine(path, line_number, f"unreadable or corrupt compressed stream: {error}")
                return
            if line is None:
                yield quarantine(path, line_number, f"line exceeds the size limit of {options.max_bytes} bytes")
            elif line.strip():
                yield _jsonl_record(line, path, line_number)


def _jsonl_record(line: bytes, path: Path, line_number: int) -> RawRecord | QuarantineRecord:
    try:
        value = json.loads(decode_bytes(line))
    except UndecodableError as error:
        return quarantine(path, line_number, str(error), line)
    except (ValueError, RecursionError) as error:
        return quarantine(path, line_number, f"malformed JSON line: {error}", line)
    return _record_from_value(value, path, line_number)


def _csv_column_indexes(header: list[str], csv_columns: Mapping[str, str]) -> dict[str, int]:
    """Article field → column index; explicit csv_columns entries replace the default aliases."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip().lower(), index)
    indexes = {}
    for field in ARTICLE_FIELDS:
        names = (csv_columns[field],) if field in csv_columns else FIELD_ALIASES[field]
        found = [positions[name.strip().lower()] for name in names if name.strip().lower() in positions]
        if found:
            indexes[field] = found[0]
    return indexes


def read_csv_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .csv file with a header row; blank rows are ignored."""
    if problem := _binary_file_problem(path):
        yield quarantine(path, None, problem)
        return
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes + 1))
    with open_binary(path) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        rows = csv.reader(text)
        header: list[str] | None = None
        columns: dict[str, int] = {}
        while True:
            line_number = rows.line_num + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield quarantine(path, line_number, f"malformed CSV row: {error}")
                if rows.line_num < line_number:
                    return
                continue
            except STREAM_ERRORS as error:
                yield quarantine(path, line_number, f"unreadable or corrupt compressed stream: {error}")
                return
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
                columns = _csv_column_indexes(header, options.csv_columns)
                if "text" not in columns:
                    wanted = options.csv_columns.get("text") or "/".join(FIELD_ALIASES["text"])
                    yield quarantine(path, line_number, f"CSV header has no text column ({wanted})", ",".join(row))
                    return
                continue
            try:
                fields = {
                    field: repair_escaped_bytes(row[index]) for field, index in columns.items() if index < len(row)
                }
            except UndecodableError as error:
                yield quarantine(path, line_number, str(error))
                continue
            if not fields.get("text", "").strip():
                yield quarantine(path, line_number, "CSV row has no text", ",".join(row))
                continue
            yield RawRecord({key: value for key, value in fields.items() if value.strip()}, str(path), line_number)


class _ErrorAsEndOfStream(io.RawIOBase):
    """Read-only view of a stream that ends at the first read error and keeps it in ``error``.

    fastwarc reads ahead, so an exception raised inside it would lose records that were read intact.
    """

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self._position = 0
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.error is not None:
            return 0
        try:
            data = self._inner.read1(len(buffer))  # read() would drop data buffered before an error
        except STREAM_ERRORS as error:
            self.error = error
            return 0
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)


def read_warc_file(path: Path, options: ReadOptions) -> Iterator[RawRecord | QuarantineRecord]:
    """A .warc / .warc.gz file: HTML response and resource records through trafilatura.

    warcinfo, request, metadata and revisit records carry no article and are passed over. A compressed stream
    that breaks off gives one quarantine row: the cut record's, or one after the last whole record.
    """
    with open_binary(path) as inner:
        stream = _ErrorAsEndOfStream(inner)
        last: RawRecord | QuarantineRecord | None = None
        for item in _warc_items(path, options, stream):
            if last is not None:
                yield last
            last = item
        if stream.error is None:
            if last is not None:
                yield last
            return
        broken = f"truncated or corrupt compressed WARC: {stream.error}"
        if isinstance(last, QuarantineRecord):
            yield QuarantineRecord(last.source_path, last.record_offset, f"{broken} ({last.reason})", last.excerpt)
            return
        if last is not None:
            yield last
        yield quarantine(path, stream.tell(), f"{broken} (after the last whole record)")


def _warc_items(path: Path, options: ReadOptions, stream: _ErrorAsEndOfStream
                ) -> Iterator[RawRecord | QuarantineRecord]:
    records = iter(ArchiveIterator(stream, parse_http=True, stream_detect=False, auto_decode="all"))
    offset = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (OSError, ValueError) as error:
            yield quarantine(path, offset, f"malformed WARC data after offset {offset}: {error}")
            return
        offset = record.stream_pos
        if not record.record_type & _SKIPPED_WARC_TYPES:
            yield _warc_record(record, path, options)


def _warc_record(record: WarcRecord, path: Path, options: ReadOptions) -> RawRecord | QuarantineRecord:
    offset = record.stream_pos
    if not record.record_type & _DOCUMENT_WARC_TYPES:
        return quarantine(path, offset, f"malformed or unsupported WARC record (type {record.record_type})")
    if record.record_type == WarcRecordType.response and not record.is_http:
        return quarantine(path, offset, "WARC response without HTTP headers (truncated or not HTTP)")
    if record.is_http and record.http_headers.status_code != 200:
        return quarantine(path, offset, f"HTTP status {record.http_headers.status_code}")
    content_type = record.http_content_type if record.is_http else record.headers.get("Content-Type")
    if not content_type or "html" not in content_type.lower():
        return quarantine(path, offset, f"unsupported content type {content_type!r}")
    if record.content_length > options.max_bytes:
        return quarantine(path, offset, f"record exceeds the size limit of {options.max_bytes} bytes")
    body = record.reader.read()
    if len(body) < record.content_length:
        return quarantine(path, offset, f"truncated WARC record ({len(body)} of {record.content_length} bytes)", body)
    url = record.headers.get("WARC-Target-URI")
    try:
        fields = extract_html(body, url=url)
    except Exception as error:  # trafilatura/lxml fail in many ways on hostile markup
        return quarantine(path, offset, f"HTML extraction failed: {error!r}", body)
    if fields is None:
        return quarantine(path, offset, "no main text found in HTML", body)
    fields.setdefault("published_at", record.headers.get("WARC-Date"))
    return RawRecord(fields, str(path), offset)


READERS: Mapping[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".csv": read_csv_file,
    ".warc": read_warc_file,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file by extension (a trailing .gz is looked through), or None if unsupported."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return READERS.get(suffixes[-1]) if suffixes else None
