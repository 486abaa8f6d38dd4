"""The input of event resolution: one report per mention that tells a new event, with what comparing needs.

The stage reads only REPORT_COLUMNS of the mentions frame (plus `published_at` of the articles), so a change of
the extractor's tables means changing `event_reports` alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import polars as pl
from rapidfuzz import fuzz

from pipeline.actors.dictionary import strip_year_span
from pipeline.events.rules import ResolutionRules
from pipeline.extract.decide import BELOW_MIN_CONFIDENCE
from pipeline.normalize.dates import is_statement_day
from pipeline.places.gazetteer import MIN_FUZZY_SIMILARITY
from pipeline.places.names import name_key, skeleton_key, strip_unit_words, tokens

REPORT_COLUMNS = [
    "mention_id", "article_id", "sentence_start", "sentence_end", "evidence", "trigger", "confidence",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "country", "iso", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "place_confidence", "event_date", "time_precision", "fatalities", "fatalities_low",
    "fatalities_best", "fatalities_high", "fatalities_expression",
]
# the gazetteer entry of the place and the words the date and place were read from, when the mentions carry them
OPTIONAL_COLUMNS = {"place_id": pl.String, "date_expression": pl.String, "place_expression": pl.String}
_TOKEN = re.compile(r"\w+|[^\w\s]")
NAME_WORDS = 3  # place names of up to three words are looked for in the evidence
MIN_NAME_KEY = 4
MIN_SKELETON = 4  # consonants of a name another transliteration of it must share (shorter skeletons collide)
_DOUBLED = re.compile(r"(.)\1+")
_COUNTRY_SUFFIX = re.compile(r"\s*\(([^()]*)\)\s*$")


def reportable_mentions(mentions: pl.DataFrame, min_confidence: float) -> pl.DataFrame:
    """The mentions that would be events if `min_mention_confidence` were `min_confidence`: every decision rule
    but the confidence bound passed (`is_event`, or rejected only as below_min_confidence) and confidence at least
    `min_confidence`; `is_event` says so."""
    return mentions.filter(
        (pl.col("is_event") | (pl.col("rejection_reason") == BELOW_MIN_CONFIDENCE))
        & (pl.col("confidence") >= min_confidence)
    ).with_columns(is_event=pl.lit(True), rejection_reason=pl.lit(None, pl.String))


def resolution_input(event_mentions: pl.DataFrame, normalized_mentions: pl.DataFrame) -> pl.DataFrame:
    """The normalized mentions with what resolution reads of the extraction table (trigger, decision, toll phrase)."""
    extraction = event_mentions.select("mention_id", "trigger", "rejection_reason", "fatalities_expression",
                                       "date_expression", "place_expression")
    return normalized_mentions.join(extraction, on="mention_id", how="left")


def event_reports(mentions: pl.DataFrame, articles: pl.DataFrame, min_confidence: float) -> pl.DataFrame:
    """The reportable mentions (`reportable_mentions`) with their article's publication time."""
    reportable = reportable_mentions(mentions, min_confidence)
    optional = [pl.col(name) if name in mentions.columns else pl.lit(None, dtype=dtype).alias(name)
                for name, dtype in OPTIONAL_COLUMNS.items()]
    published = articles.select("article_id", pl.col("published_at").cast(pl.Datetime("us", "UTC")))
    return (reportable.select(*REPORT_COLUMNS, *optional).join(published, on="article_id", how="left")
            .sort("published_at", "article_id", "sentence_start", "mention_id", nulls_last=True))


@dataclass(frozen=True)
class Actor:
    """An actor name as resolution compares it: its family key, and whether it says little (civilians, unknowns)."""

    name: str
    family: tuple[str, str]
    stem: str  # year span dropped, case folded: a sub-unit's stem starts with its parent's
    generic: bool

    def same_family(self, other: Actor) -> bool:
        return (self.family == other.family or self.stem.startswith(other.stem + " ")
                or other.stem.startswith(self.stem + " "))


