"""Stages 2-3: articles → event mentions, one row per candidate event with its decision, coded like ACLED.

The extractor is a pipeline of stages, each a module of pure functions over plain records:

    detect (detect.py) → code (code.py) → frame (frame.py) → normalize (normalize.py) → decide (decide.py)

Each article is parsed once and goes through every stage in one pass; the spaCy Doc is never stored. The output
record `EventMention` is the wide row of the two mention tables: `event_mentions` (the candidate, its raw
argument spans and its decision) and `normalized_mentions` (its resolved actors, place, date and deaths, plus the
columns the event merge needs); `mention_tables` splits a frame of them into the two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from functools import partial
from itertools import groupby
from pathlib import Path

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.actors import ActorDictionary, ActorResolver
from pipeline.extract.code import Codebook, Coding, code_candidate
from pipeline.extract.decide import Cues, Decision, DecisionPolicy, decide, undecided
from pipeline.extract.detect import Candidate, TermMatcher, detect_candidates
from pipeline.extract.frame import Frame, frame_candidate
from pipeline.extract.languages import ENGLISH, LanguageReader, can_read, language_models
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.extract.normalize import Normalized, normalize_date, normalize_slots
from pipeline.extract.parameters import ExtractionParameters
from pipeline.extract.prefilter import blank_non_candidates
from pipeline.extract.processes import NProcess, extract_in_processes, worker_count
from pipeline.extract.windows import WindowedExtraction
from pipeline.normalize.dates import filing_date
from pipeline.places import Gazetteer, PlaceResolver
from pipeline.places.gazetteer import cue_names
from pipeline.records import Article, QuarantineRecord, ResolvedDate
from pipeline.settings import Settings
from pipeline.tables import EVENT_MENTIONS, NORMALIZED_MENTIONS


@dataclass(frozen=True)
class EventMention:
    """One candidate event of one article: what was read, what it was coded as, and whether it is an event.

    The wide row of the two mention tables declared in pipeline/tables/declarations.py (`EVENT_MENTIONS`,
    `NORMALIZED_MENTIONS`): its fields are their columns, in order (checked below).
    """

    article_id: str
    mention_id: str
    sentence_start: int
    sentence_end: int
    evidence: str
    trigger: str
    is_event: bool
    is_background: bool
    is_negated: bool
    is_hypothetical: bool
    confidence: float
    rejection_reason: str | None = None
    type_confidence: float | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    coding_rule: str | None = None
    agent_expression: str | None = None
    patient_expression: str | None = None
    place_expression: str | None = None
    date_expression: str | None = None
    fatalities_expression: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    country: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    place_confidence: float | None = None
    place_id: str | None = None
    event_date: date | None = None
    time_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    fatalities_reported: bool = False


MENTION_SCHEMA: dict[str, pl.DataType] = {**EVENT_MENTIONS.schema, **NORMALIZED_MENTIONS.schema}  # the wide row
assert list(MENTION_SCHEMA) == [f.name for f in fields(EventMention)]


def mentions_frame(mentions: Iterable[EventMention]) -> pl.DataFrame:
    """Mentions as the wide polars frame of MENTION_SCHEMA, sorted for reproducibility."""
    frame = pl.DataFrame([asdict(m) for m in mentions], schema=MENTION_SCHEMA, orient="row")
    return frame.sort("article_id", "sentence_start", "mention_id")


def mention_tables(mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event_mentions, normalized_mentions) of a wide mentions frame: one row per candidate in each."""
    return mentions.select(EVENT_MENTIONS.names), mentions.select(NORMALIZED_MENTIONS.names)


def _mention_id(article_id: str, trigger_offset: int) -> str:
    return "m_" + hashlib.sha256(f"{article_id}|{trigger_offset}".encode()).hexdigest()[:16]


_DATELINE_END = ("-", "\u2013", "\u2014", ":")  # "WARSAW, Nov 16 (Wire) -", "PESHAWAR:"


def _lead(sentences: Sequence[Span]) -> Span | None:
    """The article's lead: its first sentence with words, with the one after it when the first is only a dateline
    ("WARSAW, Nov 16 (Wire) -", which the parser often splits off the story's first sentence)."""
    filled = [index for index, sentence in enumerate(sentences) if sentence.text.strip()]
    if not filled:
        return None
    first = sentences[filled[0]]
    if first.text.strip().endswith(_DATELINE_END) and len(filled) > 1:
        return first.doc[first.start:sentences[filled[1]].end]
    return first


