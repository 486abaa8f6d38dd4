"""Multi-word phrases found in word sequences with spaCy's PhraseMatcher; the longest match wins (filter_spans).

One mechanism for every dictionary lookup over words: actor aliases, demonyms, generic nouns, lexicon terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

T = TypeVar("T")
_RANGES = Vocab()  # for the placeholder Docs `longest` puts spans on: only token positions matter there


@lru_cache(maxsize=8)
def _placeholder(length: int) -> Doc:
    """A Doc of `length` tokens (a power of two), built once and shared by every call of `longest`."""
    return Doc(_RANGES, words=["_"] * length)


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    """A phrase found at word positions [start, end) and what it stands for."""

    start: int
    end: int
    value: T


def longest(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-overlapping ranges spaCy's filter_spans keeps (longest first, then earliest), in text order."""
    ranges = set(ranges)
    if not ranges:
        return []
    doc = _placeholder(max(1024, 1 << (max(end for _, end in ranges) - 1).bit_length()))
    return sorted((span.start, span.end) for span in filter_spans([Span(doc, s, e) for s, e in ranges]))


class PhraseIndex(Generic[T]):
    """Phrases (space-separated words, matched exactly) and their values."""

    def __init__(self, phrases: Mapping[str, T]):
        self.vocab = Vocab()
        self._matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self._values: dict[int, T] = {}
        for phrase, value in phrases.items():
            words = phrase.split()
            if words:
                self._values[self.vocab.strings.add(phrase)] = value
                self._matcher.add(phrase, [Doc(self.vocab, words=words)])

    def find_all(self, words: Sequence[str]) -> list[PhraseMatch[T]]:
        """Every match in `words`, overlapping ones included, in text order."""
        if not words:
            return []
        matches = self._matcher(Doc(self.vocab, words=list(words)))
        return sorted((PhraseMatch(start, end, self._values[key]) for key, start, end in matches),
                      key=lambda m: (m.start, m.end))

    def find(self, words: Sequence[str]) -> list[PhraseMatch[T]]:
        """Non-overlapping matches in `words`, the longest winning an overlap (spaCy's filter_spans)."""
        found = {(m.start, m.end): m for m in self.find_all(words)}
        return [found[span] for span in longest(found)]