def actor(name: str, rules: ResolutionRules) -> Actor:
    """The family of an actor name: a family prefix of seeds (with what follows it, e.g. the country), else itself."""
    stem = " ".join(strip_year_span(name).casefold().split())
    suffix = _COUNTRY_SUFFIX.search(stem)
    bare, country = (stem[:suffix.start()], suffix.group(1)) if suffix else (stem, "")
    family = (bare, country)
    for label, prefixes in rules["actors"]["families"].items():
        prefix = next((p.casefold() for p in prefixes if bare.startswith(p.casefold())), None)
        if prefix is not None:
            family = (label, f"{bare[len(prefix):].strip()}|{country}")
            break
    generic = any(stem.startswith(g.casefold()) for g in rules["actors"]["generic"])
    return Actor(name=name, family=family, stem=stem, generic=generic)


@dataclass(frozen=True)
class Report:
    """One report of an event, with the keys its comparisons use."""

    index: int
    row: dict
    actors: tuple[Actor, ...]
    admin1_key: str
    admin2_key: str
    location_key: str
    unit_key: str  # the location without unit words ("Departement de Ouallam" → ouallam): a district's own name
    rules: ResolutionRules = field(repr=False, compare=False)
    article_dates: frozenset[date] = frozenset()  # the days its article's other passages date on their own
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # term sets, read only when types differ

    @property
    def event_date(self) -> date:
        return self.row["event_date"]

    @property
    def published_at(self) -> datetime | None:
        return self.row["published_at"]

    @property
    def place_level(self) -> str:
        """point (a town), near (close to a town), district or admin1 (a region), country (nothing finer)."""
        precision = self.row["geo_precision"]
        if precision == 1:
            return "point"
        if precision == 2:
            return "near"
        if not self.admin1_key:
            return "country"
        return "admin1" if self.location_key in ("", self.admin1_key) else "district"

    def tactics(self) -> dict[str, list[tuple[str, float]]]:
        """Event type → (lexicon term, weight) of the trigger terms of that type in the evidence sentence."""
        if "tactics" not in self.cache:
            self.cache["tactics"] = tactics(self.row["evidence"], self.rules)
        return self.cache["tactics"]

    @property
    def unit_coded(self) -> bool:
        """Whether the place is one the gazetteer lacks, coded at the centre of the unit holding it (the place
        resolver's geo_precision 2 at its lowest confidence): its coordinates are the unit's, not its own."""
        return (self.row["geo_precision"] == 2
                and (self.row["place_confidence"] or 0) <= self.rules["place"]["unit_coded_confidence"])

    def specific_tactics(self) -> dict[str, list[str]]:
        """`tactics` without the words any violent report uses ("killed", "dead", "attack"): what the sentence
        says of how the violence was done (an IED, an air strike, a clash), by event type."""
        if "specific" not in self.cache:
            self.cache["specific"] = specific_tactics(self.tactics(), self.rules)
        return self.cache["specific"]

    def names_place_of(self, other: Report) -> str | None:
        """The other report's town or district, if this report's evidence sentence names it (None otherwise); the
        name of the district both lie in does not count ("Konta in Sukma district" names the district, not the
        town of Sukma)."""
        if "name_keys" not in self.cache:
            words = tokens(self.row["evidence"] or "")
            names = [" ".join(words[i:i + n]) for n in range(1, NAME_WORDS + 1) for i in range(len(words) - n + 1)]
            self.cache["name_keys"] = {name_key(name) for name in names}
            self.cache["skeletons"] = {}
            for name in names:
                self.cache["skeletons"].setdefault(_skeleton(name), set()).add(name_key(name))
        shared = {self.admin2_key} if (self.admin1_key, self.admin2_key) == (other.admin1_key, other.admin2_key) else ()
        if other.place_level in ("point", "near", "district"):
            for key in (other.location_key, other.unit_key):
                if len(key) >= MIN_NAME_KEY and key not in shared and (
                        key in self.cache["name_keys"] or self._names_spelling_of(key, other)):
                    return other.row["location"]
        return None

    @property
    def toponym_skeleton(self) -> str:
        """The consonant skeleton of the toponym its place was read from ('' when none or too short to compare)."""
        toponym = self.row["place_expression"] or ""
        return _skeleton(toponym) if len(name_key(toponym)) >= MIN_NAME_KEY else ""

    def same_toponym(self, other: Report) -> str | None:
        """The toponym both reports' places were read from, as written or in another transliteration ("Nara" read
        as Mali's town by one and Japan's city by the other), if it is one; None otherwise."""
        first, second = (r.row["place_expression"] or "" for r in (self, other))
        keys, skeletons = (name_key(first), name_key(second)), (_skeleton(first), _skeleton(second))
        if len(keys[0]) < MIN_NAME_KEY or (keys[0] != keys[1] and not (
                skeletons[0] == skeletons[1] and len(skeletons[0]) >= MIN_SKELETON
                and fuzz.ratio(*keys) >= MIN_FUZZY_SIMILARITY)):
            return None
        return first

    def _names_spelling_of(self, key: str, other: Report) -> bool:
        """Whether the evidence names `key` (the other's place) in another transliteration: one consonant
        skeleton, of at least MIN_SKELETON letters, and similar match keys ("Zaporizhia" / "Zaporizhzhya")."""
        skeleton = _skeleton(other.row["location"] or "")
        return len(skeleton) >= MIN_SKELETON and key == other.location_key and any(
            fuzz.ratio(key, written) >= MIN_FUZZY_SIMILARITY for written in self.cache["skeletons"].get(skeleton, ()))

    def stated_distance(self) -> tuple[float, float | None] | None:
        """(km, bearing in degrees or None) when the sentence states how far the place lies from the town it was
        coded at ("a town about 90 km northwest of Maiduguri"); None otherwise."""
        if "stated" not in self.cache:
            self.cache["stated"] = None
            settings = self.rules["place"]["stated_distance"]
            for found in _distance_pattern(tuple(settings["units"]), tuple(settings["directions"])).finditer(
                    self.row["evidence"] or ""):
                words = tokens(found["town"])
                if any(name_key(" ".join(words[:n])) in {self.location_key, self.unit_key} - {""}
                       for n in range(1, NAME_WORDS + 1)):
                    km = float(found["number"].replace(",", ".")) * settings["units"][found["unit"].lower()]
                    direction = found["direction"]
                    self.cache["stated"] = km, None if direction is None else float(
                        settings["directions"][direction.lower()])
                    break
        return self.cache["stated"]

    @property
    def secondary_toll(self) -> bool:
        """Whether the toll phrase counts deaths besides the incident's toll ("… were also killed")."""
        words = set(tokens(self.row["fatalities_expression"] or ""))
        return bool(words & set(self.rules["fatalities"]["secondary_words"]))

    def _toll_has(self, kind: str) -> bool:
        """Whether the toll phrase holds a phrase of `kind` (rules.count_words) as whole words."""
        if "toll_words" not in self.cache:
            self.cache["toll_words"] = f" {' '.join(tokens(self.row['fatalities_expression'] or ''))} "
        return any(f" {words} " in self.cache["toll_words"] for words in self.rules.count_words[kind])

    @property
    def lower_bound_toll(self) -> bool:
        """Whether the toll phrase gives a lower bound ("at least nine"), not an exact count."""
        return self._toll_has("lower_bound_prefixes")

    @property
    def guessed_toll(self) -> bool:
        """Whether the toll phrase gives no count but a vague quantity ("dozens", "several")."""
        return self._toll_has("vague_quantities")

    @property
    def toll_update(self) -> bool:
        """Whether the sentence tells a toll that changed ("the toll has risen to 11"): a later report of an
        earlier event."""
        if "update" not in self.cache:
            text = (self.row["evidence"] or "").casefold()
            self.cache["update"] = any(re.search(cue, text) for cue in self.rules["fatalities"]["update_cues"])
        return self.cache["update"]

    @property
    def statement_dated(self) -> bool:
        """Whether the report's date is the day of a statement in its sentence ("the governor said on Friday"):
        the day it was told, perhaps days after the event."""
        return _statement_dated(self.row)

    def story_date(self, day: date) -> bool:
        """Whether `day` may be this report's event day though its own date differs: the report is dated by a
        statement and another passage of its article dates the event `day` ("… on March 15. Five soldiers were
        killed, the governor said on Friday.")."""
        return self.statement_dated and day in self.article_dates

    def trigger_terms(self) -> frozenset[str]:
        """The lexicon terms of the report's trigger ("killing" → kill*)."""
        if "trigger_terms" not in self.cache:
            self.cache["trigger_terms"] = frozenset(hit.term for hit in _terms(self.row["trigger"], self.rules))
        return self.cache["trigger_terms"]


