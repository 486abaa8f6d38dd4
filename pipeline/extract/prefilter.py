"""Parse only what can hold an event: a tokenizer-level scan (the shared pre-parse sentence splitter) marks
candidate sentences (trigger terms), and every other sentence is blanked out before the full spaCy pipeline runs.

Blanking keeps the text's length, so every character offset the pipeline reports is still an offset into the
original article, while the blanked stretches cost one whitespace token each instead of a full parse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from pipeline.extract.detect import TermMatcher
from pipeline.extract.parameters import ExtractionParameters
from pipeline.text.sentences import split_sentences

_NOT_BLANKED = re.compile(r"\S")
_SUFFIXES = ("ing", "ed", "es", "s")


@lru_cache(maxsize=65536)  # words repeat: most tokens of an article were seen before
def _forms(word: str) -> tuple[str, ...]:
    """Lower-cased word with its crude stems, standing in for the lemma the tokenizer does not give."""
    lower = word.lower()
    stems = [lower[: -len(suffix)] for suffix in _SUFFIXES if lower.endswith(suffix) and len(lower) > len(suffix) + 2]
    return (lower, *stems)


def candidate_sentences(sentences: list[Span], triggers: TermMatcher, candidate_weight: float,
                        countries: TermMatcher | None = None) -> list[tuple[bool, bool]]:
    """For each sentence (spans of one tokenizer-only Doc): (holds a trigger term of at least `candidate_weight`,
    names a country); each matcher passes once over the whole Doc."""
    if not sentences:
        return []
    forms = [_forms(token.text) for token in sentences[0].doc]
    ranges = [(sentence.start, sentence.end) for sentence in sentences]
    trigger_hits = triggers.find_each(forms, ranges)
    country_hits = countries.find_each(forms, ranges) if countries else [[] for _ in ranges]
    return [(any(hit.weight >= candidate_weight for hit in hits), bool(named))
            for hits, named in zip(trigger_hits, country_hits, strict=True)]


def blank_non_candidates(text: str, triggers: TermMatcher, parameters: ExtractionParameters,
                         countries: TermMatcher | None = None) -> str:
    """The text with every sentence that is not a candidate, its context, the lead or a sentence naming a
    country (the article's geographic context) replaced by spaces."""
    sentences = split_sentences(text)
    scan = parameters.prefilter
    keep = [index < scan.lead_sentences for index in range(len(sentences))]
    flags = candidate_sentences(sentences, triggers, parameters.detect.candidate_weight, countries)
    for index, (is_candidate, names_country) in enumerate(flags):
        keep[index] = keep[index] or names_country
        if is_candidate:
            for kept in range(index, min(index + scan.context_sentences + 1, len(sentences))):
                keep[kept] = True
    pieces, cursor = [], 0
    for sentence, kept in zip(sentences, keep, strict=True):
        start, end = sentence.start_char, sentence.end_char
        pieces.append(text[cursor:start])
        pieces.append(text[start:end] if kept else _NOT_BLANKED.sub(" ", text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
