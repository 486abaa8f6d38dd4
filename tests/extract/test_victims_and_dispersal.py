"""Who suffered an act and whether force met a crowd, read from the parse in both languages: participles that
modify their victims, counted victims a parser left unattached, attackers named by attribution, and a crowd that
disperses by itself (sentences written for these tests)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.records import Article

PUBLISHED = datetime(2024, 3, 6, tzinfo=UTC)


def events(extractor, text: str, language: str) -> list[tuple[str, str | None]]:
    article = Article(f"{language}-test", text, published_at=PUBLISHED, language=language)
    return [(m.sub_event_type, m.actor2) for m in extractor.extract([article]) if m.is_event]


@pytest.mark.slow
@pytest.mark.parametrize("text, language", [
    # the participle modifies the counted victims; the rebels are who the incursion is attributed to
    ("Un bilan provisoire fait état de 17 villageois tués lors d'une incursion attribuée aux rebelles du M23 "
     "près de Rutshuru, mardi.", "fr"),
    ("At least 14 villagers were killed on Monday in an attack blamed on militants near the town of Mubi.", "en"),
    # "personnes" misparsed as an oblique of the passive verb is still who was killed
    ("Au moins 40 personnes, dont des enfants, ont été tuées lundi dans une attaque d'hommes armés à Kouka, dans "
     "le nord du Burkina Faso. Deux membres du groupe armé ont été blessés.", "fr"),
])
def test_counted_victims_make_an_attack_on_civilians(extractor, text, language):
    coded = events(extractor, text, language)
    assert coded and coded[0][0] == "Attack", coded
    assert coded[0][1] and coded[0][1].startswith("Civilians"), coded


@pytest.mark.slow
@pytest.mark.parametrize("text, language, sub_event_type", [
    ("Quelque 300 étudiants ont manifesté mardi à Dakar pour réclamer leurs bourses, avant de se disperser dans le "
     "calme en fin de matinée.", "fr", "Peaceful protest"),
    ("About 300 students protested outside the ministry in Nairobi on Tuesday to demand their grants, then "
     "dispersed peacefully at noon.", "en", "Peaceful protest"),
    ("Quelque 300 étudiants ont manifesté mardi à Dakar pour réclamer leurs bourses. La police a dispersé les "
     "manifestants.", "fr", "Protest with intervention"),
    ("About 300 students protested outside the ministry in Nairobi on Tuesday to demand their grants. Police "
     "dispersed the crowd.", "en", "Protest with intervention"),
])
def test_force_on_a_crowd_needs_someone_to_use_it(extractor, text, language, sub_event_type):
    coded = events(extractor, text, language)
    assert [sub for sub, _ in coded] == [sub_event_type], coded
