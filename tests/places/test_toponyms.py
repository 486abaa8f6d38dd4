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
    place = locate("The OSCE SMM recorded 4 explosions near Khutir Vilny on Sunday.")
    assert place.location == "Khutir Vilny"


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
