"""Issue 14, precision 7: robbers' gangs, fiction and entertainment, contraband, structures that give way, wire
leads behind a dateline, partitive tolls — on sentences written for these tests."""

import pytest

from tests.extract.coding import coded, events


@pytest.mark.parametrize("text", [
    "A gang of about ten robbers used explosives to blow open the vault of a bank branch in the town early on "
    "Sunday and fled with the cash, police said.",
    "A gang blew up two ATMs at a filling station on the highway on Monday night and escaped in a stolen car.",
])
def test_a_gang_that_robs_with_explosives_is_ordinary_crime(extractor, text):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)


def test_a_gang_that_kills_without_robbing_is_still_an_event(extractor):
    found = events(extractor, "Members of a gang shot dead four residents of the neighbourhood on "
                              "Saturday night, police said.")
    assert found


def test_the_rest_of_the_gang_in_a_robbery_story_are_the_robbers(extractor):
    found = coded(extractor, "Armed robbers raided a filling station on the main road on Sunday and took the day's "
                             "takings. Police said on Monday they had arrested one suspect and were hunting the rest "
                             "of the gang. A pistol was recovered from his house.")
    assert found and not any(m.is_event for m in found)


@pytest.mark.parametrize("text", [
    "A new war film opened in cinemas on Friday. In its longest scene, the soldiers ambush a column of tanks at "
    "dawn and fight off a counter-attack.",
    "The studio's new video game sold a million copies in a week. In the online mode, teams of players battle for "
    "control of a ruined city.",
    "The rapper's latest album is full of diss tracks, and critics say the title song is a bomb aimed at his "
    "former label.",
])
def test_violence_in_fiction_and_entertainment_is_no_event(extractor, text):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)
    assert "fiction" in {m.rejection_reason for m in found}


def test_gunmen_at_a_concert_are_a_real_attack(extractor):
    found = events(extractor, "Gunmen opened fire on the audience at a concert in the capital on "
                              "Saturday, killing six people, police said.")
    assert found


def test_drugs_that_soldiers_destroy_are_no_property_destruction(extractor):
    found = coded(extractor, "Soldiers dismantled a clandestine drug laboratory in the hills on Tuesday and "
                             "destroyed 400 kilograms of methamphetamine on the spot, the ministry said.")
    assert found and not any(m.is_event for m in found)


def test_a_bridge_that_gives_way_is_an_accident(extractor):
    found = coded(extractor, "At least nine people were killed when an old footbridge collapsed under the weight of "
                             "a crowd on Saturday evening, police said.")
    assert found and not any(m.is_event for m in found)


def test_a_wire_lead_behind_its_dateline_tells_what_the_story_is_about(extractor):
    found = coded(extractor, "LISBON, March 7 (Wire) - A new video game set in a fictional war topped the charts "
                             "this week, the publisher said on Tuesday.\n\nIts players storm bunkers and ambush "
                             "convoys on a map the size of a city.")
    assert found and not any(m.is_event for m in found)


def test_some_of_the_counted_dead_are_no_second_count(extractor):
    found = events(extractor, "Shelling killed four civilians in a village near the border on Tuesday, "
                              "the governor said. Two of the dead were brothers.")
    assert [m.fatalities for m in found] == [4]


def test_a_march_that_remembers_last_years_dead_is_a_protest_without_their_toll(extractor):
    found = events(extractor, "Hundreds of students marched through the city on Monday carrying pictures "
                              "of classmates who were shot dead during last year's demonstrations. Rights "
                              "groups say 40 people were killed during the 2022 protests.")
    assert [(m.event_type, m.fatalities) for m in found] == [("Protests", 0)]


@pytest.mark.parametrize("text", [
    "The suspects, believed to be part of a syndicate targeting mines, broke into the gold room and stole gold "
    "worth millions.",
    "Police arrested four men suspected of stealing cattle from farms in the district and recovered 40 animals.",
    "An explosion at a fireworks warehouse killed six people and damaged dozens of houses on Sunday.",
    "Residents said the building had been cracking for weeks before it came down on Thursday, killing five members "
    "of one family.",
    "The army said two soldiers died when their vehicle hit a ditch and rolled over during a night patrol.",
    "The defence was destroyed by a series of quick counter-attacks in the second half.",
    "The chess champion launched a brutal attack on the black king and won in 28 moves.",
    "The rally driver crashed out of the race on the second stage but walked away unhurt.",
    "A passenger train smashed into a stationary goods train near the junction on Friday, killing at least 30 "
    "people.",
    "Three soldiers were killed when an ammunition store exploded at the barracks in the heat, the army said, "
    "ruling out sabotage.",
    "Armed men held up a bus on the highway and robbed the passengers of their money and phones before fleeing.",
    "The jury heard that the defendant shot the victim twice in the head outside a nightclub.",
])
def test_thefts_accidents_and_games_in_violent_words_are_no_event(extractor, text):
    assert not any(m.is_event for m in coded(extractor, text))


@pytest.mark.parametrize("text", [
    "Aid agencies warned on Monday that up to 200,000 people could flee their homes if the offensive goes ahead.",
    "The agencies said on Monday that renewed fighting could force thousands of families from their homes.",
])
def test_the_subject_of_a_condition_or_a_modal_has_not_happened(extractor, text):
    assert not any(m.is_event for m in coded(extractor, text))


@pytest.mark.parametrize("text", [
    "The band's drummer exploded into a ten-minute solo that left the audience stunned.",
    "The central bank fired the first shot in a currency war by cutting rates to a record low.",
    "The airline is fighting for survival after losses of 2 billion dollars.",
    "Critics slammed the minister's plan as an attack on the poor.",
    "Hackers attacked the ministry's website on Monday, taking it offline for six hours.",
])
def test_music_money_politics_and_computers_in_violent_words_are_no_event(extractor, text):
    assert not any(m.is_event for m in coded(extractor, text))


def test_a_concerted_offensive_is_no_concert(extractor):
    found = events(extractor, "Troops launched a concerted assault on the hill on Monday and took "
                              "control of it after heavy fighting, the army said.")
    assert found
