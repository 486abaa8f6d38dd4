"""French counting grammar (seeds/languages/fr/fatality_terms.yaml) on sentences written for these tests."""

import pytest

from pipeline.normalize.fatalities import count_fatalities, load_terms
from tests.conftest import SEEDS

FRENCH = load_terms(SEEDS / "languages" / "fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La fusillade a fait un mort et deux blessés au marché.", 1),  # "un mort": one, not the unknown plural
        ("Quatre bergères sont mortes près du puits.", 4),
        ("Six commerçants ont été enlevés puis exécutés par des hommes armés.", 6),  # one fate told in order
        ("Deux chauffeurs ont été kidnappés avant d'être tués.", 2),
        ("Mardi, trois éleveurs ont été tués près de la mare.", 3),  # the weekday is no victim
        ("Hier, deux gendarmes ont été abattus.", 2),
        # the bomber is one more death, told once, also when the others' deaths follow
        ("Un kamikaze s'est fait exploser devant la caserne. Trois gardes ont été tués.", 4),
        ("Un kamikaze s'est fait exploser au marché, tuant neuf personnes, dont le kamikaze.", 9),
        # the other side named later adds; a later count of "personnes" is another account
        ("Quatre soldats ont été tués. Sept assaillants ont été tués par la riposte.", 11),
        ("Des bandits ont tué cinq villageois. Cinq personnes ont été tuées, selon le maire.", 5),
        # a separate incident is another account, not added
        ("Deux soldats ont été tués au poste. Par ailleurs, une mine a tué six civils.", 2),
        ("« Des dizaines » de villageois ont été tués, selon un élu.", 12),
        ("Des centaines de civils ont été massacrés.", 100),
        ("Une frappe a tué une famille de cinq personnes.", 5),
        ("L'embuscade a tué six soldats, ce qui porte à 90 le nombre de militaires tués depuis janvier.", 6),
    ],
)
def test_french_counting_grammar(text, expected):
    count = count_fatalities(text, FRENCH)
    assert count.fatalities == expected and count.low <= count.best <= count.high
