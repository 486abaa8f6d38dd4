from pathlib import Path

import pytest

from pipeline.extract.detect import TermMatcher, token_forms
from pipeline.extract.lexicon import TriggerLexicon, load_taxonomy, parse_terms
from tests.conftest import SEEDS


def forms(text: str) -> list[tuple[str, ...]]:
    return [(word,) for word in text.lower().split()]


def test_prefix_terms_match_inflections():
    matcher = TermMatcher(parse_terms("Shelling", ["shell*"]))
    hits = matcher.find(forms("troops shelled the village"))
    assert [(h.label, h.start, h.end) for h in hits] == [("Shelling", 1, 2)]


def test_longest_term_wins_a_position():
    matcher = TermMatcher(parse_terms("Air", ["air strike"]) + parse_terms("Protest", {0.6: ["strike"]}))
    hits = matcher.find(forms("an air strike hit"))
    assert [(h.label, h.term) for h in hits] == [("Air", "air strike")]
    assert [h.label for h in matcher.find(forms("workers went on strike"))] == ["Protest"]


def test_longer_overlapping_term_wins_and_every_label_of_a_span_counts():
    matcher = TermMatcher(parse_terms("A", ["set fire"]) + parse_terms("B", ["fire to houses"])
                          + parse_terms("C", {0.5: ["fire to houses"], 0.9: ["fire to house*"]}))
    hits = matcher.find(forms("they set fire to houses"))
    assert [(h.label, h.weight, h.start, h.end) for h in hits] == [("B", 1.0, 2, 5), ("C", 0.9, 2, 5)]


def test_words_match_form_or_lemma_and_stems_of_either():
    matcher = TermMatcher(parse_terms("Took", ["take to the streets"]) + parse_terms("Kill", ["kill*"]))
    hits = matcher.find([("they",), ("had",), ("taken", "take"), ("to",), ("the",), ("streets", "street")])
    assert [(h.label, h.start, h.end) for h in hits] == [("Took", 2, 6)]
    assert [h.label for h in matcher.find([("slew", "kill")])] == ["Kill"]


def test_matchers_sharing_their_vocabulary_find_only_their_own_terms():
    shelling = TermMatcher(parse_terms("Shelling", ["shell*", "mortar fire"]))
    strikes = TermMatcher(parse_terms("Air", ["air strike", "strik*"]))
    words = forms("mortar fire and an air strike after troops shelled the striking workers")
    assert [(h.label, h.start) for h in shelling.find(words)] == [("Shelling", 0), ("Shelling", 8)]
    assert [(h.label, h.start) for h in strikes.find(words)] == [("Air", 4), ("Air", 10)]
    assert shelling.find(forms("an air strike")) == [] and strikes.find(forms("shelled by mortar fire")) == []


def test_taxonomy_is_read_from_the_trigger_lexicon_only():
    taxonomy = load_taxonomy(SEEDS)
    assert list(taxonomy)[:2] == ["Battles", "Explosions/Remote violence"]
    assert sum(map(len, taxonomy.values())) == 25


def test_lemma_form_matches(lexicon):
    hits = lexicon.triggers.find([("abducted", "abduct"), ("villagers", "villager")])
    assert {h.label for h in hits} == {"Abduction/forced disappearance"}


def test_taxonomy_has_acled_types_and_precedence(lexicon):
    assert len(set(lexicon.event_type_of.values())) == 6
    assert len(lexicon.sub_event_types) == 25
    assert lexicon.precedence("Armed clash") < lexicon.precedence("Shelling/artillery/missile attack")
    assert lexicon.precedence("Air/drone strike") < lexicon.precedence("Grenade")
    assert lexicon.precedence("Protest with intervention") < lexicon.precedence("Peaceful protest")


