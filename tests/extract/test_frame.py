"""The frame stage: the one argument extractor, the candidate's own date and its death count."""

from datetime import date

from pipeline.extract.frame import argument_tokens, frame_candidate, participants
from pipeline.normalize.dates import find_date_expressions
from pipeline.normalize.fatalities import load_terms
from tests.conftest import SEEDS


def heads(tokens):
    return [t.text for t in tokens]


def test_participants_of_a_verb_and_of_an_event_noun(nlp):
    doc = nlp("Militants attacked an army base near the town.")
    agents, patients = participants(doc[1])
    assert (heads(agents), heads(patients)) == (["Militants"], ["base"])
    doc = nlp("Two farmers were killed by Boko Haram fighters near the village.")
    assert heads(participants(doc[3])[0]) == ["fighters"]


def test_argument_phrases_keep_of_complements(nlp):
    doc = nlp("Soldiers shelled positions of the militia.")
    assert "militia" in heads(argument_tokens(doc[1])[1])


def test_a_frame_holds_the_trigger_its_date_its_count_and_its_participants(nlp, lexicon, parameters):
    text = "On Monday, gunmen killed three villagers near the market. The police arrived later."
    doc = nlp(text)
    published = date(2021, 6, 9)
    dates = find_date_expressions(text, published, parameters.dates)
    trigger = next(h for h in lexicon.triggers.find_in(doc) if h.term.startswith("kill"))
    frame = frame_candidate(doc, (0, len(doc)), trigger, [trigger], dates, [s.start_char for s in doc.sents],
                            lexicon.lemmas, load_terms(SEEDS), parameters.actors.max_mention_tokens)
    assert (frame.date.event_date, frame.date.expression) == (date(2021, 6, 7), "Monday")
    assert (frame.count.fatalities, frame.agent_text, frame.patient_text) == (3, "gunmen", "three villagers")
    assert doc[frame.predicate].text == "killed" and text[frame.sentence_start:frame.sentence_end].endswith("market.")
    assert not (frame.negated or frame.hypothetical or frame.past_perfect)


def _framed_date(text, term, nlp, lexicon, parameters):
    doc = nlp(text)
    dates = find_date_expressions(text, date(2023, 3, 10), parameters.dates)
    hits = lexicon.triggers.find_in(doc)
    trigger = next(h for h in hits if h.term.startswith(term))
    frame = frame_candidate(doc, (0, len(doc)), trigger, hits, dates, [s.start_char for s in doc.sents],
                            lexicon.lemmas, load_terms(SEEDS), parameters.actors.max_mention_tokens)
    return frame.date.expression


def test_the_date_of_the_event_clause_not_of_a_burial_above_it(nlp, lexicon, parameters):
    text = ("Mourners in the village on Thursday buried the four herders killed when raiders attacked their "
            "camp on Tuesday night, a chief said.")
    assert _framed_date(text, "kill", nlp, lexicon, parameters) == "on Tuesday night"


def test_a_date_above_the_event_clause_stands_when_the_clause_has_none(nlp, lexicon, parameters):
    text = "Mourners in the village on Thursday buried the four herders killed by raiders, a chief said."
    assert _framed_date(text, "kill", nlp, lexicon, parameters) == "on Thursday"


def test_a_date_of_a_verb_an_event_noun_hangs_from_stays(nlp, lexicon, parameters):
    text = ("Traders on Friday staged a sit-in in the market, demanding justice for a vendor who was shot by police "
            "on Tuesday.")
    assert _framed_date(text, "demand", nlp, lexicon, parameters) == "on Friday"
