"""Which articles the extractor can read: those in the language of its spaCy model (or with no language label)."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl


def can_read(language: str | None, languages: Collection[str]) -> bool:
    """Whether an article in `language` is read by an extractor for `languages` (unlabelled articles are tried)."""
    return language is None or language in languages


def unreadable_articles(articles: pl.DataFrame, languages: Collection[str]) -> pl.DataFrame:
    """Articles (not duplicates) in a language the extractor has no model for, by language then id."""
    return (articles.filter(pl.col("language").is_not_null() & ~pl.col("language").is_in(list(languages))
                            & pl.col("duplicate_of").is_null())
            .select("article_id", "language", *[c for c in ("title", "source") if c in articles.columns])
            .sort("language", "article_id"))


def none_readable(articles: int, languages: Collection[str]) -> str:
    """Why a run of only unreadable articles found nothing: "the article loaded is in a language … (fr)"."""
    subject = "the article loaded is" if articles == 1 else f"all {articles} articles loaded are"
    return f"{subject} in a language the extraction model does not read ({', '.join(sorted(languages))})"


def describe_unreadable(unreadable: pl.DataFrame) -> str:
    """ "2 (fr: 1, ru: 1)" — how many articles could not be read, per language."""
    counts = unreadable.group_by("language").len().sort("language")
    return f"{unreadable.height} ({', '.join(f'{lang}: {n}' for lang, n in counts.iter_rows())})"
