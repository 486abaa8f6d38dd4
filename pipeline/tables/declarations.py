"""The one declaration of every table the pipeline writes: staged Parquet, DuckDB, releases and the ACLED CSV.

Add a column here and the polars schema, the Dagster column metadata, the release's Frictionless Table Schema,
the Great Expectations checks and the DuckDB type check all follow.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from pipeline.tables.contract import Column, Table

UTC_TIME = pl.Datetime("us", "UTC")
PRECISION = (1, 2, 3)
INTER_CODES = tuple(range(9))  # ACLED inter codes: 0 none, 1 state forces … 8 external/other forces


def _identifier(name: str, description: str) -> Column:
    return Column(name, pl.String, description, nullable=False)


def _count(name: str, description: str, nullable: bool = False) -> Column:
    return Column(name, pl.Int64, description, nullable=nullable, minimum=0)


def _share(name: str, description: str) -> Column:
    return Column(name, pl.Float64, description, nullable=False, minimum=0, maximum=1)


ARTICLE_ID = _identifier("article_id", "Article identifier (given by the source, or derived from its content hash)")
MENTION_ID = _identifier("mention_id", "Identifier of one event passage in one article")
EVENT_ID = _identifier("event_id", "Stable event identifier (same inputs give the same id across runs)")
SENTENCE = (
    Column("sentence_start", pl.Int64, "Character offset of the evidence sentence in the article text",
           nullable=False, minimum=0),
    Column("sentence_end", pl.Int64, "Character offset just past the evidence sentence", nullable=False, minimum=0),
)
EVENT_DATE = Column("event_date", pl.Date, "Day the event happened (not the publication day)")
TIME_PRECISION = Column("time_precision", pl.Int64, "ACLED time precision: 1 day, 2 week, 3 month", allowed=PRECISION)
EVENT_TYPE = Column("event_type", pl.String, "ACLED event type", nullable=False, vocabulary="event_type")
SUB_EVENT_TYPE = Column("sub_event_type", pl.String, "ACLED sub-event type", nullable=False,
                        vocabulary="sub_event_type")
ACTORS = (
    Column("actor1", pl.String, "Main actor (ACLED naming)"),
    Column("assoc_actor_1", pl.String, "Actors associated with actor1, separated by '; '"),
    Column("inter1", pl.Int64, "ACLED inter code of actor1", allowed=INTER_CODES),
    Column("actor2", pl.String, "Target or opposing actor (ACLED naming)"),
    Column("assoc_actor_2", pl.String, "Actors associated with actor2, separated by '; '"),
    Column("inter2", pl.Int64, "ACLED inter code of actor2", allowed=INTER_CODES),
    Column("interaction", pl.Int64, "ACLED interaction code (inter1 and inter2 combined)", minimum=0, maximum=88),
    Column("civilian_targeting", pl.String, "'Civilian targeting' when civilians were the target",
           allowed=("Civilian targeting",)),
)
COUNTRY = Column("country", pl.String, "Country (ACLED's name)")
ISO = Column("iso", pl.Int64, "ISO 3166-1 numeric country code", minimum=0, maximum=999)
ADMIN1 = Column("admin1", pl.String, "First-level administrative division")
PLACE = (
    COUNTRY, ISO, ADMIN1,
    Column("admin2", pl.String, "Second-level administrative division"),
    Column("location", pl.String, "Named place of the event"),
    Column("latitude", pl.Float64, "Latitude of the location (WGS 84)", minimum=-90, maximum=90),
    Column("longitude", pl.Float64, "Longitude of the location (WGS 84)", minimum=-180, maximum=180),
    Column("geo_precision", pl.Int64, "ACLED geo precision: 1 town, 2 near or part of, 3 region", allowed=PRECISION),
)
FATALITIES = (
    _count("fatalities", "ACLED conservative count: the lowest reported number, 0 if unknown"),
    _count("fatalities_low", "Lowest reported fatality count"),
    _count("fatalities_best", "Best estimate of fatalities"),
    _count("fatalities_high", "Highest reported fatality count"),
)
EVENTS_COUNT = _count("events", "Number of events")
FATALITIES_SUM = _count("fatalities", "Sum of the events' ACLED conservative fatality counts")

ARTICLES = Table(
    "articles", "Articles loaded from the articles folder or file, cleaned, language-tagged and linked to duplicates.",
    (
        ARTICLE_ID,
        Column("source_path", pl.String, "File the record was read from"),
        Column("record_offset", pl.Int64, "Line, row or record number inside its file"),
        Column("title", pl.String, "Headline"),
        Column("text", pl.String, "Cleaned article text", released=False),
        Column("published_at", UTC_TIME, "Publication time of the article (UTC)"),
        Column("source", pl.String, "Publisher or outlet"),
        Column("url", pl.String, "Address of the article"),
        Column("language", pl.String, "ISO 639-1 language code"),
        Column("content_hash", pl.String, "sha256 of the normalized text"),
        Column("duplicate_of", pl.String, "article_id of the first exact or near-duplicate article, if any"),
        Column("country", pl.String, "Country the source says the article is about (optional; places its events "
               "within it)"),
    ),
    key=("article_id",),
)

QUARANTINE = Table(
    "quarantine",
    "Input records that could not be loaded and articles a later stage could not process, with the stage, the reason "
    "and where they came from.",
    (
        Column("source_path", pl.String, "File the record was read from", nullable=False),
        Column("record_offset", pl.Int64, "Line, row or record number of the rejected input inside its file"),
        Column("stage", pl.String, "Stage that rejected it: ingest (could not be loaded) or extract (loaded, but "
               "extraction failed)", nullable=False, allowed=("ingest", "extract")),
        Column("article_id", pl.String, "The loaded article a later stage failed on (extract stage only)"),
        Column("reason", pl.String, "Why the record was quarantined", nullable=False),
        Column("excerpt", pl.String, "Start of the rejected input"),
    ),
)

MENTION_IDENTITY = (
    ARTICLE_ID, MENTION_ID, *SENTENCE,
    Column("evidence", pl.String, "Sentence holding the trigger", nullable=False),
)
IS_EVENT = Column("is_event", pl.Boolean, "The candidate is a reportable event (no rule of seeds/decision_rules.yaml "
                  "rejected it)", nullable=False)
MENTION_CONFIDENCE = _share("confidence", "Estimated probability the mention is coded right, 0 to 1")
MENTION_CODING = (
    replace(EVENT_TYPE, nullable=True, description="ACLED event type (empty when no codebook rule applies)"),
    replace(SUB_EVENT_TYPE, nullable=True, description="ACLED sub-event type (empty when no codebook rule applies)"),
)

EVENT_MENTIONS = Table(
    "event_mentions",
    "One row per candidate event of each article (extraction): the trigger and the evidence sentence's offsets, the "
    "ACLED type and sub-type and the codebook rule that coded it, the argument expressions as written "
    "(agent, patient, place, date, count), background/negation/hypothetical flags, and whether it is a reportable "
    "event or why not (rejection_reason).",
    (
        *MENTION_IDENTITY,
        Column("trigger", pl.String, "The trigger term as written", nullable=False),
        IS_EVENT,
        Column("is_background", pl.Boolean, "The passage recalls an earlier event rather than reporting a new one",
               nullable=False),
        Column("is_negated", pl.Boolean, "The passage says the event did not happen", nullable=False),
        Column("is_hypothetical", pl.Boolean, "The passage speaks of a threat, plan or possibility", nullable=False),
        MENTION_CONFIDENCE,
        Column("rejection_reason", pl.String, "Why the candidate is not an event (a reason of "
               "seeds/decision_rules.yaml); empty for an event", vocabulary="rejection_reason"),
        Column("type_confidence", pl.Float64, "Confidence in the event type and sub-type, 0 to 1", minimum=0,
               maximum=1),
        *MENTION_CODING,
        Column("coding_rule", pl.String, "The codebook rule that decided the type (seeds/codebook_rules.yaml)"),
        Column("agent_expression", pl.String, "Who acted, as written (argument phrases, '; '-separated)"),
        Column("patient_expression", pl.String, "On whom or what, as written"),
        Column("place_expression", pl.String, "The toponym the place was resolved from"),
        Column("date_expression", pl.String, "Words the event date was read from"),
        Column("fatalities_expression", pl.String, "Words the fatality count was read from"),
    ),
    key=("mention_id",),
)

NORMALIZED_MENTIONS = Table(
    "normalized_mentions",
    "One row per candidate event of each article with its slots normalized: actors (ACLED names, inter codes), "
    "place (admin names, coordinates, geo_precision), event date with time_precision, fatalities (ACLED conservative "
    "and low/best/high), and whether it is a reportable event; events are merged from its rows with is_event.",
    (
        *MENTION_IDENTITY, IS_EVENT, MENTION_CONFIDENCE, *MENTION_CODING, *ACTORS, *PLACE,
        Column("place_confidence", pl.Float64, "Confidence in the place, 0 to 1", minimum=0, maximum=1),
        Column("place_id", pl.String, "The gazetteer entry the place was resolved to (empty for a place the gazetteer "
               "lacks, coded at its unit)"),
        EVENT_DATE, TIME_PRECISION,
        *(replace(column, nullable=True) for column in FATALITIES),  # empty for a candidate no rule codes
        Column("fatalities_reported", pl.Boolean, "The passage states a death toll (a number, or that no one died)",
               nullable=False),
    ),
    key=("mention_id",),
)

# Columns given to events after the merge (pipeline/events/acled_columns.py): ACLED's ids, codes and sources.
EVENT_ID_CNTY = Column("event_id_cnty", pl.String, "ACLED-style event id: ISO3 + a number that stays with the event "
                       "across runs and releases", nullable=False, unique=True)
DISORDER_TYPE = Column("disorder_type", pl.String, "ACLED disorder type, from the event type and sub-type by the "
                       "codebook (seeds/acled_codebook.yaml)",
                       allowed=("Political violence", "Demonstrations", "Political violence; Demonstrations",
                                "Strategic developments"))
REGION = Column("region", pl.String, "ACLED region of the country (seeds/countries.csv)")
ADMIN3 = Column("admin3", pl.String, "Third-level administrative division, when the gazetteer gives one")
SOURCE = Column("source", pl.String, "Outlets of the articles reporting the event, separated by '; '")
SOURCE_SCALE = Column("source_scale", pl.String, "ACLED source scale of the outlets (seeds/sources.csv): one scale, "
                      "or 'narrowest-widest'; empty when no outlet is known", vocabulary="source_scale")
TAGS = Column("tags", pl.String, "ACLED tags (not read from the text: empty)")
TIMESTAMP = Column("timestamp", pl.Int64, "Publication time of the first report (Unix seconds), so the same inputs "
                   "give the same release")
DATA_ID = Column("data_id", pl.Int64, "Global event number (never given twice)", nullable=False, minimum=1,
                 unique=True)
EVENT_ID_NO_CNTY = Column("event_id_no_cnty", pl.Int64, "The number of event_id_cnty without the country code",
                          nullable=False, minimum=1)
ISO3 = Column("iso3", pl.String, "ISO 3166-1 alpha-3 country code (XXX: unknown)", nullable=False)
ACLED_LEGACY = (DATA_ID, EVENT_ID_NO_CNTY, ISO3)  # columns of earlier ACLED exports (its API still serves them)
INTER_LABELS = (  # ACLED's API serves the inter codes as text by default, numbers on request: both are offered
    Column("inter1_label", pl.String, "ACLED's text label of inter1", vocabulary="inter_label"),
    Column("inter2_label", pl.String, "ACLED's text label of inter2", vocabulary="inter_label"),
    Column("interaction_label", pl.String, "ACLED's text label of the interaction code ('State forces-Rebel group', "
           "'Protesters only')"),
)
ACLED_CODING = (EVENT_ID_CNTY, DISORDER_TYPE, REGION, ADMIN3, SOURCE, SOURCE_SCALE, TAGS, TIMESTAMP, *ACLED_LEGACY,
                *INTER_LABELS)

# ACLED's CSV export columns in its order (codebook 2023 onwards); events carry them, in this order, after event_id.
EVENT_DAY = Column("event_date", pl.Date, EVENT_DATE.description, nullable=False)
NOTES = Column("notes", pl.String, "A one-sentence summary of the event", nullable=False)
ACLED_EXPORT = (
    EVENT_ID_CNTY, EVENT_DAY, Column("year", pl.Int64, "Year of event_date", nullable=False), TIME_PRECISION,
    DISORDER_TYPE, EVENT_TYPE, SUB_EVENT_TYPE, *ACTORS, ISO, REGION, COUNTRY, ADMIN1, PLACE[3], ADMIN3, *PLACE[4:],
    SOURCE, SOURCE_SCALE, NOTES, FATALITIES[0], TAGS, TIMESTAMP,
)

EVENTS = Table(
    "events",
    "Events resolved across articles (one day, one place, one event type, read with tolerance: places as units and "
    "distances, compatible types, actor families, counts, text), in ACLED's export layout with ACLED's ids, "
    "disorder type, region and sources; an event keeps its event_id when new reports join it and event_id_cnty is "
    "never given to another event; fatalities are the lowest toll any report gives, with low/best/high beside.",
    (
        EVENT_ID, *ACLED_EXPORT, *ACLED_LEGACY, *INTER_LABELS, *FATALITIES[1:],
        Column("n_sources", pl.UInt32, "Number of articles reporting the event", nullable=False, minimum=1),
        Column("first_reported", UTC_TIME, "Publication time of the first article reporting the event"),
        Column("last_reported", UTC_TIME, "Publication time of the latest article reporting the event"),
        _share("confidence", "Probability that at least one of the event's mentions is right, 0 to 1"),
    ),
    key=("event_id",),
)
MERGED_EVENT_COLUMNS = [name for name in EVENTS.names if name not in {c.name for c in ACLED_CODING}]

EVENT_SOURCES = Table(
    "event_sources", "Every article and evidence sentence behind each event, and why each report joined it.",
    (
        EVENT_ID, ARTICLE_ID, MENTION_ID,
        Column("evidence", pl.String, "Sentence the event was read from", nullable=False),
        *SENTENCE,
        Column("matched_mention_id", pl.String, "The report of the event this one was matched to (none for the "
                                                "event's first report)"),
        Column("match_score", pl.Float64, "Evidence that the two reports tell one event "
                                          "(threshold in seeds/event_resolution.yaml)"),
        Column("match_reason", pl.String, "Why they were matched: date, place, type, actors, fatalities and text, "
                                          "each with its score"),
    ),
    key=("event_id", "article_id", "mention_id"),
)

DAILY_COUNTS = Table(
    "daily_counts", "Events and fatalities per day, country, admin1 and event type.",
    (EVENT_DATE, ISO, COUNTRY, ADMIN1, EVENT_TYPE, EVENTS_COUNT, FATALITIES_SUM),
)

MONTHLY_ADMIN1 = Table(
    "monthly_admin1", "Events and fatalities per month and admin1, with the number of events of each event type.",
    (
        Column("month", pl.Date, "First day of the month"), ISO, COUNTRY, ADMIN1, EVENTS_COUNT, FATALITIES_SUM,
        *(_count(name, f"Events of type {event_type}") for name, event_type in (
            ("battles", "Battles"), ("explosions_remote_violence", "Explosions/Remote violence"),
            ("violence_against_civilians", "Violence against civilians"), ("protests", "Protests"),
            ("riots", "Riots"), ("strategic_developments", "Strategic developments"))),
    ),
)

EVENTS_ACLED = Table(
    "events_acled",
    "The events in ACLED's CSV export layout (ACLED's column names and order), then the columns of earlier ACLED "
    "exports and the text labels of the inter codes.",
    tuple(Column("event_date", pl.String, "Day of the event, as ACLED writes it (09 May 2020)", nullable=False)
          if column is EVENT_DAY else column for column in (*ACLED_EXPORT, *ACLED_LEGACY, *INTER_LABELS)),
    key=("event_id_cnty",),
)

EVENT_NUMBERS = Table(
    "event_numbers",
    "The numbers given to events (warehouse/event_numbers.parquet, kept across runs): a known event keeps its "
    "number, a number is never given twice.",
    (EVENT_ID, ISO3, EVENT_ID_NO_CNTY, DATA_ID),
    key=("event_id", "iso3"),
)

HELD_BACK_EVENTS = Table(
    "held_back_events",
    "Events the release gate held back (sql/gate/held_back_events.sql, bounds in seeds/release_gate.yaml): not in "
    "events, event_sources or any aggregate, kept here with their reports and the reason until a second source "
    "confirms them.",
    (
        EVENT_ID, EVENT_ID_CNTY, EVENT_DAY, EVENT_TYPE, SUB_EVENT_TYPE, COUNTRY, ADMIN1, PLACE[4], FATALITIES[0],
        Column("n_sources", pl.UInt32, "Number of articles reporting the event", nullable=False, minimum=1),
        Column("article_ids", pl.String, "The articles reporting the event, separated by '; '"),
        Column("held_back_reason", pl.String, "Why the event was held back", nullable=False,
               allowed=("single_source_fatalities_above_bound",)),
        Column("held_back_detail", pl.String, "The figures and the bound that held it back", nullable=False),
    ),
    key=("event_id",),
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (ARTICLES, QUARANTINE, EVENT_MENTIONS, NORMALIZED_MENTIONS, EVENTS, EVENT_SOURCES, DAILY_COUNTS,
                  MONTHLY_ADMIN1, EVENTS_ACLED, EVENT_NUMBERS, HELD_BACK_EVENTS)
}
