"""Find toponyms in a parsed article and pick the location of an event, coded like ACLED."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from pipeline.places.gazetteer import Candidate, Gazetteer
from pipeline.places.names import UNIT_WORDS, name_key
from pipeline.records import ResolvedPlace

ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PER", "MISC"})  # PER, MISC: UD models
PLACE_WORDS = frozenset({"city", "town", "village", "villages", "hamlet", "neighbourhood", "neighborhood", "suburb", "camp", "area", "sector", "centre", "center", "downtown"})
ADMIN_WORDS = UNIT_WORDS | {"countryside", "countrysides", "township", "townships", "tehsil", "upazila", "subdistrict", "lga"}
FACILITY_WORDS = frozenset(
    ["airbase", "airport", "base", "prison", "checkpoint", "market", "square", "bridge", "road", "highway", "street", "hospital", "university", "mosque", "church", "school", "oil", "field", "fields", "crossing", "border", "river", "mountain", "mountains", "valley", "triangle", "roundabout", "frontline", "front", "frontlines"]
)
EDGE_WORDS = PLACE_WORDS | ADMIN_WORDS | FACILITY_WORDS | {"the"}  # trimmed from entity edges ("Kathua city" -> "Kathua")
NEAR_WORDS = frozenset(
    {"near", "nearby", "outskirts", "outskirt", "outside", "around", "vicinity", "environs", "surroundings",
     "km", "kilometres", "kilometers", "miles", "between"}
)
# Words inside multi-word names: articles, prepositions and the Persian ezafe ("Mazar-e Sharif", "Dara-i-Sufi").
NAME_CONNECTORS = frozenset({"e", "i", "ye", "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "de", "del", "la", "le", "les", "los", "las", "do", "da", "di", "du", "des", "-", "of", "bin", "ben"})
NOT_PLACE_AFTER = frozenset({"led", "backed", "based", "born", "made", "owned", "funded", "allied", "trained", "supported", "brokered", "registered"})
TOWN_WORDS = frozenset({"city", "town", "village", "hamlet"})
KIN_WORDS = frozenset({"family", "families", "clan", "clans", "tribe", "tribes", "sub-clan", "sub-clans", "household"})  # "the Al Salih family"
NON_LOCAL_HEADS = frozenset(  # "US dollar", "French embassy": a country named for what it owns or sends, not a place
    {"dollar", "dollars", "currency", "embassy", "embassies", "ambassador", "envoy", "consulate", "consul", "sanctions"}
)
POLICE_WORDS = frozenset({"police", "policeman", "policemen", "policewoman", "gendarmerie", "gendarme", "gendarmes", "carabineros"})
STATE_FORCE_WORDS = frozenset({"army", "military", "troops", "soldiers", "soldier", "forces", "authorities", "government", "security"})
DEMONYM_ENDINGS = ("an", "ian", "ean", "ese", "i", "ish", "ic", "ch", "ine", "ite", "ot", "er")
LOCATIVE_WORDS = frozenset({"in", "at", "near", "of", "outside", "around", "into", "on", "inside", "within",
                            "à", "au", "dans", "près", "vers"})  # French: "à Téra", "près de Boni"
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
STOP_NAMES = frozenset(
    ["the", "a", "an", "on", "in", "at", "of", "and", "or", "to", "for", "by", "with", "from", "said", "says", "police", "army", "government", "state", "forces", "force", "day", "military", "president", "minister", "ministry", "security", "district", "province", "region", "city", "town", "village", "county", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
DATELINE = re.compile(  # "CITY (Agency) -", "VILLE (Pays), 17 mai 2023 (Agence) –"
    r"^\s*[A-Z][A-Z .,'’-]{2,}(?:\([^)]{1,40}\))?(?:,?\s*\d{1,2}(?:er)?\s+[^\W\d]+\.?\s+\d{4})?\s*"
    r"(?:\([^)]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s")
MAX_NGRAM = 6
MINOR_VOTE = 0.1  # nationality adjectives, modifiers ("US dollar") and capitalised words of unknown role
UNIT_VOTE = 0.6  # a non-GPE/LOC entity or capitalised run naming a country or admin unit
LOCATIVE_VOTE = 0.3  # ... or naming a place right after "in/at/near/of"
POLICE_VOTE = 1.0  # "Mauritanian police": police serve at home, so their nationality places the event
ACTOR_HOME_VOTE = 0.15  # a group of one country ("PMF", "Houthis"): tips close calls only, groups cross borders
STATE_FORCE_VOTE = 0.2  # "Afghan military": usually at home, but armies also fight abroad
DOMINANT_SHARE = 0.5  # a country with this share of the article's evidence is its main country
MAIN_EVIDENCE = 0.8  # ... as is the best-supported country with at least this much evidence
MIN_EVIDENCE = 0.5  # below this the article names no country clearly enough to rule others out
FOREIGN_POPULATION = 100_000  # places outside the main country must be this large (or a country/admin1)
LIKELY_MARGIN = 0.5  # readings of a container name this close to its best one count as possible
KIND_SPECIFICITY = {"place": 2.0, "admin2": 1.0, "admin1": 0.5, "country": -3.0}


@dataclass(frozen=True)
class Mention:
    """A toponym in the article with its gazetteer candidates."""

    text: str
    start: int  # token offsets in the doc
    end: int
    candidates: tuple[Candidate, ...]
    from_entity: bool  # the whole of a GPE/LOC entity found by the NER
    hint: str | None = None  # "admin" (X province), "container" (the Y in "X, Y") or "place" (village of X)
    near: bool = False  # "near X", "outskirts of X": geo_precision 2
    fuzzy: bool = False  # matched only by consonant skeleton
    vote: float = 1.0  # weight of this mention when inferring the article's country
    modifier: bool = False  # used as a modifier ("US dollar", "Iran-Iraq war"): never the event location
    label: str = "GPE"  # NER label of the span it came from (RUN for a capitalised run)

    @property
    def can_contain(self) -> bool:
        """Whether this may be the Y of "X, Y" (not a nationality adjective or an acronym like "KN")."""
        return self.label != "NORP" and not self.text.isupper()


@dataclass(frozen=True)
class ArticleGeoContext:
    """What the whole article says about geography: its countries, admin units and resolved toponyms."""

    country_weights: dict[int, float]
    admin_ids: dict[str, frozenset[tuple[int, int]]]  # admin unit id -> the mentions that name it
    mentions: tuple[Mention, ...]
    resolved: dict[tuple[int, int], Candidate] = field(default_factory=dict)
    dateline_end: int = 0  # character offset where a "CITY (Agency) -" dateline ends
    unit_iso: dict[str, int] = field(default_factory=dict)  # admin unit id -> its country

    def names_admin1_in(self, iso: int | None) -> bool:
        """Whether the article names (or places things in) some admin1 unit of this country."""
        return any(self.unit_iso.get(unit) == iso for unit in self.admin_ids if unit.startswith("adm1:"))

    @property
    def country_iso(self) -> int | None:
        """The article's main country (ISO numeric), if any."""
        return max(self.country_weights, key=self.country_weights.get) if self.country_weights else None

    def named_elsewhere(self, unit_id: str | None, mention: Mention) -> bool:
        """Whether a mention other than `mention` names (or lies in) this admin unit."""
        return bool(self.admin_ids.get(unit_id, frozenset()) - {(mention.start, mention.end)})

    @property
    def dominant_iso(self) -> int | None:
        """The main country when the article gives real evidence for it (a named country, place or unit)."""
        iso = self.country_iso
        total = sum(self.country_weights.values())
        if iso is None:
            return None
        weight = self.country_weights[iso]
        return iso if weight >= MAIN_EVIDENCE or (weight >= MIN_EVIDENCE and weight >= DOMINANT_SHARE * total) else None


