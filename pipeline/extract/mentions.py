"""Stages 2-3: articles → normalized event mentions (one row per event passage, with provenance offsets)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.actors import ActorDictionary, ActorResolver, extract_actors
from pipeline.extract.classify import Classification, classify_passage, is_hypothetical, is_negated, is_past_perfect
from pipeline.extract.language_model import load_language_model
from pipeline.extract.languages import can_read
from pipeline.extract.lexicon import TermHit, TermMatcher, TriggerLexicon, token_forms
from pipeline.extract.prefilter import blank_non_candidates
from pipeline.extract.windows import WindowedExtraction
from pipeline.normalize.dates import find_date_expressions, resolve_event_date
from pipeline.normalize.fatalities import count_fatalities
from pipeline.places import Gazetteer, PlaceResolver
from pipeline.places.gazetteer import cue_names
from pipeline.records import Article, QuarantineRecord, ResolvedDate
from pipeline.settings import Settings
from pipeline.tables import EVENT_MENTIONS

MAX_CONTEXT_SENTENCES = 2  # sentences without a trigger that still describe the preceding event
_NON_TRIGGER_ENTITIES = {"DATE", "TIME"}  # "March" the month is no protest march
_NOUN_ATTACHMENTS = {"pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound"}


@dataclass(frozen=True)
class EventMention:
    """One event passage of one article, coded with ACLED's fields and its provenance."""

    article_id: str
    mention_id: str
    sentence_start: int
    sentence_end: int
    evidence: str
    trigger: str
    is_background: bool
    is_negated: bool
    is_hypothetical: bool
    confidence: float
    type_confidence: float
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: str | None
    country: str | None
    iso: int | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    place_confidence: float
    event_date: date | None
    time_precision: int | None
    date_expression: str | None
    fatalities: int
    fatalities_low: int
    fatalities_best: int
    fatalities_high: int
    fatalities_expression: str | None


assert EVENT_MENTIONS.names == [f.name for f in fields(EventMention)]


