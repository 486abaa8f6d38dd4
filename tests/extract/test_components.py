"""The stand-ins for the stock attribute ruler and lemmatizer annotate every token as the stock components do; the model
loads without garbage collection."""

from __future__ import annotations

import gc
import json
from dataclasses import replace

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from pipeline.extract.components import CachedLemmatizer, IndexedAttributeRuler
from pipeline.extract.language_model import collection_paused
from pipeline.extract.mentions import mentions_frame
from pipeline.ingest import iter_articles
from pipeline.records import Article
from pipeline.settings import PROJECT_ROOT, Settings

ATTRIBUTES = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
# contractions, colloquial forms and runs of spaces exercise the ruler's patterns of several tokens and of spaces
ODD_TEXT = ("I ain't gonna wait, y'all.  Let's  go!\n\n  They gotta do it; it's done. There aren't many left, "
            "nothin' ol' 'em couldn't do. Gimme that. Somebody's coming, c'mon. We'd been told it'd rain.")


@pytest.fixture(scope="module")
def stock():
    return spacy.load(Settings().spacy_model)


def _texts() -> list[str]:
    lines = (PROJECT_ROOT / "tests" / "data" / "traps" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:40]] + [ODD_TEXT]


def test_stand_ins_replace_the_stock_components(nlp):
    components = dict(nlp.pipeline)
    assert isinstance(components["attribute_ruler"], IndexedAttributeRuler)
    assert isinstance(components["lemmatizer"], CachedLemmatizer)


def test_components_shipped_disabled_are_not_loaded_and_the_rest_run_as_shipped(nlp, stock):
    assert "senter" in stock.disabled and "senter" not in nlp.component_names
    assert nlp.pipe_names == stock.pipe_names


def test_every_token_is_annotated_as_by_the_stock_pipeline(nlp, stock):
    texts = _texts()
    for fast, reference in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        def annotations(token):
            return token.text, token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_

        differing = [(annotations(a), annotations(b)) for a, b in zip(fast, reference, strict=True)
                     if annotations(a) != annotations(b)]
        assert differing == []
        assert (fast.to_array(ATTRIBUTES) == reference.to_array(ATTRIBUTES)).all()


def _articles(count: int) -> list[Article]:
    return [record for record in iter_articles(PROJECT_ROOT / "tests" / "data" / "traps" / "articles.jsonl")
            if isinstance(record, Article)][:count]


def test_extraction_with_the_stand_ins_finds_the_mentions_of_the_stock_model(extractor, stock):
    with_stock = replace(extractor, readers={**extractor.readers, "en": replace(extractor.english, _nlp=stock)})
    articles = _articles(12)
    found = mentions_frame(extractor.extract(articles))
    assert found.height > 0
    assert found.equals(mentions_frame(with_stock.extract(articles)))


def test_start_up_runs_without_garbage_collection_and_what_it_made_is_frozen():
    gc.enable()
    frozen = gc.get_freeze_count()
    try:
        with collection_paused():
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(made)
        gc.disable()
        with collection_paused():
            pass
        assert not gc.isenabled()  # a collector switched off stays off
    finally:
        gc.unfreeze()
        gc.enable()
