"""The trigger lexicon (seeds/triggers.yaml): ACLED taxonomy, trigger terms and cue words, and a term matcher."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@dataclass(frozen=True)
class TermHit:
    """A lexicon term found in a token sequence (token indices are relative to the sequence, end exclusive)."""

    label: str
    weight: float
    start: int
    end: int
    term: str


@dataclass(frozen=True)
class _Term:
    label: str
    weight: float
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _word_matches(pattern: str, forms: tuple[str, ...]) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        return any(form.startswith(stem) for form in forms)
    return pattern in forms


class TermMatcher:
    """Finds lexicon terms in tokens given as (lower-cased form, lemma) pairs; the longest term wins a position."""

    def __init__(self, terms: Iterable[_Term]):
        self._exact: dict[str, list[_Term]] = defaultdict(list)
        self._prefix: dict[str, list[_Term]] = defaultdict(list)
        for term in terms:
            first = term.words[0]
            if first.endswith("*"):
                self._prefix[first[:3]].append(term)
            else:
                self._exact[first].append(term)

    @classmethod
    def from_phrases(cls, label: str, phrases: Iterable[str], weight: float = 1.0) -> TermMatcher:
        """A matcher of plain phrases (same term syntax as the lexicon), all under one label."""
        return cls(_Term(label, weight, tuple(p.lower().split())) for p in set(phrases) if p.strip())

    def _candidates(self, forms: tuple[str, ...]) -> list[_Term]:
        found: list[_Term] = []
        for form in set(forms):
            found.extend(self._exact.get(form, ()))
            found.extend(t for t in self._prefix.get(form[:3], ()) if _word_matches(t.words[0], forms))
        return found

    def find(self, tokens: Sequence[tuple[str, ...]]) -> list[TermHit]:
        """All non-overlapping longest matches, left to right; equal-length terms of different labels all count."""
        hits: list[TermHit] = []
        position = 0
        while position < len(tokens):
            matched: list[_Term] = []
            for term in self._candidates(tokens[position]):
                end = position + len(term.words)
                if end <= len(tokens) and all(
                    _word_matches(word, tokens[position + offset]) for offset, word in enumerate(term.words)
                ):
                    matched.append(term)
            if not matched:
                position += 1
                continue
            longest = max(len(t.words) for t in matched)
            best: dict[str, _Term] = {}
            for term in matched:
                if len(term.words) == longest and term.weight > best.get(term.label, term).weight - 1e-9:
                    best[term.label] = term
            hits.extend(
                TermHit(t.label, t.weight, position, position + longest, t.text) for t in best.values()
            )
            position += longest
        return hits


def token_forms(token) -> tuple[str, ...]:
    """Lower-cased surface form and lemma of a spaCy token (the lemma is empty when no lemmatizer ran)."""
    lemma = token.lemma_.lower()
    return (token.lower_, lemma) if lemma and lemma != token.lower_ else (token.lower_,)


def _term_words(term: str) -> tuple[str, ...]:
    """Words of a term as spaCy tokenizes them: an inner hyphen is a token of its own ("shoot-out*")."""
    return tuple(_INNER_HYPHEN.sub(" - ", term.lower()).split())


def _parse_terms(label: str, spec: Mapping[float, Sequence[str]] | Sequence[str]) -> list[_Term]:
    weighted = spec.items() if isinstance(spec, Mapping) else [(1.0, spec)]
    return [_Term(label, float(weight), _term_words(str(term))) for weight, terms in weighted for term in terms]


@dataclass(frozen=True)
class TriggerLexicon:
    """ACLED taxonomy with precedence, trigger terms per sub-event type, cue words and lemma lists, from YAML."""

    event_type_of: Mapping[str, str]
    sub_event_rank: Mapping[str, int]
    event_type_rank: Mapping[str, int]
    triggers: TermMatcher
    cues: TermMatcher
    lemmas: Mapping[str, frozenset[str]]  # single-word lists read against the dependency parse

    @classmethod
    def load(cls, path: Path) -> TriggerLexicon:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        event_type_of: dict[str, str] = {}
        sub_event_rank: dict[str, int] = {}
        for event_type, sub_types in data["taxonomy"].items():
            for rank, sub_type in enumerate(sub_types):
                event_type_of[sub_type] = event_type
                sub_event_rank[sub_type] = rank
        unknown = set(data["triggers"]) - set(event_type_of)
        if unknown:
            raise ValueError(f"{path}: triggers for unknown sub-event types {sorted(unknown)}")
        trigger_terms = [t for label, spec in data["triggers"].items() for t in _parse_terms(label, spec)]
        cue_terms = [t for label, spec in data["cues"].items() for t in _parse_terms(label, spec)]
        return cls(
            event_type_of=event_type_of,
            sub_event_rank=sub_event_rank,
            event_type_rank={name: rank for rank, name in enumerate(data["event_type_precedence"])},
            triggers=TermMatcher(trigger_terms),
            cues=TermMatcher(cue_terms),
            lemmas={name: frozenset(str(w).lower() for w in words) for name, words in data.get("lemmas", {}).items()},
        )

    @property
    def sub_event_types(self) -> list[str]:
        return list(self.event_type_of)

    def precedence(self, sub_event_type: str) -> tuple[int, int]:
        """Sort key: lower is higher precedence (event type first, then sub-type within it)."""
        return (self.event_type_rank[self.event_type_of[sub_event_type]], self.sub_event_rank[sub_event_type])
