"""Language routing: each article is read by the reader of its language, models load only when their articles
come, and articles of a language without a reader are named, never read as another language."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from pipeline.extract.cache import extract_incrementally
from pipeline.extract.languages import unreadable_articles
from pipeline.extract.mentions import Extractor
from pipeline.records import Article
from pipeline.settings import Settings

PUBLISHED = datetime(2024, 3, 6, tzinfo=UTC)
ENGLISH = Article("en-1", "Gunmen killed four farmers in the village of Dogo on Tuesday, police said.",
                  published_at=PUBLISHED, language="en")
GERMAN = Article("de-1", "Bewaffnete haben am Dienstag vier Bauern getötet.", published_at=PUBLISHED, language="de")
FRENCH = Article("fr-1", "Des hommes armés ont tué quatre cultivateurs mardi dans un village du cercle de Bankass, "
                 "dans le centre du Mali, a-t-on appris de sources locales.", published_at=PUBLISHED, language="fr")


def unread(articles: list[Article], extractor: Extractor) -> list[tuple[str, str]]:
    """(article_id, language) of the articles the extractor's languages leave unread, as the run summary counts them."""
    frame = pl.DataFrame([{"article_id": a.article_id, "language": a.language, "duplicate_of": a.duplicate_of}
                          for a in articles])
    return list(unreadable_articles(frame, extractor.languages).iter_rows())


@pytest.fixture(scope="module")
def fresh_extractor() -> Extractor:
    """An extractor of its own: no other test has loaded a model into it."""
    return Extractor.from_settings(Settings())


def test_models_load_only_for_their_articles_and_other_languages_are_counted(fresh_extractor):
    assert not any(reader.loaded for reader in fresh_extractor.readers.values())
    mentions, parsed = extract_incrementally(fresh_extractor, [ENGLISH, GERMAN], cache=None)
    assert fresh_extractor.readers["en"].loaded and not fresh_extractor.readers["fr"].loaded
    assert parsed == 1 and set(mentions["article_id"]) == {"en-1"}
    assert unread([ENGLISH, GERMAN, FRENCH], fresh_extractor) == [("de-1", "de")]


def test_a_language_without_a_model_setting_is_not_read():
    extractor = Extractor.from_settings(Settings(spacy_models={}))
    assert list(extractor.extract([FRENCH])) == []
    assert extractor.languages == {"en"} and unread([ENGLISH, FRENCH], extractor) == [("fr-1", "fr")]


@pytest.mark.slow
def test_a_french_article_is_coded_in_acled_english_with_its_french_evidence(fresh_extractor):
    (mention,) = [m for m in fresh_extractor.extract([FRENCH]) if m.is_event]
    assert fresh_extractor.readers["fr"].loaded
    assert (mention.event_type, mention.sub_event_type) == ("Violence against civilians", "Attack")
    assert (mention.country, mention.fatalities, mention.event_date.isoformat()) == ("Mali", 4, "2024-03-05")
    assert mention.evidence.startswith("Des hommes armés ont tué quatre cultivateurs")