def test_unknown_sub_event_type_is_rejected(tmp_path: Path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("taxonomy: {Battles: [Armed clash]}\ntriggers: {Dance-off: [dance*]}\ncues: {}\n")
    with pytest.raises(ValueError, match="Dance-off"):
        TriggerLexicon.load(bad)


def test_hyphenated_terms_match_spacy_tokens(nlp, lexicon):
    doc = nlp("A shoot-out broke out after the cease-fire collapsed.")
    hits = lexicon.triggers.find([token_forms(t) for t in doc])
    assert {(h.label, h.term) for h in hits} >= {("Armed clash", "shoot - out*"), ("Agreement", "cease - fire*")}
    assert hits == lexicon.triggers.find_in(doc)


def test_lemma_lists_are_loaded(lexicon):
    assert "threaten" in lexicon.lemmas["hypothetical_heads"]
    assert "after" in lexicon.lemmas["cause_marks"]


def test_another_language_must_give_every_lemma_list_english_gives(tmp_path: Path):
    """A list the stages read but a language lacks fails when the lexicon loads, not per article during extraction."""
    french_like = tmp_path / "triggers.yaml"
    french_like.write_text("triggers: {Armed clash: [affrontement*]}\ncues: {}\nlemmas: {modals: [pouvoir]}\n")
    with pytest.raises(ValueError, match="figurative_triggers"):
        TriggerLexicon.load(french_like, taxonomy_from=SEEDS / "triggers.yaml")


def test_a_gap_word_lets_one_word_stand_between_the_words_of_a_term():
    matcher = TermMatcher(parse_terms("Regains", ["repris _ le contrôle", "regained _ control"])
                          + parse_terms("Clash", ["affront*"]))
    assert [(h.label, h.start, h.end) for h in matcher.find(forms("ils ont repris dimanche le contrôle de léré"))] \
        == [("Regains", 2, 6)]
    assert [(h.start, h.end) for h in matcher.find(forms("ils ont repris le contrôle"))] == [(2, 5)]
    assert [(h.start, h.end) for h in matcher.find(forms("troops regained full control of the town"))] == [(1, 4)]
    assert matcher.find(forms("ils ont repris , le contrôle")) == []  # punctuation fills no gap
    assert matcher.find(forms("ils ont repris hier matin le contrôle")) == []  # one word at most


def test_gapped_terms_match_by_lemma_and_stem_and_in_each_range():
    matcher = TermMatcher(parse_terms("Regains", ["reprendre _ le contrôle"]) + parse_terms("Fire", ["ouv* _ le feu"]))
    lemmas = [("ils",), ("ont",), ("repris", "reprendre"), ("samedi",), ("le",), ("contrôle",)]
    assert [h.term for h in matcher.find(lemmas)] == ["reprendre _ le contrôle"]
    assert [h.term for h in matcher.find(forms("ils ont ouvert aussitôt le feu"))] == ["ouv* _ le feu"]
    text = forms("ils ont repris dimanche le contrôle")
    assert matcher.find_each(text, [(0, 4), (4, 6)]) == [[], []]  # a match across a range edge counts for none


def test_a_gap_stands_between_two_words():
    for term in ["_ le contrôle", "repris le _", "repris _ _ contrôle"]:
        with pytest.raises(ValueError, match="gap"):
            TermMatcher(parse_terms("Regains", [term]))


def test_french_elisions_and_curly_apostrophes_match_spacy_tokens():
    assert parse_terms("Clash", ["pris _ d'assaut"])[0].words == ("pris", "_", "d'", "assaut")
    matcher = TermMatcher(parse_terms("Disrupted", ["cache d'armes"]))
    assert [(h.start, h.end) for h in matcher.find(forms("une cache d’ armes"))] == [(1, 4)]


def test_a_term_marked_as_written_never_matches_by_lemma():
    matcher = TermMatcher(parse_terms("Protest", ["=sit in"]))
    assert [h.label for h in matcher.find([("a",), ("sit",), ("in",)])] == ["Protest"]
    assert matcher.find([("were",), ("sitting", "sit"), ("in",), ("the",), ("car",)]) == []


def test_protest_and_arrest_words_of_the_lexicon_leave_look_alikes_alone():
    """(issue 14, precision 7) "sitting in a bus" is no sit-in; "detainees" are people, no arrest."""
    lexicon = TriggerLexicon.load(SEEDS / "triggers.yaml")
    protest = lexicon.triggers.find([("they",), ("were",), ("sitting", "sit"), ("in",), ("a",), ("bus",)])
    assert [h.label for h in protest] == []
    detainees = lexicon.triggers.find([("the",), ("release",), ("of",), ("detainees", "detainee")])
    assert "Arrests" not in [h.label for h in detainees]
    detained = lexicon.triggers.find([("police",), ("detained", "detain"), ("six",)])
    assert [h.label for h in detained] == ["Arrests"]
    assert [h.label for h in lexicon.triggers.find([("a",), ("sit",), ("in",)])] == ["Peaceful protest"]