def _capitalised(token: Token) -> bool:
    """A word written like a name: "Aleppo", "Dar'a", "al-Bab"'s "Bab" (str.istitle rejects "Dar'a")."""
    return (token.text[:1].isupper() and not token.is_upper) or token.is_title


def _prior(candidate: Candidate, text: str) -> float:
    """How likely a bare mention means this entry: countries and admin1 first, then by population."""
    if candidate.kind == "country":
        return 2.5 if name_key(candidate.name) == name_key(text) else 1.2
    if candidate.kind == "admin1":
        return 0.3 + 0.1 * math.log10(candidate.population + 1)
    if candidate.kind == "admin2":
        return 0.1 + 0.1 * math.log10(candidate.population + 1)
    return 0.2 + 0.15 * math.log10(candidate.population + 1)


def _fit(candidate: Candidate, mention: Mention) -> float:
    """How well the entry suits the way the text names it: a unit after "province" or as the Y of "X, Y", a place
    after "village of"; an alternate spelling fits less than the name itself."""
    fit = 0.0
    if mention.hint == "admin":
        fit += 1.5 if candidate.kind in {"admin1", "admin2"} else -1.0
    elif mention.hint == "container":
        fit += 1.5 if candidate.kind != "place" else -1.0
    elif mention.hint == "place" and candidate.kind == "place":
        fit += 1.0
    if name_key(candidate.matched_name) != name_key(mention.text):
        fit -= 0.5
    return fit


