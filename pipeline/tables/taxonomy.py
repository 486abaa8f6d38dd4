"""The vocabularies the contracts' columns draw their allowed values from, each read from its one seeds file:
ACLED's event taxonomy from seeds/triggers.yaml, the extractor's rejection reasons from seeds/decision_rules.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml

TAXONOMY_FILE, DECISIONS_FILE = "triggers.yaml", "decision_rules.yaml"
VOCABULARY_SOURCES = {"event_type": f"the taxonomy in seeds/{TAXONOMY_FILE}",
                      "sub_event_type": f"the taxonomy in seeds/{TAXONOMY_FILE}",
                      "rejection_reason": f"the rules of seeds/{DECISIONS_FILE}"}
NO_EVENT_TYPE = "no_event_type"  # the rejection reason of a candidate no codebook rule codes


def _read(seeds: Path, name: str) -> dict:
    return yaml.safe_load((seeds / name).read_text(encoding="utf-8"))


def load_vocabularies(seeds: Path) -> dict[str, list[str]]:
    """Allowed values of the contracts' vocabularies: event and sub-event types in taxonomy order, and every reason
    a candidate can be rejected for."""
    taxonomy: dict[str, list[str]] = _read(seeds, TAXONOMY_FILE)["taxonomy"]
    rules = _read(seeds, DECISIONS_FILE)["rules"]
    return {
        "event_type": list(taxonomy),
        "sub_event_type": [sub_type for sub_types in taxonomy.values() for sub_type in sub_types],
        "rejection_reason": [*dict.fromkeys(rule["reason"] for rule in rules), NO_EVENT_TYPE],
    }
