"""Property-based fuzzing: no input makes a reader raise, and every file yields articles or quarantine rows."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import iter_articles
from pipeline.ingest.formats import SNIFF_BYTES
from pipeline.records import Article, QuarantineRecord

from .ingest_builders import ARTICLES, html_page, warc_bytes

pytestmark = pytest.mark.slow  # ~5 min of fuzzing: the fast tier leaves it out

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
field_names = st.sampled_from(["id", "text", "body", "content", "published_at", "date", "title", "source", "url",
                               "language", "other"])
records = st.dictionaries(field_names, json_values | st.text(max_size=300), max_size=7)
csv_cells = st.text(max_size=60) | st.sampled_from(["", "2020-05-09", "9-May-20", "yesterday", ARTICLES["mine"]])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def valid_warc() -> bytes:
    pages = [html_page(name, text) for name, text in list(ARTICLES.items())[:3]]
    specs = [{"type": "warcinfo"}] + [
        {"type": "response", "url": f"https://news.example/{index}", "body": page} for index, page in enumerate(pages)
    ]
    return warc_bytes(specs, compress=False)


def load(path: Path, content: bytes) -> list[Article | QuarantineRecord]:
    path.write_bytes(content)
    items = list(iter_articles(path))
    assert items, "a file must yield at least one article or quarantine row"
    for item in items:
        assert isinstance(item, Article | QuarantineRecord)
        assert item.source_path == str(path)
        if isinstance(item, Article):
            assert item.text.strip() and item.content_hash and item.article_id
            assert item.published_at is None or item.published_at.utcoffset().total_seconds() == 0
        else:
            assert item.reason
    return items


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".warc", ".warc.gz"])
@FUZZ
@given(content=st.binary(max_size=2000))
def test_random_bytes_never_raise(workdir: Path, suffix: str, content: bytes):
    load(workdir / f"random{suffix}", content)


@FUZZ
@given(value=json_values | st.lists(records, max_size=5) | records)
def test_random_json_documents(workdir: Path, value):
    load(workdir / "random.json", json.dumps(value).encode())


@FUZZ
@given(lines=st.lists(records | json_values, max_size=6), junk=st.binary(max_size=40))
def test_random_jsonl_lines(workdir: Path, lines, junk: bytes):
    content = b"".join(json.dumps(line).encode() + b"\n" for line in lines) + junk
    items = load(workdir / "random.jsonl", content)
    if b"\x00" in content[:SNIFF_BYTES]:
        assert [item.reason for item in items] == ["binary file (NUL bytes)"]
    else:
        assert len(items) >= len(lines)  # one row per line, plus any for the junk


@FUZZ
@given(
    header=st.lists(st.sampled_from(["id", "text", "body", "date", "title", "x"]) | st.text(max_size=8), max_size=5),
    rows=st.lists(st.lists(csv_cells, max_size=6), max_size=6),
)
def test_random_csv(workdir: Path, header, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    load(workdir / "random.csv", buffer.getvalue().encode())


@FUZZ
@given(
    data=st.data(),
    compress=st.booleans(),
    edit=st.sampled_from(["truncate", "flip", "insert"]),
)
def test_mangled_warc(workdir: Path, valid_warc: bytes, data, compress: bool, edit: str):
    content = gzip.compress(valid_warc, mtime=0) if compress else valid_warc
    position = data.draw(st.integers(0, len(content) - 1))
    if edit == "truncate":
        content = content[:position]
    elif edit == "flip":
        flipped = content[position] ^ data.draw(st.integers(1, 255))
        content = content[:position] + bytes([flipped]) + content[position + 1 :]
    else:
        content = content[:position] + data.draw(st.binary(min_size=1, max_size=30)) + content[position:]
    load(workdir / ("mangled.warc.gz" if compress else "mangled.warc"), content)


def test_intact_warc_yields_all_pages(workdir: Path, valid_warc: bytes):
    items = load(workdir / "intact.warc", valid_warc)
    assert [type(item) for item in items] == [Article, Article, Article]
