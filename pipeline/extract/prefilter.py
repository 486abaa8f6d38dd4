"""Parse only what can hold an event: a tokenizer-level scan marks candidate sentences (trigger terms), and every
other sentence is blanked out before the full spaCy pipeline runs.

Blanking keeps the text's length, so every character offset the pipeline reports is still an offset into the
original article, while the blanked stretches cost one whitespace token each instead of a full parse.
"""

from __future__ import annotations

import re

from spacy.tokenizer import Tokenizer

from pipeline.extract.lexicon import TermMatcher, TriggerLexicon

CONTEXT_AFTER = 2  # sentences kept after a candidate: casualties, places and dates often follow the trigger
LEAD_SENTENCES = 2  # the lead and dateline set the article's place and time context
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\"\u201c(\[]?[A-Z0-9])|\n\s*\n")
_NOT_BLANKED = re.compile(r"\S")
_SUFFIXES = ("ing", "ed", "es", "s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences, split on terminal punctuation before a capital and on blank lines."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _forms(word: str) -> tuple[str, ...]:
    """Lower-cased word with its crude stems, standing in for the lemma the tokenizer does not give."""
    lower = word.lower()
    stems = [lower[: -len(suffix)] for suffix in _SUFFIXES if lower.endswith(suffix) and len(lower) > len(suffix) + 2]
    return (lower, *stems)


def candidate_sentences(text: str, lexicon: TriggerLexicon, tokenizer: Tokenizer,
                        countries: TermMatcher | None = None) -> list[tuple[bool, bool]]:
    """For each sentence of sentence_spans(text): (holds a trigger term, names a country)."""
    flags = []
    for start, end in sentence_spans(text):
        forms = [_forms(token.text) for token in tokenizer(text[start:end])]
        flags.append((any(hit.weight >= 0.6 for hit in lexicon.triggers.find(forms)),
                      bool(countries and countries.find(forms))))
    return flags


def blank_non_candidates(text: str, lexicon: TriggerLexicon, tokenizer: Tokenizer,
                         countries: TermMatcher | None = None) -> str:
    """The text with every sentence that is not a candidate, its context, the lead or a sentence naming a
    country (the article's geographic context) replaced by spaces."""
    spans = sentence_spans(text)
    keep = [index < LEAD_SENTENCES for index in range(len(spans))]
    for index, (is_candidate, names_country) in enumerate(candidate_sentences(text, lexicon, tokenizer, countries)):
        keep[index] = keep[index] or names_country
        if is_candidate:
            for kept in range(index, min(index + CONTEXT_AFTER + 1, len(spans))):
                keep[kept] = True
    pieces, cursor = [], 0
    for (start, end), kept in zip(spans, keep, strict=True):
        pieces.append(text[cursor:start])
        pieces.append(text[start:end] if kept else _NOT_BLANKED.sub(" ", text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
