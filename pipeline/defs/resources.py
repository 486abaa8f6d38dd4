"""The Dagster resource carrying the pipeline settings, and the staging paths every asset group shares."""


from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.settings import Settings, default_settings


class PipelineSettings(dg.ConfigurableResource):
    """Paths and model for a run (defaults: the CONFLICT_EVENTS_* environment and config file)."""

    articles: str = str(default_settings().articles)
    warehouse: str = str(default_settings().warehouse)
    seeds: str = str(default_settings().seeds)
    spacy_model: str = default_settings().spacy_model
    min_mention_confidence: float = default_settings().min_mention_confidence

    def settings(self) -> Settings:
        return Settings(articles=Path(self.articles), warehouse=Path(self.warehouse), seeds=Path(self.seeds),
                        spacy_model=self.spacy_model, min_mention_confidence=self.min_mention_confidence)

    def staged(self, table: str) -> Path:
        """Where a stage leaves its table for the next one."""
        return Path(self.warehouse) / "staging" / f"{table}.parquet"


COLUMN_DESCRIPTIONS = {
    "article_id": "Article identifier (given by the source, or derived from its content hash)",
    "source_path": "File the record was read from",
    "published_at": "Publication time of the article (UTC)",
    "duplicate_of": "article_id of the first exact or near-duplicate article, if any",
    "content_hash": "sha256 of the normalized text",
    "language": "ISO 639-1 language code",
    "country": "Country the source says the article is about (optional; places events within it)",
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
    "is_background": "The passage recalls an earlier event rather than reporting a new one",
}


def table_metadata(frame: pl.DataFrame, preview_columns: list[str] | None = None) -> dict[str, dg.MetadataValue]:
    """Row count, column schema (with COLUMN_DESCRIPTIONS) and a Markdown preview of the first rows."""
    preview = (frame.select(preview_columns) if preview_columns else frame).head(10)
    with pl.Config(tbl_formatting="MARKDOWN", tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True,
                   fmt_str_lengths=80, tbl_cols=-1):
        markdown = str(preview) if frame.height else "_empty_"
    return {
        "dagster/row_count": dg.MetadataValue.int(frame.height),
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name, str(dtype), description=COLUMN_DESCRIPTIONS.get(name))
                     for name, dtype in frame.schema.items()]),
        "preview": dg.MetadataValue.md(markdown),
    }
