"""Exact and near-duplicate detection."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from pipeline.ingest import DuplicateDetector, dedup, iter_articles
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


SIGN_ARTICLES = """
import sys
from pipeline.ingest import DuplicateDetector
from pipeline.ingest.text import content_hash
detector = DuplicateDetector()
long_text = " ".join(f"word{i}" for i in range(200))
for text in ("Police dispersed a march in the capital.", long_text, long_text + " more"):
    detector.canonical_for(text[-9:], content_hash(text), text)
assert detector.signature(long_text) is not None
print(sorted(name for name in ("datasketch", "scipy") if name in sys.modules))
"""


@pytest.mark.slow  # a subprocess: a fresh interpreter's imports
def test_signing_and_indexing_import_neither_datasketch_nor_scipy():
    done = subprocess.run([sys.executable, "-c", SIGN_ARTICLES], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_band_layout_is_datasketch_lsh_choice():
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.1, 0.3, 0.5, 0.6, 0.75, 0.8, 0.9):
        for num_perm in (32, 128):
            assert dedup.band_layout(threshold, num_perm) == lsh._optimal_param(threshold, num_perm, 0.5, 0.5)


def test_signatures_are_datasketch_affine32_minhash_values():
    datasketch = pytest.importorskip("datasketch")
    for text in ARTICLES.values():
        words = text.lower().split()
        shingles = {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}
        reference = datasketch.MinHash(num_perm=128, seed=dedup.SEED, hashfunc=zlib.crc32, scheme="affine32")
        reference.update_batch(list(shingles))
        assert (dedup.minhash_values(shingles, 128) == reference.hashvalues).all()


def test_banded_index_finds_keys_sharing_a_band_and_refuses_a_key_twice():
    index = dedup.BandedIndex(0.6, 128)
    first = np.arange(128, dtype=np.uint16)
    close = first.copy()
    close[index.rows:] += 1  # only the first band agrees
    far = first + 1
    index.insert("first", first)
    assert index.query(close) == {"first"} and index.query(far) == set()
    with pytest.raises(ValueError, match="already indexed"):
        index.insert("first", far)


def test_stored_signatures_read_back_equal():
    detector = DuplicateDetector()
    signature = detector.signature(ARTICLES["riot"])
    register(detector, "riot", ARTICLES["riot"])
    [(article_id, stored)] = detector.signature_rows()
    assert article_id == "riot" and (dedup.compact_signature(stored) == signature).all()
