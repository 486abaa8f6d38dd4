"""Format-specific reader behaviour: streaming boundaries, encodings, compression and WARC records."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.ingest import formats, iter_articles
from pipeline.records import Article, QuarantineRecord

from .ingest_builders import ARTICLES, gzipped, html_page, jsonl, warc_bytes, write


def summary(items) -> list[tuple[str, int | None, str]]:
    return [
        (type(item).__name__, item.record_offset, item.reason if isinstance(item, QuarantineRecord) else item.text)
        for item in items
    ]


@pytest.mark.parametrize("chunk_bytes", [1, 3, 7, 64])
def test_json_array_streams_across_chunk_boundaries(tmp_path: Path, monkeypatch, chunk_bytes: int):
    monkeypatch.setattr(formats, "CHUNK_BYTES", chunk_bytes)
    values = [{"text": "Zürich clash", "id": 12345}, {"text": "second", "id": 67890}, 1234567]
    path = write(tmp_path / "stream.json", " [ " + " , ".join(json.dumps(v) for v in values) + " ] \n")
    assert summary(iter_articles(path)) == [
        ("Article", 0, "Zürich clash"),
        ("Article", 1, "second"),
        ("QuarantineRecord", 2, "JSON record is a int, not an object"),
    ]
    assert [item.article_id for item in iter_articles(path) if isinstance(item, Article)] == ["12345", "67890"]


def test_json_concatenated_objects_and_trailing_garbage(tmp_path: Path):
    path = write(tmp_path / "many.json", '{"text": "one"}\n{"text": "two"}\n[{"text": "three"}] trailing')
    assert summary(iter_articles(path)) == [
        ("Article", 0, "one"),
        ("Article", 1, "two"),
        ("Article", 2, "three"),
        ("QuarantineRecord", 3, "malformed JSON at record 3: Expecting value: line 1 column 1 (char 0)"),
    ]


def test_json_value_over_size_limit_stops_the_file(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(formats, "CHUNK_BYTES", 16)
    path = write(tmp_path / "big.json", json.dumps([{"text": "fine"}, {"text": "z" * 500}, {"text": "unreached"}]))
    items = list(iter_articles(path, max_text_bytes=100))
    assert summary(items) == [
        ("Article", 0, "fine"),
        ("QuarantineRecord", 1, "malformed JSON at record 1: JSON value exceeds the size limit of 100 bytes"),
    ]


def test_json_non_utf8_strings_use_the_legacy_fallback_or_are_quarantined(tmp_path: Path):
    path = write(tmp_path / "latin.json", b'[{"text": "ok"}, {"text": "caf\xe9"}, {"text": "\xe9\xe9\xe9"}]')
    assert summary(iter_articles(path)) == [
        ("Article", 0, "ok"),
        ("Article", 1, "café"),
        ("QuarantineRecord", 2, "invalid UTF-8 at byte 0 and not a recognisable legacy encoding"),
    ]


def test_jsonl_long_line_is_skipped_and_reading_continues(tmp_path: Path):
    path = write(tmp_path / "long.jsonl", jsonl({"text": "a" * 500}, {"text": "after"}, {"text": "b" * 500}))
    assert summary(iter_articles(path, max_text_bytes=100)) == [
        ("QuarantineRecord", 1, "line exceeds the size limit of 100 bytes"),
        ("Article", 2, "after"),
        ("QuarantineRecord", 3, "line exceeds the size limit of 100 bytes"),
    ]


def test_jsonl_legacy_encoded_line_and_binary_file(tmp_path: Path):
    path = write(tmp_path / "mixed.jsonl", b'{"text": "Le caf\xe9 est ferm\xe9"}\n{"text": "\xff\xfe\xfd\xfc\xfb"}\n')
    assert summary(iter_articles(path)) == [
        ("Article", 1, "Le café est fermé"),
        ("QuarantineRecord", 2, "invalid UTF-8 at byte 10 and not a recognisable legacy encoding"),
    ]
    binary = write(tmp_path / "binary.jsonl", b'{"text": "x"}\n\x00\x00\x00')
    assert summary(iter_articles(binary)) == [("QuarantineRecord", None, "binary file (NUL bytes)")]


def test_csv_bom_legacy_rows_and_ragged_rows(tmp_path: Path):
    content = "\ufeffText,Date\n".encode() + b"caf\xe9 opened,2020-05-01\nshort row\nthird,2020-05-02,extra\n"
    path = write(tmp_path / "legacy.csv", content)
    assert summary(iter_articles(path)) == [
        ("Article", 2, "café opened"),
        ("Article", 3, "short row"),
        ("Article", 4, "third"),
    ]


def test_csv_multiline_quoted_text_keeps_paragraphs(tmp_path: Path):
    path = write(tmp_path / "multi.csv", 'text\n"First paragraph.\n\nSecond paragraph."\nnext row\n')
    assert summary(iter_articles(path)) == [
        ("Article", 2, "First paragraph.\n\nSecond paragraph."),
        ("Article", 5, "next row"),
    ]


def test_gzipped_text_and_front_matter_types(tmp_path: Path):
    body = "---\ndate: 2020-05-09\nid: 42\ntitle: 7\nlanguage: fr\n---\nBref communiqué."
    path = write(tmp_path / "note.txt.gz", gzipped(body.encode()))
    [article] = iter_articles(path)
    assert (article.article_id, article.title, article.language) == ("42", "7", "fr")
    assert article.published_at == datetime(2020, 5, 9, tzinfo=UTC)


def test_truncated_gzip_text_is_quarantined(tmp_path: Path):
    path = write(tmp_path / "cut.txt.gz", gzipped(ARTICLES["mine"].encode())[:40])
    [problem] = iter_articles(path)
    assert problem.reason.startswith("unreadable or corrupt compressed file")


def test_front_matter_must_be_a_mapping(tmp_path: Path):
    path = write(tmp_path / "list.md", "---\n- a\n- b\n---\nText.")
    assert summary(iter_articles(path)) == [("QuarantineRecord", None, "YAML front matter is not a mapping")]


def test_metadata_of_wrong_type_is_quarantined(tmp_path: Path):
    path = write(tmp_path / "types.jsonl", jsonl({"text": "t", "title": {"a": 1}}, {"text": "t", "id": 1.5}))
    assert summary(iter_articles(path)) == [
        ("QuarantineRecord", 1, "title must be a string, not dict"),
        ("QuarantineRecord", 2, "id must be a string or integer, not float"),
    ]


def test_warc_resource_record_and_missing_html_date(tmp_path: Path):
    page = html_page("Border", ARTICLES["border"], url="https://news.example/border")
    content = warc_bytes(
        [
            {"type": "response", "url": "https://news.example/b", "body": page, "date": "2020-05-02T03:04:05Z"},
            {"type": "response", "url": "https://news.example/moved", "status": "301 Moved", "body": b""},
        ],
        compress=True,
    )
    items = list(iter_articles(write(tmp_path / "c.warc.gz", content)))
    assert [type(item) for item in items] == [Article, QuarantineRecord]
    assert items[0].published_at == datetime(2020, 5, 2, 3, 4, 5, tzinfo=UTC)
    assert items[0].url == "https://news.example/border" and items[0].source == "news.example"
    assert items[1].reason == "HTTP status 301"


def test_warc_that_is_only_request_records_reports_no_records(tmp_path: Path):
    content = warc_bytes([{"type": "warcinfo"}, {"type": "request", "url": "https://x.example/", "body": b""}],
                         compress=False)
    assert summary(iter_articles(write(tmp_path / "requests.warc", content))) == [
        ("QuarantineRecord", None, "no records found in file")
    ]
