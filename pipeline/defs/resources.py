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


def table_metadata(frame: pl.DataFrame, preview_columns: list[str] | None = None) -> dict[str, dg.MetadataValue]:
    """Row count, column schema and a Markdown preview of the first rows."""
    preview = (frame.select(preview_columns) if preview_columns else frame).head(10)
    with pl.Config(tbl_formatting="MARKDOWN", tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=True,
                   fmt_str_lengths=80, tbl_cols=-1):
        markdown = str(preview) if frame.height else "_empty_"
    return {
        "dagster/row_count": dg.MetadataValue.int(frame.height),
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name, str(dtype)) for name, dtype in frame.schema.items()]),
        "preview": dg.MetadataValue.md(markdown),
    }
