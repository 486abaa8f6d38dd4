"""After the merge: give every event the rest of ACLED's export columns (ids, disorder type, region, sources, labels).

Pure functions over polars frames; the reference values (inter labels, disorder-type rules, regions, source scales)
come from seeds/ through `AcledCodebook.load`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.tables import EVENT_NUMBERS, EVENTS
from pipeline.yaml_files import read_yaml

UNKNOWN_COUNTRY = "XXX"  # ISO 3166 user-assigned code: events whose country is not known
_RULE_CONDITIONS = ("event_type", "sub_event_type", "inter2")


@dataclass(frozen=True)
class AcledCodebook:
    """Reference values for the added columns, read from seeds/."""

    inter_labels: dict[int, str]
    disorder_rules: list[dict]
    source_scales: list[str]  # narrowest to widest
    countries: pl.DataFrame  # iso3, iso (numeric, may be null), name, region
    outlets: pl.DataFrame  # source_key (case-folded outlet name), source_scale

    @classmethod
    def load(cls, seeds: Path) -> AcledCodebook:
        codebook = read_yaml(seeds / "acled_codebook.yaml")
        countries = pl.read_csv(seeds / "countries.csv", comment_prefix="#", schema_overrides={"iso": pl.Int64})
        outlets = pl.read_csv(seeds / "sources.csv", comment_prefix="#").select(
            pl.col("source").str.to_lowercase().alias("source_key"), "source_scale").unique("source_key")
        return cls({int(code): label for code, label in codebook["inter_labels"].items()},
                   codebook["disorder_types"], codebook["source_scales"], countries, outlets)


def disorder_type(codebook: AcledCodebook) -> pl.Expr:
    """ACLED's disorder type by the first codebook rule that matches the event."""
    expression = pl.lit(None, dtype=pl.String)
    for rule in reversed(codebook.disorder_rules):
        condition = pl.lit(True)
        for column in _RULE_CONDITIONS:
            if column in rule:
                condition = condition & (pl.col(column) == rule[column]).fill_null(False)
        expression = pl.when(condition).then(pl.lit(rule["disorder_type"])).otherwise(expression)
    return expression


def _inter_label(column: str, codebook: AcledCodebook) -> pl.Expr:
    return pl.col(column).replace_strict(codebook.inter_labels, default=None, return_dtype=pl.String)


