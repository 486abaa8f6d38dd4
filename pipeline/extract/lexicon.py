"""The trigger lexicon (seeds/triggers.yaml): ACLED's taxonomy with precedence, trigger terms, cue words, lemma lists.

This file is the only place ACLED's event types and sub-event types are spelled out: code reads them through
`load_taxonomy` / `TriggerLexicon`, and the table contracts generate their allowed values from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.detect import Term, TermMatcher
from pipeline.yaml_files import read_yaml

TRIGGERS_FILE = "triggers.yaml"
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_ELISION = re.compile(r"\b(qu|jusqu|lorsqu|puisqu|[cdjlmnst])'(?=\w)")  # French « d'assaut » is « d' » + « assaut »


def _read(path: Path) -> dict:
    return read_yaml(path)


def _taxonomy(data: dict) -> dict[str, tuple[str, ...]]:
    return {event_type: tuple(sub_types) for event_type, sub_types in data["taxonomy"].items()}


def load_taxonomy(seeds: Path) -> dict[str, tuple[str, ...]]:
    """ACLED's event types in precedence order, each with its sub-event types in precedence order."""
    return _taxonomy(_read(Path(seeds) / TRIGGERS_FILE))


def _term_words(term: str) -> tuple[str, ...]:
    """Words of a term as spaCy tokenizes them: an inner hyphen is a token of its own ("shoot-out*"), and so is a
    French elided article or pronoun with its apostrophe ("d'assaut" -> "d'", "assaut")."""
    return tuple(_ELISION.sub(r"\1' ", _INNER_HYPHEN.sub(" - ", term.lower())).split())


def parse_terms(label: str, spec: Mapping[float, Sequence[str]] | Sequence[str]) -> list[Term]:
    """Terms of one label: a list (weight 1) or a mapping weight -> list; a term starting with "=" is matched as
    written (by form only)."""
    weighted = spec.items() if isinstance(spec, Mapping) else [(1.0, spec)]
    return [Term(label, float(weight), _term_words(str(term).removeprefix("=")), str(term).startswith("="))
            for weight, terms in weighted for term in terms]


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
    def load(cls, path: Path, taxonomy_from: Path | None = None) -> TriggerLexicon:
        """The lexicon of a triggers file; a file without a taxonomy (another language's) takes `taxonomy_from`'s."""
        data = _read(path)
        base = data if "taxonomy" in data or taxonomy_from is None else _read(taxonomy_from)
        taxonomy = _taxonomy(base)
        missing = set(base.get("lemmas", {})) - set(data.get("lemmas", {}))
        if missing:
            raise ValueError(f"{path}: lemma lists missing (the stages read every one {taxonomy_from} gives): "
                             f"{sorted(missing)}")
        event_type_of = {sub: event_type for event_type, subs in taxonomy.items() for sub in subs}
        unknown = set(data["triggers"]) - set(event_type_of)
        if unknown:
            raise ValueError(f"{path}: triggers for unknown sub-event types {sorted(unknown)}")
        return cls(
            event_type_of=event_type_of,
            sub_event_rank={sub: rank for subs in taxonomy.values() for rank, sub in enumerate(subs)},
            event_type_rank={name: rank for rank, name in enumerate(taxonomy)},
            triggers=TermMatcher([t for label, spec in data["triggers"].items() for t in parse_terms(label, spec)]),
            cues=TermMatcher([t for label, spec in data["cues"].items() for t in parse_terms(label, spec)]),
            lemmas={name: frozenset(str(w).lower() for w in words) for name, words in data.get("lemmas", {}).items()},
        )

    @property
    def sub_event_types(self) -> list[str]:
        return list(self.event_type_of)

    def precedence(self, sub_event_type: str) -> tuple[int, int]:
        """Sort key: lower is higher precedence (event type first, then sub-type within it)."""
        return (self.event_type_rank[self.event_type_of[sub_event_type]], self.sub_event_rank[sub_event_type])
