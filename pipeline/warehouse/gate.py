"""The release gate's bounds (seeds/release_gate.yaml): which events are held back while the warehouse is built,
and which changes against the previous release warn or stop publishing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.project_files import project_folder
from pipeline.yaml_files import read_yaml

GATE_FILE = "release_gate.yaml"


@dataclass(frozen=True)
class JumpBounds:
    """Per-country changes against the previous release: warn above `warn_factor`, fail above `fail_factor`."""

    min_events: int
    warn_factor: float
    fail_factor: float


@dataclass(frozen=True)
class GateBounds:
    """Hold-back bounds (filled into sql/gate/ and the events suite's query) and jump bounds."""

    max_single_source_fatalities: int
    min_sources: int
    jumps: JumpBounds

    @classmethod
    def load(cls, seeds: Path) -> GateBounds:
        data = read_yaml(Path(seeds) / GATE_FILE)
        hold_back, jumps = data["hold_back"], data["jumps"]
        return cls(int(hold_back["max_single_source_fatalities"]), int(hold_back["min_sources"]),
                   JumpBounds(int(jumps["min_events"]), float(jumps["warn_factor"]), float(jumps["fail_factor"])))

    @property
    def sql_parameters(self) -> dict[str, int]:
        """The bounds SQL scripts name in {braces}."""
        return {"max_single_source_fatalities": self.max_single_source_fatalities, "min_sources": self.min_sources}


def gate_parameters(seeds: Path | None = None) -> dict[str, int]:
    """The hold-back bounds SQL scripts name in {braces}, from `seeds` (default: the project's seeds/)."""
    return GateBounds.load(project_folder("seeds") if seeds is None else seeds).sql_parameters
