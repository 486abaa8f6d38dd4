from pathlib import Path

import pytest

from pipeline.extract.lexicon import TermMatcher, TriggerLexicon, _parse_terms, token_forms


def forms(text: str) -> list[tuple[str, ...]]:
    return [(word,) for word in text.lower().split()]


def test_prefix_terms_match_inflections():
    matcher = TermMatcher(_parse_terms("Shelling", ["shell*"]))
    hits = matcher.find(forms("troops shelled the village"))
    assert [(h.label, h.start, h.end) for h in hits] == [("Shelling", 1, 2)]


def test_longest_term_wins_a_position():
    matcher = TermMatcher(_parse_terms("Air", ["air strike"]) + _parse_terms("Protest", {0.6: ["strike"]}))
    hits = matcher.find(forms("an air strike hit"))
    assert [(h.label, h.term) for h in hits] == [("Air", "air strike")]
    assert [h.label for h in matcher.find(forms("workers went on strike"))] == ["Protest"]


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
    bad.write_text("taxonomy: {Battles: [Armed clash]}\nevent_type_precedence: [Battles]\n"
                   "triggers: {Dance-off: [dance*]}\ncues: {}\n")
    with pytest.raises(ValueError, match="Dance-off"):
        TriggerLexicon.load(bad)


def test_hyphenated_terms_match_spacy_tokens(nlp, lexicon):
    doc = nlp("A shoot-out broke out after the cease-fire collapsed.")
    hits = lexicon.triggers.find([token_forms(t) for t in doc])
    assert {(h.label, h.term) for h in hits} >= {("Armed clash", "shoot - out*"), ("Agreement", "cease - fire*")}


def test_lemma_lists_are_loaded(lexicon):
    assert "threaten" in lexicon.lemmas["hypothetical_heads"]
    assert "after" in lexicon.lemmas["cause_marks"]
