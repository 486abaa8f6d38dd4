"""Admin1 names in the spelling English text uses (wordfreq frequencies over a unit's own aliases)."""

from __future__ import annotations

import pytest

from pipeline.places.exonyms import english_spelling


@pytest.mark.parametrize(
    ("name", "aliases", "english"),
    [
        ("Moskva", ["Moscow", "Мәскәү"], "Moscow"),  # the exonym English uses
        ("Bayrut", ["Beirut", "Bayrout"], "Beirut"),
        ("Agdam", ["Aghdam"], "Agdam"),  # about as frequent: kept as written
        ("Cantabria", ["Santander"], "Cantabria"),  # another name (capital), not a spelling of it
        ("Eastern", ["East"], "Eastern"),  # position words are names as written
        ("Sumy", ["SUM", "Sumska"], "Sumy"),  # codes and rarer spellings are not exonyms
        ("North Darfur", ["North"], "North Darfur"),  # names of several words are kept
    ],
)
def test_english_spelling(name, aliases, english):
    assert english_spelling(name, aliases) == english


def test_gazetteer_shows_the_english_exonym(gazetteer):
    units = [c for c in gazetteer.lookup("Moskva") if c.kind == "admin1" and c.iso2 == "RU"]
    assert units and units[0].name == "Moscow"
