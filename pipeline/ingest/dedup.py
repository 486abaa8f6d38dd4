"""Exact and near-duplicate detection (MinHash LSH over word shingles), across runs through a compact index.

Signatures are kept as b-bit MinHash (the low 16 bits of each of the 128 hash values: 256 bytes per article):
two signatures agree on a slot with probability J + (1 - J) / 65536, so Jaccard estimates lose nothing that
matters, while the index of earlier articles stays small enough to persist beside the staged articles.
datasketch is imported on first use: its package imports scipy.integrate (≈0.3 s), which exact-only detection and
short texts never need.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHashLSH

_WORD = re.compile(r"\w+")
SCHEME = "affine32"
SEED = 1
SIGNATURE_BITS = 16
_SIGNATURE_DTYPE = np.uint16
INDEX_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String, "signature": pl.Binary}


class DuplicateDetector:
    """Maps each article to the first-seen (canonical) article it duplicates, in arrival order.

    Exact duplicates share a content hash; near duplicates (wire copy with small edits) have an
    estimated Jaccard similarity of their word shingles at or above ``threshold`` (None: exact only).
    Texts shorter than ``min_words`` are only matched exactly: short templated reports differ in a word
    or two and are still different events. LSH retrieves candidates at the looser ``candidate_threshold`` (LSH tuned
    to the threshold itself misses about a third of pairs just above it); candidates are then checked
    against ``threshold``. Articles of earlier runs are registered with ``remember``.
    """

    def __init__(
        self,
        *,
        threshold: float | None = 0.8,
        candidate_threshold: float = 0.6,
        num_perm: int = 128,
        shingle_words: int = 3,
        min_words: int = 50,
    ) -> None:
        self.threshold = threshold
        self.candidate_threshold = candidate_threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_words = min_words
        self._canonical_by_hash: dict[str, str] = {}
        self._signatures: dict[str, LeanMinHash] = {}
        self._arrival: dict[str, int] = {}
        self._canonical: dict[str, LeanMinHash | None] = {}  # every canonical article, in arrival order

    @cached_property
    def _lsh(self) -> MinHashLSH:
        from datasketch import MinHashLSH

        return MinHashLSH(threshold=self.candidate_threshold, num_perm=self.num_perm)

    @cached_property
    def _permutations(self) -> np.ndarray:  # the affine (a, b) pairs, reused: costly to make
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, scheme=SCHEME).permutations

    def canonical_for(self, article_id: str, content_hash: str, text: str) -> str | None:
        """Register an article; return the canonical article_id it duplicates, or None if it is new."""
        canonical = self._canonical_by_hash.get(content_hash)
        if canonical is not None:
            return canonical
        signature = self.signature(text)
        if signature is not None:
            canonical = self._nearest_canonical(signature)
        self.remember(article_id, content_hash, None if canonical else signature, canonical)
        return canonical

    def remember(self, article_id: str, content_hash: str, signature: LeanMinHash | None,
                 duplicate_of: str | None = None) -> None:
        """Register an article seen before (an earlier run's), with its stored signature if it is canonical."""
        self._canonical_by_hash.setdefault(content_hash, duplicate_of or article_id)
        if duplicate_of is None:
            self._canonical[article_id] = signature
        if duplicate_of is None and signature is not None and self.threshold is not None:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature
            self._arrival[article_id] = len(self._arrival)

    def signature(self, text: str) -> LeanMinHash | None:
        """The b-bit MinHash of a text's word shingles (None for short texts or exact-only detection)."""
        if self.threshold is None:
            return None
        words = _WORD.findall(text.lower())
        if len(words) < self.min_words:
            return None
        from datasketch import MinHash

        size = self.shingle_words
        shingles = {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
        signature = MinHash(
            num_perm=self.num_perm, hashfunc=zlib.crc32, permutations=self._permutations, scheme=SCHEME
        )
        signature.update_batch(list(shingles))
        return compact_signature(signature.hashvalues)

    def _nearest_canonical(self, signature: LeanMinHash) -> str | None:
        matches = [
            key for key in self._lsh.query(signature) if self._signatures[key].jaccard(signature) >= self.threshold
        ]
        return min(matches, key=self._arrival.__getitem__, default=None)

    def signature_rows(self) -> Iterator[tuple[str, bytes | None]]:
        """(article_id, 256-byte signature or None for short texts) of every canonical article, in arrival order."""
        for article_id, signature in self._canonical.items():
            yield article_id, None if signature is None else signature.hashvalues.astype(_SIGNATURE_DTYPE).tobytes()


def compact_signature(hashvalues: Iterable[int] | bytes) -> LeanMinHash:
    """A signature of b-bit hash values (from full hash values, or the bytes of the persisted index)."""
    from datasketch import LeanMinHash

    values = (np.frombuffer(hashvalues, dtype=_SIGNATURE_DTYPE) if isinstance(hashvalues, bytes)
              else np.asarray(hashvalues) & ((1 << SIGNATURE_BITS) - 1))
    return LeanMinHash(seed=SEED, hashvalues=values.astype(np.uint64), scheme=SCHEME)


def remember_articles(detector: DuplicateDetector, articles: pl.LazyFrame, index_path: Path) -> None:
    """Register earlier articles (article_id, content_hash, duplicate_of, text) with their signatures from the
    index; a canonical article missing from it (an index older than the article) is signed from its text."""
    index = pl.read_parquet(index_path) if index_path.exists() else pl.DataFrame(schema=INDEX_SCHEMA)
    known = articles.select("article_id", "content_hash", "duplicate_of").collect().join(
        index, on="article_id", how="left")
    indexed = pl.col("article_id").is_in(index["article_id"].implode())
    missing = known.filter(pl.col("duplicate_of").is_null() & ~indexed)
    texts = dict(articles.join(missing.lazy().select("article_id"), on="article_id", how="semi")
                 .select("article_id", "text").collect().iter_rows())
    for article_id, content_hash, duplicate_of, stored in known.iter_rows():
        signature = (compact_signature(stored) if stored is not None
                     else detector.signature(texts[article_id]) if article_id in texts else None)
        detector.remember(article_id, content_hash, signature, duplicate_of)


def signature_index(detector: DuplicateDetector) -> pl.DataFrame:
    """The compact index of a detector's canonical articles, to persist for the next run."""
    return pl.DataFrame(list(detector.signature_rows()), schema=INDEX_SCHEMA, orient="row")
