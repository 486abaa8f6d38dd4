"""Incremental extraction: mentions cached per article under a key of everything that changes them.

The key has two parts. `extractor_version` names the cache folder: the model, every setting of the Extractor
that changes results (prefilter, window limit, any threshold; not batch size or process count), the seed data and
the code of the packages that extract. `article_key` picks an article inside it: every field of the article that
extraction reads (id, text, publication time, title, language, duplicate link). The cache is a folder of
immutable Parquet shards (one pair per batch of newly parsed articles), so parallel partition runs never contend
for a lock, and a re-run with nothing new parses nothing. Articles whose extraction failed are not cached: they
are tried (and quarantined) again on every run, as a clean run would.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import islice
from pathlib import Path

import polars as pl

from pipeline.atomic import atomic_path
from pipeline.extract.language_model import installed_model_identity
from pipeline.extract.languages import can_read
from pipeline.extract.mentions import MENTION_SCHEMA, Extractor, mentions_frame
from pipeline.extract.windows import window_limit
from pipeline.provenance import extraction_version
from pipeline.records import Article, QuarantineRecord

CACHE_KEY = "cache_key"
# Extractor fields that change speed, never results
THROUGHPUT_SETTINGS = {"batch_size", "n_process", "min_articles_per_process"}


def extraction_settings(extractor: Extractor) -> dict[str, object]:
    """The Extractor's settings that change what is extracted: every scalar field but throughput, the window limit
    and the settings the decide stage compares with (min_mention_confidence, dataset_start)."""
    settings: dict[str, object] = {
        field.name: getattr(extractor, field.name) for field in fields(extractor)
        if field.name not in THROUGHPUT_SETTINGS and isinstance(getattr(extractor, field.name),
                                                                 bool | int | float | str | type(None))
    }
    return {**settings, "window_limit": window_limit(extractor.nlp), "decisions": extractor.policy.settings_key,
            "source_countries": sorted(extractor.places.source_countries.items())}


def extractor_version(extractor: Extractor, seeds: Path) -> str:
    """Changes whenever a model, an extraction setting, the seed data or the extracting code changes (the models
    are named by their installed version, not loaded)."""
    models = "|".join(f"{language}:{installed_model_identity(reader.model_name)}"
                      for language, reader in sorted(extractor.readers.items()))
    return extraction_version(models, seeds, extraction_settings(extractor))


def article_key(article: Article) -> str:
    """Cache key of one article: every field extraction reads, the text itself hashed."""
    published = article.published_at.isoformat() if article.published_at else None
    fields_read = [article.article_id, hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest(),
                   published, article.title, article.language, article.duplicate_of, article.country,
                   article.source]
    return hashlib.sha256(json.dumps(fields_read).encode()).hexdigest()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass
class MentionCache:
    """Shards of cached mentions for one extractor version."""

    folder: Path

    def _shards(self, kind: str) -> list[Path]:
        return sorted(self.folder.glob(f"*.{kind}.parquet"))

    def known_keys(self) -> set[str]:
        """Keys of every article already extracted (with or without mentions)."""
        shards = self._shards("keys")
        return set(pl.scan_parquet(shards).select(CACHE_KEY).collect()[CACHE_KEY]) if shards else set()

    def mentions_for(self, keys: set[str]) -> pl.DataFrame:
        """Cached mentions of these articles."""
        shards = self._shards("mentions")
        if not shards or not keys:
            return pl.DataFrame(schema=MENTION_SCHEMA)
        wanted = pl.Series(CACHE_KEY, sorted(keys))
        return (pl.scan_parquet(shards).filter(pl.col(CACHE_KEY).is_in(wanted.implode())).drop(CACHE_KEY)
                .collect())

    def store(self, keys: list[str], mentions: pl.DataFrame) -> None:
        """Write one shard pair atomically: mentions first, then the keys that mark them complete."""
        shard = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:20]
        keys_frame = pl.DataFrame({CACHE_KEY: keys}, schema={CACHE_KEY: pl.String})
        for kind, frame in (("mentions", mentions), ("keys", keys_frame)):
            with atomic_path(self.folder / f"{shard}.{kind}.parquet") as temporary:
                frame.write_parquet(temporary)


def extract_incrementally(
    extractor: Extractor, articles: Iterable[Article], cache: MentionCache | None, *, batch_size: int = 500,
    failures: list[QuarantineRecord] | None = None,
) -> tuple[pl.DataFrame, int]:
    """(mentions of all articles, number of articles parsed now); cached articles are not parsed again, nor are
    articles of a language no reader reads.

    An article whose extraction fails goes to ``failures`` (see Extractor.extract) and is not cached.
    """
    known = cache.known_keys() if cache else set()
    wanted: set[str] = set()
    parsed = 0
    fresh: list[pl.DataFrame] = []
    for batch in _batches(articles, batch_size):
        keys = {article.article_id: article_key(article) for article in batch}
        wanted.update(keys.values())
        todo = [a for a in batch if keys[a.article_id] not in known and can_read(a.language, extractor.languages)]
        if not todo:
            continue
        parsed += len(todo)
        failed: list[QuarantineRecord] = []
        frame = mentions_frame(extractor.extract(todo, failed if failures is not None else None))
        if failures is not None:
            failures.extend(failed)
        failed_ids = {record.article_id for record in failed}
        done = [a for a in todo if a.article_id not in failed_ids]
        if cache and done:
            key_of_article = pl.DataFrame({"article_id": list(keys), CACHE_KEY: list(keys.values())})
            cache.store([keys[a.article_id] for a in done], frame.join(key_of_article, on="article_id", how="left"))
        fresh.append(frame)
    if cache is not None:
        combined = cache.mentions_for(wanted)
    elif fresh:
        combined = pl.concat(fresh, how="vertical")
    else:
        combined = pl.DataFrame(schema=MENTION_SCHEMA)
    return (combined.unique("mention_id", keep="first", maintain_order=True)
            .sort("article_id", "sentence_start", "mention_id"), parsed)