def interaction_label(codebook: AcledCodebook) -> pl.Expr:
    """"State forces-Rebel group" for 12, "Protesters only" for 60 (ACLED's text form of the interaction code)."""
    first = (pl.col("interaction") // 10).replace_strict(codebook.inter_labels, default=None, return_dtype=pl.String)
    second = (pl.col("interaction") % 10).replace_strict(codebook.inter_labels, default=None, return_dtype=pl.String)
    return pl.when(pl.col("interaction") % 10 == 0).then(first + " only").otherwise(first + "-" + second)


def _with_country_codes(events: pl.DataFrame, codebook: AcledCodebook) -> pl.DataFrame:
    """iso3 and region from the numeric iso code, or from the name for countries without one (Kosovo)."""
    by_iso = codebook.countries.drop_nulls("iso").select(pl.col("iso").cast(events.schema["iso"]), "iso3", "region")
    by_name = codebook.countries.filter(pl.col("iso").is_null()).select(
        pl.col("name").alias("country"), pl.col("iso3").alias("_iso3"), pl.col("region").alias("_region"))
    return (events.join(by_iso, on="iso", how="left", maintain_order="left")
            .join(by_name, on="country", how="left", maintain_order="left")
            .with_columns(iso3=pl.coalesce("iso3", "_iso3", pl.lit(UNKNOWN_COUNTRY)),
                          region=pl.coalesce("region", "_region"))
            .drop("_iso3", "_region"))


def assign_event_numbers(events: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """The numbering registry after `events` (event_id, iso3, event_date) have numbers.

    A known event keeps its number; a new one gets the next number of its country (event_id_no_cnty) and the next
    global number (data_id), in order of event date then event_id. Rows of events no longer present stay in the
    registry, so a number is never given twice.
    """
    known = known.select(EVENT_NUMBERS.names).cast(EVENT_NUMBERS.schema)
    new = (events.select("event_id", "iso3", "event_date").join(known, on=["event_id", "iso3"], how="anti")
           .unique(["event_id", "iso3"]).sort("event_date", "event_id", nulls_last=True))
    if new.is_empty():
        return known
    country_base = known.group_by("iso3").agg(pl.col("event_id_no_cnty").max().alias("_base"))
    numbered = new.join(country_base, on="iso3", how="left", maintain_order="left").with_columns(
        event_id_no_cnty=pl.col("_base").fill_null(0) + pl.int_range(1, pl.len() + 1).over("iso3"),
        data_id=pl.lit(known["data_id"].max() or 0, dtype=pl.Int64) + pl.int_range(1, pl.len() + 1),
    )
    return pl.concat([known, numbered.select(EVENT_NUMBERS.names).cast(EVENT_NUMBERS.schema)]).sort("data_id")


def _sources(event_sources: pl.DataFrame, articles: pl.DataFrame, codebook: AcledCodebook) -> pl.DataFrame:
    """Per event: its outlets ("; "-joined, sorted), ACLED's combined source scale and the first publication time."""
    scale_rank = {scale: rank for rank, scale in enumerate(codebook.source_scales)}
    reports = (
        event_sources.select("event_id", "article_id").unique()
        .join(articles.select("article_id", "source", "published_at"), on="article_id", how="left")
        .with_columns(source_key=pl.col("source").str.strip_chars().str.to_lowercase())
        .join(codebook.outlets, on="source_key", how="left")
        .with_columns(rank=pl.col("source_scale").replace_strict(scale_rank, default=None, return_dtype=pl.Int64))
    )
    narrowest = pl.col("source_scale").sort_by("rank").drop_nulls().first()
    widest = pl.col("source_scale").sort_by("rank").drop_nulls().last()
    return reports.group_by("event_id").agg(
        source=pl.col("source").drop_nulls().str.strip_chars().unique().sort().str.join("; "),
        source_scale=pl.when(narrowest == widest).then(narrowest).otherwise(narrowest + "-" + widest),
        timestamp=pl.col("published_at").min().dt.epoch("s"),
    ).with_columns(pl.when(pl.col("source") != "").then(pl.col("source")).alias("source"))


def with_acled_columns(
    events: pl.DataFrame, event_sources: pl.DataFrame, articles: pl.DataFrame, codebook: AcledCodebook,
    known_numbers: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(events with every ACLED export column, the updated numbering registry).

    `timestamp` is the first source's publication time (Unix seconds), so the same inputs give the same bytes;
    `admin3` is kept when the places stage gave one; `tags` (crowd sizes, "women targeted", ...) are not read from
    the text and stay empty.
    """
    coded = _with_country_codes(events, codebook)
    numbers = assign_event_numbers(coded, known_numbers)
    coded = coded.join(numbers, on=["event_id", "iso3"], how="left", maintain_order="left").join(
        _sources(event_sources, articles, codebook), on="event_id", how="left", maintain_order="left")
    missing = [pl.lit(None, dtype=EVENTS.schema[c]).alias(c) for c in ("admin3", "tags") if c not in coded.columns]
    coded = coded.with_columns(
        *missing,
        event_id_cnty=pl.col("iso3") + pl.col("event_id_no_cnty").cast(pl.String),
        disorder_type=disorder_type(codebook),
        inter1_label=_inter_label("inter1", codebook),
        inter2_label=_inter_label("inter2", codebook),
        interaction_label=interaction_label(codebook),
    )
    return coded.select(EVENTS.names), numbers
