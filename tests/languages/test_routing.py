"""Language routing: each article is read by the reader of its language, models load only when their articles
come, and articles of a language without a reader are counted, never read as another language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.extract.cache import extract_incrementally
from pipeline.extract.languages import unread_summary
from pipeline.extract.mentions import Extractor
from pipeline.records import Article
from pipeline.settings import Settings

PUBLISHED = datetime(2024, 3, 6, tzinfo=UTC)
ENGLISH = Article("en-1", "Gunmen killed four farmers in the village of Dogo on Tuesday, police said.",
                  published_at=PUBLISHED, language="en")
GERMAN = Article("de-1", "Bewaffnete haben am Dienstag vier Bauern getötet.", published_at=PUBLISHED, language="de")
FRENCH = Article("fr-1", "Des hommes armés ont tué quatre cultivateurs mardi dans un village du cercle de Bankass, "
                 "dans le centre du Mali, a-t-on appris de sources locales.", published_at=PUBLISHED, language="fr")


@pytest.fixture(scope="module")
def fresh_extractor() -> Extractor:
    """An extractor of its own: no other test has loaded a model into it."""
    return Extractor.from_settings(Settings())


def test_models_load_only_for_their_articles_and_other_languages_are_counted(fresh_extractor):
    assert not any(reader.loaded for reader in fresh_extractor.readers.values())
    mentions, parsed = extract_incrementally(fresh_extractor, [ENGLISH, GERMAN], cache=None)
    assert fresh_extractor.readers["en"].loaded and not fresh_extractor.readers["fr"].loaded
    assert parsed == 1 and set(mentions["article_id"]) == {"en-1"}
    assert fresh_extractor.unread_languages == {"de": 1}
    assert unread_summary(fresh_extractor.unread_languages) == "de 1"


def test_a_language_without_a_model_setting_is_not_read():
    extractor = Extractor.from_settings(Settings(spacy_models={}))
    assert list(extractor.extract([FRENCH])) == []
    assert extractor.unread_languages == {"fr": 1}


@pytest.mark.slow
def test_a_french_article_is_coded_in_acled_english_with_its_french_evidence(fresh_extractor):
    (mention,) = [m for m in fresh_extractor.extract([FRENCH]) if m.is_event]
    assert fresh_extractor.readers["fr"].loaded
    assert (mention.event_type, mention.sub_event_type) == ("Violence against civilians", "Attack")
    assert (mention.country, mention.fatalities, mention.event_date.isoformat()) == ("Mali", 4, "2024-03-05")
    assert mention.evidence.startswith("Des hommes armés ont tué quatre cultivateurs")
