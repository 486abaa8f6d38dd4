"""The extractor's thresholds and weights, read once from seeds/extraction.yaml into frozen records."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from pipeline.normalize.dates import DateRules
from pipeline.yaml_files import read_yaml

PARAMETERS_FILE = "extraction.yaml"


@dataclass(frozen=True)
class DetectParameters:
    candidate_weight: float
    context_sentences: int


@dataclass(frozen=True)
class PrefilterParameters:
    lead_sentences: int
    context_sentences: int


@dataclass(frozen=True)
class TypeConfidence:
    base: float
    per_weight: float
    central: float


@dataclass(frozen=True)
class CodeParameters:
    strong_weight: float
    territory_weight: float
    planted_explosive_weight: float
    type_confidence: TypeConfidence


@dataclass(frozen=True)
class MentionConfidence:
    modal_factor: float
    lead: float
    dated: float
    located: float


@dataclass(frozen=True)
class DecideParameters:
    max_fatalities: int
    confidence: MentionConfidence


@dataclass(frozen=True)
class ActorParameters:
    fuzzy_cutoff: int
    fuzzy_min_chars: int
    max_mention_tokens: int


@dataclass(frozen=True)
class ExtractionParameters:
    """Every threshold and weight of the extraction stages (seeds/extraction.yaml documents each)."""

    detect: DetectParameters
    prefilter: PrefilterParameters
    code: CodeParameters
    decide: DecideParameters
    dates: DateRules
    actors: ActorParameters

    @classmethod
    def load(cls, seeds: Path) -> ExtractionParameters:
        path = Path(seeds) / PARAMETERS_FILE
        return _build(cls, read_yaml(path), str(path))


def _build(record: type, data: Any, where: str):
    """A (nested) parameter record from a YAML mapping; missing or unknown keys are an error naming the key."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping")
    names = {f.name: f for f in fields(record)}
    if set(data) != set(names):
        raise ValueError(f"{where}: expected keys {sorted(names)}, found {sorted(data)}")
    values = {}
    for name, spec in names.items():
        kind = _RECORDS.get(spec.type)
        values[name] = _build(kind, data[name], f"{where}.{name}") if kind else data[name]
    return record(**values)


_RECORDS = {cls.__name__: cls for cls in (DetectParameters, PrefilterParameters, TypeConfidence, CodeParameters,
                                          MentionConfidence, DecideParameters, DateRules, ActorParameters)}
