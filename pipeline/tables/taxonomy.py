"""ACLED's event taxonomy as the contracts use it: allowed values read from seeds/triggers.yaml only."""

from __future__ import annotations

from pathlib import Path

import yaml


def load_vocabularies(triggers: Path) -> dict[str, list[str]]:
    """Allowed values of the contracts' vocabularies: event types and sub-event types, in taxonomy order."""
    taxonomy: dict[str, list[str]] = yaml.safe_load(triggers.read_text(encoding="utf-8"))["taxonomy"]
    return {
        "event_type": list(taxonomy),
        "sub_event_type": [sub_type for sub_types in taxonomy.values() for sub_type in sub_types],
    }
