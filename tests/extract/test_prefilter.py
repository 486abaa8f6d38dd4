from pipeline.extract.detect import TermMatcher
from pipeline.extract.prefilter import blank_non_candidates, candidate_sentences
from pipeline.text.sentences import sentence_spans, split_sentences

ARTICLE = (
    "NAIROBI - Parliament met on Tuesday. Lawmakers debated the budget for six hours.\n\n"
    "The central bank kept rates unchanged. Analysts expect growth to slow.\n\n"
    "Gunmen killed four herders near Marsabit on Monday, police said. The victims were buried on Tuesday. "
    "Elders called for calm. The football team won its match.\n\n"
    "Farmers reported a good harvest."
)


def test_only_trigger_sentences_are_candidates(lexicon, parameters):
    flags = candidate_sentences(split_sentences(ARTICLE), lexicon.triggers, parameters.detect.candidate_weight)
    sentences = [ARTICLE[s:e] for s, e in sentence_spans(ARTICLE)]
    assert [s for s, (trigger, _) in zip(sentences, flags, strict=True) if trigger] == [
        "Gunmen killed four herders near Marsabit on Monday, police said."]


def test_blanking_keeps_offsets_lead_candidates_and_context(lexicon, parameters):
    blanked = blank_non_candidates(ARTICLE, lexicon.triggers, parameters)
    assert len(blanked) == len(ARTICLE)
    start = ARTICLE.index("Gunmen")
    assert blanked[start:start + 40] == ARTICLE[start:start + 40]
    for kept in ("NAIROBI - Parliament met on Tuesday.", "The victims were buried on Tuesday.",
                 "Elders called for calm."):
        assert kept in blanked
    for dropped in ("central bank", "football team", "Farmers reported"):
        assert dropped not in blanked
    assert blanked.count("\n\n") == ARTICLE.count("\n\n")


def test_sentences_naming_a_country_are_kept_for_geographic_context(lexicon, parameters):
    countries = TermMatcher.from_phrases("country", ["Kenya", "Kenyan", "United States"])
    article = ARTICLE.replace("Analysts expect growth to slow.", "Analysts expect Kenyan growth to slow.")
    blanked = blank_non_candidates(article, lexicon.triggers, parameters, countries)
    assert "Analysts expect Kenyan growth to slow." in blanked
    assert "central bank" not in blanked


def test_sentences_naming_a_mission_cue_are_parsed(extractor):
    text = ("Shelling hit the outskirts of the town on Sunday. Residents hid in basements. Shops stayed shut. "
            "Schools were closed. The OSCE SMM later visited Khutir Zelenyi Hai.")
    assert "OSCE SMM later visited" in extractor._parseable(text)
