"""End-to-end ingestion of a mixed corpus of good and nasty files, with exact expected counts."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.ingest import DEFAULT_MAX_TEXT_BYTES, IngestStats, file_fingerprints, formats, iter_articles
from pipeline.records import Article, QuarantineRecord

from .ingest_builders import (
    ARTICLES,
    FRENCH_ARTICLE,
    gzipped,
    html_page,
    jsonl,
    near_duplicate,
    warc_bytes,
    write,
)


def build_corpus(root: Path) -> Path:
    """Good and bad files of every supported kind; the comments give what each should yield.

    Files are read in sorted relative-path order (csv/, gz/, html/, json/, records.jsonl, txt/, warc/),
    which decides which copy of a duplicated text is the canonical one.
    """
    a = ARTICLES
    # 1 article with front matter metadata; exact duplicate of records.jsonl j2
    write(
        root / "txt/front.txt",
        "---\ntitle: Harbour shelled\ndate: 2020-05-03T14:00:00+03:00\nsource: Example Wire\n"
        "url: https://news.example/harbour\nid: txt-1\n---\n" + a["harbour"].replace(". ", ".\n\n", 2),
    )
    # 1 article: mojibake, non-breaking spaces, CRLF line ends; near duplicate of gz/lines.jsonl.gz
    mojibake = a["market"].replace("Police", "Police\u00a0 ").replace(". ", ".\r\n\r\n") + " donâ€™t"
    write(root / "txt/mojibake.md", mojibake)
    write(root / "txt/french.txt", FRENCH_ARTICLE)  # 1 article, language fr
    write(root / "txt/legacy.txt", a["mine"].replace("quarry", "café quarry").encode("cp1252"))  # 1 article
    write(root / "txt/empty.txt", b"")  # quarantine: empty file
    write(root / "txt/blank.txt", "   \n\n  ")  # quarantine: empty text
    write(root / "txt/binary.txt", bytes(range(256)) * 4)  # quarantine: binary
    write(root / "txt/bad-front-matter.md", "---\ntitle: [unclosed\n---\nSome text.")  # quarantine
    write(root / "txt/undecodable.txt", b"abc" + bytes(range(0x80, 0x100)) * 3)  # quarantine
    write(root / "notes.pdf", b"%PDF-1.4")  # quarantine: unsupported file type
    write(root / ".cache/hidden.txt", a["riot"])  # hidden: never read

    # 1 article
    write(
        root / "html/page.html",
        html_page("Farmers march", a["protest"], published="2020-05-04T09:30:00+02:00", url="https://news.example/p"),
    )
    # quarantine: no text
    write(root / "html/nothing.htm", b"<html><head><script>var x = 1;</script></head><body></body></html>")

    # jsonl: 4 articles (1 near duplicate), 8 quarantined
    write(
        root / "records.jsonl",
        jsonl(
            {"id": "j1", "text": a["convoy"], "published_at": "2020-05-06", "title": "Convoy seized", "extra": 1},
            {"id": "j2", "text": a["harbour"]},  # canonical copy of txt/front.txt
            {"text": near_duplicate(a["protest"]), "date": "May 5, 2020 10:30 EST"},  # near duplicate of page.html
            {},  # quarantine: no text
            {"text": "Shots fired.", "published_at": "not a date at all"},  # quarantine: unparseable date
            {"text": "Shots fired.", "published_at": "1970-01-01"},  # quarantine: before 1989
            {"text": "Shots fired.", "published_at": "2999-01-01T00:00:00Z"},  # quarantine: future
            {"id": "j1", "text": "Another text with a reused id."},  # quarantine: duplicate id
            {"text": ["not", "a", "string"]},  # quarantine: text is a list
            [1, 2, 3],  # quarantine: not an object
            {"id": 7, "text": "Short report of clashes.", "language": "EN-gb"},  # article, declared language
        )
        + b"{broken json\n"  # quarantine
        + b"\n",  # blank line: ignored
    )
    # json list: 1 article, 2 quarantined; single object: 1 article; truncated list: 1 article + 1 quarantined
    listed = [{"text": a["airstrike"], "url": "https://x.example/a"}, 42, {"text": ""}]
    write(root / "json/list.json", json.dumps(listed))
    write(root / "json/single.json", json.dumps({"body": a["border"], "date": 1588982400}))
    write(root / "json/truncated.json", '[{"text": "' + a["prison"] + '"}, {"text": "cut off')
    write(root / "json/empty-list.json", "[]")  # quarantine: no records

    # csv: 2 articles, 1 quarantined row; header without text column: quarantined
    write(
        root / "csv/table.csv",
        "id,title,content,date\n"
        f'c1,Kidnapping,"{a["kidnap"]}",9-May-20\n'
        "c2,No text,,2020-05-01\n"
        "\n"
        f'c3,Riot,"{a["riot"]}",2020-05-03 18:00\n',
    )
    write(root / "csv/no-text-column.csv", "id,title\n1,Nothing\n")
    write(root / "csv/header-only.csv", "id,text,date\n")  # quarantine: no records

    # warc: 1 article (WARC-Date fallback; near duplicate of table.csv c1); request/warcinfo skipped;
    # 404 and image quarantined
    write(
        root / "warc/crawl.warc",
        warc_bytes(
            [
                {"type": "warcinfo"},
                {"type": "request", "url": "https://news.example/mine", "body": b""},
                {"type": "response", "url": "https://news.example/k", "date": "2020-05-07T06:00:00Z",
                 "body": html_page("Kidnapping", a["kidnap"] + " Update.")},
                {"type": "response", "url": "https://news.example/gone", "status": "404 Not Found",
                 "body": b"<p>gone</p>"},
                {"type": "response", "url": "https://news.example/i.png", "content_type": "image/png",
                 "body": b"\x89PNG"},
            ],
            compress=False,
        ),
    )
    # warc.gz: 2 articles, both duplicates of json/truncated.json's first record
    page = html_page("Prison riot", a["prison"], published="2020-05-08")
    write(
        root / "warc/crawl.warc.gz",
        warc_bytes(
            [
                {"type": "response", "url": "https://news.example/prison", "body": page},
                {"type": "response", "url": "https://mirror.example/prison", "body": page},
            ],
            compress=True,
        ),
    )
    # truncated warc.gz: first record loads (near duplicate of txt/legacy.txt); the cut record is quarantined once,
    # with the gzip error as its reason
    whole = warc_bytes(
        [
            {"type": "response", "url": "https://news.example/mine", "body": html_page("Mine", a["mine"] + " More.")},
            {"type": "response", "url": "https://news.example/riot", "body": html_page("Riot", a["riot"] + " More.")},
        ],
        compress=True,
    )
    write(root / "warc/truncated.warc.gz", whole[: len(whole) - 150])
    write(root / "warc/garbage.warc", b"this is not a WARC file\n" * 50)  # quarantine
    # gzip'd jsonl cut short: the first line loads, the gzip error is quarantined
    write(root / "gz/lines.jsonl.gz", gzipped(jsonl({"text": a["market"] + " Second copy."}) + b'{"text": "abc') [:-6])
    return root


EXPECTED_ARTICLES = 19
EXPECTED_DUPLICATES = 7
EXPECTED_QUARANTINED = 27  # the truncated warc.gz gives one row for its cut record, not a second for the gzip error


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return build_corpus(tmp_path / "corpus")


def test_corpus_loads_with_exact_counts(corpus: Path):
    items = list(iter_articles(corpus))
    stats = IngestStats.of(items)
    assert (stats.articles, stats.duplicates, stats.quarantined) == (
        EXPECTED_ARTICLES,
        EXPECTED_DUPLICATES,
        EXPECTED_QUARANTINED,
    ), [(item.source_path, item.record_offset, item.reason) for item in items if isinstance(item, QuarantineRecord)]
    articles = [item for item in items if isinstance(item, Article)]
    assert len({article.article_id for article in articles}) == len(articles)
    assert all(article.published_at is None or article.published_at.tzinfo == UTC for article in articles)
    assert not any(".cache" in item.source_path for item in items)


def test_every_file_is_accounted_for(corpus: Path):
    touched = {item.source_path for item in iter_articles(corpus)}
    assert touched == set(file_fingerprints(corpus))


def test_quarantine_reasons_name_the_problem(corpus: Path):
    reasons = {
        (Path(item.source_path).name, item.record_offset): item.reason
        for item in iter_articles(corpus)
        if isinstance(item, QuarantineRecord)
    }
    assert reasons[("empty.txt", None)] == "empty file"
    assert reasons[("blank.txt", None)] == "empty text"
    assert reasons[("binary.txt", None)].startswith("binary content")
    assert reasons[("bad-front-matter.md", None)].startswith("invalid YAML front matter")
    assert "invalid UTF-8" in reasons[("undecodable.txt", None)]
    assert reasons[("notes.pdf", None)] == "unsupported file type .pdf"
    assert reasons[("nothing.htm", None)] == "no main text found in HTML"
    assert reasons[("records.jsonl", 4)] == "record has no text"
    assert reasons[("records.jsonl", 5)] == "unparseable date 'not a date at all'"
    assert reasons[("records.jsonl", 6)].startswith("implausible date 1970-01-01")
    assert reasons[("records.jsonl", 7)].endswith("(in the future)")
    assert reasons[("records.jsonl", 8)].startswith("duplicate article_id 'j1'")
    assert reasons[("records.jsonl", 9)] == "text is a list, not a string"
    assert reasons[("records.jsonl", 10)] == "JSON record is a list, not an object"
    assert reasons[("records.jsonl", 12)].startswith("malformed JSON line")
    assert reasons[("list.json", 1)] == "JSON record is a int, not an object"
    assert reasons[("list.json", 2)] == "empty text"
    assert reasons[("truncated.json", 1)].startswith("malformed JSON at record 1")
    assert reasons[("empty-list.json", None)] == "no records found in file"
    assert reasons[("table.csv", 3)] == "CSV row has no text"
    assert reasons[("no-text-column.csv", 1)].startswith("CSV header has no text column")
    assert reasons[("header-only.csv", None)] == "no records found in file"
    assert reasons[("garbage.warc", 0)].startswith("malformed WARC data")
    assert "HTTP status 404" in reasons.values()
    assert "unsupported content type 'image/png'" in reasons.values()
    assert any(reason.startswith("truncated or corrupt compressed WARC") for reason in reasons.values())
    assert reasons[("lines.jsonl.gz", 2)].startswith("unreadable or corrupt compressed stream")


def test_article_fields(corpus: Path):
    articles = {
        (Path(item.source_path).name, item.record_offset): item
        for item in iter_articles(corpus)
        if isinstance(item, Article)
    }
    front = articles[("front.txt", None)]
    assert (front.article_id, front.duplicate_of) == ("txt-1", "j2")
    assert (front.title, front.source, front.url) == ("Harbour shelled", "Example Wire", "https://news.example/harbour")
    assert front.published_at == datetime(2020, 5, 3, 11, 0, tzinfo=UTC)
    assert front.text.count("\n\n") == 2 and front.language == "en"

    mojibake = articles[("mojibake.md", None)]
    assert mojibake.text.endswith("don't") and "\u00a0" not in mojibake.text and "\r" not in mojibake.text
    assert mojibake.article_id == "a" + mojibake.content_hash[:16]

    assert articles[("french.txt", None)].language == "fr"
    assert "café quarry" in articles[("legacy.txt", None)].text

    page = articles[("page.html", None)]
    assert page.title == "Farmers march" and page.url == "https://news.example/p"
    assert page.published_at == datetime(2020, 5, 4, tzinfo=UTC)  # trafilatura keeps the day only
    assert "Home | World" not in page.text and "Copyright" not in page.text

    assert articles[("records.jsonl", 1)].article_id == "j1"
    assert articles[("records.jsonl", 2)].duplicate_of is None
    near = articles[("records.jsonl", 3)]
    assert near.duplicate_of == page.article_id
    assert near.published_at == datetime(2020, 5, 5, 15, 30, tzinfo=UTC)
    short = articles[("records.jsonl", 11)]
    assert (short.article_id, short.language) == ("7", "en")  # too short to detect: declared language kept

    assert articles[("single.json", 0)].published_at == datetime(2020, 5, 9, tzinfo=UTC)
    assert articles[("table.csv", 2)].published_at == datetime(2020, 5, 9, tzinfo=UTC)
    assert articles[("table.csv", 5)].article_id == "c3"

    crawl = articles[("crawl.warc", next(o for n, o in articles if n == "crawl.warc"))]
    assert crawl.url == "https://news.example/k" and crawl.published_at == datetime(2020, 5, 7, 6, tzinfo=UTC)
    assert crawl.duplicate_of == "c1"
    mirrors = sorted((a for (name, _), a in articles.items() if name == "crawl.warc.gz"), key=lambda a: a.record_offset)
    canonical = articles[("truncated.json", 0)].article_id
    assert [m.duplicate_of for m in mirrors] == [canonical, canonical]
    assert mirrors[1].article_id == mirrors[0].article_id + "-2"
    assert articles[("mojibake.md", None)].duplicate_of == articles[("lines.jsonl.gz", 1)].article_id


def test_ingestion_is_deterministic(corpus: Path):
    assert list(iter_articles(corpus)) == list(iter_articles(corpus))


def test_incremental_run_loads_only_new_or_changed_files(corpus: Path):
    first = list(iter_articles(corpus))
    fingerprints = file_fingerprints(corpus)
    assert list(iter_articles(corpus, already_loaded=fingerprints)) == []

    changed = corpus / "txt/french.txt"
    changed.write_text(changed.read_text() + " Le calme est revenu lundi.", encoding="utf-8")
    added = write(corpus / "txt/new.txt", ARTICLES["airstrike"].replace("Saturday", "Sunday"))
    again = list(iter_articles(corpus, already_loaded=fingerprints))
    assert {item.source_path for item in again} == {str(changed), str(added)}
    assert len(first) > len(again) == 2


def test_single_file_source_and_csv_column_mapping(tmp_path: Path):
    path = write(
        tmp_path / "export.csv",
        "event_id,summary,when,headline\n"
        f'E1,"{ARTICLES["border"]}",3 May 2020,Border clash\n',
    )
    mapping = {"id": "event_id", "text": "summary", "published_at": "when", "title": "headline"}
    [article] = iter_articles(path, csv_columns=mapping)
    assert (article.article_id, article.title, article.record_offset) == ("E1", "Border clash", 2)
    assert article.published_at == datetime(2020, 5, 3, tzinfo=UTC)
    with pytest.raises(ValueError, match="unknown fields"):
        list(iter_articles(path, csv_columns={"body_text": "summary"}))


def test_missing_source_raises(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        list(iter_articles(tmp_path / "absent"))


def test_size_limit_quarantines_large_texts_without_reading_them(tmp_path: Path):
    write(tmp_path / "big.txt", "word " * 300)
    write(tmp_path / "lines.jsonl", jsonl({"text": "x" * 2000}, {"text": "small enough"}))
    write(tmp_path / "rows.csv", f"text\n{'y' * 2000}\nfine\n")
    items = list(iter_articles(tmp_path, max_text_bytes=1000))
    summary = Counter((Path(i.source_path).name, type(i).__name__) for i in items)
    assert summary == Counter(
        {("big.txt", "QuarantineRecord"): 1, ("lines.jsonl", "QuarantineRecord"): 1, ("lines.jsonl", "Article"): 1,
         ("rows.csv", "QuarantineRecord"): 1, ("rows.csv", "Article"): 1}
    )
    assert all("size limit of 1000 bytes" in i.reason for i in items if isinstance(i, QuarantineRecord))


@pytest.mark.timeout(60)
def test_fifty_megabyte_file_is_quarantined_without_reading_it(tmp_path: Path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.write(b"A" * 4096)
        stream.truncate(50 * 1024 * 1024)  # sparse file
    monkeypatch.setattr(formats, "open_binary", lambda path: pytest.fail(f"{path} was opened for reading"))
    [item] = iter_articles(tmp_path)
    assert item.reason == f"file exceeds the size limit of {DEFAULT_MAX_TEXT_BYTES} bytes"


def test_large_gzipped_file_is_read_only_up_to_the_limit(tmp_path: Path):
    write(tmp_path / "big.txt.gz", gzipped(b"word " * 2000))
    [item] = iter_articles(tmp_path, max_text_bytes=1000)
    assert item.reason == "file exceeds the size limit of 1000 bytes" and item.excerpt.startswith("word word")
