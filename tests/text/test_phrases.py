from pipeline.text.phrases import PhraseIndex, longest


def test_longest_match_wins_an_overlap_and_matches_come_in_text_order():
    index = PhraseIndex({"islamic state": "IS", "state forces": "State", "forces": "Forces", "al shabaab": "AS"})
    words = ["islamic", "state", "forces", "and", "al", "shabaab", "forces"]
    assert [(m.start, m.end, m.value) for m in index.find(words)] == [
        (0, 2, "IS"), (2, 3, "Forces"), (4, 6, "AS"), (6, 7, "Forces")]
    assert {(m.start, m.end) for m in index.find_all(words)} >= {(1, 3), (2, 3)}


def test_longest_prefers_length_then_the_earliest_start():
    assert longest([(0, 2), (1, 4), (3, 5), (5, 6)]) == [(1, 4), (5, 6)]
    assert longest([]) == []


def test_empty_words_and_phrases():
    assert PhraseIndex({"": 1, "a": 2}).find([]) == []
