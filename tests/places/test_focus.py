"""The article's geographic focus: every kind of evidence moves it, and toponyms are resolved within it."""

from __future__ import annotations

import pytest

from pipeline.places.focus import GeoFocus
from pipeline.places.names import name_key


def focus_of(resolver, nlp, text, **evidence):
    return resolver.article_context(nlp(text), **evidence).geo_focus


def test_focus_scores_every_country_named(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "Talks in Geneva failed. Shelling hit Aleppo and Idlib on Monday.")
    assert focus.dominant_iso == 760  # Syria: two places against one city in Switzerland
    assert focus.country_share(760) > focus.country_share(756) > 0


def test_actor_home_tips_a_name_found_in_two_countries(resolver, places_nlp):
    doc = places_nlp("Fighters attacked a checkpoint in Tripoli on Friday.")
    plain = resolver.article_context(doc)
    with_actor = resolver.article_context(doc, ["Lebanon"])
    assert with_actor.geo_focus.country_share(422) > plain.geo_focus.country_share(422)


def test_source_country_is_strong_evidence(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "Protesters gathered in Tripoli on Friday.", source_country="Lebanon")
    assert focus.dominant_iso == 422


def test_dateline_city_votes_for_its_country(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "MOGADISHU (Reuters) - Gunmen attacked a market on Friday.")
    assert focus.best_iso == 706


@pytest.mark.parametrize("text, iso", [
    ("Supporters of the Orange Democratic Movement marched through the market on Monday.", 404),  # Kenya
    ("Activists of the Awami League and the Bangladesh Nationalist Party clashed on Monday.", 50),  # Bangladesh
    ("Members of the Economic Freedom Fighters blocked the road on Monday.", 710),  # South Africa
])
def test_a_national_party_ties_the_story_to_its_country(resolver, places_nlp, text, iso):
    assert focus_of(resolver, places_nlp, text).dominant_iso == iso


def test_mission_names_its_country_and_area(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "The OSCE SMM recorded explosions on Sunday.")
    assert focus.dominant_iso == 804
    areas = {resolver.gazetteer.unit(unit).admin1 for unit in focus.admin1}
    assert areas == {"Donetsk", "Luhansk"}
    assert resolver.gazetteer.unit(focus.main_admin1).admin1 == "Donetsk"  # listed first: its main area


def test_admin1_named_anywhere_becomes_the_main_admin1(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "Police arrested two men in Borno state. Gunmen had attacked farmers.")
    assert resolver.gazetteer.unit(focus.main_admin1).admin1 == "Borno"


def test_source_setting_of_a_feed(gazetteer):
    from pipeline.places import PlaceResolver

    resolver = PlaceResolver(gazetteer, source_countries={"Burkina24": "Burkina Faso"})
    assert resolver.source_country(source="Burkina24") == "Burkina Faso"
    assert resolver.source_country("Mali", source="Burkina24") == "Mali"  # the article's own field first
    assert resolver.source_country(source="Reuters") is None



def test_source_countries_set_by_a_dagster_run_config_override(monkeypatch):
    from pipeline.defs.resources import PipelineSettings

    monkeypatch.delenv("CONFLICT_EVENTS_SOURCE_COUNTRIES", raising=False)
    resource = PipelineSettings(overrides={"source_countries": '{"Burkina24": "Burkina Faso"}'})
    assert resource.settings().source_countries == {"Burkina24": "Burkina Faso"}
    assert PipelineSettings().settings().source_countries == {}

@pytest.mark.parametrize(("weights", "dominant"), [({1: 1.0, 2: 0.1}, 1), ({1: 0.4, 2: 0.3}, None), ({}, None)])
def test_dominant_country_needs_enough_evidence(weights, dominant):
    assert GeoFocus(weights).dominant_iso == dominant


def test_small_namesake_outside_the_focus_units_is_left_unknown(locate):
    place = locate("The OSCE SMM recorded 40 explosions near Pisky on Sunday.")
    assert place.country == "Ukraine" and place.location == "Pisky"
    assert place.admin1 == "Donetsk"  # not the Pisky of Poltava: the mission's main area, Donetsk oblast


def test_place_entity_namesake_outside_a_missions_area_is_left_unknown(locate):
    place = locate("The OSCE SMM recorded 3 explosions near Berezove on Sunday.")
    assert place.location == "Berezove" and place.admin1 == "Donetsk"  # not the Berezove of Rivne oblast


