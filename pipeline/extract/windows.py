"""Extraction that no article can stop: long texts parsed in windows, failures quarantined per article.

A text longer than the window limit (at most the model's ``nlp.max_length``) is cut into windows at paragraph
breaks, else sentence ends, else spaces; each window is parsed on its own and the character offsets of its
mentions are shifted back into the original text, so nothing is dropped and provenance stays exact. An article
whose parse or coding raises becomes a quarantine row (stage ``extract``) and extraction goes on with the next.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import Article, QuarantineRecord

MAX_WINDOW_CHARS = 100_000  # parser memory grows with the length of a Doc; a window of this size stays small
EXCERPT_CHARS = 200
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”)\]]*\s+"), re.compile(r"\s+"))


class ExtractionError(RuntimeError):
    """Extracting one article failed (raised when the caller keeps no list of failures)."""


def window_limit(nlp: Language) -> int:
    """The longest text parsed as one Doc."""
    return max(1, min(nlp.max_length, MAX_WINDOW_CHARS))


def text_windows(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) spans covering ``text`` in order, each at most ``limit`` characters, cut at the last
    paragraph break, else line break, else sentence end, else whitespace in the second half of the window."""
    spans, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        for pattern in _BREAKS:
            cuts = [match.end() for match in pattern.finditer(text, start + limit // 2, end)]
            if cuts:
                end = cuts[-1]
                break
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _shifted(mention: Any, offset: int) -> Any:
    """A mention found in a window starting at ``offset``, with offsets (and its id) in the original text."""
    if offset == 0:
        return mention
    mention_id = "m_" + hashlib.sha256(f"{mention.mention_id}|{offset}".encode()).hexdigest()[:16]
    return replace(mention, mention_id=mention_id, sentence_start=mention.sentence_start + offset,
                   sentence_end=mention.sentence_end + offset)


def _failure(article: Article, error: BaseException) -> QuarantineRecord:
    return QuarantineRecord(source_path=article.source_path or "", record_offset=article.record_offset,
                            reason=f"extraction failed for article {article.article_id}: {error!r}"[:1000],
                            excerpt=article.text[:EXCERPT_CHARS], stage="extract", article_id=article.article_id)


@dataclass
class WindowedExtraction:
    """Parses articles through ``nlp.pipe`` in windows and codes each window's Doc with ``code``."""

    nlp: Language
    prepare: Callable[[str], str]  # the text to parse, same length as the article's (e.g. the prefilter)
    code: Callable[[Doc, Article], list]  # mentions of one parsed window, offsets relative to the window
    batch_size: int = 32

    def mentions(self, articles: Iterable[Article], failures: list[QuarantineRecord] | None) -> Iterator[Any]:
        """Mentions of every article; a failing article goes to ``failures`` (or raises ExtractionError)."""
        pending = iter(articles)
        while True:
            in_flight: deque[Article] = deque()
            try:
                yield from self._pipe(pending, in_flight, failures)
                return
            except ExtractionError:
                raise
            except _SourceError as error:
                raise error.__cause__ from None
            except Exception:
                if not in_flight:
                    raise
                # a batch failed inside spaCy: parse its articles one by one, then go on with the rest
                for article in in_flight:
                    yield from self._isolated(article, failures)

    def _windows(self, article: Article) -> list[tuple[str, int]]:
        prepared, limit = self.prepare(article.text), window_limit(self.nlp)
        return [(prepared[start:end], start) for start, end in text_windows(prepared, limit)]

    def _pipe(self, pending: Iterator[Article], in_flight: deque[Article],
              failures: list[QuarantineRecord] | None) -> Iterator[Any]:
        def feed() -> Iterator[tuple[str, tuple[Article, int, int]]]:
            while True:
                try:
                    article = next(pending)
                except StopIteration:
                    return
                except Exception as error:  # the article source itself failed: not one article's fault
                    raise _SourceError() from error
                in_flight.append(article)
                windows = self._windows(article)
                for index, (text, offset) in enumerate(windows):
                    yield text, (article, offset, len(windows) - index - 1)

        found: list[Any] = []
        broken: BaseException | None = None
        docs = self.nlp.pipe(feed(), as_tuples=True, batch_size=self.batch_size)
        for doc, (article, offset, windows_left) in docs:
            if broken is None:
                try:
                    found += [_shifted(m, offset) for m in self.code(doc, article)]
                except Exception as error:
                    broken = error
            if windows_left == 0:
                in_flight.popleft()
                if broken is None:
                    yield from found
                else:
                    _record(article, broken, failures)
                found, broken = [], None

    def _isolated(self, article: Article, failures: list[QuarantineRecord] | None) -> Iterator[Any]:
        try:
            mentions = [_shifted(m, offset) for text, offset in self._windows(article)
                        for m in self.code(self.nlp(text), article)]
        except Exception as error:
            _record(article, error, failures)
            return
        yield from mentions


class _SourceError(Exception):
    """Wraps an exception raised by the article iterator, so it is not mistaken for a failed article."""


def _record(article: Article, error: BaseException, failures: list[QuarantineRecord] | None) -> None:
    if failures is None:
        raise ExtractionError(f"extraction failed for article {article.article_id}: {error!r}") from error
    failures.append(_failure(article, error))
