"""Stages 2-3: articles → event mentions, one row per candidate event with its decision, coded like ACLED.

The extractor is a pipeline of stages, each a module of pure functions over plain records:

    detect (detect.py) → code (code.py) → frame (frame.py) → normalize (normalize.py) → decide (decide.py)

Each article is parsed once and goes through every stage in one pass; the spaCy Doc is never stored. The output
record `EventMention` is the wide row of the two mention tables: `event_mentions` (the candidate, its raw
argument spans and its decision) and `normalized_mentions` (its resolved actors, place, date and deaths, plus the
columns the event merge needs); pipeline/extract/tables.py splits a frame of them into the two.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.actors import ActorDictionary, ActorResolver
from pipeline.extract.code import Codebook, Coding, code_candidate
from pipeline.extract.decide import Decision, DecisionPolicy, decide, undecided
from pipeline.extract.detect import Candidate, TermMatcher, detect_candidates
from pipeline.extract.frame import Frame, frame_candidate
from pipeline.extract.languages import ENGLISH, LanguageReader
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.extract.normalize import Normalized, normalize_date, normalize_slots
from pipeline.extract.parameters import ExtractionParameters
from pipeline.extract.prefilter import blank_non_candidates
from pipeline.places import Gazetteer, PlaceResolver
from pipeline.places.gazetteer import cue_names
from pipeline.records import Article, ResolvedDate
from pipeline.settings import Settings

EVENT_MENTIONS = "event_mentions"
NORMALIZED_MENTIONS = "normalized_mentions"
_BOTH = (EVENT_MENTIONS, NORMALIZED_MENTIONS)


def _column(description: str, *tables: str, **default):
    """A field of EventMention: which mention tables hold it (default event_mentions), and what it means."""
    return field(metadata={"tables": tables or (EVENT_MENTIONS,), "description": description}, **default)


def _optional(description: str, *tables: str):
    """A nullable field of EventMention (None by default)."""
    return _column(description, *tables, default=None)


@dataclass(frozen=True)
class EventMention:
    """One candidate event of one article: what was read, what it was coded as, and whether it is an event.

    The one declaration of the two mention tables: each field names the tables that hold it and says what it
    means; `MENTION_SCHEMA`, `EVENT_MENTION_COLUMNS` and `NORMALIZED_MENTION_COLUMNS` are derived from it.
    """

    article_id: str = _column("Article the candidate was read from", *_BOTH)
    mention_id: str = _column("Stable id of the candidate (article id and trigger offset)", *_BOTH)
    sentence_start: int = _column("Character offset where the evidence sentence starts in the article", *_BOTH)
    sentence_end: int = _column("Character offset where the evidence sentence ends", *_BOTH)
    evidence: str = _column("The sentence holding the trigger", *_BOTH)
    trigger: str = _column("The trigger term as written")
    is_event: bool = _column("The candidate is a reportable event (every decision rule passed)", *_BOTH)
    is_background: bool = _column("The passage recalls an earlier event rather than reporting a new one")
    is_negated: bool = _column("The event is reported as not having happened")
    is_hypothetical: bool = _column("The event is threatened, planned or conditional")
    confidence: float = _column("Estimated probability the mention is coded right", *_BOTH)
    rejection_reason: str | None = _optional("Why it is not an event (seeds/decision_rules.yaml), else empty")
    type_confidence: float | None = _optional("Confidence of the event type alone")
    event_type: str | None = _optional("ACLED event type (none when no codebook rule applies)", *_BOTH)
    sub_event_type: str | None = _optional("ACLED sub-event type", *_BOTH)
    coding_rule: str | None = _optional("The codebook rule that decided the type (seeds/codebook_rules.yaml)")
    agent_expression: str | None = _optional("Who acted, as written (argument phrases, '; '-separated)")
    patient_expression: str | None = _optional("On whom or what, as written")
    place_expression: str | None = _optional("The toponym the place was resolved from")
    date_expression: str | None = _optional("The date expression the event date was resolved from")
    fatalities_expression: str | None = _optional("The words the death count was read from")
    actor1: str | None = _optional("ACLED actor 1", NORMALIZED_MENTIONS)
    assoc_actor_1: str | None = _optional("Actors associated with actor 1 ('; '-separated)", NORMALIZED_MENTIONS)
    inter1: int | None = _optional("ACLED inter code of actor 1", NORMALIZED_MENTIONS)
    actor2: str | None = _optional("ACLED actor 2", NORMALIZED_MENTIONS)
    assoc_actor_2: str | None = _optional("Actors associated with actor 2", NORMALIZED_MENTIONS)
    inter2: int | None = _optional("ACLED inter code of actor 2", NORMALIZED_MENTIONS)
    interaction: int | None = _optional("ACLED interaction code of the two inter codes", NORMALIZED_MENTIONS)
    civilian_targeting: str | None = _optional("'Civilian targeting' when actor 2 is civilians", NORMALIZED_MENTIONS)
    country: str | None = _optional("Country (ACLED's name)", NORMALIZED_MENTIONS)
    iso: int | None = _optional("ISO 3166-1 numeric code of the country", NORMALIZED_MENTIONS)
    admin1: str | None = _optional("First-level administrative unit", NORMALIZED_MENTIONS)
    admin2: str | None = _optional("Second-level administrative unit", NORMALIZED_MENTIONS)
    location: str | None = _optional("Named location of the event", NORMALIZED_MENTIONS)
    latitude: float | None = _optional("Latitude of the location", NORMALIZED_MENTIONS)
    longitude: float | None = _optional("Longitude of the location", NORMALIZED_MENTIONS)
    geo_precision: int | None = _optional("ACLED geo precision: 1 town, 2 near a town, 3 region", NORMALIZED_MENTIONS)
    place_confidence: float | None = _optional("Confidence of the place resolution", NORMALIZED_MENTIONS)
    event_date: date | None = _optional("Date of the event", NORMALIZED_MENTIONS)  # noqa: RUF009 (a field())
    time_precision: int | None = _optional("ACLED time precision: 1 day, 2 week, 3 month", NORMALIZED_MENTIONS)
    fatalities: int | None = _optional("Deaths, ACLED's conservative figure", NORMALIZED_MENTIONS)
    fatalities_low: int | None = _optional("Deaths, lowest reported (UCDP low)", NORMALIZED_MENTIONS)
    fatalities_best: int | None = _optional("Deaths, best estimate (UCDP best)", NORMALIZED_MENTIONS)
    fatalities_high: int | None = _optional("Deaths, highest reported (UCDP high)", NORMALIZED_MENTIONS)
    fatalities_reported: bool = _column("The passage states a death toll (a number, or that no one died)",
                                        NORMALIZED_MENTIONS, default=False)


_POLARS_TYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean, "date": pl.Date}
MENTION_SCHEMA: dict[str, pl.DataType] = {
    f.name: _POLARS_TYPES[str(f.type).removesuffix(" | None")] for f in fields(EventMention)}
EVENT_MENTION_COLUMNS = [f.name for f in fields(EventMention) if EVENT_MENTIONS in f.metadata["tables"]]
NORMALIZED_MENTION_COLUMNS = [f.name for f in fields(EventMention) if NORMALIZED_MENTIONS in f.metadata["tables"]]


def mentions_frame(mentions: Iterable[EventMention]) -> pl.DataFrame:
    """Mentions as the wide polars frame of MENTION_SCHEMA, sorted for reproducibility."""
    frame = pl.DataFrame([asdict(m) for m in mentions], schema=MENTION_SCHEMA, orient="row")
    return frame.sort("article_id", "sentence_start", "mention_id")


def _mention_id(article_id: str, trigger_offset: int) -> str:
    return "m_" + hashlib.sha256(f"{article_id}|{trigger_offset}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class _ArticleReading:
    """What every candidate of one parsed article shares."""

    doc: Doc
    article: Article
    reader: LanguageReader
    published: date | None
    dates: tuple[ResolvedDate, ...]  # every date expression of the article, resolved once
    sentence_starts: tuple[int, ...]
    geo_context: object  # what PlaceResolver.article_context found: the article's countries and toponyms
    place_tokens: frozenset[int]


@dataclass
class Extractor:
    """Everything extraction needs, loaded once: a reader per language (spaCy model loaded on first use, lexicon,
    fatality vocabulary, date finder), the shared seeds (rules, parameters), gazetteer and actor dictionary."""

    readers: dict[str, LanguageReader]
    places: PlaceResolver
    actors: ActorResolver
    codebook: Codebook
    policy: DecisionPolicy
    parameters: ExtractionParameters
    batch_size: int = 32
    n_process: int = 1
    prefilter: bool = True  # blank sentences without triggers before parsing, in languages whose scan allows it
    countries: TermMatcher | None = None  # country names, demonyms and mission cues: such sentences are always parsed
    unread_languages: Counter = field(default_factory=Counter)  # articles of a language without a reader

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        seeds = Path(settings.seeds)
        parameters = ExtractionParameters.load(seeds)
        models = {ENGLISH: settings.spacy_model, **settings.spacy_models}
        readers = {language: LanguageReader.load(seeds, language, model) for language, model in models.items()}
        dictionary = ActorDictionary.load(seeds / "actors.csv")
        return cls(
            readers=readers,
            places=PlaceResolver(Gazetteer.load(settings.gazetteer_cache, seeds / "places.csv"), dictionary.demonyms),
            actors=ActorResolver(dictionary, parameters.actors),
            codebook=Codebook.load(seeds, readers[ENGLISH].lexicon),
            policy=DecisionPolicy.load(seeds, parameters.decide, min_confidence=settings.min_mention_confidence,
                                       dataset_start=settings.dataset_start),
            parameters=parameters,
            batch_size=settings.spacy_batch_size,
            n_process=settings.spacy_n_process,
            prefilter=settings.prefilter,
            countries=TermMatcher.from_phrases("country", [
                *(word for country, demonyms in dictionary.demonyms.items() for word in (country, *demonyms)),
                *cue_names(seeds / "places.csv")]),
        )

    @property
    def english(self) -> LanguageReader:
        return self.readers[ENGLISH]

    @property
    def nlp(self) -> Language:
        """The English pipeline (loaded on first use)."""
        return self.english.nlp

    @property
    def lexicon(self) -> TriggerLexicon:
        """The English lexicon (its taxonomy is every language's)."""
        return self.english.lexicon

    def reader_of(self, article: Article) -> LanguageReader | None:
        """The reader of an article's language (an unlabelled article is read as English)."""
        return self.readers.get(article.language or ENGLISH)

    def extract(self, articles: Iterable[Article]) -> Iterator[EventMention]:
        """Mentions of every article of a language with a reader, streamed in batches through its spaCy model,
        one language after another (first-seen order); articles of other languages are counted in
        `unread_languages`, never read silently as another language."""
        by_language: dict[str, list[Article]] = {}
        for article in articles:
            if article.duplicate_of is not None:
                continue
            if self.reader_of(article) is None:
                self.unread_languages[article.language] += 1
                continue
            by_language.setdefault(article.language or ENGLISH, []).append(article)
        for language, group in by_language.items():
            reader = self.readers[language]
            texts = ((self._parseable(a.text, reader), a) for a in group)
            docs = reader.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size, n_process=self.n_process)
            for doc, article in docs:
                yield from self.extract_from_doc(doc, article)

    def _parseable(self, text: str, reader: LanguageReader | None = None) -> str:
        """The text the full pipeline parses (by default English's): sentences that cannot hold an event blanked
        out (offsets kept)."""
        reader = reader or self.english
        if not (self.prefilter and reader.prefilter):
            return text
        return blank_non_candidates(text, reader.lexicon.triggers, self.parameters, self.countries)

    def _reading(self, doc: Doc, article: Article) -> _ArticleReading:
        published = article.published_at.date() if article.published_at else None
        reader = self.reader_of(article) or self.english
        geo_context = self.places.article_context(doc, self.actors.home_countries(doc.text))
        return _ArticleReading(
            doc, article, reader, published,
            tuple(reader.find_dates(doc.text, published, self.parameters.dates)),
            tuple(s.start_char for s in doc.sents), geo_context,
            frozenset(i for start, end in geo_context.resolved for i in range(start, end)))

    def extract_from_doc(self, doc: Doc, article: Article) -> list[EventMention]:
        """Every candidate of one parsed article, through every stage."""
        reading = self._reading(doc, article)
        lexicon = reading.reader.lexicon
        dated = {doc[doc.char_span(d.start, d.end, alignment_mode="expand").start].sent.start for d in reading.dates}
        mentions: list[EventMention] = []
        story_date: ResolvedDate | None = None
        coded = 0
        detect = self.parameters.detect
        for candidate in detect_candidates(doc, lexicon.triggers, lexicon.cues, dated,
                                           candidate_weight=detect.candidate_weight,
                                           context_sentences=detect.context_sentences):
            coding = code_candidate(doc, doc[candidate.start:candidate.end], candidate.hits, candidate.cues,
                                    lexicon, self.codebook, self.parameters, reading.place_tokens)
            if coding is None:
                mentions.append(self._uncoded(reading, candidate))
                continue
            mention = self._coded(reading, candidate, coding, story_date, is_lead=not coded)
            if story_date is None and mention.date_expression:
                story_date = ResolvedDate(mention.event_date, mention.time_precision, mention.date_expression)
            coded += 1
            mentions.append(mention)
        return mentions

    def _coded(self, reading: _ArticleReading, candidate: Candidate, coding: Coding, story_date: ResolvedDate | None,
               *, is_lead: bool) -> EventMention:
        doc = reading.doc
        frame = frame_candidate(doc, (candidate.start, candidate.end), coding.trigger, candidate.hits, reading.dates,
                                reading.sentence_starts, reading.reader.lexicon.lemmas, reading.reader.fatality_terms,
                                self.parameters.actors.max_mention_tokens)
        event_date = normalize_date(frame, story_date, doc.text, reading.dates, reading.sentence_starts,
                                    reading.published)
        slots = normalize_slots(doc, frame, coding, event_date, self.places, reading.geo_context, self.actors)
        decision = decide(coding, frame, event_date, frame.count.fatalities, frozenset(c.label for c in candidate.cues),
                          located=slots.place.latitude is not None, is_lead=is_lead, published=reading.published,
                          policy=self.policy)
        return _mention(reading, coding, frame, slots, decision)

    def _uncoded(self, reading: _ArticleReading, candidate: Candidate) -> EventMention:
        """The row of a candidate no codebook rule codes: its strongest trigger, no type, no slots."""
        hit = max(candidate.hits, key=lambda h: (h.weight, -h.start))
        token = reading.doc[hit.start]
        decision = undecided()
        return EventMention(
            article_id=reading.article.article_id, mention_id=_mention_id(reading.article.article_id, token.idx),
            sentence_start=token.sent.start_char, sentence_end=token.sent.end_char, evidence=token.sent.text,
            trigger=reading.doc[hit.start:hit.end].text, is_event=decision.is_event,
            is_background=decision.is_background, is_negated=decision.is_negated,
            is_hypothetical=decision.is_hypothetical, confidence=decision.confidence,
            rejection_reason=decision.rejection_reason,
        )


