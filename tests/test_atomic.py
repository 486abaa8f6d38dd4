"""The one atomic-write helper: all or nothing, never over a release, usual permissions, leftovers swept."""

from __future__ import annotations

import os
import stat

import pytest

from pipeline.atomic import atomic_path, scratch_path, sweep_leftovers, write_text_atomic


def test_a_failed_write_keeps_the_old_content_and_leaves_no_temporary(tmp_path):
    target = write_text_atomic(tmp_path / "table.json", "old")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half of the new")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.json"]


def test_a_written_file_replaces_the_target_with_the_usual_permissions(tmp_path):
    target = write_text_atomic(tmp_path / "nested" / "validation.json", "new")
    assert target.read_text() == "new"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_folder_is_published_whole_and_never_over_an_existing_one(tmp_path):
    with atomic_path(tmp_path / "1.0.0", directory=True) as staging:
        (staging / "events.parquet").write_bytes(b"rows")
        assert not (tmp_path / "1.0.0").exists()
    assert (tmp_path / "1.0.0" / "events.parquet").read_bytes() == b"rows"
    with pytest.raises(FileExistsError), atomic_path(tmp_path / "1.0.0", directory=True):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.0.0"]


def test_scratch_files_are_always_removed(tmp_path):
    with pytest.raises(ValueError), scratch_path(tmp_path / "articles.parquet") as scratch:
        scratch.write_text("intermediate")
        raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_sweep_removes_hidden_temporaries_only(tmp_path):
    with atomic_path(tmp_path / "a.parquet") as temporary:
        temporary.write_text("x")
        leftover = temporary.with_name(temporary.name)  # what a killed writer would leave
        (tmp_path / leftover.name.replace("a.parquet", "b.parquet")).write_text("stale")
    kept = [tmp_path / "a.parquet", tmp_path / ".writer.lock", tmp_path / "visible.tmp"]
    kept[-1].write_text("user file")
    kept[1].write_text("")
    removed = sweep_leftovers(tmp_path)
    assert [p.name.split(".")[1] for p in removed] == ["b"]
    assert all(p.exists() for p in kept)