def tactics(text: str | None, rules: ResolutionRules) -> dict[str, list[tuple[str, float]]]:
    """Event type → (lexicon term, weight) of the trigger terms of that type in `text`."""
    by_type: dict[str, list[tuple[str, float]]] = {}
    for hit in sorted(_terms(text, rules), key=lambda h: (h.term, h.label)):
        by_type.setdefault(rules.event_type_of(hit.label), []).append((hit.term, hit.weight))
    return by_type


def specific_tactics(by_type: dict[str, list[tuple[str, float]]], rules: ResolutionRules) -> dict[str, list[str]]:
    """The terms of `tactics` that tell how the violence was done (not generic_terms, at least specific_weight)."""
    event_type = rules["event_type"]
    generic, least = set(event_type["generic_terms"]), event_type["specific_weight"]
    return {kind: named for kind, terms in by_type.items()
            if (named := [t for t, w in terms if t not in generic and w >= least])}


def _terms(text: str | None, rules: ResolutionRules) -> list:
    tokens = [(token,) for token in _TOKEN.findall((text or "").lower())]
    return rules.lexicon.triggers.find(tokens) if tokens else []


@lru_cache(maxsize=4)
def _distance_pattern(units: tuple[str, ...], directions: tuple[str, ...]) -> re.Pattern[str]:
    """'90 km northwest of Maiduguri', 'some 50 kilometres from the town of Beni' (number, unit, direction, town)."""
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    return re.compile(
        rf"\b(?P<number>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>{alternation(units)})\b\s+(?:\([^)]*\)\s+)?"
        rf"(?:(?P<direction>{alternation(directions)})\s+)?(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
        rf"(?P<town>[\w'’-]+(?:\s+[\w'’-]+){{0,2}})", re.IGNORECASE)


