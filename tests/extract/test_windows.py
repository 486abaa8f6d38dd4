"""Long texts are parsed in windows with offsets kept; an article that fails is quarantined, the rest go on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest
import spacy
from spacy.language import Language

from pipeline.extract.cache import MentionCache, extract_incrementally
from pipeline.extract.windows import MAX_WINDOW_CHARS, ExtractionError, WindowedExtraction
from pipeline.records import Article

PUBLISHED = datetime(2021, 3, 9, tzinfo=UTC)
FILLER = ("The committee discussed the agenda of its next session, and the chair thanked the delegates. " * 6
          + "\n\n")
EARLY = "Gunmen killed four villagers in an attack near Maiduguri in Borno State, Nigeria, on Monday. "
LATE = "Police fired tear gas at protesters in Nairobi, Kenya, on Sunday, injuring three people. "


def lines_up(text: str, mention) -> bool:
    """The evidence sits at its offsets in the original text (the prefilter blanks, never moves, characters)."""
    original = text[mention.sentence_start:mention.sentence_end]
    return len(original) == len(mention.evidence) and all(
        kept == " " or kept == source for kept, source in zip(mention.evidence, original, strict=True))


def article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, text=text, published_at=PUBLISHED, source_path=f"{article_id}.txt")


def test_a_text_over_the_window_limit_is_parsed_whole_with_offsets_into_the_original(extractor):
    text = EARLY + FILLER * 600 + LATE + FILLER * 5
    assert len(text) > 2 * MAX_WINDOW_CHARS
    failures = []
    mentions = list(extractor.extract([article("long", text)], failures))
    assert failures == []
    by_sentence = {m.evidence.strip(): m for m in mentions}
    assert set(by_sentence) == {EARLY.strip(), LATE.strip()}
    assert by_sentence[LATE.strip()].sentence_start > 2 * MAX_WINDOW_CHARS
    assert all(lines_up(text, mention) for mention in mentions)
    assert len({m.mention_id for m in mentions}) == len(mentions)


def test_a_text_longer_than_nlp_max_length_is_windowed_not_refused(extractor, monkeypatch):
    monkeypatch.setattr(extractor.nlp, "max_length", 3000)
    text = FILLER * 20 + LATE + FILLER * 20
    mentions = list(extractor.extract([article("over-max", text)], []))
    assert [m.evidence.strip() for m in mentions] == [LATE.strip()]
    assert lines_up(text, mentions[0])


def test_an_article_whose_coding_raises_is_quarantined_and_the_others_are_extracted(extractor, monkeypatch):
    code = extractor.extract_from_doc

    def fragile(doc, item: Article):
        if item.article_id == "bad":
            raise OverflowError("a number too large for the table")
        return code(doc, item)

    monkeypatch.setattr(extractor, "extract_from_doc", fragile)
    articles = [article("before", EARLY), article("bad", EARLY), article("after", LATE)]
    failures = []
    mentions = list(extractor.extract(articles, failures))
    assert {m.article_id for m in mentions} == {"before", "after"}
    [failure] = failures
    assert (failure.stage, failure.article_id, failure.source_path) == ("extract", "bad", "bad.txt")
    assert "OverflowError" in failure.reason and failure.excerpt == EARLY[:200]
    with pytest.raises(ExtractionError, match="bad"):
        list(extractor.extract(articles))


def test_a_failed_article_is_not_cached_and_is_quarantined_on_every_run(extractor, monkeypatch, tmp_path):
    code = extractor.extract_from_doc
    monkeypatch.setattr(extractor, "extract_from_doc",
                        lambda doc, item: (_ for _ in ()).throw(ValueError("boom")) if item.article_id == "bad"
                        else code(doc, item))
    cache = MentionCache(tmp_path)
    articles = [article("good", EARLY), article("bad", LATE)]
    for expected_parsed in (2, 1):
        failures = []
        mentions, parsed = extract_incrementally(extractor, articles, cache, failures=failures)
        assert parsed == expected_parsed
        assert [f.article_id for f in failures] == ["bad"]
        assert set(mentions["article_id"]) == {"good"}


@dataclass(frozen=True)
class _Mention:
    mention_id: str
    sentence_start: int
    sentence_end: int


@Language.component("poisoned")
def _poisoned(doc):
    if "POISON" in doc.text:
        raise RuntimeError("a component failed on this batch")
    return doc


def test_a_batch_that_fails_inside_spacy_costs_only_the_article_that_broke_it():
    nlp = spacy.blank("en")
    nlp.add_pipe("poisoned")
    extraction = WindowedExtraction(nlp, prepare=lambda text: text, batch_size=4,
                                    code=lambda doc, item: [_Mention(f"m_{item.article_id}", 0, len(doc.text))])
    articles = [article(f"a{i}", "POISON" if i == 5 else f"report {i}") for i in range(10)]
    failures = []
    found = list(extraction.mentions(articles, failures))
    assert [m.mention_id for m in found] == [f"m_a{i}" for i in range(10) if i != 5]
    assert [f.article_id for f in failures] == ["a5"]
    long_one = replace(articles[0], text="word " * 30)
    nlp.max_length = 40
    [*windowed] = extraction.mentions([long_one], [])
    assert [m.sentence_start for m in windowed] == sorted(m.sentence_start for m in windowed)
    assert windowed[-1].sentence_end == len(long_one.text) and len(windowed) > 1
