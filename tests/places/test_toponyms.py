"""Toponyms found without relying on NER labels: inside organisation names, before a word for their people,
after place prepositions and verbs of movement."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Pakistani police dispersed journalists outside the Peshawar Press Club on Monday.", "Peshawar"),
        ("Indian police removed commuters blocking the Chennai Metropolitan Transport Corporation depot.", "Chennai"),
        ("Kochi residents blocked the highway in Kerala on Sunday to protest water cuts.", "Kochi"),
        ("Farmers stopped trains leaving Ludhiana on Friday.", "Ludhiana"),
    ],
)
def test_toponym_found_by_its_context(locate, text, location):
    place = locate(text)
    assert place.country == "India" or place.country == "Pakistan"
    assert place.location == location and place.latitude is not None


def test_a_village_name_is_not_cut_to_a_known_first_word(locate):
    place = locate("The OSCE SMM recorded 4 explosions near Khutir Bilyi Kamin on Sunday.")
    assert place.location == "Khutir Bilyi Kamin"


def test_words_of_an_organisation_name_are_no_places_without_a_focus(locate):
    place = locate("The Independence Press Club issued a statement on Monday.")
    assert place.latitude is None


def test_a_big_city_leading_an_organisation_name_counts_without_a_focus(locate):
    place = locate("Journalists rallied outside the Karachi Press Club on Monday.", "rallied")
    assert place.country == "Pakistan" and place.admin1 == "Sindh"


@pytest.mark.parametrize("text, location", [
    ("Gunmen shot a farmer in Ayn Sirt, Libya, on Monday.", "Ayn Sirt"),  # not Sirt city
    ("Shells landed in Kafr Aleppo, a hamlet of Syria, on Monday.", "Kafr Aleppo"),
])
def test_a_generic_head_word_keeps_an_unknown_name_whole(locate, text, location):
    place = locate(text)
    assert place.location == location and place.geo_precision != 1


@pytest.mark.parametrize(("text", "location", "admin1"), [
    ("SMM patrols counted six explosions near Zolote-5 during the evening.", "Zolote", "Luhansk"),
    ("Gunmen robbed a bus near Kramatorsk-2 station, Ukrainian police said.", "Kramatorsk", "Donetsk"),
])
def test_a_numbered_part_of_a_town_is_placed_in_that_town(locate, text, location, admin1):
    place = locate(text)
    assert place.location == location and place.admin1 == admin1


def test_a_numbered_name_needs_a_known_town(locate):
    place = locate("Police dispersed a rally near Qwertyville-3 in Dnipropetrovsk region.")
    assert place.location == "Qwertyville-3" and place.admin1 == "Dnipropetrovsk"


@pytest.mark.parametrize(("text", "country", "location"), [
    # a name the text measures a place from is a place, whatever the NER labelled it
    ("Around dawn French troops struck a camp 40km north of Gorom-Gorom, near Bangao, and seized motorbikes.",
     "Burkina Faso", "Gorom-Gorom"),
    ("Suspected jihadists burned a school 12 km east of Titao on Thursday, local sources said.", "Burkina Faso",
     "Titao"),
])
def test_a_name_measured_from_is_a_place(locate, text, country, location):
    place = locate(text)
    assert place.country == country and place.location == location


@pytest.mark.parametrize(("text", "admin1"), [
    ("Tribal women staged a protest in Keylong in Lahaul Spiti (HP) against the entry of outsiders.",
     "Himachal Pradesh"),
    ("Workers held a protest in Damaracherla village (Nalgoda, TS) over unpaid salaries.", "Telangana"),
    ("Traders shut their shops in Siliguri (WB) against the new toll.", "West Bengal"),
    ("Nurses protested outside a government hospital in Kodaikanal (TN) over unpaid overtime.", "Tamil Nadu"),
])
def test_a_state_abbreviation_after_a_place_names_its_state(locate, text, admin1):
    place = locate(text)
    assert place.country == "India" and place.admin1 == admin1
