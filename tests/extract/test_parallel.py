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
