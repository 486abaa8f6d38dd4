"""The detect stage on articles written for these tests."""

from pipeline.extract.detect import detect_candidates


def candidates(nlp, lexicon, parameters, text, dated=()):
    doc = nlp(text)
    found = detect_candidates(doc, lexicon.triggers, lexicon.cues, {doc[i].sent.start for i in dated},
                              candidate_weight=parameters.detect.candidate_weight,
                              context_sentences=parameters.detect.context_sentences)
    return doc, found


def test_a_trigger_sentence_opens_a_candidate_with_its_context(nlp, lexicon, parameters):
    text = ("The council met on budget matters. Gunmen attacked a bus near the market. Four passengers died. "
            "The road was closed. Traders stayed home. Schools reopened later.")
    doc, found = candidates(nlp, lexicon, parameters, text)
    assert len(found) == 1
    passage = doc[found[0].start:found[0].end].text
    assert passage.startswith("Gunmen attacked") and passage.endswith("The road was closed.")  # two context sentences
    assert {h.label for h in found[0].hits} >= {"Attack"}
    assert {c.label for c in found[0].cues} >= {"lethal"}


def test_a_dated_trigger_sentence_starts_a_new_candidate(nlp, lexicon, parameters):
    text = "Rebels shelled the town on Monday. On Tuesday, soldiers clashed with the rebels near the river."
    doc, found = candidates(nlp, lexicon, parameters, text)
    assert len(found) == 1  # without its own date the second trigger continues the first candidate
    tuesday = next(t.i for t in doc if t.text == "Tuesday")
    doc, found = candidates(nlp, lexicon, parameters, text, dated=[tuesday])
    assert [doc[c.start:c.end].text.split()[0] for c in found] == ["Rebels", "On"]


def test_a_month_name_is_no_protest_march(nlp, lexicon, parameters):
    _, found = candidates(nlp, lexicon, parameters, "The budget was adopted in March after long talks.")
    assert found == []
