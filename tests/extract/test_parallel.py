from dataclasses import replace

import pytest

from pipeline.extract.mentions import mentions_frame
from tests.extract.test_cache import ARTICLES


@pytest.mark.slow  # two spaCy worker processes
def test_two_processes_give_the_same_mentions_as_one(extractor):
    single = mentions_frame(extractor.extract(ARTICLES * 4))
    parallel = mentions_frame(replace(extractor, n_process=2, batch_size=2).extract(ARTICLES * 4))
    assert single.height > 0 and parallel.equals(single)


def test_prefilter_changes_no_mention(extractor):
    article = ARTICLES[0]
    padded = replace(article, text="The finance minister presented the budget. " * 20 + article.text)
    with_prefilter = mentions_frame(extractor.extract([padded]))
    without = mentions_frame(replace(extractor, prefilter=False).extract([padded]))
    assert with_prefilter.height == 1 and with_prefilter.equals(without)


@pytest.mark.slow  # two worker processes
def test_an_article_that_fails_in_a_worker_is_quarantined_and_the_others_are_read(extractor):
    broken = replace(ARTICLES[0], article_id="broken", published_at="not a date")  # coding this one raises
    failures = []
    parallel = mentions_frame(replace(extractor, n_process=2).extract([broken, *ARTICLES], failures))
    assert parallel.equals(mentions_frame(extractor.extract(ARTICLES)))
    assert [f.article_id for f in failures] == ["broken"] and failures[0].stage == "extract"
