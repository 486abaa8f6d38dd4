"""The weights and thresholds of event resolution (seeds/event_resolution.yaml) and the trigger terms it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.extract.lexicon import TriggerLexicon
from pipeline.normalize.fatalities import FatalityTerms, load_terms
from pipeline.places.names import tokens
from pipeline.yaml_files import read_yaml

RULES_FILE = "event_resolution.yaml"
LEXICON_FILE = "triggers.yaml"
FATALITY_TERMS = ("fatality_terms.yaml", "languages/*/fatality_terms.yaml")  # every language's count words


@dataclass(frozen=True)
class ResolutionRules:
    """Everything the resolution stage decides with, as data: the YAML settings and the trigger lexicon."""

    settings: dict[str, Any]
    lexicon: TriggerLexicon
    count_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lower bounds / vague quantities
    fatality_terms: FatalityTerms | None = None  # reads the figure of a toll update ("has risen to 11")

    @classmethod
    def load(cls, seeds: Path) -> ResolutionRules:
        settings = read_yaml(Path(seeds) / RULES_FILE)
        return cls(settings=settings, lexicon=TriggerLexicon.load(Path(seeds) / LEXICON_FILE),
                   count_words=_count_words(Path(seeds)), fatality_terms=load_terms(Path(seeds)))

    def __getitem__(self, section: str) -> Any:
        return self.settings[section]

    @property
    def threshold(self) -> float:
        return float(self.settings["threshold"])

    def date_window(self, time_precision: int | None) -> int:
        """Days two reports' dates may differ when the coarser time_precision of the two is this one."""
        windows = self.settings["date_window_days"]
        return int(windows.get(time_precision or 1, max(windows.values())))

    def compatible_types(self, first: str, second: str, deadly: tuple[bool, bool] = (False, False)) -> bool:
        """Whether two different event types may be one incident coded differently by two reports; `deadly`
        says which of the two reports counts deaths (a deadly report of a `deadly_compatible` type may be one of
        the violent types listed for it)."""
        event_type = self.settings["event_type"]
        if any({first, second} == set(pair) for pair in event_type["compatible"]):
            return True
        reaches = event_type.get("deadly_compatible", {})
        return ((deadly[0] and second in reaches.get(first, ())) or (deadly[1] and first in reaches.get(second, ())))

    def event_type_of(self, sub_event_type: str) -> str | None:
        return self.lexicon.event_type_of.get(sub_event_type)


def fatality_term_files(seeds: Path) -> list[Path]:
    """The fatality-term files of every language (their lower bounds and vague quantities mark vague counts)."""
    return sorted(path for pattern in FATALITY_TERMS for path in Path(seeds).glob(pattern))


def _count_words(seeds: Path) -> dict[str, tuple[str, ...]]:
    """Phrases that make a toll a lower bound ("at least nine") or a guess ("dozens", "several"), as name tokens,
    from every language's fatality terms."""
    phrases: dict[str, set[str]] = {"lower_bound_prefixes": set(), "vague_quantities": set()}
    for path in fatality_term_files(seeds):
        terms = read_yaml(path)
        for kind, found in phrases.items():
            found |= {" ".join(tokens(str(phrase))) for phrase in terms.get(kind, ())}
    return {kind: tuple(sorted(found)) for kind, found in phrases.items()}