@dataclass
class Extractor:
    """Everything extraction needs, loaded once: spaCy model, trigger lexicon, gazetteer and actor dictionary."""

    nlp: Language
    lexicon: TriggerLexicon
    places: PlaceResolver
    actors: ActorResolver
    batch_size: int = 32
    n_process: int = 1
    prefilter: bool = True
    countries: TermMatcher | None = None  # country names, demonyms and mission cues: such sentences are always parsed

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        seeds = Path(settings.seeds)
        gazetteer = Gazetteer.load(settings.gazetteer_cache, seeds / "places.csv")
        actors = ActorDictionary.load(seeds / "actors.csv")
        return cls(
            nlp=load_language_model(settings.spacy_model),
            lexicon=TriggerLexicon.load(seeds / "triggers.yaml"),
            places=PlaceResolver(gazetteer, actors.demonyms, seeds=seeds, source_countries=settings.source_countries),
            actors=ActorResolver(actors),
            batch_size=settings.spacy_batch_size,
            n_process=settings.spacy_n_process,
            prefilter=settings.prefilter,
            countries=TermMatcher.from_phrases("country", [*(word for country, demonyms in actors.demonyms.items()
                                                             for word in (country, *demonyms)),
                                                           *cue_names(seeds / "places.csv")]),
        )

    def extract(self, articles: Iterable[Article],
                failures: list[QuarantineRecord] | None = None) -> Iterator[EventMention]:
        """Mentions of every article in the model's language (or unlabelled), streamed in batches through spaCy, long
        texts in windows (pipeline/extract/windows.py). An article that fails becomes a quarantine row in ``failures``
        (stage extract) and extraction goes on; without a list, it raises ExtractionError."""
        readable = (a for a in articles if can_read(a.language, {self.nlp.lang}) and a.duplicate_of is None)
        extraction = WindowedExtraction(self.nlp, self._parseable, self.extract_from_doc, self.batch_size,
                                        self.n_process)
        return extraction.mentions(readable, failures)

    def _parseable(self, text: str) -> str:
        """The text the full pipeline parses: sentences that cannot hold an event blanked out (offsets kept)."""
        return blank_non_candidates(text, self.lexicon, self.nlp.tokenizer, self.countries) if self.prefilter else text

    def extract_from_doc(self, doc: Doc, article: Article) -> list[EventMention]:
        """Mentions of one parsed article."""
        published = article.published_at.date() if article.published_at else None
        geo_context = self.places.article_context(
            doc, self.actors.home_countries(doc.text),
            source_country=self.places.source_country(article.country, article.source))
        place_tokens = {i for start, end in geo_context.resolved for i in range(start, end)}
        mentions: list[EventMention] = []
        lead_date: ResolvedDate | None = None
        for passage in self._passages(doc, published):
            classification = classify_passage(
                passage.hits, passage.cues, doc, [t for s in passage.sentences for t in s], self.lexicon, place_tokens)
            if classification is None:
                continue
            mention = self._code_mention(doc, article, passage, classification, published, geo_context, lead_date,
                                         is_lead=not mentions)
            if lead_date is None and mention.date_expression:
                lead_date = ResolvedDate(mention.event_date, mention.time_precision, mention.date_expression)
            mentions.append(mention)
        return mentions

    def _passages(self, doc: Doc, published: date | None) -> list[_Passage]:
        """Trigger sentences with the context sentences that follow them; a sentence with its own date or a gap
        starts a new passage."""
        passages: list[_Passage] = []
        current: _Passage | None = None
        since_trigger = 0
        for sentence in doc.sents:
            forms = [token_forms(t) if t.ent_type_ not in _NON_TRIGGER_ENTITIES else ("",) for t in sentence]
            hits = _shift(self.lexicon.triggers.find(forms), sentence.start)
            cues = _shift(self.lexicon.cues.find(forms), sentence.start)
            is_trigger = any(h.weight >= 0.6 for h in hits)
            if is_trigger:
                own_date = bool(find_date_expressions(sentence.text, published))
                if current is None or own_date or since_trigger > MAX_CONTEXT_SENTENCES:
                    current = _Passage()
                    passages.append(current)
                since_trigger = 0
            elif current is None:
                continue
            else:
                since_trigger += 1
                if since_trigger > MAX_CONTEXT_SENTENCES:
                    continue
            current.sentences.append(sentence)
            current.hits.extend(hits)
            current.cues.extend(cues)
        return passages

    def _code_mention(
        self, doc: Doc, article: Article, passage: _Passage, classification: Classification,
        published: date | None, geo_context, lead_date: ResolvedDate | None, *, is_lead: bool,
    ) -> EventMention:
        trigger = doc[classification.trigger.start]
        sentence = trigger.sent
        start_char, end_char = passage.sentences[0].start_char, passage.sentences[-1].end_char
        passage_text = doc.text[start_char:end_char]
        resolved_date = resolve_event_date(passage_text, published, focus=trigger.idx - start_char)
        if resolved_date.expression is None:
            resolved_date = lead_date or _latest_date_before(doc.text[:start_char], published) or resolved_date
        place = self.places.locate(doc, sentence, trigger, geo_context)
        deaths = count_fatalities(passage_text)
        passage_span = doc[passage.sentences[0].start:passage.sentences[-1].end]

        def actors_in(country: str | None):
            return extract_actors(passage_span, event_predicate(trigger), event_type=classification.event_type,
                                  sub_event_type=classification.sub_event_type, country=country,
                                  resolver=self.actors, event_date=resolved_date.event_date)

        roles = actors_in(place.country)
        if place.location is None and (actor_country := _actors_country(roles, place.country)):
            place = self.places.country_only(actor_country) or place
            roles = actors_in(place.country)
        negated, hypothetical = is_negated(trigger, self.lexicon), is_hypothetical(trigger, self.lexicon)
        if not classification.asserted and not (negated or hypothetical):
            negated = any(is_negated(doc[h.start], self.lexicon) for h in passage.hits)
            hypothetical = not negated
        background = bool(resolved_date.is_before_report_window) or is_past_perfect(trigger)
        confidence = classification.confidence * (0.6 if background or negated or hypothetical else 1.0)
        confidence += 0.05 * is_lead + 0.05 * bool(resolved_date.expression) + 0.05 * (place.latitude is not None)
        actor1, actor2 = roles.actor1, roles.actor2
        inter2 = actor2.inter if actor2 else None
        return EventMention(
            article_id=article.article_id,
            mention_id=_mention_id(article.article_id, trigger.idx),
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            evidence=sentence.text,
            trigger=doc[classification.trigger.start:classification.trigger.end].text,
            is_background=background,
            is_negated=negated,
            is_hypothetical=hypothetical,
            confidence=round(min(confidence, 1.0), 3),
            type_confidence=classification.confidence,
            event_type=classification.event_type,
            sub_event_type=classification.sub_event_type,
            actor1=actor1.name if actor1 else None,
            assoc_actor_1=roles.assoc_actor_1_names or None,
            inter1=actor1.inter if actor1 else None,
            actor2=actor2.name if actor2 else None,
            assoc_actor_2=roles.assoc_actor_2_names or None,
            inter2=inter2,
            interaction=roles.interaction,
            civilian_targeting="Civilian targeting" if inter2 == 7 else None,
            country=place.country,
            iso=place.iso,
            admin1=place.admin1,
            admin2=place.admin2,
            location=place.location,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=place.geo_precision,
            place_confidence=place.confidence,
            event_date=resolved_date.event_date,
            time_precision=resolved_date.time_precision,
            date_expression=resolved_date.expression,
            fatalities=deaths.fatalities,
            fatalities_low=deaths.low,
            fatalities_best=deaths.best,
            fatalities_high=deaths.high,
            fatalities_expression=deaths.expression,
        )


