"""ACLED's vocabularies as the contracts use them: allowed values read from the seeds (triggers.yaml for the event
taxonomy, acled_codebook.yaml for inter labels and source scales)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import yaml


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_vocabularies(seeds: Path) -> dict[str, list[str]]:
    """Allowed values of the contracts' vocabularies, in the seeds' order."""
    taxonomy: dict[str, list[str]] = _read(seeds / "triggers.yaml")["taxonomy"]
    codebook = _read(seeds / "acled_codebook.yaml")
    scales: list[str] = codebook["source_scales"]
    return {
        "event_type": list(taxonomy),
        "sub_event_type": [sub_type for sub_types in taxonomy.values() for sub_type in sub_types],
        "inter_label": list(codebook["inter_labels"].values()),
        # one scale, or "narrowest-widest" when the outlets of an event differ
        "source_scale": [*scales, *(f"{narrow}-{wide}" for narrow, wide in combinations(scales, 2))],
    }
