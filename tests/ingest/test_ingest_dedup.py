"""Exact and near-duplicate detection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ingest import DuplicateDetector, iter_articles
from pipeline.ingest.text import content_hash

from .ingest_builders import ARTICLES, near_duplicate


def register(detector: DuplicateDetector, article_id: str, text: str) -> str | None:
    return detector.canonical_for(article_id, content_hash(text), text)


def test_exact_duplicate_points_to_first():
    detector = DuplicateDetector()
    assert register(detector, "first", ARTICLES["market"]) is None
    assert register(detector, "second", ARTICLES["market"]) == "first"


def test_wire_copy_with_small_edits_is_a_near_duplicate():
    detector = DuplicateDetector()
    assert register(detector, "original", ARTICLES["convoy"]) is None
    assert register(detector, "other", ARTICLES["border"]) is None
    assert register(detector, "wire", near_duplicate(ARTICLES["convoy"])) == "original"
    assert register(detector, "wire-exact", near_duplicate(ARTICLES["convoy"])) == "original"


def test_distinct_articles_are_not_duplicates():
    detector = DuplicateDetector()
    assert [register(detector, name, text) for name, text in ARTICLES.items()] == [None] * len(ARTICLES)


def test_rewritten_story_is_not_a_near_duplicate():
    detector = DuplicateDetector()
    register(detector, "original", ARTICLES["airstrike"])
    sentences = ARTICLES["airstrike"].split(". ")
    rewritten = ". ".join(sentences[::2]) + ". A spokesman for the ministry declined to comment on the matter."
    assert register(detector, "rewrite", rewritten) is None


def test_short_templated_reports_are_only_matched_exactly():
    detector = DuplicateDetector()
    assert register(detector, "a", "Clashes between the army and rebels in the town of Nore left two dead.") is None
    assert register(detector, "b", "Clashes between the army and rebels in the town of Sela left two dead.") is None


def test_chain_resolves_to_canonical_article():
    detector = DuplicateDetector()
    register(detector, "original", ARTICLES["prison"])
    register(detector, "near", near_duplicate(ARTICLES["prison"]))
    assert register(detector, "copy-of-near", near_duplicate(ARTICLES["prison"])) == "original"


def test_near_duplicates_across_files_in_iter_articles(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "orig", "text": ARTICLES["riot"]}) + "\n")
    (tmp_path / "b.txt").write_text(near_duplicate(ARTICLES["riot"]))
    (tmp_path / "c.txt").write_text(ARTICLES["kidnap"])
    duplicates = {item.article_id: item.duplicate_of for item in iter_articles(tmp_path)}
    assert list(duplicates.values()) == [None, "orig", None]


def test_near_duplicate_marking_can_be_switched_off(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLES["riot"])
    (tmp_path / "b.txt").write_text(near_duplicate(ARTICLES["riot"]))
    (tmp_path / "c.txt").write_text(ARTICLES["riot"])
    items = list(iter_articles(tmp_path, near_duplicate_threshold=None))
    assert [item.duplicate_of for item in items] == [None, None, items[0].article_id]


READ_SHORT_ARTICLES = """
import sys
from pipeline.ingest import DuplicateDetector, iter_articles
from pipeline.ingest.text import content_hash
detector = DuplicateDetector()
for text in ("Police dispersed a march in the capital.", "Police dispersed a march in the capital."):
    detector.canonical_for("a", content_hash(text), text)
print(sorted(name for name in ("datasketch", "scipy") if name in sys.modules))
"""


@pytest.mark.slow  # a subprocess: a fresh interpreter's imports
def test_datasketch_and_scipy_are_imported_only_when_a_text_is_long_enough_to_sign():
    done = subprocess.run([sys.executable, "-c", READ_SHORT_ARTICLES], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
