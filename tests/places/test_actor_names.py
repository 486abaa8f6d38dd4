"""A name the actor dictionary knows is no toponym, unless it names a place of the focus country exactly."""

from datetime import UTC, datetime

import pytest
import spacy

from pipeline.places.resolver import _alias_tokens
from pipeline.records import Article


def _context(extractor, text: str, language: str):
    """The article's geography as the extractor reads it (the actor resolver's aliases passed to the places)."""
    doc = extractor.reader_of(Article("t", text, language=language)).nlp(text)
    aliases = [a for named in extractor.actors.find_named(text, country=None) for a in named.actor.aliases_matched]
    return extractor.places.article_context(doc, extractor.actors.home_countries(text), actor_names=aliases)


@pytest.mark.parametrize("text, language, foreign", [
    ("Les FAMa ont repoussé une attaque jihadiste mardi. Selon l'armée, les assaillants ont fui.", "fr", "Brazil"),
    ("Des combattants de Boko Haram ont attaqué un poste militaire jeudi, tuant trois soldats.", "fr", "Norway"),
    ("Boko Haram insurgents raided a market at dawn and set several shops on fire.", "en", "Norway"),
])
def test_an_actor_alias_is_no_place_abroad(extractor, text, language, foreign):
    context = _context(extractor, text, language)
    assert foreign not in {c.country for c in context.resolved.values()}
    assert not any("Haram" in m.text or "FAMa" in m.text for m in context.unknown)  # nor an unknown village


def test_an_alias_naming_a_focus_unit_exactly_keeps_it(extractor):
    text = "The Amhara militia attacked a village in Ethiopia on Friday, residents said."
    context = _context(extractor, text, "en")
    amhara = next(m for m in context.mentions if m.text == "Amhara")
    assert amhara.actor_name and context.resolved[amhara.key].kind == "admin1"
    assert context.resolved[amhara.key].country == "Ethiopia"


def test_the_french_event_is_not_placed_at_a_namesake(extractor):
    text = "Les FAMa ont repoussé une attaque jihadiste mardi matin, a indiqué l'état-major dans un communiqué."
    article = Article("fr-fama", text, published_at=datetime(2024, 3, 6, tzinfo=UTC), language="fr")
    countries = {m.country for m in extractor.extract([article]) if m.is_event}
    assert countries and "Brazil" not in countries


@pytest.mark.parametrize("alias, text, covered", [
    ("N'Djamena Brigade", "Fighters of the N’Djamena Brigade withdrew overnight.", "N’Djamena Brigade"),
    ("al-Shabaab", "Suspected al‑Shabaab gunmen fired on the convoy.", "al‑Shabaab"),  # no-break hyphen
    ("al-Shabaab", "Suspected al Shabaab gunmen fired on the convoy.", "al Shabaab"),
    ("Boko Haram", "A Boko\u00a0Haram cell was dismantled.", "Boko\u00a0Haram"),  # no-break space
    ("Jama’at Ansar", "Jama'at Ansar claimed the raid on Tuesday.", "Jama'at Ansar"),
])
def test_an_actor_alias_covers_its_other_written_forms(alias, text, covered):
    doc = spacy.blank("en")(text)
    start = text.index(covered)
    span = doc.char_span(start, start + len(covered), alignment_mode="expand")
    assert _alias_tokens(doc, [alias]) == frozenset(range(span.start, span.end))


def test_an_actor_alias_is_a_whole_word_only():
    doc = spacy.blank("en")("The FAMas and the Shabaabists are no aliases here.")
    assert not _alias_tokens(doc, ["FAMa", "Shabaab"])
