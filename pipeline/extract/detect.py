"""Stage *detect*: candidate events — trigger sentences with the context sentences that follow them — found by the
seeds/triggers.yaml terms with spaCy's PhraseMatcher.

Term syntax: space-separated words, each matched against a token's lower-cased form or its lemma; a word ending in
"*" matches any token whose form starts with it; the word "_" between two words stands for at most one word there
(« ont repris _ le contrôle » finds « ont repris dimanche le contrôle »; a punctuation mark never fills it). Matching
runs on a small "match view" of the tokens, a private Doc whose ORTH is the lower-cased form, LEMMA the lemma where
it is a lexicon word (else the form) and NORM the longest lexicon stem the token starts with, so that three
PhraseMatchers (by form, by lemma, by stem) find every term in one pass each; where matches overlap, the longest wins
(spaCy's filter_spans) and every label of that span counts. (A term whose words match partly by form and partly by
lemma is found when its lemma-matched words are lexicon words; a token whose form and lemma start with unrelated
stems counts by its form's.) Terms with a "_" go to a spaCy Matcher over the same view, whose optional token fills
the gap.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LEMMA, NORM
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pipeline.text.phrases import longest

_NON_TRIGGER_ENTITIES = {"DATE", "TIME"}  # "March" the month is no protest march
UNMATCHABLE = "\u2400"  # the form of a token that must match no term
_MAX_CACHED_FORMS = 200_000  # distinct token forms whose match-view attributes are kept
GAP = "_"  # the term word standing for at most one word (a plain YAML scalar, unlike "?")
_GAP_TOKEN = {"ORTH": {"REGEX": rf"^[\w{UNMATCHABLE}]"}, "OP": "?"}  # a word (or a date/time word), not punctuation
# the private vocabulary of every match view: one for all matchers, so that each new word of a text gets its lexeme
# once, not once per matcher (each matcher keeps its own terms; tokens match them by attribute values)
_MATCH_VOCAB = Vocab()


@dataclass(frozen=True)
class Term:
    """One lexicon term: its label (sub-event type or cue name), weight and words."""

    label: str
    weight: float
    words: tuple[str, ...]
    as_written: bool = False  # matched by form only ("=sit in"), never by lemma

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class TermHit:
    """A term found in a token sequence (token indices relative to the sequence, end exclusive)."""

    label: str
    weight: float
    start: int
    end: int
    term: str

    def shifted(self, offset: int) -> TermHit:
        return TermHit(self.label, self.weight, self.start + offset, self.end + offset, self.term)


def token_forms(token: Token) -> tuple[str, ...]:
    """Lower-cased surface form and lemma of a spaCy token (the lemma is left out when no lemmatizer ran)."""
    lemma = token.lemma_.lower()
    return (token.lower_, lemma) if lemma and lemma != token.lower_ else (token.lower_,)


class TermMatcher:
    """Finds lexicon terms in tokens given as their forms (lower-cased form first, then lemma-like forms)."""

    def __init__(self, terms: Iterable[Term]):
        terms = list(terms)
        self.vocab = _MATCH_VOCAB
        self._stems = {word[:-1] for term in terms for word in term.words if word.endswith("*")}
        self._words = {word for term in terms if not term.as_written
                       for word in term.words if not word.endswith("*") and word != GAP}
        self._longest_stem = max(map(len, self._stems), default=0)
        self._by_form = PhraseMatcher(self.vocab, attr="ORTH")
        self._by_lemma = PhraseMatcher(self.vocab, attr="LEMMA")
        self._by_stem = PhraseMatcher(self.vocab, attr="NORM")
        self._gapped = Matcher(self.vocab)
        self._terms: dict[int, list[tuple[int, Term]]] = {}
        self._keys: dict[tuple[str, ...], tuple[str, int, int]] = {}  # the match view's attributes, by token forms
        for rank, term in enumerate(terms):
            self._add(rank, term)

    @classmethod
    def from_phrases(cls, label: str, phrases: Iterable[str], weight: float = 1.0) -> TermMatcher:
        """A matcher of plain phrases (same term syntax as the lexicon), all under one label."""
        return cls(Term(label, weight, tuple(p.lower().split())) for p in sorted(set(phrases)) if p.strip())

    def _add(self, rank: int, term: Term) -> None:
        key = self.vocab.strings.add(term.text)
        known = key in self._terms
        self._terms.setdefault(key, []).append((rank, term))
        if known:
            return
        if GAP in term.words:
            self._add_gapped(term)
            return
        if term.as_written:
            self._by_form.add(term.text, [Doc(self.vocab, words=list(term.words))])
            return
        if not any(word.endswith("*") for word in term.words):
            self._by_form.add(term.text, [Doc(self.vocab, words=list(term.words))])
            self._by_lemma.add(term.text, [Doc(self.vocab, words=list(term.words), lemmas=list(term.words))])
            return
        choices = [self._stem_choices(word[:-1]) if word.endswith("*") else [self._norm((word,))]
                   for word in term.words]
        self._by_stem.add(term.text, [self._norm_doc(norms) for norms in itertools.product(*choices)])

    def _add_gapped(self, term: Term) -> None:
        """A term with a gap, as Matcher patterns: all its plain words by form, or all by lemma."""
        words = term.words
        if words[0] == GAP or words[-1] == GAP or any(a == b == GAP for a, b in itertools.pairwise(words)):
            raise ValueError(f"term {term.text!r}: a gap ({GAP!r}) stands between two words")
        patterns = []
        for attr in ("ORTH", "LEMMA"):
            pattern = [_GAP_TOKEN if word == GAP
                       else {"NORM": {"IN": self._stem_choices(word[:-1])}} if word.endswith("*")
                       else {attr: word} for word in words]
            if pattern not in patterns:
                patterns.append(pattern)
        self._gapped.add(term.text, patterns)

    def _stem_choices(self, stem: str) -> list[str]:
        """Stem keys a token matching `stem*` may carry: its own and those of the longer stems it begins."""
        return sorted(f"{other}*" for other in self._stems if other.startswith(stem))

    def _stem_key(self, forms: Sequence[str]) -> str | None:
        """The longest lexicon stem any form starts with, as "stem*"."""
        best = ""
        for form in forms:
            for length in range(min(len(form), self._longest_stem), len(best), -1):
                if form[:length] in self._stems:
                    best = form[:length]
                    break
        return f"{best}*" if best else None

    def _lemma(self, forms: Sequence[str]) -> str | None:
        """The lemma-like form that is a lexicon word, if any (else the token counts by its own form)."""
        return next((form for form in forms[1:] if form in self._words), None)

    def _norm(self, forms: Sequence[str]) -> str:
        return self._stem_key(forms) or forms[0]

    def _norm_doc(self, norms: Sequence[str]) -> Doc:
        doc = Doc(self.vocab, words=list(norms))
        for token, norm in zip(doc, norms, strict=True):
            token.norm_ = norm
        return doc

    def _token_keys(self, given: tuple[str, ...]) -> tuple[str, int, int]:
        """ORTH of one token's match view, and the string ids of its LEMMA and NORM, computed once per distinct
        forms."""
        keys = self._keys.get(given)
        if keys is None:
            if len(self._keys) >= _MAX_CACHED_FORMS:
                self._keys.clear()
            forms = tuple(form.replace("\u2019", "'") for form in given)  # « d’ » is « d' »
            word = forms[0] or UNMATCHABLE
            strings = self.vocab.strings
            keys = (word, strings.add(self._lemma(forms) or word),
                    strings.add(self._norm(forms) if forms[0] else UNMATCHABLE))
            self._keys[given] = keys
        return keys

    def view(self, forms: Sequence[Sequence[str]]) -> Doc:
        """The match view of tokens given by their forms (see the module docstring): LEMMA and NORM written in
        one array operation, not token by token."""
        keys = [self._token_keys(tuple(f)) for f in forms]
        doc = Doc(self.vocab, words=[k[0] for k in keys])
        if keys:
            doc.from_array([LEMMA, NORM], numpy.array([k[1:] for k in keys], dtype=numpy.uint64))
        return doc

    def find(self, forms: Sequence[Sequence[str]]) -> list[TermHit]:
        """Terms in the tokens: where matches overlap the longest wins, and each label keeps its strongest term
        there; hits in text order, labels of one span in lexicon order."""
        return self.find_each(forms, [(0, len(forms))])[0]

    def find_each(self, forms: Sequence[Sequence[str]], ranges: Sequence[tuple[int, int]]) -> list[list[TermHit]]:
        """`find` on each token range [start, end) of the tokens (hits relative to the range's start), with one
        match view and one pass of each matcher over all of them: a match across a range's edge counts for none."""
        if not forms or not ranges:
            return [[] for _ in ranges]
        view = self.view(forms)
        order = sorted(range(len(ranges)), key=lambda index: ranges[index][0])
        starts = [ranges[index][0] for index in order]
        found: list[dict[tuple[int, int], list[tuple[int, Term]]]] = [{} for _ in ranges]
        matchers = (self._by_form, self._by_lemma, self._by_stem, *([self._gapped] if len(self._gapped) else []))
        for matcher in matchers:
            for key, start, end in set(matcher(view)):
                index = _range_holding(ranges, order, starts, start, end)
                if index is not None:
                    found[index].setdefault((start, end), []).extend(self._terms[key])
        return [_strongest_hits(matches, ranges[index][0]) for index, matches in enumerate(found)]

    def find_in(self, tokens: Sequence[Token], offset: int = 0) -> list[TermHit]:
        """Terms in parsed tokens (forms and lemmas), hit positions shifted by `offset`."""
        return [hit.shifted(offset) for hit in self.find([token_forms(t) for t in tokens])]


def _range_holding(ranges: Sequence[tuple[int, int]], order: Sequence[int], starts: Sequence[int], start: int,
                   end: int) -> int | None:
    """The index of the range that holds the match [start, end) whole, if any (ranges do not overlap; ``order``
    lists their indices by start, ``starts`` their starts in that order)."""
    position = bisect.bisect_right(starts, start) - 1
    if position < 0:
        return None
    index = order[position]
    return index if end <= ranges[index][1] else None


def _strongest_hits(found: dict[tuple[int, int], list[tuple[int, Term]]], offset: int) -> list[TermHit]:
    """Where matches overlap the longest wins, and each label keeps its strongest term there; hits in text order,
    labels of one span in lexicon order, positions less ``offset``."""
    hits = []
    for start, end in longest(found):
        strongest: dict[str, tuple[int, Term]] = {}
        for rank, term in sorted(found[(start, end)], key=lambda item: item[0]):
            if term.label not in strongest or term.weight > strongest[term.label][1].weight:
                strongest[term.label] = (rank, term)
        for _, term in sorted(strongest.values(), key=lambda item: item[0]):
            hits.append(TermHit(term.label, term.weight, start - offset, end - offset, term.text))
    return hits


@dataclass(frozen=True)
class Candidate:
    """A candidate event: a trigger sentence and the context sentences that follow it (doc token range), with the
    trigger and cue hits found in them (doc token indices)."""

    start: int
    end: int
    hits: tuple[TermHit, ...]
    cues: tuple[TermHit, ...]


@dataclass
class _Growing:
    start: int
    end: int
    hits: list[TermHit] = field(default_factory=list)
    cues: list[TermHit] = field(default_factory=list)

    def add(self, sentence: Span, hits: Sequence[TermHit], cues: Sequence[TermHit]) -> None:
        self.end = sentence.end
        self.hits.extend(hits)
        self.cues.extend(cues)


def detect_candidates(doc: Doc, triggers: TermMatcher, cues: TermMatcher, dated_sentences: Collection[int], *,
                      candidate_weight: float, context_sentences: int) -> list[Candidate]:
    """Candidates of a parsed article. A sentence with a trigger term of at least `candidate_weight` opens a
    candidate, unless it continues the previous one (no date of its own — `dated_sentences` holds the first token
    of each sentence with a date expression — and at most `context_sentences` sentences after its last trigger);
    up to `context_sentences` sentences without a trigger follow it. Date and time entities match no term."""
    growing: list[_Growing] = []
    since_trigger = 0
    sentences = list(doc.sents)
    forms = [token_forms(t) if t.ent_type_ not in _NON_TRIGGER_ENTITIES else ("",) for t in doc]
    ranges = [(sentence.start, sentence.end) for sentence in sentences]
    for sentence, trigger_hits, cue_hits in zip(sentences, triggers.find_each(forms, ranges),
                                                cues.find_each(forms, ranges), strict=True):
        hits = [h.shifted(sentence.start) for h in trigger_hits]
        if any(h.weight >= candidate_weight for h in hits):
            if not growing or sentence.start in dated_sentences or since_trigger > context_sentences:
                growing.append(_Growing(sentence.start, sentence.end))
            since_trigger = 0
        elif not growing:
            continue
        else:
            since_trigger += 1
            if since_trigger > context_sentences:
                continue
        growing[-1].add(sentence, hits, [h.shifted(sentence.start) for h in cue_hits])
    return [Candidate(g.start, g.end, tuple(g.hits), tuple(g.cues)) for g in growing]