def test_mission_area_named_in_the_text_wins_over_the_missions_main_area(locate):
    place = locate("In Luhansk region, the OSCE SMM recorded 12 explosions near Vovchobalka on Sunday.")
    assert place.location == "Vovchobalka" and place.admin1 == "Luhansk"


@pytest.mark.parametrize(("text", "location", "admin1"), [
    # a known town of the mission's second area is that town, not a hamlet of its main area so named
    ("Monitors of the OSCE SMM recorded 14 explosions near Katerynivka overnight.", "Katerynivka", "Luhansk"),
    ("Residents blocked the road near Kalynove over water cuts, the SMM reported.", "Kalynove", "Luhansk"),
    # a name written as a village's own is that village, not a folded spelling of a city ("Luhanske", not Luhansk)
    ("The OSCE Special Monitoring Mission heard heavy machine-gun fire near Luhanske on Tuesday.", "Luhanske",
     "Donetsk"),
])
def test_a_missions_areas_weigh_alike_between_known_namesakes(locate, text, location, admin1):
    place = locate(text)
    assert place.country == "Ukraine" and place.location == location and place.admin1 == admin1


def test_a_missions_areas_weigh_alike_only_for_choosing_a_reading(resolver, places_nlp):
    focus = focus_of(resolver, places_nlp, "The OSCE SMM recorded explosions on Sunday.")
    donetsk, luhansk = sorted(focus.admin1, key=focus.admin1.get, reverse=True)
    assert focus.admin1_share(donetsk) > focus.admin1_share(luhansk)  # where an unknown village falls
    assert focus.reading_share(donetsk) == focus.reading_share(luhansk) == 0.5


def test_loose_spelling_matches_only_inside_the_focus_country(locate):
    place = locate("Soldiers of the Burkinabe army were ambushed near Gountoubiri Kirou in Soum province.")
    assert place.country == "Burkina Faso" and name_key(place.admin1) == name_key("Sahel")


@pytest.mark.parametrize("source, iso", [
    ("Naharnet", 422),  # a Lebanese outlet: Tripoli, Lebanon
    ("Libya Observer; Reuters", 434),  # an international agency beside it says nothing of the country
])
def test_a_national_outlet_places_a_bare_name_at_home(resolver, places_nlp, source, iso):
    context = resolver.article_context(places_nlp("Shopkeepers closed their stores in Tripoli on Monday."),
                                       source=source)
    assert context.dominant_iso == iso
    assert {c.iso for c in context.resolved.values()} == {iso}


def test_outlets_of_two_countries_give_no_home(resolver):
    assert resolver.outlet_iso("Naharnet; Libya Observer") is None
    assert resolver.outlet_iso("AFP") is None
    assert resolver.outlet_iso("Kathimerini; AFP") == 300


def test_a_named_country_outweighs_the_outlets_home(resolver, places_nlp):
    text = "Taliban fighters attacked a police post in Kunduz province of Afghanistan on Monday."
    assert resolver.article_context(places_nlp(text), source="Dawn").dominant_iso == 4


def test_a_loose_spelling_inside_the_focus_keeps_its_reading(resolver, places_nlp):
    """A name matched only by its skeleton ("Mambij") in a Syrian outlet's story: its own admin1 on the first pass
    does not count as a unit the text names elsewhere, so the second pass keeps Manbij."""
    context = resolver.article_context(places_nlp("Gunmen threw a grenade at a shop in Mambij on Monday."),
                                       source="SANA")
    assert [c.name for c in context.resolved.values()] == ["Manbij"]


def test_a_folded_spelling_of_a_village_outside_the_named_unit_is_an_unknown_place(locate):
    place = locate("Gunmen abducted a traditional ruler from his home in Ugah, near Lafia (Nasarawa), on Thursday.")
    assert place.admin1 == "Nasarawa" and place.location == "Lafia"  # not Uga, Anambra: "Ugah" folds to "Uga"


@pytest.mark.parametrize(("text", "country", "location"), [
    ("Gunmen on motorbikes attacked a market in Batie, killing four traders.", "Burkina Faso", "Batié"),
    ("Police dispersed traders protesting a new market tax in Manga on Monday.", "Burkina Faso", "Manga"),
])
def test_a_name_of_its_own_abroad_beats_an_alias(locate, text, country, location):
    """Not Ethiopia's Batī ("Batie") or Brazil's Floriano ("Manga"): an alias against a town's own name."""
    place = locate(text)
    assert place.country == country and place.location == location
