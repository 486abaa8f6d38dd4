"""Issue 14, precision 8: measures scheduled from a date, words defined in quotation marks, vigilantes who only
search, armed suspects who fight it out with the police — on sentences written for these tests."""

import pytest

from tests.extract.coding import coded, events


@pytest.mark.parametrize("text", [
    "The county administration announced a dusk-to-dawn curfew from 9 p.m. on Saturday in the two market towns.",
    "The governor imposed a curfew starting Sunday in the districts along the river, his office said.",
])
def test_a_measure_scheduled_from_a_date_is_a_plan(extractor, text):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)
    assert "hypothetical" in {m.rejection_reason for m in found}


def test_fighting_from_a_date_that_killed_is_still_an_event(extractor):
    found = events(extractor, "Heavy fighting from Monday between soldiers and rebels killed 30 people "
                              "near the town, officials said.")
    assert found


def test_a_violence_word_defined_in_quotation_marks_is_no_event(extractor):
    found = coded(extractor, 'In the fans\' slang, an "ambush" is a late goal and a "massacre" is a heavy win.')
    assert found and not any(m.is_event for m in found)


@pytest.mark.parametrize("text", [
    "Members of a vigilante group on Monday recovered the bodies of three boys who drowned when their boat "
    "capsized on the lake.",
    "Vigilantes joined rescuers searching the rubble of the collapsed market for survivors on Tuesday.",
])
def test_vigilantes_who_search_after_a_disaster_are_no_mob(extractor, text):
    assert not any(m.is_event for m in coded(extractor, text))


def test_vigilantes_who_lynch_are_still_a_mob(extractor):
    found = events(extractor, "Vigilantes lynched a suspected thief in the village on Sunday, beating "
                              "him to death before police arrived.")
    assert found and found[0].sub_event_type == "Mob violence"


def test_robbers_who_fight_it_out_with_the_police_are_an_armed_clash(extractor):
    found = events(extractor, "Two suspected armed robbers were shot dead in a shootout with police "
                              "outside a shopping centre on Tuesday after they robbed a supermarket, "
                              "police said.")
    assert found and found[0].sub_event_type == "Armed clash"


def test_robbers_who_shoot_a_shopkeeper_and_flee_the_police_are_ordinary_crime(extractor):
    found = coded(extractor, "Armed robbers shot and wounded a shopkeeper during a robbery at his store on Tuesday "
                             "night and fled before police arrived, a police spokesman said.")
    assert found and not any(m.is_event for m in found)


@pytest.mark.parametrize("text", [
    "The new film follows a sniper who kills dozens of insurgents in a single week.",
    "In the film, a sniper shoots dozens of insurgents from a rooftop.",
])
def test_violence_a_work_depicts_is_no_event(extractor, text):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)


def test_an_attack_on_a_cinema_is_still_an_event(extractor):
    found = events(extractor, "Gunmen killed 12 people at a cinema showing a new film on Friday, police "
                              "said.")
    assert found and found[0].fatalities == 12


def test_what_a_plan_suggests_has_not_happened(extractor):
    found = coded(extractor, "The handwritten notes suggest using motorbikes and car bombs against the army bases.")
    assert found and not any(m.is_event for m in found)
    assert "hypothetical" in {m.rejection_reason for m in found}


def test_a_battle_royale_game_is_entertainment(extractor):
    found = coded(extractor, "A teenager from the capital won the world title of a popular battle royale game on "
                             "Sunday.")
    assert found and not any(m.is_event for m in found)