def _skeleton(name: str) -> str:
    """The consonant skeleton of a name with doubled letters folded ("Zaporizhzhya" and "Zaporizhia": zprz)."""
    return _DOUBLED.sub(r"\1", skeleton_key(name))


def _unit_key(name: str | None) -> str:
    return name_key(strip_unit_words(name)) if name else ""


def _statement_dated(row: dict) -> bool:
    return is_statement_day(row["evidence"] or "", row["date_expression"])


def update_toll(row: dict, rules: ResolutionRules) -> dict:
    """The row with the figure of the toll update its sentence tells ("the toll … has risen to 11 soldiers after
    two wounded men died") as its toll: the figure the toll now stands at, whatever else the extractor read from
    the passage; else the row unchanged."""
    terms, text = rules.fatality_terms, row["evidence"] or ""
    if terms is None:
        return row
    settings = rules["fatalities"]
    for cue in settings["update_cues"]:
        for found in re.finditer(cue, text, re.IGNORECASE):
            words = re.match(settings["update_figure"], text[found.end():])
            quantity = terms.quantity_at(text, found.end() + words.end()) if words else None
            if quantity is not None and quantity.low > 0:
                return {**row, "fatalities": quantity.low, "fatalities_low": quantity.low,
                        "fatalities_best": quantity.best, "fatalities_high": quantity.high,
                        "fatalities_expression": text[found.start():quantity.end]}
    return row


def build_reports(frame: pl.DataFrame, rules: ResolutionRules) -> list[Report]:
    """Report objects for the rows of an `event_reports` frame, in its order (a toll update's figure read as the
    toll of a passage the extractor read none from: `update_toll`)."""
    reports, actors = [], {}
    rows = [update_toll(row, rules) for row in frame.iter_rows(named=True)]
    own_dates: dict[str, set[date]] = {}
    for row in rows:
        if row["date_expression"] and not _statement_dated(row):
            own_dates.setdefault(row["article_id"], set()).add(row["event_date"])
    for index, row in enumerate(rows):
        associated = (part.strip() for name in ("assoc_actor_1", "assoc_actor_2")
                      for part in (row[name] or "").split(";"))
        names = dict.fromkeys(n for n in (row["actor1"], row["actor2"], *associated) if n)
        reports.append(Report(
            index=index, row=row,
            actors=tuple(actors.get(name) or actors.setdefault(name, actor(name, rules)) for name in names),
            admin1_key=name_key(row["admin1"] or ""), admin2_key=_unit_key(row["admin2"]),
            location_key=name_key(row["location"] or ""), unit_key=_unit_key(row["location"]), rules=rules,
            article_dates=frozenset(own_dates.get(row["article_id"], ())),
        ))
    return reports
