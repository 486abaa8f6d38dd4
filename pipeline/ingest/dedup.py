"""Exact and near-duplicate detection (MinHash LSH over word shingles), across runs through a compact index.

Signatures are kept as b-bit MinHash (the low 16 bits of each of the 128 hash values: 256 bytes per article):
two signatures agree on a slot with probability J + (1 - J) / 65536, so Jaccard estimates lose nothing that
matters, while the index of earlier articles stays small enough to persist beside the staged articles.

The MinHash and the banded LSH are this module's own (numpy only), computing exactly what datasketch's `MinHash`
(scheme "affine32", seed 1, crc32 of each shingle) and `MinHashLSH` did before them, so stored signature indexes stay
valid: datasketch's package imports its LSH module, which imports `scipy.integrate` (≈0.4 s of CPU at every start
that signs an article) only to choose the band layout; here the same choice is made with an exact quadrature.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import polars as pl

_WORD = re.compile(r"\w+")
SEED = 1
SIGNATURE_BITS = 16
_SIGNATURE_DTYPE = np.uint16
INDEX_SCHEMA: dict[str, pl.DataType] = {"article_id": pl.String, "signature": pl.Binary}
Signature = np.ndarray  # b-bit MinHash values, uint16


@lru_cache(maxsize=4)
def affine_permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation h → a·h + b mod 2³² (a odd), drawn as datasketch's affine32 scheme draws
    them for seed 1."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _premixed(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection): weak input hashes are spread before the permutations."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash_values(shingles: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The full 32-bit MinHash of a non-empty set of shingles (crc32 of each, premixed, then permuted)."""
    hashes = _premixed(np.fromiter((zlib.crc32(shingle) for shingle in shingles), dtype=np.uint32))
    a, b = affine_permutations(num_perm)
    return (hashes[:, None] * a + b).min(axis=0)


def similarity(first: Signature, second: Signature) -> float:
    """Estimated Jaccard similarity: the share of slots where two signatures agree."""
    return np.count_nonzero(first == second) / len(first)


@lru_cache(maxsize=16)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the area of false positives below ``threshold`` plus that of false
    negatives above it, equally weighted — datasketch `MinHashLSH`'s choice. The integrands are polynomials of degree
    at most ``num_perm``, so Gauss–Legendre quadrature with num_perm / 2 + 1 nodes integrates them exactly."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(function, low: float, high: float) -> float:
        half = (high - low) / 2
        return half * float(weights @ function(half * nodes + (high + low) / 2))

    best, layout = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = integral(lambda s, b=bands, r=rows: 1 - (1 - s**r) ** b, 0.0, threshold)
            false_negative = integral(lambda s, b=bands, r=rows: (1 - s**r) ** b, threshold, 1.0)
            if (error := 0.5 * false_positive + 0.5 * false_negative) < best:
                best, layout = error, (bands, rows)
    return layout


class BandedIndex:
    """MinHash LSH: keys whose signatures agree on every row of at least one band are each other's candidates."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = band_layout(threshold, num_perm)
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]
        self._keys: set[str] = set()

    def _band_keys(self, signature: Signature) -> Iterator[bytes]:
        for band in range(self.bands):
            yield signature[band * self.rows:(band + 1) * self.rows].tobytes()

    def insert(self, key: str, signature: Signature) -> None:
        if key in self._keys:
            raise ValueError(f"key {key!r} is already indexed")
        self._keys.add(key)
        for table, band_key in zip(self._tables, self._band_keys(signature), strict=True):
            table.setdefault(band_key, []).append(key)

    def query(self, signature: Signature) -> set[str]:
        return {key for table, band_key in zip(self._tables, self._band_keys(signature), strict=True)
                for key in table.get(band_key, ())}


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
        self._signatures: dict[str, Signature] = {}
        self._arrival: dict[str, int] = {}
        self._canonical: dict[str, Signature | None] = {}  # every canonical article, in arrival order

    @cached_property
    def _lsh(self) -> BandedIndex:
        return BandedIndex(self.candidate_threshold, self.num_perm)

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

    def remember(self, article_id: str, content_hash: str, signature: Signature | None,
                 duplicate_of: str | None = None) -> None:
        """Register an article seen before (an earlier run's), with its stored signature if it is canonical."""
        self._canonical_by_hash.setdefault(content_hash, duplicate_of or article_id)
        if duplicate_of is None:
            self._canonical[article_id] = signature
        if duplicate_of is None and signature is not None and self.threshold is not None:
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature
            self._arrival[article_id] = len(self._arrival)

    def signature(self, text: str) -> Signature | None:
        """The b-bit MinHash of a text's word shingles (None for short texts or exact-only detection)."""
        if self.threshold is None:
            return None
        words = _WORD.findall(text.lower())
        if len(words) < self.min_words:
            return None
        size = self.shingle_words
        shingles = {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
        return compact_signature(minhash_values(shingles, self.num_perm))

    def _nearest_canonical(self, signature: Signature) -> str | None:
        matches = [
            key for key in self._lsh.query(signature) if similarity(self._signatures[key], signature) >= self.threshold
        ]
        return min(matches, key=self._arrival.__getitem__, default=None)

    def signature_rows(self) -> Iterator[tuple[str, bytes | None]]:
        """(article_id, 256-byte signature or None for short texts) of every canonical article, in arrival order."""
        for article_id, signature in self._canonical.items():
            yield article_id, None if signature is None else signature.tobytes()


def compact_signature(hashvalues: np.ndarray | bytes) -> Signature:
    """A signature of b-bit hash values (from full hash values, or the bytes of the persisted index)."""
    if isinstance(hashvalues, bytes):
        return np.frombuffer(hashvalues, dtype=_SIGNATURE_DTYPE)
    return (np.asarray(hashvalues) & ((1 << SIGNATURE_BITS) - 1)).astype(_SIGNATURE_DTYPE)


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
