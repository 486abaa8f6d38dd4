"""A capital named by a phrase, multi-word unit names, the most specific place inside a unit, wire datelines with
dates, context outranking a bare capitalised run, and aliases that do not win by population alone."""

from __future__ import annotations

import pytest

from pipeline.places.names import name_key
from pipeline.places.resolver import DATELINE


@pytest.mark.parametrize(
    ("text", "country", "city"),
    [
        ("Gunmen threw a grenade into a bar in the Ugandan capital on Friday night.", "Uganda", "Kampala"),
        ("Doctors went on strike across Ghana's capital on Monday over unpaid allowances.", "Ghana", "Accra"),
        ("Hundreds rallied in the capital of Senegal on Saturday against the postponed vote.", "Senegal", "Dakar"),
        ("Police in Ethiopia said a bomb went off at a bus station in the capital on Sunday.", "Ethiopia",
         "Addis Ababa"),
        ("Riot police fired tear gas at taxi drivers in the Zambian capital city on Tuesday.", "Zambia", "Lusaka"),
    ],
)
def test_a_capital_phrase_is_the_capital_city(locate, text, country, city):
    place = locate(text)
    assert place.country == country and name_key(place.location) == name_key(city) and place.geo_precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers in Uganda debated capital punishment for treason on Wednesday as protesters gathered outside.",
        "Youths clashed with police in Gulu, the regional capital, in northern Uganda on Monday.",
        "Traders in Kano, the state capital, shut their shops on Monday to protest new taxes in Nigeria.",
    ],
)
def test_other_capitals_and_capital_as_a_word_are_not_the_national_capital(locate, text):
    place = locate(text)
    assert name_key(place.location or "") not in {name_key("Kampala"), name_key("Abuja")}


def test_near_the_capital_is_precision_2(locate):
    place = locate("Soldiers clashed with rebels near the Malian capital on Thursday.")
    assert place.country == "Mali" and name_key(place.location) == name_key("Bamako") and place.geo_precision == 2


def test_a_multi_word_unit_name_types_the_name_before_it(locate):
    place = locate("Bandits stormed Maru Local Government Area of Zamfara State on Friday, abducting 30 people.")
    assert place.country == "Nigeria" and name_key(place.admin1) == name_key("Zamfara")
    assert name_key(place.location) == name_key("Maru")


def test_the_most_specific_place_inside_the_chosen_unit_wins(locate):
    place = locate("Herdsmen attacked farmers in Benue State on Monday, in a village of Logo district.")
    assert place.country == "Nigeria" and name_key(place.admin1) == name_key("Benue")
    assert name_key(place.location) == name_key("Logo")


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("KAMPALA, March 3 (Reuters) - Police fired", "KAMPALA"),
        ("ACCRA, Ghana (AP) — Protesters", "ACCRA"),
        ("LUSAKA, Zambia, Oct. 9, 2016 (Wire) - Police", "LUSAKA"),
        ("Mombasa, Kenya (AP) — Gunmen", "Mombasa"),
        ("Dar es Salaam, Tanzania, May 4 (Wire) - Riot police", "Dar es Salaam"),
    ],
)
def test_wire_datelines_with_a_country_or_an_english_date(text, city):
    found = DATELINE.match(text)
    assert found is not None and found.group(1).strip(" ,") == city


def test_a_wire_dateline_with_a_date_is_no_event_place(locate):
    place = locate("NAIROBI, Nov 3 (Reuters) - Gunmen killed four people in an attack on a bus in Wajir on Sunday.")
    assert place.country == "Kenya" and name_key(place.location) == name_key("Wajir")


def test_a_title_case_dateline_with_its_country_is_no_event_place(locate):
    place = locate("Kampala, Uganda (Wire) - Soldiers exchanged fire with cattle raiders near Moroto on Tuesday.")
    assert place.country == "Uganda" and name_key(place.location) == name_key("Moroto")


@pytest.mark.parametrize("text", [
    "Goma, the largest city in the east, was calm on Monday after the clashes.",
    "Bamako residents queued for fuel on Friday - the third shortage this year.",
])
def test_a_title_case_sentence_start_is_no_dateline(text):
    assert DATELINE.match(text) is None


def test_a_name_before_a_word_for_its_people_counts_at_a_sentence_start(locate):
    place = locate("Visakhapatnam residents blocked the port road on Friday to protest against the plant's sale.")
    assert place.country == "India" and name_key(place.location) == name_key("Visakhapatnam")


def test_an_alias_does_not_win_by_population_alone(locate):
    place = locate("Armed men raided the police station of Po on Monday night, a Burkinabe security source said.")
    assert place.country == "Burkina Faso" and place.admin1 == "Centre-Sud"