def _mention(reading: _ArticleReading, coding: Coding, frame: Frame, slots: Normalized,
             decision: Decision) -> EventMention:
    """The row of a coded candidate."""
    doc, roles, place, count = reading.doc, slots.roles, slots.place, frame.count
    actor1, actor2 = roles.actor1, roles.actor2
    inter2 = actor2.inter if actor2 else None
    return EventMention(
        article_id=reading.article.article_id,
        mention_id=_mention_id(reading.article.article_id, doc[frame.trigger_start].idx),
        sentence_start=frame.sentence_start, sentence_end=frame.sentence_end,
        evidence=doc.text[frame.sentence_start:frame.sentence_end],
        trigger=doc[frame.trigger_start:frame.trigger_end].text,
        is_event=decision.is_event, rejection_reason=decision.rejection_reason,
        is_background=decision.is_background, is_negated=decision.is_negated,
        is_hypothetical=decision.is_hypothetical, confidence=decision.confidence,
        type_confidence=coding.type_confidence, event_type=coding.event_type, sub_event_type=coding.sub_event_type,
        coding_rule=coding.rule, agent_expression=frame.agent_text or None,
        patient_expression=frame.patient_text or None, place_expression=place.evidence,
        date_expression=slots.date.expression, fatalities_expression=count.expression,
        actor1=actor1.name if actor1 else None, assoc_actor_1=roles.assoc_actor_1_names or None,
        inter1=actor1.inter if actor1 else None, actor2=actor2.name if actor2 else None,
        assoc_actor_2=roles.assoc_actor_2_names or None, inter2=inter2, interaction=roles.interaction,
        civilian_targeting="Civilian targeting" if inter2 == 7 else None,
        country=place.country, iso=place.iso, admin1=place.admin1, admin2=place.admin2, location=place.location,
        latitude=place.latitude, longitude=place.longitude, geo_precision=place.geo_precision,
        place_confidence=place.confidence, event_date=slots.date.event_date, time_precision=slots.date.time_precision,
        fatalities=count.fatalities, fatalities_low=count.low, fatalities_best=count.best,
        fatalities_high=count.high, fatalities_reported=count.expression is not None,
    )
