from pathlib import Path

import polars as pl

from pipeline.ingest.incremental import StagedIngest, load_incrementally

ARTICLE = "---\ntitle: {title}\npublished_at: 2020-05-0{day}\n{extra}---\n{text}\n"


def write(folder: Path, name: str, day: int, text: str, extra: str = "") -> None:
    (folder / name).write_text(ARTICLE.format(title=name, day=day, text=text, extra=extra), encoding="utf-8")


def staged(tmp_path: Path) -> StagedIngest:
    return StagedIngest(tmp_path / "staging" / "articles.parquet", tmp_path / "staging" / "quarantine.parquet")


def test_rerun_reads_only_new_files_and_keeps_earlier_rows(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", 1, "Police dispersed protesters in Lagos on Friday with tear gas.")
    write(corpus, "b.txt", 2, "Gunmen abducted two traders near Kaduna on Saturday.")
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    first = load_incrementally(corpus, staged(tmp_path))
    assert (first.files_read, first.articles, first.quarantined) == (3, 2, 1)
    ids_before = set(pl.read_parquet(staged(tmp_path).articles)["article_id"])

    write(corpus, "c.txt", 3, "Soldiers clashed with militants near Maiduguri on Sunday.")
    second = load_incrementally(corpus, staged(tmp_path))
    assert (second.files_read, second.files_unchanged, second.articles, second.quarantined) == (1, 3, 3, 1)
    assert ids_before < set(pl.read_parquet(staged(tmp_path).articles)["article_id"])

    (corpus / "b.txt").unlink()
    third = load_incrementally(corpus, staged(tmp_path))
    assert (third.files_read, third.articles) == (0, 2)


def test_changed_file_is_read_again(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", 1, "Police dispersed protesters in Lagos on Friday with tear gas.")
    load_incrementally(corpus, staged(tmp_path))
    write(corpus, "a.txt", 1, "Police arrested protesters in Lagos on Friday.")
    assert load_incrementally(corpus, staged(tmp_path)).files_read == 1
    texts = pl.read_parquet(staged(tmp_path).articles)["text"].to_list()
    assert texts == ["Police arrested protesters in Lagos on Friday."]


def test_new_file_reusing_a_loaded_id_is_quarantined(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", 1, "Police dispersed protesters in Lagos.", extra="id: lagos-1\n")
    load_incrementally(corpus, staged(tmp_path))
    write(corpus, "b.txt", 2, "Another story entirely about Abuja.", extra="id: lagos-1\n")
    run = load_incrementally(corpus, staged(tmp_path))
    assert (run.articles, run.quarantined) == (1, 1)
    reason = pl.read_parquet(staged(tmp_path).quarantine)["reason"].item()
    assert reason.startswith("duplicate article_id lagos-1")
