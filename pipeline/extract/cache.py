"""Incremental extraction: mentions cached per article under a key of content + model + seed data + code.

The cache is a folder of immutable Parquet shards (one pair per batch of newly parsed articles), so parallel
partition runs never contend for a lock, and a re-run with nothing new parses nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import polars as pl

from pipeline.extract.language_model import installed_model_identity
from pipeline.extract.mentions import MENTION_SCHEMA, Extractor, mentions_frame
from pipeline.provenance import seed_hashes
from pipeline.records import Article

CACHE_KEY = "cache_key"
EXTRACTION_CODE = ("extract", "actors", "places", "normalize", "text")  # packages whose code changes what is extracted


def extractor_version(extractor: Extractor, seeds: Path) -> str:
    """Changes whenever the model, the seed data, this package's code or a setting the decisions read changes."""
    code = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for folder in EXTRACTION_CODE:
        for path in sorted((package / folder).rglob("*.py")):
            code.update(path.read_bytes())
    models = (f"{language}:{installed_model_identity(reader.model_name)}"
              for language, reader in sorted(extractor.readers.items()))
    identity = "|".join([*models, code.hexdigest(), extractor.policy.settings_key,
                         *(f"{name}:{digest}" for name, digest in seed_hashes(seeds).items())])
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def article_key(article: Article) -> str:
    """Cache key of one article: its id and the hash of its text."""
    content = article.content_hash or hashlib.sha256(article.text.encode()).hexdigest()
    return hashlib.sha256(f"{article.article_id}|{content}".encode()).hexdigest()


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
        self.folder.mkdir(parents=True, exist_ok=True)
        shard = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:20]
        for kind, frame in (("mentions", mentions), ("keys", pl.DataFrame({CACHE_KEY: keys}))):
            target = self.folder / f"{shard}.{kind}.parquet"
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            frame.write_parquet(temporary)
            os.replace(temporary, target)


def extract_incrementally(
    extractor: Extractor, articles: Iterable[Article], cache: MentionCache | None, *, batch_size: int = 500,
) -> tuple[pl.DataFrame, int]:
    """(mentions of all articles, number of articles parsed now); cached articles are not parsed again, and
    articles of a language without a reader are counted in `extractor.unread_languages`, never parsed."""
    known = cache.known_keys() if cache else set()
    wanted: set[str] = set()
    parsed = 0
    fresh: list[pl.DataFrame] = []
    for batch in _batches(articles, batch_size):
        keys = {article.article_id: article_key(article) for article in batch}
        wanted.update(keys.values())
        unread = {a.article_id for a in batch if a.duplicate_of is None and extractor.reader_of(a) is None}
        extractor.unread_languages.update(a.language for a in batch if a.article_id in unread)
        todo = [a for a in batch if keys[a.article_id] not in known and a.article_id not in unread]
        if not todo:
            continue
        parsed += len(todo)
        frame = mentions_frame(extractor.extract(todo))
        if cache:
            key_of_article = pl.DataFrame({"article_id": list(keys), CACHE_KEY: list(keys.values())})
            cache.store([keys[a.article_id] for a in todo],
                        frame.join(key_of_article, on="article_id", how="left"))
        fresh.append(frame)
    if cache is not None:
        combined = cache.mentions_for(wanted)
    elif fresh:
        combined = pl.concat(fresh, how="vertical")
    else:
        combined = pl.DataFrame(schema=MENTION_SCHEMA)
    unique = combined.unique("mention_id", keep="first", maintain_order=True)
    return unique.sort("article_id", "sentence_start", "mention_id"), parsed
