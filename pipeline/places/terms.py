"""The place vocabulary and weights of seeds/place_terms.yaml, loaded once per resolver."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.places.names import UNIT_WORDS
from pipeline.yaml_files import read_yaml

TERMS_FILE = "place_terms.yaml"


@dataclass(frozen=True)
class PlaceTerms:
    """Word sets (lower case) and weights that find toponyms and weigh country evidence."""

    entity_labels: frozenset[str]
    place_words: frozenset[str]
    town_words: frozenset[str]
    admin_words: frozenset[str]  # the name key's unit words plus the seeds' extra ones
    facility_words: frozenset[str]
    near_words: frozenset[str]
    name_connectors: frozenset[str]
    name_heads: frozenset[str]  # "Abu", "Ayn", "Kafr": generic first words of a longer name, no place alone there
    not_place_after: frozenset[str]
    kin_words: frozenset[str]
    non_local_heads: frozenset[str]
    police_words: frozenset[str]
    state_force_words: frozenset[str]
    demonym_endings: tuple[str, ...]
    locative_words: frozenset[str]
    people_of_place: frozenset[str]
    place_verbs: frozenset[str]
    organisation_heads: frozenset[str]
    modifier_deps: frozenset[str]
    stop_names: frozenset[str]
    position_words: frozenset[str]  # "North" of "Baringo North": part of a longer name, no place of its own
    bearing_words: frozenset[str]  # "40km north of X", "south of X": X is a place, whatever the NER made of it
    capital_words: frozenset[str]  # "the Somali capital", "the capital": a country's capital city
    not_national_capital: frozenset[str]  # "the state capital", "the commercial capital": not the country's
    unit_phrases: frozenset[tuple[str, ...]]  # "local government area": multi-word unit names, as word tuples
    weights: dict[str, float]
    kind_specificity: dict[str, float]

    @property
    def edge_words(self) -> frozenset[str]:
        """Words trimmed from a name's edges ("Kathua city" -> "Kathua", "the Hama airbase" -> "Hama")."""
        return self.place_words | self.admin_words | self.facility_words | {"the"}

    @classmethod
    def load(cls, seeds: str | Path) -> PlaceTerms:
        """Read seeds/place_terms.yaml from the seeds folder (or the file itself)."""
        path = Path(seeds)
        path = path / TERMS_FILE if path.is_dir() else path
        raw = read_yaml(path)
        weights = dict(raw.pop("weights"))
        specificity = weights.pop("kind_specificity")
        phrases = frozenset(tuple(str(phrase).split()) for phrase in raw.pop("unit_phrases"))
        words = {name: frozenset(str(word) for word in values) for name, values in raw.items()}
        return cls(
            **{**words, "admin_words": words["admin_words"] | UNIT_WORDS, "unit_phrases": phrases,
               "demonym_endings": tuple(raw["demonym_endings"])},
            weights={name: float(value) for name, value in weights.items()},
            kind_specificity={kind: float(value) for kind, value in specificity.items()},
        )

    def weight(self, name: str) -> float:
        """A named weight or threshold ("unit_vote", "foreign_population")."""
        return self.weights[name]
