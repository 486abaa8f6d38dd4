"""The weights and thresholds of event resolution (seeds/event_resolution.yaml) and the trigger terms it reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.extract.lexicon import TriggerLexicon
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
    vague_counts: tuple[str, ...] = ()  # lower bounds and vague quantities of the fatality terms, as tokens

    @classmethod
    def load(cls, seeds: Path) -> ResolutionRules:
        settings = read_yaml(Path(seeds) / RULES_FILE)
        return cls(settings=settings, lexicon=TriggerLexicon.load(Path(seeds) / LEXICON_FILE),
                   vague_counts=_vague_counts(Path(seeds)))

    def __getitem__(self, section: str) -> Any:
        return self.settings[section]

    @property
    def threshold(self) -> float:
        return float(self.settings["threshold"])

    def date_window(self, time_precision: int | None) -> int:
        """Days two reports' dates may differ when the coarser time_precision of the two is this one."""
        windows = self.settings["date_window_days"]
        return int(windows.get(time_precision or 1, max(windows.values())))

    def compatible_types(self, first: str, second: str) -> bool:
        """Whether two different event types may be one incident coded differently by two reports."""
        return any({first, second} == set(pair) for pair in self.settings["event_type"]["compatible"])

    def event_type_of(self, sub_event_type: str) -> str | None:
        return self.lexicon.event_type_of.get(sub_event_type)


def fatality_term_files(seeds: Path) -> list[Path]:
    """The fatality-term files of every language (their lower bounds and vague quantities mark vague counts)."""
    return sorted(path for pattern in FATALITY_TERMS for path in Path(seeds).glob(pattern))


def _vague_counts(seeds: Path) -> tuple[str, ...]:
    """Phrases that make a toll a lower bound or a guess ("at least nine", "dozens"), longest first."""
    phrases = set()
    for path in fatality_term_files(seeds):
        terms = read_yaml(path)
        phrases |= {" ".join(tokens(str(p))) for p in terms.get("lower_bound_prefixes", ())}
        phrases |= {" ".join(tokens(str(p))) for p in terms.get("vague_quantities", {})}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))
