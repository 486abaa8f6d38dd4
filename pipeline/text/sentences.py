"""Sentences of text that has not been parsed: spaCy's tokenizer and sentencizer, plus a break at every blank line.

The one sentence splitter for code that runs before (or without) the parse: the prefilter, the evaluation's note
cleaning and the pure-text normalizers. After the parse, stages read the parser's own `doc.sents`.
"""

from __future__ import annotations

import sys
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

PARAGRAPH_BREAKS = "paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence even without punctuation (headlines, datelines, list items)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def splitter(language: str = "en") -> Language:
    """A blank pipeline of `language` that only tokenizes and splits sentences (no model, no parse). Its length
    limit is lifted: the limit guards the parser's and NER's memory, and a text of any length must be split (it is
    what long texts are cut into parse windows by)."""
    nlp = spacy.blank(language)
    nlp.max_length = sys.maxsize
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(PARAGRAPH_BREAKS)
    return nlp


def trimmed(sentence: Span) -> Span | None:
    """The sentence without the whitespace tokens at its edges; None when it is only whitespace."""
    words = [token.i for token in sentence if not token.is_space]
    return sentence.doc[words[0]:words[-1] + 1] if words else None


def split_sentences(text: str, language: str = "en") -> list[Span]:
    """The sentences of `text` as spans of one cheap tokenizer-only Doc (whitespace at their edges trimmed)."""
    return [s for s in (trimmed(sentence) for sentence in splitter(language)(text).sents) if s is not None]


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`."""
    return [(s.start_char, s.end_char) for s in split_sentences(text, language)]
