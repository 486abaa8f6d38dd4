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


def test_near_duplicates_of_earlier_runs_are_found_through_the_compact_index(tmp_path: Path):
    from pipeline.ingest.dedup import DuplicateDetector

    from .ingest_builders import ARTICLES, near_duplicate

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", 1, ARTICLES["convoy"])
    write(corpus, "b.txt", 1, ARTICLES["border"])
    load_incrementally(corpus, staged(tmp_path))
    index = pl.read_parquet(staged(tmp_path).signatures)
    assert index.height == 2 and set(index["signature"].bin.size()) == {2 * DuplicateDetector().num_perm}

    write(corpus, "c.txt", 2, near_duplicate(ARTICLES["convoy"]))
    write(corpus, "d.txt", 2, ARTICLES["border"], extra="id: border-copy\n")
    run = load_incrementally(corpus, staged(tmp_path))
    assert (run.files_read, run.duplicates) == (2, 2)
    articles = pl.read_parquet(staged(tmp_path).articles)
    canonical = dict(articles.select("source_path", "article_id").iter_rows())
    by_file = {Path(path).name: dup for path, dup in articles.select("source_path", "duplicate_of").iter_rows()}
    assert by_file["c.txt"] == canonical[str(corpus / "a.txt")]
    assert by_file["d.txt"] == canonical[str(corpus / "b.txt")]
    assert pl.read_parquet(staged(tmp_path).signatures).height == 2  # duplicates add nothing to the index


def test_an_index_missing_earlier_articles_signs_them_from_their_text(tmp_path: Path):
    from .ingest_builders import ARTICLES, near_duplicate

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", 1, ARTICLES["prison"])
    load_incrementally(corpus, staged(tmp_path))
    staged(tmp_path).signatures.unlink()
    write(corpus, "b.txt", 2, near_duplicate(ARTICLES["prison"]))
    assert load_incrementally(corpus, staged(tmp_path)).duplicates == 1
