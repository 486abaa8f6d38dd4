from pipeline.text.sentences import sentence_spans, split_sentences

TEXT = ("NAIROBI - Parliament met on Tuesday. Lawmakers debated the budget.\n\nA headline without a period\n\n"
        "Gen. Haftar's forces left; U.S. troops stayed. He said: \"We won.\" Then he left.")


def test_sentences_split_on_terminal_punctuation_and_blank_lines():
    assert [TEXT[s:e] for s, e in sentence_spans(TEXT)] == [
        "NAIROBI - Parliament met on Tuesday.", "Lawmakers debated the budget.", "A headline without a period",
        "Gen. Haftar's forces left; U.S. troops stayed.", "He said: \"We won.\"", "Then he left."]


def test_sentence_spans_are_tokens_of_one_cheap_doc():
    sentences = split_sentences(TEXT)
    assert len({s.doc for s in sentences}) == 1
    assert not sentences[0].doc.has_annotation("DEP")
    assert all(not (s[0].is_space or s[-1].is_space) for s in sentences)


def test_whitespace_only_text_has_no_sentences():
    assert sentence_spans("  \n\n ") == []


def test_a_text_longer_than_spacys_limit_is_split():
    text = "Gunmen attacked a village. " * 40_000  # over a million characters
    spans = sentence_spans(text)
    assert len(spans) == 40_000 and spans[-1][1] == len(text) - 1
