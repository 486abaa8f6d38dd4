"""Corpus entries that are not read (symlink loops, dangling links, links out of the corpus) are quarantined,
change detection reads only what changed, and a broken compressed WARC gives one row per bad record."""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
import pytest

from pipeline.defs.automation import new_articles_sensor
from pipeline.ingest import files, iter_articles
from pipeline.ingest.incremental import StagedIngest, load_incrementally
from pipeline.records import Article, QuarantineRecord

from .ingest_builders import ARTICLES, html_page, warc_bytes, write


def staged(tmp_path: Path) -> StagedIngest:
    return StagedIngest(tmp_path / "staging" / "articles.parquet", tmp_path / "staging" / "quarantine.parquet")


def old(path: Path) -> Path:
    """Backdate a file past the racy window, as if written a while ago."""
    os.utime(path, ns=(path.stat().st_mtime_ns - 10**10, path.stat().st_mtime_ns - 10**10))
    return path


@pytest.fixture
def linked_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", ARTICLES["harbour"])
    outside = write(tmp_path / "secret" / "private.txt", ARTICLES["market"])
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "escape.txt").symlink_to(outside)
    (corpus / "folder-link").symlink_to(outside.parent, target_is_directory=True)
    (corpus / "alias.txt").symlink_to("good.txt")  # inside the corpus: followed
    return corpus


def test_symlink_loops_dangling_and_escaping_links_are_quarantined(linked_corpus: Path):
    items = list(iter_articles(linked_corpus))
    reasons = {Path(i.source_path).name: i.reason for i in items if isinstance(i, QuarantineRecord)}
    loaded = sorted(Path(i.source_path).name for i in items if isinstance(i, Article))
    assert loaded == ["alias.txt", "good.txt"]
    assert reasons["loop.txt"] == "symbolic link loop"
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert reasons["escape.txt"].startswith("symbolic link to a file outside the articles folder is not followed")
    assert reasons["folder-link"].startswith("symbolic link to a folder is not followed")
    assert not any("private" in i.text for i in items if isinstance(i, Article))


def test_quarantined_links_stay_quarantined_on_an_incremental_rerun(linked_corpus: Path, tmp_path: Path):
    first = load_incrementally(linked_corpus, staged(tmp_path))
    rows = pl.read_parquet(staged(tmp_path).quarantine)
    second = load_incrementally(linked_corpus, staged(tmp_path))
    assert (first.quarantined, second.files_read) == (4, 0)
    assert pl.read_parquet(staged(tmp_path).quarantine).equals(rows)
    assert set(rows["stage"]) == {"ingest"}


def test_unchanged_files_are_not_hashed_again_and_a_touch_is_no_change(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    article = old(write(corpus / "a.txt", ARTICLES["harbour"]))
    huge = corpus / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(6_000_000)  # over the size limit: quarantined
    old(huge)
    hashed: list[str] = []
    real_sha256 = files._sha256
    monkeypatch.setattr(files, "_sha256", lambda path: hashed.append(path.name) or real_sha256(path))

    first = load_incrementally(corpus, staged(tmp_path))
    assert sorted(hashed) == ["a.txt", "huge.txt"] and first.quarantined == 1
    hashed.clear()
    second = load_incrementally(corpus, staged(tmp_path))
    assert hashed == [] and second.files_read == 0

    os.utime(article)  # touched, not edited: hashed once, found unchanged
    old(article)
    third = load_incrementally(corpus, staged(tmp_path))
    assert hashed == ["a.txt"] and third.files_read == 0


def test_the_sensor_does_not_hash_unchanged_files_on_each_tick(tmp_path: Path, monkeypatch):
    import dagster as dg

    from pipeline.defs.resources import PipelineSettings

    corpus = tmp_path / "corpus"
    old(write(corpus / "a.txt", ARTICLES["harbour"]))
    hashed: list[str] = []
    real_sha256 = files._sha256
    monkeypatch.setattr(files, "_sha256", lambda path: hashed.append(path.name) or real_sha256(path))
    cursor = None
    for _ in range(3):
        with dg.build_sensor_context(cursor=cursor, resources={
                "pipeline_settings": PipelineSettings(overrides={"articles": str(corpus)})}) as context:
            result = new_articles_sensor(context)
        cursor = result.cursor
    assert hashed == ["a.txt"]
    assert json.loads(cursor)[str(corpus / "a.txt")].endswith(real_sha256(corpus / "a.txt"))


def test_staged_tables_of_an_older_schema_are_rebuilt(tmp_path: Path):
    corpus = tmp_path / "corpus"
    old(write(corpus / "a.txt", ARTICLES["harbour"]))
    load_incrementally(corpus, staged(tmp_path))
    quarantine = staged(tmp_path).quarantine
    pl.read_parquet(quarantine).drop("stage").write_parquet(quarantine)  # as written before the stage column
    rerun = load_incrementally(corpus, staged(tmp_path))
    assert rerun.files_read == 1
    assert "stage" in pl.read_parquet_schema(quarantine)


@pytest.mark.parametrize("cut", [150, 400, 1000, 2000])
def test_a_truncated_warc_gz_gives_one_row_per_bad_record(tmp_path: Path, cut: int):
    pages = [html_page(name, text) for name, text in list(ARTICLES.items())[:3]]
    whole = warc_bytes([{"type": "warcinfo"}] + [
        {"type": "response", "url": f"https://news.example/{i}", "body": page} for i, page in enumerate(pages)],
        compress=True)
    items = list(iter_articles(write(tmp_path / "cut.warc.gz", whole[: len(whole) - cut])))
    bad = [i for i in items if isinstance(i, QuarantineRecord)]
    assert len(bad) == 1, bad
    assert bad[0].reason.startswith("truncated or corrupt compressed WARC")
    assert len(items) <= len(pages)  # a record is loaded or quarantined, never both, never twice


def test_a_file_just_written_is_hashed_again_next_time(tmp_path: Path):
    path = write(tmp_path / "a.txt", "first version")
    fingerprint = files.file_fingerprint(path)
    assert fingerprint.startswith("::")  # its mtime may not change if it is rewritten within the same tick
    stat = path.stat()
    write(path, "other version")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not files.same_content(fingerprint, files.file_fingerprint(path, fingerprint))
