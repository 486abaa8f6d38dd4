"""Admin units carry ACLED's English names: seeds/admin_names.csv first, then the packages' English aliases."""

from __future__ import annotations

import pytest

from pipeline.places.gazetteer import _ascii_display


@pytest.mark.parametrize(
    ("name", "country", "acled"),
    [
        ("Tripoli", "Libya", "Tripoli"), ("Lower Shabelle", "Somalia", "Lower Shabelle"),
        ("Jubbada Hoose", "Somalia", "Lower Juba"), ("Beirut", "Lebanon", "Beirut"), ("Bekaa", "Lebanon", "Bekaa"),
        ("Rif Dimashq", "Syria", "Rural Damascus"), ("Far North", "Cameroon", "Extreme-Nord"),
        ("Michoacan", "Mexico", "Michoacan"), ("Nairobi", "Kenya", "Nairobi"),
        ("Anatoliki Makedonia kai Thraki", "Greece", "East Macedonia and Thrace"),
        ("Free State", "South Africa", "Free State"), ("Awdal", "Somalia", "Awdal"),
        ("Woqooyi Galbeed", "Somalia", "Woqooyi Galbeed"), ("FCT", "Nigeria", "Federal Capital Territory"),
        ("Al Jafarah", "Libya", "Aljfara"), ("Dagestan", "Russia", "Republic of Dagestan"),
        ("Sverdlovsk", "Russia", "Sverdlovsk Oblast"), ("Krasnodar", "Russia", "Krasnodar Krai"),
        ("Grodno", "Belarus", "Grodno"), ("Split-Dalmatia", "Croatia", "Split-Dalmatia"),
        ("Osijek-Baranja", "Croatia", "Osijek-Baranja"), ("Siem Reap", "Cambodia", "Siem Reap"),
        ("Amhara", "Ethiopia", "Amhara"), ("Tigray", "Ethiopia", "Tigray"),
        ("Chuy", "Kyrgyzstan", "Chui"), ("Western Area", "Sierra Leone", "Western"),
        ("North Western", "Sierra Leone", "North-West"), ("Lopburi", "Thailand", "Lop Buri"),
        ("Buriram", "Thailand", "Buri Ram"), ("Soqatra", "Yemen", "Suqutra"), ("Leh", "India", "Ladakh"),
        ("Ben Arous", "Tunisia", "Ben Arous (Tunis Sud)"),
    ],
)
def test_admin1_has_acleds_english_name(gazetteer, name, country, acled):
    units = [c for c in gazetteer.lookup(name) if c.kind == "admin1" and c.country == country]
    assert units and units[0].name == acled and units[0].admin1 == acled


def test_places_carry_the_english_admin1_name(gazetteer):
    kismayo = next(c for c in gazetteer.lookup("Kismayo") if c.kind == "place")
    assert kismayo.admin1 == "Lower Juba"


@pytest.mark.parametrize(
    ("name", "aliases", "display"),
    [
        ("Jubbada Dhexe", ["Juba Dhexe", "Jubbada Dhexe Region", "Middle Juba"], "Middle Juba"),
        ("Wajir", ["Kaunti ya Wajir", "Wajir County"], "Wajir"),
        ("‘Akkār", ["محافظة عكار"], "Akkar"),
        ("Ţarābulus", ["شعبية طرابلس"], "Tarabulus"),
        ("North Kordofan", ["North Kordofan State", "Northern Kordofan"], "North Kordofan"),
    ],
)
def test_english_display_rules(name, aliases, display):
    assert _ascii_display(name, aliases) == display


@pytest.mark.parametrize(
    ("town", "country", "district", "admin1"),
    [
        ("Kragujevac", "Serbia", "Šumadijski", "Central Serbia"), ("Novi Sad", "Serbia", None, "Vojvodina"),
        ("Nablus", "Palestine", "Nablus", "West Bank"), ("Khan Yunis", "Palestine", None, "Gaza Strip"),
    ],
)
def test_nested_unit_systems_keep_districts_below_the_first_level(gazetteer, town, country, district, admin1):
    """Serbia's and Palestine's admin1 units are GeoNames' first level (seeds/places.csv kind=nest); their
    districts, which the packages list beside them, are admin2 units inside them."""
    place = next(c for c in gazetteer.lookup(town) if c.kind == "place" and c.country == country)
    assert place.admin1 == admin1
    assert district is None or place.admin2 == district


def test_a_nested_countrys_capital_city_stays_a_unit_of_its_own(gazetteer):
    belgrade = next(c for c in gazetteer.lookup("Belgrade") if c.kind == "place" and c.country == "Serbia")
    assert belgrade.admin1 == "Belgrade"


def test_a_unit_named_by_its_iso_code_keeps_two_namesakes_apart(gazetteer):
    """Kyiv City (UA-30) and the Kyiv oblast around it are both "Kyiv" in the packages."""
    assert {c.name for c in gazetteer.lookup("Kyiv") if c.kind == "admin1"} == {"Kiev City", "Kiev"}
    assert {c.name for c in gazetteer.lookup("Lima") if c.kind == "admin1"} == {"Lima Province", "Lima"}


@pytest.mark.parametrize(("name", "country", "admin2"), [
    ("Penza", "Russia", "Penza"),  # the city district keeps its name: "Penza Oblast" is the admin1's alone
    ("Idlib", "Syria", "Idleb"),  # a name both levels share (level "1|2")
])
def test_admin_names_apply_to_their_own_level(gazetteer, name, country, admin2):
    districts = [c for c in gazetteer.lookup(name) if c.kind == "admin2" and c.country == country]
    assert districts and districts[0].name == admin2
