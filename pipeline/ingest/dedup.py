"""Exact and near-duplicate detection (MinHash LSH over word shingles)."""

from __future__ import annotations

import re
import zlib

from datasketch import LeanMinHash, MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
SCHEME = "affine32"


class DuplicateDetector:
    """Maps each article to the first-seen (canonical) article it duplicates, in arrival order.

    Exact duplicates share a content hash; near duplicates (wire copy with small edits) have an
    estimated Jaccard similarity of their word shingles at or above ``threshold`` (None: exact only).
    Texts shorter than ``min_words`` are only matched exactly: short templated reports differ in a word
    or two and are still different events. LSH retrieves candidates at the looser ``candidate_threshold`` (LSH tuned
    to the threshold itself misses about a third of pairs just above it); candidates are then checked
    against ``threshold``.
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
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_words = min_words
        self._canonical_by_hash: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=candidate_threshold, num_perm=num_perm) if threshold is not None else None
        self._permutations = MinHash(num_perm=num_perm, scheme=SCHEME).permutations  # reused: costly to make
        self._signatures: dict[str, LeanMinHash] = {}
        self._arrival: dict[str, int] = {}

    def canonical_for(self, article_id: str, content_hash: str, text: str) -> str | None:
        """Register an article; return the canonical article_id it duplicates, or None if it is new."""
        canonical = self._canonical_by_hash.get(content_hash)
        if canonical is not None:
            return canonical
        signature = self._signature(text)
        if signature is not None:
            canonical = self._nearest_canonical(signature)
        self._canonical_by_hash[content_hash] = canonical or article_id
        if canonical is None and signature is not None:
            stored = LeanMinHash(signature)
            self._lsh.insert(article_id, stored)
            self._signatures[article_id] = stored
            self._arrival[article_id] = len(self._arrival)
        return canonical

    def _signature(self, text: str) -> MinHash | None:
        if self._lsh is None:
            return None
        words = _WORD.findall(text.lower())
        if len(words) < self.min_words:
            return None
        size = self.shingle_words
        shingles = {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}
        signature = MinHash(
            num_perm=self.num_perm, hashfunc=zlib.crc32, permutations=self._permutations, scheme=SCHEME
        )
        signature.update_batch(list(shingles))
        return signature

    def _nearest_canonical(self, signature: MinHash) -> str | None:
        matches = [
            key for key in self._lsh.query(signature) if self._signatures[key].jaccard(signature) >= self.threshold
        ]
        return min(matches, key=self._arrival.__getitem__, default=None)
