"""The two mention tables the extraction assets publish, from one pass over the articles."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from pipeline.extract.cache import MentionCache, extract_incrementally
from pipeline.extract.mentions import EVENT_MENTION_COLUMNS, NORMALIZED_MENTION_COLUMNS, Extractor
from pipeline.records import Article


def mention_tables(mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event_mentions, normalized_mentions) of a wide mentions frame: one row per candidate in each."""
    return mentions.select(EVENT_MENTION_COLUMNS), mentions.select(NORMALIZED_MENTION_COLUMNS)


def extract_mention_tables(extractor: Extractor, articles: Iterable[Article],
                           cache: MentionCache | None) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """(event_mentions, normalized_mentions, articles parsed now): each article parsed once and taken through
    every stage in that pass (the Doc is never stored); articles already in the cache are not parsed again."""
    mentions, parsed = extract_incrementally(extractor, articles, cache)
    return (*mention_tables(mentions), parsed)