@dataclass
class _Passage:
    sentences: list[Span] = field(default_factory=list)
    hits: list[TermHit] = field(default_factory=list)
    cues: list[TermHit] = field(default_factory=list)


def _actors_country(roles, place_country: str | None) -> str | None:
    """The one country, other than the place's own, that the event's named or national actors belong to."""
    countries = {actor.country for actor in (roles.actor1, roles.actor2)
                 if actor is not None and actor.country and actor.country != place_country}
    return countries.pop() if len(countries) == 1 else None


def _shift(hits: Sequence[TermHit], offset: int) -> list[TermHit]:
    return [TermHit(h.label, h.weight, h.start + offset, h.end + offset, h.term) for h in hits]


def _latest_date_before(text: str, published: date | None) -> ResolvedDate | None:
    """The date of the story told before a passage that has none of its own (its nearest date expression)."""
    if not text.strip():
        return None
    resolved = resolve_event_date(text, published, focus=len(text))
    return resolved if resolved.expression else None


def _mention_id(article_id: str, trigger_offset: int) -> str:
    return "m_" + hashlib.sha256(f"{article_id}|{trigger_offset}".encode()).hexdigest()[:16]


def event_predicate(trigger: Token) -> Token:
    """The verb an event noun hangs from ("killed in airstrikes", "launched an assault"), else the trigger."""
    token = trigger
    for _ in range(3):
        if token.pos_ not in {"NOUN", "PROPN", "ADP"} or token.dep_ not in _NOUN_ATTACHMENTS or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ == "VERB":
            return token
    return trigger


def mentions_frame(mentions: Iterable[EventMention]) -> pl.DataFrame:
    """Mentions as a polars frame with the EVENT_MENTIONS schema, sorted for reproducibility."""
    frame = pl.DataFrame([asdict(m) for m in mentions], schema=EVENT_MENTIONS.schema, orient="row")
    return frame.sort("article_id", "sentence_start", "mention_id")
