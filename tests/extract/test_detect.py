"""The detect stage on articles written for these tests."""

from pipeline.extract.detect import detect_candidates, token_forms


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


OVERLAPS = ("Police fired tear gas at protesters. Protesters marched. They clashed with police in the "
            "market; a bomb exploded. Rioters torched shops and the army opened fire.")


def test_one_pass_over_sentence_ranges_finds_what_each_sentence_alone_finds(nlp, lexicon):
    doc = nlp(OVERLAPS)
    forms = [token_forms(token) for token in doc]
    sentences = list(doc.sents)
    ranges = [(s.start, s.end) for s in sentences] + [(1, 6)]  # a range inside a sentence counts too
    each = lexicon.triggers.find_each(forms, [r for r in ranges if r != (1, 6)])
    assert len(sentences) >= 3 and sum(map(len, each)) >= 4
    assert each == [lexicon.triggers.find(forms[s.start:s.end]) for s in sentences]
    assert lexicon.triggers.find_each(forms, [(1, 6)]) == [lexicon.triggers.find(forms[1:6])]
    assert lexicon.triggers.find_each(forms, []) == [] and lexicon.triggers.find_each([], [(0, 0)]) == [[]]


def test_a_match_across_a_range_edge_counts_for_no_range(lexicon):
    forms = [(word,) for word in ("the", "police", "opened", "fire", "on", "the", "crowd")]
    whole = lexicon.triggers.find(forms)
    assert any(hit.term == "opened fire" for hit in whole)
    split = lexicon.triggers.find_each(forms, [(0, 3), (3, 7)])
    assert not any(hit.term == "opened fire" for hits in split for hit in hits)
