"""Issue 14, precision 5: a fact attributed after it is no grievance, force used on protesters, petrol bombs, sport's
bombardments, threats announced far from their act, purposes that share their act's modality, hoaxes, police work
in ordinary crime, weak strategic words, road tankers, captives marched away, clauses of their own — on sentences
written for these tests."""

import pytest

from pipeline.extract.modality import in_grievance, is_hypothetical
from pipeline.records import Article
from tests.extract.coding import PUBLISHED, coded


def events(extractor, text: str) -> list[tuple[str, str]]:
    return [(m.event_type, m.sub_event_type) for m in coded(extractor, text) if m.is_event]


@pytest.mark.parametrize(("text", "word", "grievance"), [
    ("Soldiers shot dead two protesters in the capital on Monday, witnesses said.", "shot", False),
    ("The marchers said soldiers had shot dead two of their colleagues.", "shot", True),
])
def test_a_fact_attributed_after_it_is_no_grievance(nlp, lexicon, text, word, grievance):
    token = next(t for t in nlp(text) if t.lower_ == word)
    assert in_grievance(token, lexicon.lemmas) is grievance


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("Soldiers shot dead two protesters in the capital on Monday, witnesses said.",
     "Excessive force against protesters"),
    ("Riot police fired tear gas to disperse hundreds of protesters outside the ministry on Monday, a witness said.",
     "Protest with intervention"),
    ("Police used water cannon to disperse a crowd that had gathered outside the station on Monday.",
     "Protest with intervention"),
])
def test_force_used_on_protesters(extractor, text, sub_event_type):
    assert events(extractor, text) == [("Protests", sub_event_type)]


def test_petrol_bombs_are_a_riot_not_a_planted_explosive(extractor):
    found = events(extractor, "Youths hurled petrol bombs and stones at a police station in the town on Monday night.")
    assert found and all(event_type == "Riots" for event_type, _ in found)


@pytest.mark.parametrize(("text", "reason"), [
    ("The seamers bombarded the stumps throughout the morning session on Monday.", "figurative"),
    ("The armed group threatened in a video posted on Friday to attack oil installations in the delta.",
     "hypothetical"),
    ("A secondary school was evacuated on Monday after a bomb threat. Officers searched the building but found no "
     "explosives.", "hypothetical"),
    ("Detectives raided a house in the township on Monday and recovered stolen cattle.", "crime"),
    ("Pupils returned to classes on Tuesday.", "no_participants"),
    ("The group released a video on Monday showing its leader.", "statement"),
    ("Twelve people were killed when a fuel tanker overturned and exploded on the highway on Monday.", "disaster"),
])
def test_non_events_and_their_reasons(extractor, text, reason):
    found = coded(extractor, text)
    assert found and not any(m.is_event for m in found)
    assert reason in {m.rejection_reason for m in found}


@pytest.mark.parametrize(("text", "word", "hypothetical"), [
    ("Officials feared the militia would use the drought to recruit fighters.", "recruit", True),
    ("Gunmen stormed the school on Monday to abduct the pupils.", "abduct", False),
])
def test_a_purpose_shares_the_modality_of_its_act(nlp, lexicon, text, word, hypothetical):
    token = next(t for t in nlp(text) if t.lower_ == word)
    assert is_hypothetical(token, lexicon.lemmas) is hypothetical


def test_a_conjoined_clause_with_its_own_subject_is_not_under_the_vow(nlp, lexicon):
    doc = nlp("The rebels vowed to retake the town, and on Monday they attacked an army post.")
    attacked = next(t for t in doc if t.lower_ == "attacked")
    retake = next(t for t in doc if t.lower_ == "retake")
    assert not is_hypothetical(attacked, lexicon.lemmas) and is_hypothetical(retake, lexicon.lemmas)


def test_captives_marched_away_are_no_protest_march(extractor):
    found = events(extractor, "Gunmen abducted ten villagers on Monday, and the attackers marched the captives into "
                              "the bush, residents said.")
    assert ("Violence against civilians", "Abduction/forced disappearance") in found
    assert not any(event_type == "Protests" for event_type, _ in found)


@pytest.mark.parametrize(("text", "is_event"), [
    ("Thousands of residents marched through the town on Sunday to celebrate the independence anniversary.", False),
    ("Hundreds of fans celebrating the title clashed with police in the city centre on Sunday night.", True),
])
def test_a_celebration_is_no_demonstration_unless_it_fights_the_police(extractor, text, is_event):
    found = coded(extractor, text)
    assert any(m.is_event for m in found) is is_event
    assert is_event or "celebration" in {m.rejection_reason for m in found}


def test_article_cues_include_sentences_the_prefilter_blanked(extractor):
    text = "Two people died in the market on Monday. Firefighters fought the flames until dawn."
    blanked = text[: text.index("Firefighters")] + " " * len(text[text.index("Firefighters"):])
    article = Article(article_id="t", text=text, published_at=PUBLISHED)
    reader = extractor.reader_of(article)
    assert "disaster" in extractor._article_cues(extractor.nlp(text), article, reader)
    assert "disaster" in extractor._article_cues(extractor.nlp(blanked), article, reader)
    assert "disaster" not in {h.label for h in reader.lexicon.cues.find_in(extractor.nlp(blanked))}


def test_gunmen_who_burn_houses_destroy_property_and_seize_no_weapons(extractor):
    found = events(extractor, "Gunmen attacked a village in the north on Monday and burned houses, residents said.")
    assert ("Strategic developments", "Disrupted weapons use") not in found


def test_an_attack_that_came_days_after_another_does_not_take_its_toll(extractor):
    found = [m for m in coded(extractor, "Gunmen stormed a police station on Monday, police said. The assault came "
                                         "two days after 27 people died in an attack on a nearby village.")
             if m.is_event]
    assert found and all(m.fatalities == 0 for m in found)
