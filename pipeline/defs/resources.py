"""The Dagster resource carrying the pipeline settings (read when a run starts, never at import)."""


from pathlib import Path

import dagster as dg
from pydantic import Field

from pipeline.settings import Settings


class PipelineSettings(dg.ConfigurableResource):
    """Every setting of `pipeline.settings.Settings`: the CONFLICT_EVENTS_* environment and the config file, read
    when the run starts, under `overrides` (setting name → value, as `conflict-events config` lists them)."""

    overrides: dict[str, str] = Field(default_factory=dict)

    def settings(self) -> Settings:
        return Settings(**self.overrides)


COLUMN_DESCRIPTIONS = {
    "article_id": "Article identifier (given by the source, or derived from its content hash)",
    "source_path": "File the record was read from",
    "published_at": "Publication time of the article (UTC)",
    "duplicate_of": "article_id of the first exact or near-duplicate article, if any",
    "content_hash": "sha256 of the normalized text",
    "language": "ISO 639-1 language code",
    "record_offset": "Line, row or record number of the rejected input inside its file",
    "reason": "Why the record was quarantined",
    "excerpt": "Start of the rejected input",
    "event_id": "Stable event identifier (same inputs give the same id across runs)",
    "mention_id": "Identifier of one event passage in one article",
    "event_date": "Day the event happened (not the publication day)",
    "time_precision": "ACLED time precision: 1 day, 2 week, 3 month",
    "event_type": "ACLED event type",
    "sub_event_type": "ACLED sub-event type",
    "actor1": "Main actor (ACLED naming)",
    "actor2": "Target or opposing actor (ACLED naming)",
    "inter1": "ACLED inter code of actor1",
    "inter2": "ACLED inter code of actor2",
    "interaction": "ACLED interaction code (inter1 and inter2 combined)",
    "civilian_targeting": "'Civilian targeting' when civilians were the target",
    "iso": "ISO 3166-1 numeric country code",
    "admin1": "First-level administrative division",
    "admin2": "Second-level administrative division",
    "geo_precision": "ACLED geo precision: 1 town, 2 near or part of, 3 region",
    "fatalities": "ACLED conservative count: the lowest reported number, 0 if unknown",
    "fatalities_low": "Lowest reported fatality count",
    "fatalities_best": "Best estimate of fatalities",
    "fatalities_high": "Highest reported fatality count",
    "n_sources": "Number of articles reporting the event",
    "confidence": "Extraction confidence from 0 to 1",
    "evidence": "Sentence the event was read from",
    "sentence_start": "Character offset of the evidence sentence in the article text",
    "sentence_end": "Character offset just past the evidence sentence",
    "matched_mention_id": "The report of the same event this one was matched to (none for the event's first report)",
    "match_score": "Evidence that the two reports tell one event (seeds/event_resolution.yaml threshold)",
    "match_reason": "Why they were matched: date, place, type, actors, fatalities and text, each with its score",
    "is_background": "The passage recalls an earlier event rather than reporting a new one",
}


defs = dg.Definitions(resources={"pipeline_settings": PipelineSettings()})
