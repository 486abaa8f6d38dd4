import pytest

from pipeline.extract.classify import classify_passage
from pipeline.extract.lexicon import token_forms


def classify(nlp, lexicon, text: str):
    doc = nlp(text)
    tokens = [token_forms(t) for t in doc]
    result = classify_passage(lexicon.triggers.find(tokens), lexicon.cues.find(tokens), doc, list(doc), lexicon)
    return (result.event_type, result.sub_event_type) if result else None


@pytest.mark.parametrize("text, expected", [
    ("Government troops clashed with rebels near the border town, and both sides shelled each other's positions.",
     ("Battles", "Armed clash")),
    ("Warplanes carried out airstrikes on the village, killing five civilians.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("Militants fired mortar rounds at a market in the city centre.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("A roadside bomb exploded as a bus passed through the district.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("A suicide bomber blew himself up at a checkpoint.", ("Explosions/Remote violence", "Suicide bomb")),
    ("Unknown attackers threw a grenade at a shop.", ("Explosions/Remote violence", "Grenade")),
    ("Gunmen shot dead a farmer in his field.", ("Violence against civilians", "Attack")),
    ("Gunmen attacked a police patrol, killing two officers.", ("Battles", "Armed clash")),
    ("Armed men kidnapped three students from their hostel.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Soldiers raped a woman in the village.", ("Violence against civilians", "Sexual violence")),
    ("Hundreds of nurses protested outside the ministry, demanding unpaid salaries.",
     ("Protests", "Peaceful protest")),
    ("Police fired tear gas to disperse students protesting against fee increases.",
     ("Protests", "Protest with intervention")),
    ("Protesters threw stones at police and set tyres on fire during a demonstration.",
     ("Riots", "Violent demonstration")),
    ("A mob lynched a suspected thief in the market.", ("Riots", "Mob violence")),
    ("Police arrested four opposition activists at their homes.", ("Strategic developments", "Arrests")),
    ("Bomb disposal experts defused an explosive device found near the school.",
     ("Strategic developments", "Disrupted weapons use")),
    ("The two militias signed a ceasefire agreement in the capital.", ("Strategic developments", "Agreement")),
    ("Rebels took control of the town after government forces withdrew following heavy fighting.",
     ("Battles", "Non-state actor overtakes territory")),
    ("The army recaptured the town from the insurgents.", ("Battles", "Government regains territory")),
])
def test_sentences_are_coded_like_acled(nlp, lexicon, text, expected):
    assert classify(nlp, lexicon, text) == expected


def test_sentence_without_trigger_is_not_an_event(nlp, lexicon):
    assert classify(nlp, lexicon, "The minister travelled to Geneva for talks on the budget.") is None
