"""Incremental runs give the release a clean run gives, byte for byte, over random edits of the corpus; changing
only an article's publication date re-dates its events."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import materialize_pipeline

from .corpus import GOOD

pytestmark = pytest.mark.slow
EXTRA = {
    "kampala.txt": """---
title: Police clash with protesters in Kampala
published_at: 2021-03-15T12:00:00Z
---
Police clashed with stone-throwing protesters in Kampala, Uganda, on Sunday, witnesses said.
""",
    "mopti.txt": """---
title: Soldiers clash with militants near Mopti
published_at: 2021-03-11T10:00:00Z
---
Soldiers clashed with militants near Mopti, Mali, on Wednesday, killing three fighters, the army said.
""",
}
TEXTS = [
    "Gunmen killed six villagers in a raid near Jos in Plateau State, Nigeria, on Tuesday, residents said.",
    "Hundreds of students protested in Nairobi, Kenya, on Friday against higher fees.",
    "A roadside bomb killed two soldiers near Gao, Mali, on Thursday, the army said.",
]


def materialize(articles: Path, warehouse: Path) -> Path:
    result = materialize_pipeline(articles, warehouse)
    assert result.success
    return (warehouse / "releases" / "latest").resolve()


NUMBERS = {"event_id_cnty", "data_id", "event_id_no_cnty"}  # the registry never gives a number twice: an event an
# edit replaced keeps its number retired, so a clean run numbers from 1 where an incremental one goes on counting


def data_files(release: Path) -> dict[str, str]:
    """The data a release carries (every table and the ACLED CSV) as CSV text without the event numbers, without
    version-dependent documents."""
    tables = {path.name: pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path, infer_schema=False)
              for path in sorted(release.iterdir()) if path.suffix == ".parquet" or path.name == "events_acled.csv"}
    return {name: frame.drop(NUMBERS & set(frame.columns)).write_csv() for name, frame in tables.items()}


def set_field(path: Path, field: str, value: str) -> None:
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{field}:")]
    path.write_text("\n".join([*lines, f"{field}: {value}"]) + "\n---\n" + body, encoding="utf-8")


def set_text(path: Path, text: str) -> None:
    head, _ = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(head + "\n---\n" + text + "\n", encoding="utf-8")


def edit(rng: random.Random, corpus: Path) -> str:
    """One random edit: new text, a new publication date, an added or a removed article."""
    present = sorted(p.name for p in corpus.iterdir())
    kind = rng.choice(["text", "published_at", "add", "remove"])
    absent = sorted(set(EXTRA) - set(present))
    if kind == "add" and absent:
        name = rng.choice(absent)
        (corpus / name).write_text(EXTRA[name], encoding="utf-8")
    elif kind == "remove" and len(present) > 2:
        (corpus / rng.choice(present)).unlink()
    elif kind == "text":
        set_text(corpus / rng.choice(present), rng.choice(TEXTS))
    else:
        kind = "published_at"
        set_field(corpus / rng.choice(present), "published_at", f"2021-03-{rng.randrange(10, 28)}T09:00:00Z")
    return kind


def events_of(release: Path, title: str) -> pl.DataFrame:
    articles = pl.read_parquet(release / "articles.parquet").filter(pl.col("title") == title)
    sources = pl.read_parquet(release / "event_sources.parquet").join(articles, on="article_id", how="semi")
    return pl.read_parquet(release / "events.parquet").join(sources, on="event_id", how="semi")


def test_incremental_runs_equal_clean_runs_over_random_edits(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for name, text in GOOD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    persistent = tmp_path / "persistent"
    first = materialize(corpus, persistent)
    assert events_of(first, "Gunmen kill four villagers near Maiduguri")["event_date"].to_list() == [date(2021, 3, 8)]

    set_field(corpus / "borno.txt", "published_at", "2021-04-14T10:00:00Z")  # only the date: "on Monday" moves
    redated = materialize(corpus, persistent)
    assert events_of(redated, "Gunmen kill four villagers near Maiduguri")["event_date"].to_list() == [
        date(2021, 4, 12)]
    assert data_files(redated) == data_files(materialize(corpus, tmp_path / "clean-0"))

    rng = random.Random(2024)
    for step in range(1, 4):
        kind = edit(rng, corpus)
        incremental = materialize(corpus, persistent)
        clean = materialize(corpus, tmp_path / f"clean-{step}")
        assert data_files(incremental) == data_files(clean), f"step {step} ({kind})"
