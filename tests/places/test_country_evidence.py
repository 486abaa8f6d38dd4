"""Which country an event is in when its toponyms are unknown, ambiguous or misleading: the other evidence an article
gives (nationalities of police, missions, admin units written next to a place) and the evidence it does not."""

from __future__ import annotations

from pipeline.places.names import name_key


def test_mission_that_works_in_one_country_places_unknown_villages(locate):
    place = locate("The OSCE SMM recorded 40 explosions near Khutir Zelenyi Hai and Stara Vodianka on Sunday.")
    assert place.country == "Ukraine" and place.is_country_only


def test_police_nationality_outweighs_a_tiny_foreign_namesake(locate):
    place = locate("Residents burned tyres and clashed with the Senegalese police in Mal on Sunday.")
    assert place.country == "Senegal"


def test_foreign_forces_do_not_move_a_named_village(locate):
    place = locate("Turkish forces shelled the village of Tal Tamr in Hasakah province, and Turkish drones struck "
                   "nearby.")
    assert place.country == "Syria"


def test_currency_names_no_country(locate):
    place = locate("Protesters angry at the soaring US dollar rate blocked a road in Khirbet Qanafar Tahta.")
    assert place.country != "United States"


def test_family_names_are_not_places(locate):
    place = locate("A feud between the Al Salih and Al Tlais families left two men injured in Baalbek.")
    assert place.country == "Lebanon"


def test_state_abbreviation_after_a_village_names_its_state(locate):
    place = locate("Villagers attacked a police post in Rampur Kalan Khurd (UP) on Monday.")
    assert place.country == "India" and name_key(place.admin1) == name_key("Uttar Pradesh")


def test_state_closing_an_unknown_village_name(locate):
    place = locate("A man was shot dead in Lomas Quemadas Sinaloa on Sunday.")
    assert place.country == "Mexico" and place.admin1 == "Sinaloa"


def test_apostrophe_inside_a_name(locate):
    place = locate("Gunmen shot a soldier at a checkpoint in Dar'a countryside on Friday.")
    assert place.country == "Syria" and name_key(place.admin1) == name_key("Daraa")


def test_admin_unit_after_a_district_picks_the_reading_that_contains_it(locate):
    place = locate("Residents protested in Ilorin (Borgu LGA, Niger) over the killing of a driver.")
    assert place.country == "Nigeria"


def test_neighbourhood_in_a_city_keeps_only_readings_inside_it(locate):
    place = locate("Protesters gathered in the Qiyaa neighbourhood in Sidon against rising prices.")
    assert place.country == "Lebanon"


def test_nationality_inside_an_organisation_name_is_faint_evidence(locate):
    place = locate("Rioters smashed the windows of the Lebanese Swiss Bank in Bar Elias on Tuesday.")
    assert place.country == "Lebanon"


def test_loose_spelling_match_abroad_needs_support(locate):
    place = locate("Rioters smashed the windows of two banks in Bar Elias on Tuesday.")
    assert place.country is None


def test_repeating_one_name_does_not_confirm_its_own_country(resolver, places_nlp):
    doc = places_nlp("Unidentified perpetrators set fire to logging machinery in Punucapa (Los Rios). Los Rios region "
                     "has seen several such attacks.")
    weights = resolver.article_context(doc).country_weights
    assert weights.get(214, 0.0) < 1.0  # no self-confirmation bonus for the Dominican hamlet Los Rios


def test_origin_abroad_gives_way_to_the_named_destination(locate):
    place = locate("Militants fired a rocket from the Gaza Strip into Israel, where it hit an open field.", "fired")
    assert place.country == "Israel" and place.is_country_only


def test_origin_inside_the_named_country_is_more_specific(locate):
    place = locate("Protesters from Nabatiyeh in Lebanon marched against the government.", "marched")
    assert place.country == "Lebanon" and place.location is not None


def test_nationality_word_is_the_country_unless_it_names_a_unit(locate):
    police = locate("Somali police shot a man at a checkpoint in Hodan district (Banadir) on Monday.")
    assert police.country == "Somalia"
    region = locate("Clan militias clashed in Afdere zone (Somali region), leaving five people dead.")
    assert region.country == "Ethiopia"


def test_where_people_came_from_weighs_little(locate):
    place = locate("Residents protested outside a hotel in Zahle City against quarantining people who came from Syria.")
    assert place.country == "Lebanon"


def test_district_inside_its_named_province_confirms_the_country(locate):
    place = locate("Soldiers attacked a militia position in the village of Korogo, near Berunda (Mahagi, Ituri).")
    assert place.country == "Democratic Republic of Congo"


def test_town_centre_is_a_place_not_a_modifier(locate):
    place = locate("Trade unions held a demonstration in Batman town center to mark International Workers' Day.")
    assert place.country == "Turkey"


def test_place_named_after_its_country_keeps_it_despite_foreign_forces(locate):
    place = locate("Israeli forces stormed the Tulkarm refugee camp and fired tear gas at residents.", "stormed")
    assert place.country == "Palestine"
    town = locate("Israeli forces stormed the town of Kafr Qaddum and fired rubber bullets at protesters.", "stormed")
    assert town.country == "Palestine"


def test_place_in_a_named_province_lies_inside_it(locate):
    place = locate("Warplanes struck positions in Maariya in Dar'a province.", "struck")
    assert place.country == "Syria"


def test_persian_ezafe_joins_a_name(locate):
    place = locate("Doctors protested in Mazar-e Sharif city, Balkh, over a lack of equipment.")
    assert place.country == "Afghanistan" and name_key(place.admin1) == name_key("Balkh")


def test_home_country_of_a_named_group_tips_a_close_call(resolver, places_nlp):
    text = "Fighters ambushed a patrol near the Al Kanais desert (Khabb wa ash Shaaf, Al Jawf)."
    doc = places_nlp(text)
    trigger = next(t for t in doc if t.text == "ambushed")
    place = resolver.locate(doc, trigger.sent, trigger, resolver.article_context(doc, ["Yemen"]))
    assert place.country == "Yemen"
    without = resolver.locate(doc, trigger.sent, trigger, resolver.article_context(doc))
    assert without.country == "Saudi Arabia"  # the larger Al Jawf, when nothing else tells them apart
