"""The vocabularies the contracts' columns draw their allowed values from, each read from its one seeds file:
ACLED's event taxonomy from seeds/triggers.yaml, inter labels and source scales from seeds/acled_codebook.yaml, the
extractor's rejection reasons from seeds/decision_rules.yaml."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from pipeline.yaml_files import read_yaml

TAXONOMY_FILE, CODEBOOK_FILE, DECISIONS_FILE = "triggers.yaml", "acled_codebook.yaml", "decision_rules.yaml"
VOCABULARY_SOURCES = {"event_type": f"the taxonomy in seeds/{TAXONOMY_FILE}",
                      "sub_event_type": f"the taxonomy in seeds/{TAXONOMY_FILE}",
                      "inter_label": f"the inter labels in seeds/{CODEBOOK_FILE}",
                      "source_scale": f"the source scales in seeds/{CODEBOOK_FILE}",
                      "rejection_reason": f"the rules of seeds/{DECISIONS_FILE}"}
NO_EVENT_TYPE = "no_event_type"  # the rejection reason of a candidate no codebook rule codes
# the rejection reason of a candidate every decision rule passed but whose confidence is below
# min_mention_confidence: applied after the rules (pipeline/extract/decide.py), so that a mention rejected for it
# alone is an event at a lower threshold (calibration, evaluate)
BELOW_MIN_CONFIDENCE = "below_min_confidence"


def _read(seeds: Path, name: str) -> dict:
    return read_yaml(seeds / name)


def load_vocabularies(seeds: Path) -> dict[str, list[str]]:
    """Allowed values of the contracts' vocabularies, in the seeds' order: event and sub-event types, inter labels,
    source scales and every reason a candidate can be rejected for."""
    taxonomy: dict[str, list[str]] = _read(seeds, TAXONOMY_FILE)["taxonomy"]
    codebook = _read(seeds, CODEBOOK_FILE)
    scales: list[str] = codebook["source_scales"]
    rules = _read(seeds, DECISIONS_FILE)["rules"]
    return {
        "event_type": list(taxonomy),
        "sub_event_type": [sub_type for sub_types in taxonomy.values() for sub_type in sub_types],
        "inter_label": list(codebook["inter_labels"].values()),
        # one scale, or "narrowest-widest" when the outlets of an event differ
        "source_scale": [*scales, *(f"{narrow}-{wide}" for narrow, wide in combinations(scales, 2))],
        "rejection_reason": [*dict.fromkeys(rule["reason"] for rule in rules), BELOW_MIN_CONFIDENCE, NO_EVENT_TYPE],
    }