@dataclass(frozen=True)
class _ArticleReading:
    """What every candidate of one parsed article shares."""

    doc: Doc
    text: str  # doc.text, which spaCy joins anew from the tokens at every call
    sentences: tuple[Span, ...]
    article: Article
    reader: LanguageReader
    published: date | None
    dates: tuple[ResolvedDate, ...]  # every date expression of the article, resolved once
    sentence_starts: tuple[int, ...]
    geo_context: object  # what PlaceResolver.article_context found: the article's countries and toponyms
    place_tokens: frozenset[int]
    lead_cues: frozenset[str]  # cue labels of the article's first sentence (what the story is about)
    article_cues: frozenset[str]  # cue labels of the whole article (blanked sentences included)


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
    n_process: NProcess = 1  # or "auto": chosen by the number of articles given (processes.worker_count)
    min_articles_per_process: int = 50
    prefilter: bool = True  # blank sentences without triggers before parsing, in languages whose scan allows it
    countries: TermMatcher | None = None  # country names, demonyms and mission cues: such sentences are always parsed

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        seeds = Path(settings.seeds)
        parameters = ExtractionParameters.load(seeds)
        readers = {language: LanguageReader.load(seeds, language, model)
                   for language, model in language_models(settings).items()}
        dictionary = ActorDictionary.load(seeds / "actors.csv")
        return cls(
            readers=readers,
            places=PlaceResolver(Gazetteer.load(settings.gazetteer_cache, seeds / "places.csv"), dictionary.demonyms,
                                 seeds=seeds, source_countries=settings.source_countries),
            actors=ActorResolver(dictionary, parameters.actors),
            codebook=Codebook.load(seeds, readers[ENGLISH].lexicon),
            policy=DecisionPolicy.load(seeds, parameters.decide, min_confidence=settings.min_mention_confidence,
                                       dataset_start=settings.dataset_start),
            parameters=parameters,
            batch_size=settings.spacy_batch_size,
            n_process=settings.spacy_n_process,
            min_articles_per_process=settings.spacy_min_articles_per_process,
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

    @property
    def languages(self) -> frozenset[str]:
        """The languages read: those with a reader (unlabelled articles are read as English)."""
        return frozenset(self.readers)

    def extract(self, articles: Iterable[Article],
                failures: list[QuarantineRecord] | None = None) -> Iterator[EventMention]:
        """Mentions of every article of a language with a reader (or unlabelled), streamed in batches through its
        language's spaCy model, one run of same-language articles after another, long texts in windows
        (pipeline/extract/windows.py), in as many processes as ``workers_for`` their number. Articles of other
        languages are skipped (the run summary counts them). An article that fails becomes a quarantine row in
        ``failures`` (stage extract) and extraction goes on; without a list, it raises ExtractionError."""
        readable = [a for a in articles if can_read(a.language, self.languages) and a.duplicate_of is None]
        workers = self.workers_for(len(readable))
        for language, run in groupby(readable, key=lambda a: a.language or ENGLISH):
            reader = self.readers[language]
            extraction = WindowedExtraction(reader.nlp, partial(self._parseable, reader=reader),
                                            self.extract_from_doc, self.batch_size)
            if workers > 1:  # whole articles to forked workers (pipeline/extract/processes.py)
                yield from extract_in_processes(extraction.mentions, run, workers, failures)
            else:
                yield from extraction.mentions(run, failures)

    def workers_for(self, articles: int) -> int:
        """The worker processes that extract ``articles`` articles (n_process, or chosen by their number)."""
        return worker_count(self.n_process, articles, self.min_articles_per_process)

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
        text = doc.text
        named = self.actors.find_named(text, country=None)
        geo_context = self.places.article_context(
            doc, self.actors.home_countries(text, named),
            source_country=self.places.source_country(article.country, article.source), source=article.source,
            actor_names=[alias for match in named for alias in match.actor.aliases_matched])
        sentences = tuple(doc.sents)  # each walk of doc.sents visits every token
        lead = _lead(sentences)
        dates = tuple(reader.find_dates(text, published, self.parameters.dates))
        filed = filing_date(text, dates)
        if filed is not None and published is not None and filed < published:  # the dateline is the story's day
            published, dates = filed, tuple(reader.find_dates(text, filed, self.parameters.dates))
        return _ArticleReading(
            doc, text, sentences, article, reader, published, dates,
            tuple(s.start_char for s in sentences), geo_context,
            frozenset(i for start, end in geo_context.resolved for i in range(start, end)),
            frozenset(hit.label for hit in reader.lexicon.cues.find_in(lead, lead.start)) if lead else frozenset(),
            self._article_cues(doc, article, reader))

    @staticmethod
    def _article_cues(doc: Doc, article: Article, reader: LanguageReader) -> frozenset[str]:
        """Cue labels of the whole article: of the parsed text, and of the article's own words where the prefilter
        blanked sentences out of it (read by form, unparsed: "firefighters battled the blaze" tells a fire)."""
        labels = {hit.label for hit in reader.lexicon.cues.find_in(doc)}
        if doc.text != article.text:
            labels |= {hit.label for hit in reader.lexicon.cues.find_in(reader.nlp.tokenizer(article.text))}
        return frozenset(labels)

    def extract_from_doc(self, doc: Doc, article: Article) -> list[EventMention]:
        """Every candidate of one parsed article, through every stage."""
        reading = self._reading(doc, article)
        lexicon = reading.reader.lexicon
        dated = {doc[doc.char_span(d.start, d.end, alignment_mode="expand").start].sent.start for d in reading.dates}
        # a sentence dated, telling a total or a history, another incident ("in a separate attack") or an earlier
        # one ("a week earlier") opens its own candidate: it reports another event
        terms, text = reading.reader.fatality_terms, reading.text
        for sentence in reading.sentences:
            sentence_text = text[sentence.start_char:sentence.end_char]  # Span.text, without joining its tokens
            if (terms.period.search(sentence_text) or terms.separate_event.search(sentence_text)
                    or terms.other_event.search(sentence_text)):
                dated.add(sentence.start)
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
            earlier = frozenset(m.event_type for m in mentions if m.is_event and m.event_type)
            mention = self._coded(reading, candidate, coding, story_date, is_lead=not coded, earlier_events=earlier)
            if story_date is None and mention.date_expression:
                story_date = ResolvedDate(mention.event_date, mention.time_precision, mention.date_expression)
            coded += 1
            mentions.append(mention)
        return mentions

    def _coded(self, reading: _ArticleReading, candidate: Candidate, coding: Coding, story_date: ResolvedDate | None,
               *, is_lead: bool, earlier_events: frozenset[str]) -> EventMention:
        doc = reading.doc
        frame = frame_candidate(doc, (candidate.start, candidate.end), coding.trigger, candidate.hits, reading.dates,
                                reading.sentence_starts, reading.reader.lexicon.lemmas, reading.reader.fatality_terms,
                                self.parameters.actors.max_mention_tokens)
        event_date = normalize_date(frame, story_date, reading.text, reading.dates, reading.sentence_starts,
                                    reading.published)
        slots = normalize_slots(doc, frame, coding, event_date, self.places, reading.geo_context, self.actors)
        sentence = doc[frame.trigger_start].sent
        cues = Cues(frozenset(c.label for c in candidate.cues),
                    frozenset(c.label for c in candidate.cues if sentence.start <= c.start < sentence.end),
                    reading.lead_cues, reading.article_cues,
                    frozenset(a.kind for a in (slots.roles.actor1, slots.roles.actor2) if a and a.kind))
        decision = decide(coding, frame, event_date, frame.count.fatalities, cues,
                          located=slots.place.latitude is not None, is_lead=is_lead, published=reading.published,
                          policy=self.policy, earlier_events=earlier_events)
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
        evidence=reading.text[frame.sentence_start:frame.sentence_end],
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
        place_confidence=place.confidence, place_id=place.place_id, event_date=slots.date.event_date,
        time_precision=slots.date.time_precision,
        fatalities=count.fatalities, fatalities_low=count.low, fatalities_best=count.best,
        fatalities_high=count.high, fatalities_reported=count.expression is not None,
    )
