"""The fingerprint behind the no-op `run`: unchanged inputs are recognised, any edit to an article, a seed, a
setting or the published database is not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, Settings
from pipeline.warehouse.fingerprint import forget_run, last_run, remember_run, run_inputs, unchanged_since

ARTICLE = """---
title: Protesters block a road in a market town
source: Test Wire (written for the conflict-events tests)
published_at: 2022-06-01T09:00:00+00:00
language: en
---
Hundreds of traders blocked the main road on Tuesday to protest against a new market tax, witnesses said.
"""
SUMMARY = [("articles loaded", "1"), ("events", "1"), ("duration", "42.0 s")]
NOTES = ["1 input record was quarantined"]


@pytest.fixture
def project(tmp_path) -> Settings:
    """Settings over a copy of the seeds, one article and a warehouse whose last run was remembered."""
    shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("articles"))
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "2022-06-01_road.txt").write_text(ARTICLE, encoding="utf-8")
    settings = Settings(articles=tmp_path / "articles", seeds=tmp_path / "seeds", warehouse=tmp_path / "warehouse")
    settings.warehouse.mkdir()
    settings.database.write_bytes(b"a database")
    remember_run(settings, run_inputs(settings), SUMMARY, NOTES)
    return settings


def unchanged(settings: Settings) -> bool:
    return unchanged_since(settings, last_run(settings))[0]


def test_a_remembered_run_with_nothing_changed_is_recognised_with_its_summary(project):
    assert unchanged(project)
    remembered = last_run(project)
    assert (remembered.summary, remembered.notes) == (SUMMARY, NOTES)


def test_a_file_touched_but_not_edited_counts_as_unchanged(project):
    article = project.articles / "2022-06-01_road.txt"
    status = article.stat()
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns - 10_000_000_000))
    assert unchanged(project)


@pytest.mark.parametrize("edit", [
    lambda s: (s.articles / "2022-06-01_road.txt").write_text(ARTICLE.replace("Hundreds", "Dozens"), "utf-8"),
    lambda s: (s.articles / "2022-06-02_more.txt").write_text(ARTICLE, encoding="utf-8"),
    lambda s: (s.articles / "2022-06-01_road.txt").unlink(),
    lambda s: (s.seeds / "triggers.yaml").write_text((s.seeds / "triggers.yaml").read_text() + "\n# edited\n"),
    lambda s: (s.seeds / "actors.csv").unlink(),
    lambda s: s.database.write_bytes(b"another database, built by someone else"),
    lambda s: s.database.unlink(),
], ids=["article edited", "article added", "article removed", "seed edited", "seed removed",
        "database replaced", "database removed"])
def test_any_change_to_inputs_or_the_published_database_means_a_real_run(project, edit):
    edit(project)
    assert not unchanged(project)


@pytest.mark.parametrize("setting", [{"min_mention_confidence": 0.5}, {"spacy_batch_size": 8},
                                     {"source_countries": {"Test Wire": "Kenya"}}])
def test_a_changed_setting_means_a_real_run(project, setting):
    changed = Settings(**{**project.model_dump(), **setting})
    assert unchanged(project) and not unchanged(changed)


def test_a_started_run_forgets_the_last_one_until_it_succeeds(project):
    forget_run(project)
    assert last_run(project) is None and not unchanged(project)


def test_an_unreadable_record_counts_as_no_record(project):
    (project.warehouse / "last_run.json").write_text("{not json", encoding="utf-8")
    assert last_run(project) is None and not unchanged(project)