def _contains(unit: Candidate, candidate: Candidate) -> bool:
    """Whether `candidate` lies inside `unit` (a country, admin unit, or a place's admin1; a place in itself)."""
    if unit.kind == "country":
        return candidate.iso == unit.iso
    if candidate.place_id == unit.place_id:
        return unit.kind == "place"
    if candidate.iso != unit.iso:
        return False
    if unit.kind == "admin2":
        return unit.place_id == candidate.admin2_id or (candidate.admin2_id is None and unit.admin1_id == candidate.admin1_id)
    return unit.admin1_id is not None and unit.admin1_id == candidate.admin1_id


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens (large across sentences)."""
    if a.sent.start != b.sent.start:
        return 20
    depth_in_a = {tok.i: depth for depth, tok in enumerate([a, *a.ancestors])}
    for depth_b, tok in enumerate([b, *b.ancestors]):
        if tok.i in depth_in_a:
            return depth_in_a[tok.i] + depth_b
    return 20


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


class PlaceResolver:
    """Resolves toponyms against a Gazetteer and picks each event's location."""

    def __init__(self, gazetteer: Gazetteer, demonyms: Mapping[str, Iterable[str]] | None = None) -> None:
        """`demonyms`: country name -> nationality words ("Lebanon": ["Lebanese"]), e.g. the actor dictionary's."""
        self.gazetteer = gazetteer
        countries = gazetteer.countries()
        self._country_keys = [(name_key(c.name), c) for c in countries]
        self._countries = {key: country for key, country in self._country_keys}
        self._demonyms = {
            name_key(word): self._countries[name_key(country)]
            for country, words in (demonyms or {}).items() if name_key(country) in self._countries
            for word in words if not word.isupper()
        }

    # ---- mentions -------------------------------------------------------------------------------
    def _demonym(self, text: str, *, loose: bool) -> list[Candidate]:
        """Country for a nationality adjective ("Syrian" -> Syria); with `loose`, also for a word that looks like
        one and shares most of a country's name ("Afghani" -> Afghanistan)."""
        key = name_key(text)
        if key in self._demonyms:
            return [self._demonyms[key]]
        if not loose or not key.endswith(DEMONYM_ENDINGS):
            return []
        best: tuple[int, Candidate] | None = None
        for country_key, country in self._country_keys:
            prefix = _common_prefix(key, country_key)
            if (prefix >= max(4, len(country_key) - 2) and len(key) - prefix <= 4) or (prefix == len(key) >= 5):
                if best is None or prefix > best[0]:
                    best = (prefix, country)
        return [best[1]] if best else []

    @staticmethod
    def _hint(doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
        before = [t.lower_ for t in doc[max(0, start - 4) : start]]
        after = doc[end].lower_ if end < len(doc) else ""
        previous = doc[start - 2] if start >= 2 else None
        follows_name = (  # "X, Y", "X (Y", "X city (Y", "X in Y": Y is the unit containing X
            previous is not None
            and before[-1] in {",", "(", "in"}
            and (previous.pos_ == "PROPN" or previous.lower_ in PLACE_WORDS
                 or (before[-1] != "in" and (_capitalised(previous) or previous.lower_ in ADMIN_WORDS)))
        )
        unit_of = len(before) >= 2 and before[-1] == "of"
        if after in ADMIN_WORDS or (unit_of and before[-2] in ADMIN_WORDS):
            hint = "admin"
        elif follows_name:
            hint = "container"
        elif after in PLACE_WORDS or (unit_of and before[-2] in PLACE_WORDS):
            hint = "place"
        else:
            hint = None
        return hint, any(word in NEAR_WORDS for word in before)

    @staticmethod
    def _is_name_token(doc: Doc, i: int) -> bool:
        token = doc[i]
        if _capitalised(token) or (token.is_upper and token.is_alpha):
            return True
        return token.lower_ in NAME_CONNECTORS and any(_capitalised(doc[j]) for j in range(i + 1, min(i + 3, len(doc))))

    def _candidate_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, label) spans that may hold toponyms: NER entities (edges trimmed) and capitalised runs."""
        spans = []
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in EDGE_WORDS:
                start += 1
            while end > start and doc[end - 1].lower_ in EDGE_WORDS:
                end -= 1
            if end > start:
                spans.append((start, end, ent.label_))
            if (start, end) != (ent.start, ent.end):  # "Guatemala City" is a name, "Kathua city" is trimmed
                spans.append((ent.start, ent.end, ent.label_))
        entity_spans = {(s, e) for s, e, _ in spans}
        i = 0
        while i < len(doc):
            if _capitalised(doc[i]) or (doc[i].is_upper and doc[i].is_alpha):
                j = i + 1
                while j < len(doc) and self._is_name_token(doc, j):
                    j += 1
                if (i, j) not in entity_spans:
                    spans.append((i, j, "RUN"))
                i = j
            else:
                i += 1
        return spans

    def _mentions(self, doc: Doc, dateline_end: int) -> list[Mention]:
        found: dict[tuple[int, int], Mention] = {}
        for span_start, span_end, label in self._candidate_spans(doc):
            if doc[span_start].idx < dateline_end:
                continue
            matches, unmatched, i = [], [], span_start
            while i < span_end:
                shortest = 1 if label in {"GPE", "LOC", "NORP", "RUN"} else span_end - span_start
                for length in range(min(MAX_NGRAM, span_end - i), shortest - 1, -1):
                    mention = self._match(doc, i, i + length, label, length == span_end - span_start)
                    if mention:
                        matches.append(mention)
                        i += length
                        break
                else:
                    unmatched.append(doc[i])
                    i += 1
            # A part of a longer unknown name ("Kafr" in "Kafr Oweid") is not a mention of its own ...
            if all(t.lower_ in STOP_NAMES or t.lower_ in NAME_CONNECTORS or t.lower_ in EDGE_WORDS or not t.is_alpha for t in unmatched):
                for mention in matches:
                    found.setdefault((mention.start, mention.end), mention)
            elif unit := self._trailing_unit(doc, span_start, span_end):  # ... but "in Mojolo Sinaloa" names a state
                found.setdefault((unit.start, unit.end), unit)
        spans = sorted(found, key=lambda key: key[0] - key[1])
        outer: list[tuple[int, int]] = []
        for start, end in spans:
            if not any(s <= start and end <= e for s, e in outer):
                outer.append((start, end))
        kept = {key: found[key] for key in outer}
        extra = self._demonyms_in_names(doc, kept)
        return sorted([*kept.values(), *(m for m in extra if doc[m.start].idx >= dateline_end)], key=lambda m: m.start)

    def _trailing_unit(self, doc: Doc, start: int, end: int) -> Mention | None:
        """The state or country closing an unknown name after a locative word ("in Mojolo Sinaloa")."""
        if start == 0 or doc[start - 1].lower_ not in LOCATIVE_WORDS:
            return None
        for length in range(min(3, end - start - 1), 0, -1):
            span = doc[end - length : end]
            if not all(_capitalised(t) for t in span) or not _capitalised(doc[end - length - 1]):
                continue
            units = tuple(c for c in self.gazetteer.lookup(span.text) if c.kind in {"country", "admin1"})
            if units:
                return Mention(span.text, end - length, end, units, False, "container", vote=UNIT_VOTE, label="RUN")
        return None

    def _match(self, doc: Doc, start: int, end: int, label: str, whole: bool) -> Mention | None:
        span = doc[start:end]
        if (span[0].lower_ in NAME_CONNECTORS and not _capitalised(span[0])) or span[-1].lower_ in NAME_CONNECTORS:
            return None
        if span.text.lower() in STOP_NAMES or all(t.lower_ in STOP_NAMES or t.lower_ in ADMIN_WORDS for t in span):
            return None
        if end < len(doc) - 1 and doc[end].text == "-" and doc[end + 1].lower_ in NOT_PLACE_AFTER:
            return None
        if not any(_capitalised(t) or t.is_upper for t in span):
            return None
        entity = label in {"GPE", "LOC", "NORP"}
        named = label != "RUN"  # the NER saw a name here, whatever the tagger made of its words ("Heraklion"/NN)
        if not (entity or all(t.pos_ == "PROPN" or t.lower_ in NAME_CONNECTORS or (t.is_upper and t.is_alpha)
                              or (named and _capitalised(t)) for t in span)):
            return None
        if self._names_kin(doc, span):
            return None
        names_unit = span.root.head.lower_ in EDGE_WORDS or (end < len(doc) and doc[end].lower_ in EDGE_WORDS)
        nationality = len(span) == 1 and not names_unit and (
            label == "NORP" or span.root.dep_ in {"amod", "compound"}) and (
            name_key(span.text) in self._demonyms)  # "Somali police" is Somalia's; "Somali region" is in Ethiopia
        candidates = [] if nationality else self.gazetteer.lookup(span.text)
        fuzzy = False
        if not candidates and len(span) == 1:
            candidates = self._demonym(span.text, loose=label == "NORP" or span[0].tag_ == "JJ")
            label = "NORP" if nationality else label
        hint, near = self._hint(doc, start, end)
        locative = hint is not None or (start > 0 and doc[start - 1].lower_ in LOCATIVE_WORDS)
        trimmed_elsewhere = span[0].lower_ in EDGE_WORDS or span[-1].lower_ in EDGE_WORDS  # "Kathua city": try "Kathua"
        if not candidates and whole and not trimmed_elsewhere and (label in {"GPE", "LOC"} or locative):
            candidates, fuzzy = self.gazetteer.lookup(span.text, fuzzy=True), True
        acronym = all(t.is_upper for t in span)
        if label == "NORP":  # a nationality names its country; other NORP matches are mislabelled places
            countries = [c for c in candidates if c.kind == "country"]
            candidates, label = (countries, label) if countries else (candidates, "GPE")
        elif acronym:  # acronyms name countries or states only ("US", "DRC", "J&K")
            candidates = [c for c in candidates if c.kind in {"country", "admin1"}]
        elif label not in {"GPE", "LOC"} and not locative:  # other words must be a place's own name
            candidates = [c for c in candidates if name_key(c.name) == name_key(span.text) or c.kind != "place"]
        if not candidates:
            return None
        head = span.root.head
        nouns = [head]  # "Tulkarm refugee camp": a compound chain ending in a place word still names a place
        while nouns[-1].dep_ == "compound" and nouns[-1].head.i > nouns[-1].i:
            nouns.append(nouns[-1].head)
        modifier = (  # a name modifying a noun: "US dollar", "Iran-Iraq war", "Papa Group"
            label != "NORP"
            and span.root.dep_ in MODIFIER_DEPS
            and head.i >= end
            and not any(noun.lower_ in EDGE_WORDS for noun in nouns)
        )
        if fuzzy or (acronym and hint != "container" and not any(c.kind == "country" for c in candidates)):
            vote = 0.0
        elif modifier or label == "NORP":
            vote = self._modifier_vote(doc, span)
        elif label in {"GPE", "LOC"} or (hint == "admin" and any(c.kind in {"admin1", "admin2"} for c in candidates)) or (
                self._called_town(doc, start, end) and any(c.kind == "place" for c in candidates)):
            vote = 1.0  # a place entity, or a name the text calls a unit or a town ("the town of Kafr Qaddum")
        elif any(c.kind != "place" for c in candidates):
            vote = UNIT_VOTE
        else:
            vote = LOCATIVE_VOTE if locative else MINOR_VOTE
        if self._is_origin(doc, span):  # "people who came from Syria" says little about where the event was
            vote = min(vote, LOCATIVE_VOTE)
        return Mention(span.text, start, end, tuple(candidates), whole and label in {"GPE", "LOC"}, hint, near, fuzzy, vote, modifier, label)

    @staticmethod
    def _called_town(doc: Doc, start: int, end: int) -> bool:
        """Whether the text calls the name a settlement: "the town of X", "X village" (not "the X area")."""
        after = doc[end].lower_ if end < len(doc) else ""
        return after in TOWN_WORDS or (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TOWN_WORDS)

    @staticmethod
    def _names_kin(doc: Doc, span: Span) -> bool:
        """Whether the name is a family's, clan's or tribe's ("the Al Salih and Al Tlais families")."""
        root = span.root
        head = root.head
        while head.dep_ == "conj" and head.head is not head:  # "X and Y families": the list's head noun
            head = head.head
        nouns = [root.head, head, *(child for child in root.children if child.dep_ == "conj")]
        return any(t.i >= span.end and t.lower_ in KIN_WORDS for t in nouns) or (
            span.end < len(doc) and doc[span.end].lower_ in KIN_WORDS
        )

    @staticmethod
    def _modifier_vote(doc: Doc, span: Span) -> float:
        """Vote of a nationality or a name modifying a noun: strong for police ("Moroccan police officer"), some
        for state forces, none for what a country owns abroad ("US dollar"), little otherwise."""
        head = span.root.head
        phrase = {t.lower_ for t in doc[span.end : head.i + 1]} if head.i >= span.end else set()
        if phrase & POLICE_WORDS:
            return POLICE_VOTE
        if phrase & STATE_FORCE_WORDS:
            return STATE_FORCE_VOTE
        if phrase & NON_LOCAL_HEADS:
            return 0.0
        return MINOR_VOTE

    def _demonyms_in_names(self, doc: Doc, found: dict[tuple[int, int], Mention]) -> list[Mention]:
        """Nationality words inside organisation names ("the Lebanese French Bank"): faint country evidence."""
        covered = {i for start, end in found for i in range(start, end)}
        extra = []
        for token in doc:
            if token.i in covered or not _capitalised(token) or name_key(token.text) not in self._demonyms:
                continue
            if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in NOT_PLACE_AFTER:
                continue
            candidates = (self._demonyms[name_key(token.text)],)
            extra.append(Mention(token.text, token.i, token.i + 1, candidates, False, vote=MINOR_VOTE, modifier=True,
                                 label="NORP"))
        return extra

    # ---- article context ---------------------------------------------------------------------------
    def article_context(self, doc: Doc, actor_countries: Iterable[str] = ()) -> ArticleGeoContext:
        """Countries and admin units the article names, and each toponym's resolved candidate. `actor_countries`:
        home countries of the armed groups the article names ("Houthis" → Yemen), weighed like a nationality."""
        dateline = DATELINE.match(doc.text)
        dateline_end = dateline.end() if dateline else 0
        mentions = self._constrain_chains(doc, self._mentions(doc, dateline_end))
        homes = {self._countries[name_key(name)].iso for name in actor_countries if name_key(name) in self._countries}
        weights = self._country_weights(mentions, homes)
        draft = ArticleGeoContext(weights, {}, tuple(mentions), {}, dateline_end)
        resolved = self._resolve_all(mentions, draft)
        sources: dict[str, set[tuple[int, int]]] = defaultdict(set)
        unit_iso: dict[str, int] = {}
        for key, candidate in resolved.items():
            for unit in (candidate.place_id if candidate.kind in {"admin1", "admin2"} else None, candidate.admin1_id):
                if unit:
                    sources[unit].add(key)
                    unit_iso[unit] = candidate.iso
        admin_ids = {unit: frozenset(keys) for unit, keys in sources.items()}
        final = ArticleGeoContext(weights, admin_ids, tuple(mentions), {}, dateline_end, unit_iso)
        return replace(final, resolved=self._resolve_all(mentions, final))

    def _constrain_chains(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """In "X, Y", "X (Y, Z)" and "X town in Y", keep only candidates of X that lie inside some candidate of Y."""
        kept: list[Mention] = []
        container: Mention | None = None
        anchor = 0  # where the chain continues leftwards: the container's start, or a dropped mention's
        for mention in reversed(mentions):
            gap = doc[mention.end : anchor] if container else None
            link = self._link_to_container(gap) if container is not None and container.can_contain else None
            units = [u for u in container.candidates if u.kind != "place"] if link else []
            if link == "comma" or (link == "unit in" and units):
                units = units or container.candidates
                inside = tuple(c for c in mention.candidates if any(_contains(u, c) for u in units))
                if inside:  # both readings fit: "Borgu LGA, Niger" is Niger State, not the country Niger
                    mention = replace(mention, candidates=inside, vote=max(mention.vote, 1.0))
                    holding = tuple(u for u in container.candidates if any(_contains(u, c) for c in inside))
                    kept[-1] = replace(container, candidates=holding, vote=max(container.vote, 1.0))
                elif not container.fuzzy and not any(c.kind == "country" for c in mention.candidates) and len(
                        {u.iso for u in self._likeliest(units, container)}) <= 2:
                    anchor = mention.start  # a place unknown inside its named unit: not some namesake elsewhere
                    continue
            kept.append(mention)
            container, anchor = mention, mention.start
        return kept[::-1]

    @staticmethod
    def _likeliest(candidates: list[Candidate], mention: Mention) -> list[Candidate]:
        """The readings of a name that fit about as well as its best one (by population prior and hints)."""
        fits = [_prior(c, mention.text) + _fit(c, mention) for c in candidates]
        return [c for c, fit in zip(candidates, fits) if fit >= max(fits, default=0.0) - LIKELY_MARGIN]

    @staticmethod
    def _link_to_container(gap: Span) -> str | None:
        """How the words between two names make the second contain the first: "comma" ("X, Y", "X (Y", "X town in
        Y") or "unit in" ("X in Y", "X district in Y", where Y must be a unit); None when they do not."""
        if len(gap) == 2 and gap[1].lower_ == "in" and gap[0].lower_ in PLACE_WORDS:
            return "comma"  # "X neighbourhood in Y": Y a city or a unit
        if (len(gap) == 2 and gap[1].lower_ == "in" and gap[0].lower_ in ADMIN_WORDS) or (
                len(gap) == 1 and gap[0].lower_ == "in"):
            return "unit in"  # "X municipality in Y", "X in Y": Y a larger unit
        comma = 0 < len(gap) <= 3 and any(t.text in {",", "("} for t in gap) and all(
            t.text in {",", "(", ")"} or t.lower_ in EDGE_WORDS for t in gap)
        return "comma" if comma else None

    @staticmethod
    def _country_weights(mentions: list[Mention], actor_homes: Iterable[int] = ()) -> dict[int, float]:
        weights: dict[int, float] = defaultdict(float)
        nationality: dict[int, float] = defaultdict(float)  # "Turkish forces" thrice is one nationality, not three
        for iso in actor_homes:
            nationality[iso] = ACTOR_HOME_VOTE
        for mention in mentions:
            per_country: dict[int, float] = {}  # each country's likeliest reading of the name, and how well it fits
            for candidate in mention.candidates:
                if candidate.iso is not None:
                    prior, fit = _prior(candidate, mention.text), _fit(candidate, mention)
                    if candidate.iso not in per_country or prior + fit > sum(per_country[candidate.iso]):
                        per_country[candidate.iso] = (prior, fit)
            sharpened = {iso: max(prior + fit, 0.05) ** 4 for iso, (prior, fit) in per_country.items()}
            total = sum(sharpened.values()) or 1.0
            best = max((prior for prior, _ in per_country.values()), default=0.0)
            for iso, weight in sharpened.items():  # an ambiguous name votes mostly for its likeliest country
                vote = mention.vote * best * weight / total
                if mention.label == "NORP":
                    nationality[iso] = max(nationality[iso], vote)
                else:
                    weights[iso] += vote
        for iso, vote in nationality.items():
            weights[iso] += vote
        # A place or admin2 unit named together with a unit holding it (another name) confirms that country.
        for mention in mentions:
            unit_ids = {
                c.place_id for other in mentions if name_key(other.text) != name_key(mention.text)
                for c in other.candidates if c.kind in {"admin1", "admin2"}
            }
            confirmed = {c.iso for c in mention.candidates
                         if c.kind in {"place", "admin2"} and ({c.admin1_id, c.admin2_id} - {c.place_id}) & unit_ids}
            for iso in confirmed:
                weights[iso] += 1.0
        return dict(weights)

    def _resolve_all(self, mentions: list[Mention], context: ArticleGeoContext) -> dict[tuple[int, int], Candidate]:
        resolved = {}
        for mention in mentions:
            best = self._best(mention, context)
            if best is not None:
                resolved[(mention.start, mention.end)] = best
        return resolved

    def _score(self, candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> float:
        score = _prior(candidate, mention.text)
        total = sum(context.country_weights.values()) or 1.0
        score += 3.0 * context.country_weights.get(candidate.iso, 0.0) / total
        if candidate.kind == "place" and context.named_elsewhere(candidate.admin1_id, mention):
            score += 1.5
        if candidate.kind == "place" and context.named_elsewhere(candidate.admin2_id, mention):
            score += 1.0
        return score + _fit(candidate, mention)

    def _best(self, mention: Mention, context: ArticleGeoContext) -> Candidate | None:
        """The best-scoring candidate; None when it lies outside the main country without strong support."""
        best = max(mention.candidates, key=lambda c: self._score(c, mention, context))
        main = context.dominant_iso
        if mention.fuzzy and not self._corroborated(best, mention, context):
            return None
        if mention.text.isupper() and best.kind == "admin1" and best.iso != main and mention.hint != "container":
            return None  # state abbreviations ("UP", "J&K") only within the article's country or after a place
        main = main or context.country_iso  # without a clear main country, the best-supported one
        if main is None or best.iso == main:
            return best
        strong = not mention.fuzzy and mention.vote >= 1.0 and (
            best.kind in {"country", "admin1"} or best.population >= FOREIGN_POPULATION
        )
        return best if strong else None

    @staticmethod
    def _corroborated(candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> bool:
        """Whether a loose spelling match is backed by the article: it lies in an admin unit named elsewhere, or in
        the article's main country when that country's admin units go unnamed; or it is a city of some size, or
        every reading of the name lies in one country (and the article points to no other)."""
        if candidate.kind == "country":
            return False
        if context.named_elsewhere(candidate.admin1_id, mention) or context.named_elsewhere(candidate.admin2_id, mention):
            return True
        one_country = len({c.iso for c in mention.candidates}) == 1  # "Ain Oussara": all readings in Algeria
        if one_country or (candidate.kind == "place" and candidate.population >= FOREIGN_POPULATION):  # "Quamishli"
            return context.dominant_iso in (None, candidate.iso)
        return candidate.iso == context.dominant_iso and not (
            candidate.kind == "place" and context.names_admin1_in(candidate.iso)
        )

    # ---- event location ----------------------------------------------------------------------------
    def country_only(self, country: str) -> ResolvedPlace | None:
        """A country-level place (no coordinates, flagged) for a country known from other evidence, e.g. actors."""
        found = next((c for c in self.gazetteer.lookup(country) if c.kind == "country"), None)
        if found is None:
            return None
        return ResolvedPlace(country=found.country, iso=found.iso, confidence=0.2, is_country_only=True,
                             evidence=country)

    def locate(self, doc: Doc, sentence: Span, trigger: Token, context: ArticleGeoContext) -> ResolvedPlace:
        """The event's place: the toponym tied to the trigger in its sentence (else a neighbour sentence)."""
        sentences = list(doc.sents)
        index = next((i for i, s in enumerate(sentences) if s.start <= trigger.i < s.end), 0)
        passage = [sentence] + [sentences[i] for i in (index + 1, index - 1) if 0 <= i < len(sentences) and sentences[i] != sentence]
        country_only: Mention | None = None
        for span in passage:
            in_span = [m for m in context.mentions if span.start <= m.start < span.end]
            event_related = [m for m in in_span if not self._in_passing(doc, m)]
            mentions, chosen = event_related, self._event_mention(event_related, trigger, context)
            origin = self._event_mention(in_span, trigger, context)
            # Origins ("from X") only when nothing else is named, or nothing but their own country: "from Nabatiyeh
            # in Lebanon" is in Nabatiyeh, "from Gaza into Israel" in Israel.
            if chosen is None or (origin is not None and context.resolved[(chosen.start, chosen.end)].kind == "country"
                                  and context.resolved[(origin.start, origin.end)].iso
                                  == context.resolved[(chosen.start, chosen.end)].iso):
                mentions, chosen = in_span, origin
            if chosen is None:
                continue
            if context.resolved[(chosen.start, chosen.end)].kind != "country":
                return self._place(chosen, mentions, context)
            country_only = country_only or chosen
        return self._place(country_only, [], context) if country_only else self._fallback(context)

    @classmethod
    def _in_passing(cls, doc: Doc, mention: Mention) -> bool:
        """Origins and affiliations ("from X", "from A and X", "X-based") rather than where the event happened."""
        after = doc[mention.end].lower_ if mention.end < len(doc) else ""
        if after == "-" and mention.end + 1 < len(doc) and doc[mention.end + 1].lower_ in NOT_PLACE_AFTER:
            return True
        return cls._is_origin(doc, doc[mention.start : mention.end])

    @staticmethod
    def _is_origin(doc: Doc, span: Span) -> bool:
        """"from X", "from A and X", "to X": where people or things came from or went, not where they were."""
        token = span.root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in {"from", "to"}

    @staticmethod
    def _event_mention(mentions: list[Mention], trigger: Token, context: ArticleGeoContext) -> Mention | None:
        main = context.country_iso
        usable = [
            m for m in mentions
            if (m.start, m.end) in context.resolved and not (m.modifier and context.resolved[(m.start, m.end)].kind == "country")
        ]
        specific = [m for m in usable if context.resolved[(m.start, m.end)].kind != "country"]
        usable = specific or usable  # a country alone only when nothing more specific is named
        usable = [m for m in usable if context.resolved[(m.start, m.end)].iso == main] or usable
        if not usable:
            return None

        def score(mention: Mention) -> float:
            candidate = context.resolved[(mention.start, mention.end)]
            doc = trigger.doc
            root = doc[mention.start : mention.end].root
            locative = mention.start > 0 and doc[mention.start - 1].lower_ in LOCATIVE_WORDS
            outside_named_units = (
                candidate.kind == "place"
                and not context.named_elsewhere(candidate.admin1_id, mention)
                and context.names_admin1_in(candidate.iso)
            )
            return (
                KIND_SPECIFICITY[candidate.kind]
                - 0.4 * _tree_distance(root, trigger)
                + (1.0 if mention.from_entity or locative else 0.0)
                - (2.5 if outside_named_units else 0.0)
                - 0.01 * mention.start / len(doc)
            )

        return max(usable, key=score)

    @staticmethod
    def _place(mention: Mention, sentence_mentions: list[Mention], context: ArticleGeoContext) -> ResolvedPlace:
        candidate = context.resolved[(mention.start, mention.end)]
        if candidate.kind == "country":
            return ResolvedPlace(
                country=candidate.country, iso=candidate.iso, confidence=0.3, evidence=mention.text,
                is_country_only=True, place_id=candidate.place_id,
            )
        admin2 = candidate.admin2
        if admin2 is None:
            units = [context.resolved[(m.start, m.end)] for m in sentence_mentions if (m.start, m.end) in context.resolved]
            admin2 = next((u.admin2 for u in units if u.kind == "admin2" and u.admin1_id == candidate.admin1_id), None)
        precision = 3 if candidate.kind != "place" else (2 if mention.near else 1)
        return ResolvedPlace(
            country=candidate.country, iso=candidate.iso, admin1=candidate.admin1, admin2=admin2,
            location=candidate.name, latitude=candidate.latitude, longitude=candidate.longitude,
            geo_precision=precision, confidence=0.8 if mention.from_entity else 0.6, evidence=mention.text,
            place_id=candidate.place_id,
        )

    @staticmethod
    def _fallback(context: ArticleGeoContext) -> ResolvedPlace:
        """No toponym near the trigger: the article's main admin unit, else its country, else nothing."""
        iso = context.country_iso
        units = [c for c in context.resolved.values() if c.kind in {"admin1", "admin2"} and c.iso == iso]
        if units:
            unit = units[0]
            return ResolvedPlace(
                country=unit.country, iso=unit.iso, admin1=unit.admin1, admin2=unit.admin2, location=unit.name,
                latitude=unit.latitude, longitude=unit.longitude, geo_precision=3, confidence=0.3,
                evidence=unit.matched_name, place_id=unit.place_id,
            )
        named = sorted((m for m in context.mentions if m.vote > 0 or not m.modifier), key=lambda m: m.modifier)
        country = next((c for m in named if (c := context.resolved.get((m.start, m.end))) and c.iso == iso), None)
        if country is None:
            return ResolvedPlace()
        return ResolvedPlace(country=country.country, iso=country.iso, confidence=0.2, is_country_only=True)