@pytest.mark.slow
def test_french_possible_arrests_are_no_event_and_a_suicide_bomber_is_counted(fresh_extractor):
    possible = Article("fr-2", "Le ministre de la Sécurité a évoqué lundi d'éventuelles arrestations parmi les "
                       "responsables du parti.", published_at=PUBLISHED, language="fr")
    bombing = Article("fr-3", "Trois fidèles ont été tués mardi lorsqu'un kamikaze s'est fait exploser devant une "
                      "mosquée de Mora, dans l'Extrême-Nord du Cameroun.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([possible, bombing]) if m.is_event]
    assert [(m.article_id, m.sub_event_type, m.fatalities) for m in events] == [("fr-3", "Suicide bomb", 4)]


@pytest.mark.slow
def test_french_violence_words_on_abstract_things_are_no_event(fresh_extractor):
    figurative = Article("fr-4", "Le gouvernement malien a promis mardi de combattre la corruption et de lutter contre "
                         "la pauvreté dans la région de Mopti.", published_at=PUBLISHED, language="fr")
    battle = Article("fr-5", "Les soldats ont combattu mardi des assaillants près de Boulkessi, dans le nord du "
                     "Burkina Faso.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([figurative, battle]) if m.is_event]
    assert [m.article_id for m in events] == ["fr-5"]


@pytest.mark.slow
def test_french_festivals_visits_and_exercises_are_no_event(fresh_extractor):
    festival = Article("fr-6", "Des milliers de jeunes se sont rassemblés samedi soir à Ségou pour le concert de "
                       "clôture du festival sur le Niger.", published_at=PUBLISHED, language="fr")
    visit = Article("fr-7", "Le Premier ministre a reçu lundi à Bangui l'envoyé spécial de l'ONU. Ils ont abordé la "
                    "mise en œuvre de l'accord de paix.", published_at=PUBLISHED, language="fr")
    exercise = Article("fr-8", "Les soldats ont simulé mardi une attaque contre la préfecture de Maroua lors d'un "
                       "exercice de simulation.", published_at=PUBLISHED, language="fr")
    protest = Article("fr-9", "Des centaines de commerçants se sont rassemblés lundi devant la mairie de Ségou pour "
                      "dénoncer la hausse des taxes.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([festival, visit, exercise, protest]) if m.is_event]
    assert [(m.article_id, m.sub_event_type) for m in events] == [("fr-9", "Peaceful protest")]


@pytest.mark.slow
def test_a_french_place_phrase_after_english_articles_is_read(fresh_extractor):
    """The place-context patterns, first built on an English Doc, name their rules in a French Doc too."""
    english = Article("en-9", "Gunmen killed two traders in the town of Gao in northern Mali on Monday, residents "
                      "said.",
                      published_at=PUBLISHED, language="en")
    french = Article("fr-9", "Des hommes armés ont tué deux commerçants lundi dans la localité de Tessit, dans la "
                     "région de Gao, au Mali.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([english, french]) if m.is_event]
    assert [(m.article_id, m.country) for m in events] == [("en-9", "Mali"), ("fr-9", "Mali")]


@pytest.mark.parametrize(("text", "reason"), [
    ("Trois voleurs de motos présumés ont été interpellés lundi et placés en garde à vue, a indiqué la "
     "police.", "crime"),
    ("Selon le ministre, ces pesticides frelatés tuent à petit feu les cultivateurs de la région.", "figurative"),
])
def test_french_ordinary_crime_and_set_phrases_yield_no_event(fresh_extractor, text, reason):
    article = Article(article_id="fr-6", text=text, published_at=PUBLISHED, language="fr")
    mentions = [m for m in fresh_extractor.extract([article]) if m.event_type]
    assert mentions and not any(m.is_event for m in mentions)
    assert reason in {m.rejection_reason for m in mentions}


@pytest.mark.slow
def test_french_arrest_of_an_opponent_stays_an_event(fresh_extractor):
    text = "Des militaires ont interpellé lundi un opposant politique accusé de complot, a annoncé son parti."
    article = Article(article_id="fr-6", text=text, published_at=PUBLISHED, language="fr")
    assert any(m.is_event for m in fresh_extractor.extract([article]))


@pytest.mark.slow
def test_a_french_reminder_of_a_ban_is_no_event(fresh_extractor):
    """What a reminder governs holds already (claim_heads: rappeler), it is not a new measure."""
    reminder = Article("fr-7", "Le gouverneur a rappelé mardi l'interdiction de circuler à moto dans la région de "
                       "Mopti.", published_at=PUBLISHED, language="fr")
    mentions = [m for m in fresh_extractor.extract([reminder]) if m.event_type]
    assert mentions and not any(m.is_event for m in mentions)


@pytest.mark.slow
def test_a_french_killing_told_before_who_denounced_it_stays_an_event(fresh_extractor):
    """« …, a dénoncé mercredi un réseau »: a claim verb after the fact, its subject after it, reports the fact."""
    reported = Article("fr-8", "Douze villageois ont été tués lundi lors d'une attaque d'hommes armés près de Djibo, a "
                       "dénoncé mercredi une association de défense des droits humains.", published_at=PUBLISHED,
                       language="fr")
    accused = Article("fr-10", "L'opposition a dénoncé mercredi les tueries de civils imputées à l'armée dans la "
                      "région de Mopti.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([reported, accused]) if m.is_event]
    assert [m.article_id for m in events] == ["fr-8"]


@pytest.mark.slow
def test_a_french_paragraph_ends_its_sentence_and_devices_neutralised_are_disrupted_weapons_use(fresh_extractor):
    """A blank line ends a sentence before the French parse, so a background paragraph (« Depuis 2014 … ») does not
    make the event before it background; « neutralisé deux engins explosifs » disrupts weapons use and kills nobody."""
    attack = Article("fr-11", "Des rebelles ont attaqué lundi un village proche de Mokolo, dans l'Extrême-Nord du "
                     "Cameroun, tuant trois civils, ont indiqué des sources administratives\n\nDepuis 2014, les "
                     "violences ont fait plus de 2 000 morts dans la région.", published_at=PUBLISHED, language="fr")
    devices = Article("fr-12", "Les militaires maliens ont neutralisé deux engins explosifs improvisés mardi sur la "
                      "route de Bandiagara, dans la région de Mopti.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([attack, devices]) if m.is_event]
    assert [(m.article_id, m.sub_event_type, m.fatalities) for m in events] == [
        ("fr-11", "Attack", 3), ("fr-12", "Disrupted weapons use", 0)]


@pytest.mark.slow
def test_french_lynchings_are_mob_violence(fresh_extractor):
    lynching = Article("fr-4", "Un homme soupçonné d'avoir volé une moto a été lynché mardi par une foule en colère "
                       "dans un quartier de Bukavu.", published_at=PUBLISHED, language="fr")
    events = [m for m in fresh_extractor.extract([lynching]) if m.is_event]
    assert [(m.article_id, m.sub_event_type) for m in events] == [("fr-4", "Mob violence")]
