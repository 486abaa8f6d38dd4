from pathlib import Path

from pipeline.ingest.incremental import load_incrementally

ARTICLE = "---\ntitle: {title}\npublished_at: 2020-05-0{day}\n---\n{text}\n"


def write(folder: Path, name: str, day: int, text: str) -> None:
    (folder / name).write_text(ARTICLE.format(title=name, day=day, text=text), encoding="utf-8")


def test_rerun_reads_only_new_files_and_keeps_earlier_rows(tmp_path: Path):
    write(tmp_path, "a.txt", 1, "Police dispersed protesters in Lagos on Friday with tear gas.")
    write(tmp_path, "b.txt", 2, "Gunmen abducted two traders near Kaduna on Saturday.")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    first = load_incrementally(tmp_path, None, None, {})
    assert (first.files_read, first.articles.height, first.quarantine.height) == (3, 2, 1)

    write(tmp_path, "c.txt", 3, "Soldiers clashed with militants near Maiduguri on Sunday.")
    second = load_incrementally(tmp_path, first.articles, first.quarantine, first.manifest)
    assert (second.files_read, second.files_kept) == (1, 3)
    assert second.articles.height == 3 and second.quarantine.height == 1
    assert set(first.articles["article_id"]) < set(second.articles["article_id"])

    (tmp_path / "b.txt").unlink()
    third = load_incrementally(tmp_path, second.articles, second.quarantine, second.manifest)
    assert third.files_read == 0 and third.articles.height == 2


def test_changed_file_is_read_again(tmp_path: Path):
    write(tmp_path, "a.txt", 1, "Police dispersed protesters in Lagos on Friday with tear gas.")
    first = load_incrementally(tmp_path, None, None, {})
    write(tmp_path, "a.txt", 1, "Police arrested protesters in Lagos on Friday.")
    second = load_incrementally(tmp_path, first.articles, first.quarantine, first.manifest)
    assert second.files_read == 1
    assert second.articles["text"].to_list() == ["Police arrested protesters in Lagos on Friday."]
