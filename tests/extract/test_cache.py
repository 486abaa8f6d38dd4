import random
from copy import copy
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.extract.cache import MentionCache, article_key, extract_incrementally, extractor_version
from pipeline.records import Article
from pipeline.release.canonical import encode_parquet
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
    seeds = Settings().seeds
    before = extractor_version(extractor, seeds)
    stricter = replace(extractor, policy=replace(extractor.policy, min_confidence=0.9))
    later = replace(extractor, policy=replace(extractor.policy, dataset_start=extractor.policy.dataset_start.replace(
        year=2010)))
    assert len({before, extractor_version(stricter, seeds), extractor_version(later, seeds)}) == 3


def test_changing_only_published_at_redates_the_mentions(extractor, tmp_path: Path):
    cache = MentionCache(tmp_path)
    first, _ = extract_incrementally(extractor, ARTICLES[:1], cache)
    moved = replace(ARTICLES[0], published_at=datetime(2021, 4, 14, tzinfo=UTC))  # "on Friday" is now 9 Apr 2021
    second, parsed = extract_incrementally(extractor, [moved], cache)
    assert parsed == 1
    assert first["event_date"].to_list() == [date(2020, 5, 8)]
    assert second["event_date"].to_list() == [date(2021, 4, 9)]


@pytest.mark.parametrize("change", [
    {"published_at": datetime(2020, 6, 1, tzinfo=UTC)}, {"published_at": None}, {"title": "A new headline"},
    {"language": "fr"}, {"duplicate_of": "protest"}, {"text": ARTICLES[0].text + " Two more were wounded."},
    {"country": "Mali"}, {"source": "Other Wire"},  # the source hint: its own country, or its feed's (settings)
])
def test_every_field_extraction_reads_is_in_the_article_key(change: dict):
    assert article_key(replace(ARTICLES[0], **change)) != article_key(ARTICLES[0])
    assert article_key(replace(ARTICLES[0], url="https://x.example/")) == article_key(ARTICLES[0])


def test_extraction_settings_are_in_the_version_but_throughput_is_not(extractor):
    version = extractor_version(extractor, Settings().seeds)
    assert extractor_version(replace(extractor, prefilter=not extractor.prefilter), Settings().seeds) != version
    assert extractor_version(replace(extractor, batch_size=7, n_process=2), Settings().seeds) == version
    one_country_feed = replace(extractor, places=copy(extractor.places))
    one_country_feed.places.source_countries = {"Mali Wire": "Mali"}
    assert extractor_version(one_country_feed, Settings().seeds) != version


def test_cache_lives_under_the_warehouse_it_serves(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("CONFLICT_EVENTS_CACHE", raising=False)
    assert Settings(warehouse=tmp_path / "elsewhere").cache == tmp_path / "elsewhere" / "cache"


def _edit(rng: random.Random, corpus: dict[str, Article]) -> None:
    """One random edit of the kinds a corpus sees: new text, a new date, an added or a removed article."""
    kind = rng.choice(["text", "published_at", "add", "remove"])
    if kind == "add" or len(corpus) < 2:
        template = rng.choice(POOL)
        article_id = f"new-{len(corpus)}-{rng.randrange(10**6)}"
        corpus[article_id] = replace(template, article_id=article_id)
        return
    article_id = rng.choice(sorted(corpus))
    if kind == "remove":
        del corpus[article_id]
    elif kind == "text":
        corpus[article_id] = replace(corpus[article_id], text=rng.choice(POOL).text)
    else:
        day = datetime(2020, 5, 1, tzinfo=UTC) + timedelta(days=rng.randrange(60))
        corpus[article_id] = replace(corpus[article_id], published_at=day)


POOL = [*ARTICLES, Article(article_id="t", published_at=datetime(2020, 5, 9, tzinfo=UTC), text=(
    "Gunmen killed four villagers near Maiduguri in Borno State, Nigeria, on Monday.")),
    Article(article_id="t", published_at=datetime(2020, 5, 9, tzinfo=UTC), text=(
        "An airstrike hit a market in Idlib, Syria, yesterday, killing 12 people, rescuers said."))]


def test_incremental_equals_clean_over_random_edits(extractor, tmp_path: Path):
    rng = random.Random(12)
    corpus = {a.article_id: a for a in ARTICLES}
    cache = MentionCache(tmp_path / "cache")
    for step in range(6):
        _edit(rng, corpus)
        incremental, _ = extract_incrementally(extractor, corpus.values(), cache)
        clean, _ = extract_incrementally(extractor, corpus.values(), None)
        assert incremental.equals(clean), f"step {step}"
        assert encode_parquet(incremental) == encode_parquet(clean)
