from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.extract.cache import MentionCache, extract_incrementally, extractor_version
from pipeline.records import Article
from pipeline.settings import Settings

ARTICLES = [
    Article(article_id="clash", published_at=datetime(2020, 5, 9, tzinfo=UTC), text=(
        "Rebels clashed with army troops near Gao on Friday, killing three soldiers.")),
    Article(article_id="protest", published_at=datetime(2020, 5, 9, tzinfo=UTC), text=(
        "Hundreds of teachers protested in Bamako on Saturday, demanding unpaid salaries.")),
    Article(article_id="quiet", published_at=datetime(2020, 5, 9, tzinfo=UTC), text=(
        "The finance minister presented the budget to parliament.")),
]


def test_second_run_parses_nothing_and_returns_the_same_mentions(extractor, tmp_path: Path):
    cache = MentionCache(tmp_path / extractor_version(extractor, Settings().seeds))
    first, parsed_first = extract_incrementally(extractor, ARTICLES, cache)
    second, parsed_second = extract_incrementally(extractor, ARTICLES, cache)
    assert (parsed_first, parsed_second) == (3, 0)
    assert first.height >= 2 and first.equals(second)
    assert set(first["article_id"]) == {"clash", "protest"}


def test_changed_text_is_parsed_again(extractor, tmp_path: Path):
    cache = MentionCache(tmp_path)
    extract_incrementally(extractor, ARTICLES[:1], cache)
    edited = Article(article_id="clash", published_at=ARTICLES[0].published_at,
                     text="Rebels ambushed an army convoy near Gao on Friday.")
    mentions, parsed = extract_incrementally(extractor, [edited], cache)
    assert parsed == 1
    assert mentions["evidence"].to_list() == ["Rebels ambushed an army convoy near Gao on Friday."]


def test_without_cache_results_match(extractor, tmp_path: Path):
    cached, _ = extract_incrementally(extractor, ARTICLES, MentionCache(tmp_path))
    uncached, parsed = extract_incrementally(extractor, ARTICLES, None)
    assert parsed == 3 and cached.equals(uncached)


@pytest.mark.parametrize("seed_file", ["triggers.yaml"])
def test_version_changes_with_seed_data(extractor, tmp_path: Path, seed_file: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / seed_file).write_text("a: 1\n")
    before = extractor_version(extractor, seeds)
    (seeds / seed_file).write_text("a: 2\n")
    assert extractor_version(extractor, seeds) != before


def test_version_changes_with_the_settings_the_decisions_read(extractor):
    from dataclasses import replace

    seeds = Settings().seeds
    before = extractor_version(extractor, seeds)
    stricter = replace(extractor, policy=replace(extractor.policy, min_confidence=0.9))
    later = replace(extractor, policy=replace(extractor.policy, dataset_start=extractor.policy.dataset_start.replace(
        year=2010)))
    assert len({before, extractor_version(stricter, seeds), extractor_version(later, seeds)}) == 3
