"""Records passed between pipeline stages (plain dataclasses, no Dagster)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Article:
    """One news article ready for extraction."""

    article_id: str
    text: str
    published_at: datetime | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    source_path: str | None = None
    content_hash: str | None = None
    duplicate_of: str | None = None
    record_offset: int | None = None  # position inside source_path (line, element index or byte offset)
    country: str | None = None  # the country the source says the article is about (front matter, JSON field)


@dataclass(frozen=True)
class QuarantineRecord:
    """An input record or article that a stage could not process, with the stage and the reason."""

    source_path: str
    record_offset: int | None
    reason: str
    excerpt: str = ""
    stage: str = "ingest"  # ingest (could not be loaded) or extract (loaded, but extraction failed)
    article_id: str | None = None  # the loaded article a later stage failed on


@dataclass(frozen=True)
class ResolvedPlace:
    """An event location coded like ACLED (geo_precision 1 town, 2 near/part of, 3 region)."""

    country: str | None = None
    iso: int | None = None  # ISO 3166-1 numeric
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    confidence: float = 0.0
    evidence: str | None = None  # the toponym text the place was resolved from
    is_country_only: bool = False  # only the country is known: no location or coordinates
    place_id: str | None = None  # gazetteer entry the place was resolved to


@dataclass(frozen=True)
class ResolvedDate:
    """An event date resolved against the publication date (time_precision 1 day, 2 week, 3 month)."""

    event_date: date | None
    time_precision: int | None
    expression: str | None = None
    start: int | None = None  # character offsets of the expression in the text given
    end: int | None = None
    is_before_report_window: bool = False  # the date lies well before publication: a background mention


@dataclass(frozen=True)
class FatalityCount:
    """Reported deaths: UCDP-style low/best/high and ACLED's conservative figure."""

    fatalities: int = 0
    low: int = 0
    best: int = 0
    high: int = 0
    expression: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class ResolvedActor:
    """An actor with its ACLED-style canonical name and inter code (1..8)."""

    name: str
    inter: int
    mention: str | None = None
    country: str | None = None
    confidence: float = 0.0
    aliases_matched: tuple[str, ...] = field(default_factory=tuple)
    kind: str | None = None  # state_military, state_police, rebel, civilians, protesters, ... (seeds/actors.csv)
