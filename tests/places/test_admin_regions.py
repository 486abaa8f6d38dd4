"""ACLED's regional admin1 (seeds/admin_regions.csv): Nepal's development regions, Myanmar's split Bago and Shan.

The gazetteer keeps its own units and ids (Nepal's seven provinces, Myanmar's Shan State); an event in a listed
district shows the region ACLED names as its admin1.
"""

from __future__ import annotations

import csv

import pytest

from pipeline.places.gazetteer import admin_regions_path
from pipeline.places.names import name_key

NEPAL_REGIONS = {"East", "Central", "West", "Mid-Western", "Far-Western"}


def unit(gazetteer, name: str, kind: str, country: str):
    return next(c for c in gazetteer.lookup(name) if c.kind == kind and c.country == country)


@pytest.mark.parametrize(
    ("town", "country", "region"),
    [
        ("Biratnagar", "Nepal", "East"), ("Janakpur", "Nepal", "Central"), ("Pokhara", "Nepal", "West"),
        ("Nepalgunj", "Nepal", "Mid-Western"), ("Dhangadhi", "Nepal", "Far-Western"),
        ("Taungoo", "Myanmar", "Bago-East"), ("Pyay", "Myanmar", "Bago-West"), ("Lashio", "Myanmar", "Shan-North"),
        ("Taunggyi", "Myanmar", "Shan-South"), ("Kengtung", "Myanmar", "Shan-East"),
        ("Alabel", "Philippines", "Soccsksargen"), ("Iligan", "Philippines", "Northern Mindanao"),
    ],
)
def test_towns_carry_their_districts_region(gazetteer, town, country, region):
    assert unit(gazetteer, town, "place", country).admin1 == region


def test_districts_show_the_region_and_keep_their_ids(gazetteer):
    district = unit(gazetteer, "Chitwan", "admin2", "Nepal")
    province = gazetteer.unit(district.admin1_id)
    assert district.admin1 == "Central" and province.kind == "admin1" and province.name == "Bagmati"


def test_a_unit_wholly_inside_one_region_shows_it(gazetteer):
    assert unit(gazetteer, "Karnali", "admin1", "Nepal").admin1 == "Mid-Western"
    assert unit(gazetteer, "Sudurpashchim", "admin1", "Nepal").admin1 == "Far-Western"


@pytest.mark.parametrize(("district", "region"), [("Mzimba", "Northern"), ("Lilongwe", "Central"),
                                                  ("Zomba", "Southern")])
def test_a_first_level_district_shows_its_region(gazetteer, district, region):
    """Malawi's districts are the gazetteer's first level; ACLED's admin1 is their region."""
    assert unit(gazetteer, district, "admin1", "Malawi").admin1 == region


def test_a_unit_spanning_regions_keeps_its_own_name(gazetteer):
    """Madhesh Province took districts of two development regions; Shan State holds three of ACLED's regions."""
    assert unit(gazetteer, "Madhesh", "admin1", "Nepal").admin1 == "Madhesh"
    assert unit(gazetteer, "Shan", "admin1", "Myanmar").admin1 == "Shan"


def test_region_names_are_no_toponyms(gazetteer):
    """The regions are display names only: "Central" in a text does not become a Nepali unit."""
    assert not [c for c in gazetteer.lookup("Central") if c.country == "Nepal"]


def test_every_district_of_nepal_has_its_region(gazetteer, overrides_csv):
    with admin_regions_path(overrides_csv).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    nepal = [row for row in rows if row["country"] == "NP"]
    assert len(nepal) == 75 and {row["acled_admin1"] for row in nepal} == NEPAL_REGIONS  # the 75 districts of 2015
    for row in nepal:
        found = [c for c in gazetteer.lookup(row["district"]) if c.kind == "admin2" and c.country == "Nepal"]
        assert found and {c.admin1 for c in found} == {row["acled_admin1"]}, row["district"]


def test_an_event_in_a_nepali_town_is_coded_to_acleds_region(locate):
    place = locate("Police fired tear gas at protesters in Butwal on Thursday, injuring six people.")
    assert place.country == "Nepal" and name_key(place.location) == name_key("Butwal") and place.admin1 == "West"


@pytest.mark.parametrize(("town", "district"), [("Gulu", "Gulu"), ("Entebbe", "Wakiso")])
def test_a_country_coded_by_district_shows_it_as_admin1(gazetteer, town, district):
    """Uganda (kind=districts in seeds/places.csv): ACLED's admin1 is the district, not the region above it."""
    place = unit(gazetteer, town, "place", "Uganda")
    assert place.admin1 == district and gazetteer.unit(place.admin1_id).kind == "admin1"
