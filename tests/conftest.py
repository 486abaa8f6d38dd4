"""Shared fixtures: the spaCy model and seed-data resources are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, Settings
from tests.shared_data import ACLED_DEV, SHARED_DATA_ENV

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.extract.language_model import load_language_model

    return load_language_model(Settings().spacy_model)


@pytest.fixture(scope="session")
def lexicon():
    from pipeline.extract.lexicon import TriggerLexicon

    return TriggerLexicon.load(SEEDS / "triggers.yaml")


@pytest.fixture(scope="session")
def parameters():
    from pipeline.extract.parameters import ExtractionParameters

    return ExtractionParameters.load(SEEDS)


@pytest.fixture(scope="session")
def codebook(lexicon):
    from pipeline.extract.code import Codebook

    return Codebook.load(SEEDS, lexicon)


@pytest.fixture(scope="session")
def extractor():
    """The extractor on the default settings (its gazetteer index is built once into the shared cache)."""
    from pipeline.extract.mentions import Extractor

    return Extractor.from_settings(Settings())


@pytest.fixture
def acled_dev() -> Path:
    if not ACLED_DEV.exists():
        pytest.skip(f"ACLED dev data ({ACLED_DEV}; set {SHARED_DATA_ENV} to its folder) is not available")
    return ACLED_DEV


def materialize_pipeline(articles: Path, warehouse: Path, selection=None, **settings: str):
    """Run the `materialize_all` job of the project's definitions in-process on an ephemeral instance, with these
    settings over the environment's (`selection`: asset keys to run instead of all)."""
    from pipeline.definitions import defs

    overrides = {"articles": str(articles), "warehouse": str(warehouse), **settings}
    return defs().resolve_job_def("materialize_all").execute_in_process(
        run_config={"resources": {"pipeline_settings": {"config": {"overrides": overrides}}}},
        raise_on_error=False, asset_selection=selection)
