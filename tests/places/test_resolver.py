"""Event locations from sentences: precision, context, datelines and country-only events."""

from __future__ import annotations

import math

import pytest

from pipeline.places.names import name_key


def km_between(lat1, lon1, lat2, lon2) -> float:
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def test_hasakah_airstrike_is_coded_inside_the_governorate(locate):
    place = locate(
        "At least 23 civilians have been killed in suspected US-led airstrikes in the eastern Syrian province of "
        "Hasakah yesterday. The victims of the strike on the village of Al-Qasr were buried on Monday."
    )
    assert (place.country, place.iso) == ("Syria", 760)
    assert name_key(place.admin1) in {name_key("Al Hasakeh"), name_key("Al-Hasakah")}
    assert place.geo_precision == 3
    assert km_between(place.latitude, place.longitude, 36.50, 40.75) < 60  # Al-Hasakah city, inside the governorate


def test_named_town_has_precision_1(locate):
    place = locate("Gunmen killed three farmers in Maiduguri on Monday, police said.")
    assert (place.country, place.location, place.geo_precision) == ("Nigeria", "Maiduguri", 1)
    assert name_key(place.admin1) == name_key("Borno")


def test_near_a_town_has_precision_2(locate):
    place = locate("Gunmen killed three farmers near Maiduguri on Monday, police said.")
    assert (place.location, place.geo_precision) == ("Maiduguri", 2)


def test_region_only_has_precision_3_at_its_seat(locate):
    place = locate("Militants attacked an army base in Borno state on Monday.")
    assert place.country == "Nigeria" and name_key(place.admin1) == name_key("Borno") and place.geo_precision == 3
    assert km_between(place.latitude, place.longitude, 11.85, 13.16) < 30  # Maiduguri, the state capital


def test_country_only_is_flagged_without_coordinates(locate):
    place = locate("Fighting between rival militias continued across Yemen on Sunday.")
    assert place.is_country_only and (place.country, place.iso) == ("Yemen", 887)
    assert place.latitude is None and place.location is None and place.geo_precision is None


def test_reporting_dateline_is_ignored(locate):
    place = locate("BEIRUT (Reuters) - Rebels shelled government positions in Idlib province on Sunday, a monitor "
                   "said.")
    assert (place.country, place.admin1) == ("Syria", "Idleb")  # ACLED's name for Idlib


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Protesters blocked roads in Tripoli on Friday. Libya has been divided since 2014.", "Libya"),
        ("Protesters blocked roads in Tripoli on Friday. Lebanon faces a deep economic crisis.", "Lebanon"),
    ],
)
def test_ambiguous_name_is_resolved_by_the_article_country(locate, text, country):
    place = locate(text)
    assert (place.country, name_key(place.location)) == (country, name_key("Tripoli"))


def test_town_comma_admin1_picks_the_namesake_inside_that_unit(locate):
    place = locate("Police dispersed a protest in San Vicente, Jujuy, on Thursday.")
    assert place.country == "Argentina" and name_key(place.admin1) == name_key("Jujuy")


def test_neighbouring_sentence_gives_the_place_when_the_trigger_sentence_has_none(locate):
    place = locate("Two soldiers were killed on Tuesday. The ambush happened outside Kandahar.", trigger_text="killed")
    assert (place.country, place.geo_precision) == ("Afghanistan", 2)


def test_origin_mentioned_in_passing_is_not_the_event_place(locate):
    place = locate("Migrants from Herat protested in Kabul on Monday.")
    assert name_key(place.location) == name_key("Kabul")


def test_override_village_is_used_with_its_coordinates(locate):
    place = locate("Regime forces shelled the village of Kafr Testum in Idlib countryside.")
    expected = ("Kafr Testum", 35.8123, 36.5123, 1)
    assert (place.location, place.latitude, place.longitude, place.geo_precision) == expected
    assert place.admin1 == "Idleb"  # ACLED's name


def test_transliteration_variant_in_text_resolves(locate):
    place = locate("Clashes erupted in Deir-ez-Zor on Sunday between tribal fighters and the SDF.")
    assert place.country == "Syria" and name_key(place.admin1) == name_key("Deir ez-Zor")


def test_a_town_in_a_neighbouring_district_keeps_the_district_in_its_country(locate):
    # "Beni" is also a Bolivian department; the gazetteer draws Oicha as a district of its own next to Beni's
    place = locate("Militiamen killed six farmers in a village near Oicha in Beni territory on Friday.")
    assert (place.country, name_key(place.admin1)) == ("Democratic Republic of Congo", name_key("Nord-Kivu"))


def test_an_unknown_neighbourhood_is_coded_to_the_one_town_the_article_names(locate):
    place = locate("Gunmen attacked a market in Maiduguri. Later they opened fire near Bolori Stores on Monday "
                   "morning, killing two traders.", "opened")
    assert (place.country, place.location, place.geo_precision) == ("Nigeria", "Bolori Stores", 2)
    assert name_key(place.admin1) == name_key("Borno")


def test_an_unknown_village_takes_the_district_that_closes_its_chain(locate):
    place = locate("Borno State: gunmen killed five herders in an attack on Tungushe village, Konduga, on Friday.",
                   "killed")
    assert (place.location, place.admin2, place.geo_precision) == ("Tungushe", "Konduga", 2)


def test_an_admin1_name_beats_a_smaller_namesake_abroad(locate):
    place = locate("Protesters blocked an Akkar road with burning tyres on Tuesday.", "blocked")
    assert place.country == "Lebanon" and place.admin1 == "Akkar"


def test_a_district_seat_of_unknown_size_beats_villages_abroad(locate):
    place = locate("Rival student groups clashed in Magura town on Sunday.", "clashed")
    assert place.country == "Bangladesh"


def test_a_towns_possessive_places_the_event_despite_a_foreign_army(locate):
    place = locate("Turkish soldiers sealed all of Afrin's entrances on Friday.", "sealed")
    assert place.country == "Syria" and place.admin1 == "Aleppo"


def test_a_position_word_inside_a_longer_name_is_no_unit_of_its_own(locate):
    place = locate("Raiders stole 200 goats from herders in Baringo North on Friday.", "stole")
    assert place.country != "Cameroon" and place.admin1 != "Nord"


def test_a_feast_is_no_place(locate):
    place = locate("At the start of Ramadan, gunmen abducted a shopkeeper in Taiz city.", "abducted")
    assert place.country == "Yemen"
