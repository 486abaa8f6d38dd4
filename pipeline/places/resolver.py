"""Resolve an article's toponyms within its geographic focus and pick the location of an event, coded like ACLED."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from pipeline.places.focus import GeoFocus, exact_spelling, fit, geographic_focus, own_name, prior
from pipeline.places.gazetteer import Candidate, Gazetteer
from pipeline.places.names import name_key, written_pattern
from pipeline.places.terms import PlaceTerms
from pipeline.places.toponyms import CONTEXT, FOUND_BY_CONTEXT, MODIFIER, Mention, ToponymFinder, contains
from pipeline.records import ResolvedPlace

DATELINE = re.compile(  # "CITY (Agency) -", "VILLE (Pays), 17 mai 2023 (Agence) –", "CITY, Country, Jan 5 (Agency) -",
    # "City, Country (Agency) -", "Dar es Salaam, Tanzania, May 4 (Wire) -": a title-case city only with its country
    r"^\s*([A-Z][A-Z .,'’-]{2,}?|[A-Z][a-z'’-]+(?: (?:[a-z]{1,3} )?[A-Z][a-z'’-]+){0,2}(?=,\s*[A-Z][a-z]+))"
    r"\s*(?:\([^)]{1,40}\))?(?:,?\s*[A-Z][a-z]+(?: [A-Z][a-z]+)*(?=\s*[,(]))?"
    r"(?:,?\s*(?:\d{1,2}(?:er)?\s+[^\W\d]+\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*"
    r"(?:\([^)]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s")
NAMESAKE_RATIO = 100  # with no focus, a city counts when every namesake abroad is this many times smaller
CONTAINER_GAP = 3  # tokens between an unknown place and the unit closing its chain ("X village, Y")


@dataclass(frozen=True)
class ArticleGeoContext:
    """What the whole article says about geography: its focus, admin units, toponyms and their readings."""

    country_weights: dict[int, float]
    admin_ids: dict[str, frozenset[tuple[int, int]]]  # admin unit id -> the mentions that name it
    mentions: tuple[Mention, ...]
    resolved: dict[tuple[int, int], Candidate] = field(default_factory=dict)
    dateline_end: int = 0  # character offset where a "CITY (Agency) -" dateline ends
    unit_iso: dict[str, int] = field(default_factory=dict)  # admin unit id -> its country
    focus: GeoFocus | None = None
    unknown: tuple[Mention, ...] = ()  # place names the gazetteer lacks, in a place context ("near X", "X, Y")

    def names_admin1_in(self, iso: int | None, mention: Mention | None = None) -> bool:
        """Whether the article names (or places things in) some admin1 unit of this country; with `mention`, through
        another mention than this one (a name found loosely does not vouch for itself on the second pass)."""
        return any(self.unit_iso.get(unit) == iso and self.admin_ids[unit] - {mention.key if mention else None}
                   for unit in self.admin_ids if unit.startswith("adm1:"))

    @property
    def geo_focus(self) -> GeoFocus:
        return self.focus or GeoFocus(self.country_weights)

    @property
    def country_iso(self) -> int | None:
        """The article's best-supported country (ISO numeric), if any."""
        return self.geo_focus.best_iso

    @property
    def dominant_iso(self) -> int | None:
        """The focus country when the article gives real evidence for it (a named country, place or unit)."""
        return self.geo_focus.dominant_iso

    def named_elsewhere(self, unit_id: str | None, mention: Mention) -> bool:
        """Whether a mention other than `mention` names (or lies in) this admin unit."""
        return bool(self.admin_ids.get(unit_id, frozenset()) - {mention.key})


def _alias_tokens(doc: Doc, aliases: Iterable[str]) -> frozenset[int]:
    """Token indices of the doc inside any occurrence of these names (case, apostrophe and dash forms aside, whole
    words; `written_pattern`)."""
    tokens: set[int] = set()
    for alias in {a for a in aliases if a.strip()}:
        for found in re.finditer(written_pattern(alias), doc.text, re.IGNORECASE):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return frozenset(tokens)


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens (large across sentences)."""
    if a.sent.start != b.sent.start:
        return 20
    depth_in_a = {tok.i: depth for depth, tok in enumerate([a, *a.ancestors])}
    for depth_b, tok in enumerate([b, *b.ancestors]):
        if tok.i in depth_in_a:
            return depth_in_a[tok.i] + depth_b
    return 20


class PlaceResolver:
    """Resolves toponyms against a Gazetteer within the article's focus and picks each event's location."""

    def __init__(self, gazetteer: Gazetteer, demonyms: Mapping[str, Iterable[str]] | None = None, *,
                 seeds: str | Path | None = None, terms: PlaceTerms | None = None,
                 source_countries: Mapping[str, str] | None = None) -> None:
        """`demonyms`: country name -> nationality words ("Lebanon": ["Lebanese"]), e.g. the actor dictionary's;
        `seeds`: the folder holding place_terms.yaml (default: the settings' seeds); `source_countries`: source
        name -> the one country a feed covers."""
        if terms is None:
            from pipeline.settings import Settings

            terms = PlaceTerms.load(seeds or Settings().seeds)
        self.gazetteer, self.terms = gazetteer, terms
        countries = gazetteer.countries()
        country_keys = [(name_key(c.name), c) for c in countries]
        self._countries = dict(country_keys)
        self._demonyms = {
            name_key(word): self._countries[name_key(country)]
            for country, words in (demonyms or {}).items() if name_key(country) in self._countries
            for word in words if not word.isupper()
        }
        self.finder = ToponymFinder(gazetteer, terms, self._demonyms, country_keys)
        self.source_countries = {key: value for key, value in (source_countries or {}).items()}

    # ---- article context ---------------------------------------------------------------------------
    def country_iso(self, country: str | None) -> int | None:
        """ISO numeric of a country name (ACLED's or another spelling), if it is one."""
        found = self._countries.get(name_key(country or ""))
        if found is None and country:
            found = next((c for c in self.gazetteer.lookup(country) if c.kind == "country"), None)
        return found.iso if found else None

    def source_country(self, country: str | None = None, source: str | None = None) -> str | None:
        """The country an article is known to be about: its own `country` field, else its feed's setting."""
        return country or self.source_countries.get(source or "")

    def source_name_iso(self, source: str | None) -> int | None:
        """The one country the outlets of a source name (";"-separated) state in their names, if they name one:
        "Daily Nation (Kenya)", "Yemen Data Project", "Loop News Trinidad and Tobago"; none for "AFP; Reuters"."""
        named: set[int] = set()
        for outlet in (source or "").split(";"):
            words, i = outlet.replace("(", " ").replace(")", " ").split(), 0
            while i < len(words):  # the longest country name at each word: "South Sudan", not "Sudan"
                size, country = next(((size, found) for size in range(min(len(words) - i, 4), 0, -1)
                                      if words[i][:1].isupper() and (found := self._countries.get(
                                          name_key(" ".join(words[i:i + size])))) is not None), (1, None))
                if country is not None and country.iso is not None:
                    named.add(country.iso)
                i += size
        return named.pop() if len(named) == 1 else None

    def outlet_iso(self, source: str | None) -> int | None:
        """The one home country of the national outlets (seeds/outlets.csv) among a source's
        ";"-separated outlets ("An-Nahar; El Nashra": Lebanon); none when they are of two countries."""
        homes = {home.iso for outlet in (source or "").split(";")
                 if (home := self.gazetteer.outlet_home(outlet.strip())) is not None}
        return homes.pop() if len(homes) == 1 else None

    def article_context(self, doc: Doc, actor_countries: Iterable[str] = (), *, source_country: str | None = None,
                        source: str | None = None, actor_names: Iterable[str] = ()) -> ArticleGeoContext:
        """The article's geographic focus and each toponym resolved within it. `actor_countries`: home countries
        of the armed groups it names ("Houthis" → Yemen); `source_country`: a country the source vouches for;
        `source`: the outlet names, faint evidence when they name a country ("Sowetan (South Africa)");
        `actor_names`: the actor aliases the actor resolver found in the text ("FAMa", "Boko Haram")."""
        dateline = DATELINE.match(doc.text)
        dateline_end = dateline.end() if dateline else 0
        actor_tokens = _alias_tokens(doc, actor_names)
        found = [self._as_actor_name(m) if all(i in actor_tokens for i in range(m.start, m.end)) else m
                 for m in self.finder.find(doc, dateline_end)]
        mentions, unknown = self.finder.constrain_chains(
            doc, found, lambda c, m: prior(c, m.text, self.terms) + fit(c, m, self.terms))
        homes = {iso for name in actor_countries if (iso := self.country_iso(name)) is not None}
        evidence = {"actor_homes": homes, "dateline_iso": self._dateline_iso(dateline),
                    "source_iso": self.country_iso(source_country), "source_name_iso": self.source_name_iso(source),
                    "outlet_iso": self.outlet_iso(source),
                    "cue_units": [u for m in mentions for u in self.gazetteer.cue_units(m.text)]}
        focus = geographic_focus(mentions, self.terms, **evidence)
        draft = ArticleGeoContext(focus.countries, {}, tuple(mentions), {}, dateline_end, focus=focus)
        resolved = self._resolve_all(mentions, draft)
        focus = geographic_focus(mentions, self.terms, resolved=resolved, **evidence)
        admin_ids, unit_iso = self._named_units(resolved)
        final = ArticleGeoContext(focus.countries, admin_ids, tuple(mentions), {}, dateline_end, unit_iso, focus)
        resolved = self._resolve_all(mentions, final)
        unplaced = [m for m in mentions
                    if m.key not in resolved and not m.actor_name and self._in_place_context(doc, m)]
        resolved_spans = [m for m in found if m.key in resolved]
        unknown = (*unknown, *(replace(m, candidates=()) for m in unplaced),
                   *self._unknown_mentions(doc, resolved_spans + unplaced, dateline_end, actor_tokens))
        capitals = self._capital_mentions(doc, final, resolved)
        kept = tuple(m for m in final.mentions if not any(c.start < m.end and m.start < c.end for c in capitals))
        resolved.update({c.key: c.candidates[0] for c in capitals})
        return replace(final, mentions=tuple(sorted((*kept, *capitals), key=lambda m: m.start)), resolved=resolved,
                       unknown=tuple(unknown))

    def _capital_mentions(self, doc: Doc, context: ArticleGeoContext,
                          resolved: Mapping[tuple[int, int], Candidate]) -> list[Mention]:
        """National capitals named by a phrase: "the Somali capital", "Kenya's capital", "the capital of Mali", or
        "the capital" / "the country's capital" for the focus country; not "capital punishment", "the state capital"
        or "the commercial capital" (`not_national_capital`)."""
        terms = self.terms
        country_at = {i: c.iso for key, c in resolved.items() if c.kind == "country" for i in range(*key)}
        found = []
        for token in doc:
            if token.text not in terms.capital_words or token.pos_ not in {"NOUN", "PROPN"} or (
                    token.dep_ in {"compound", "amod"} and token.head.lower_ not in terms.town_words):
                continue  # "capital punishment"; "the capital city" is one
            head = token.head if token.dep_ in {"compound", "amod"} else token
            children = [c for t in {token, head} for c in t.children]
            if any(c.lower_ in terms.not_national_capital for c in children):
                continue
            named = [iso for c in children if c.i < token.i and c.dep_ in terms.modifier_deps | {"nmod", "poss"}
                     and (iso := country_at.get(c.i, self._demonym_iso(c.text))) is not None]
            objects = [g for c in children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            if any(g.i not in country_at for g in objects):
                continue  # "the capital of Borno State": a unit's capital
            named += [country_at[g.i] for g in objects]
            if named:
                iso = named[0]
            elif any(c.dep_ in {"det", "poss"} and c.i < token.i for c in children):
                iso = context.dominant_iso or context.country_iso
            else:
                continue
            capital = self.gazetteer.capital(iso)
            if capital is None:
                continue
            start = min([token.i, *(c.i for c in children if c.i < token.i and c.dep_ in {"det", "amod", "poss",
                                                                                           "compound", "nmod"})])
            end = max(token.i, head.i) + 1
            near = self.finder.hint(doc, start, end)[1]  # "near the Kenyan capital": geo_precision 2
            found.append(Mention(doc[start:end].text, start, end, (capital,), False, near=near, vote=0.0,
                                 label=CONTEXT))
        return found

    def _demonym_iso(self, word: str) -> int | None:
        """The country of a nationality adjective ("Somali"), if it is one."""
        countries = self.finder.demonym(word, loose=False)
        return countries[0].iso if countries else None

    @staticmethod
    def _as_actor_name(mention: Mention) -> Mention:
        """A mention inside an actor's name: no vote for the focus, resolved only exactly inside it (see `_best`);
        a country's name stays a country ("Ukraine" of Ukraine's forces)."""
        if any(c.kind == "country" for c in mention.candidates):
            return mention
        return replace(mention, actor_name=True, vote=0.0)

    def _in_place_context(self, doc: Doc, mention: Mention) -> bool:
        """Whether a name stands where a place does: after "near", "in", "at", or "village of"."""
        if mention.start == 0 or mention.label == "NORP":
            return False
        before = doc[mention.start - 1].lower_
        return before in self.terms.near_words or before in self.terms.locative_words - {"of"} or (
            before == "of" and mention.hint == "place")

    def _dateline_iso(self, dateline: re.Match | None) -> int | None:
        """The country of a "CITY (Agency) -" dateline: its likeliest reading."""
        if dateline is None:
            return None
        candidates = self.gazetteer.lookup(dateline.group(1).strip(" ,.").title())
        best = max(candidates, key=lambda c: prior(c, c.name, self.terms), default=None)
        return best.iso if best is not None else None

    @staticmethod
    def _named_units(resolved: Mapping[tuple[int, int], Candidate]) -> tuple[dict, dict]:
        """Admin unit id -> the mentions that name it or lie in it; and unit id -> its country."""
        sources: dict[str, set[tuple[int, int]]] = defaultdict(set)
        unit_iso: dict[str, int] = {}
        for key, candidate in resolved.items():
            for unit in (candidate.place_id if candidate.kind in {"admin1", "admin2"} else None, candidate.admin1_id):
                if unit:
                    sources[unit].add(key)
                    unit_iso[unit] = candidate.iso
        return {unit: frozenset(keys) for unit, keys in sources.items()}, unit_iso

    def _unknown_mentions(self, doc: Doc, found: list[Mention], dateline_end: int,
                          actor_tokens: frozenset[int] = frozenset()) -> list[Mention]:
        """Capitalised names the gazetteer lacks right after a place word ("near X", "the village of X"), actors'
        names aside."""
        taken = {i for m in found for i in range(m.start, m.end)} | actor_tokens
        terms, unknown = self.terms, []
        for start, end, label in self.finder.candidate_spans(doc):
            if label not in {"GPE", "LOC", "ORG", "PERSON", "RUN", CONTEXT} or start == 0 or (
                    doc[start].idx < dateline_end):
                continue
            before = doc[start - 1].lower_
            unit_of = before == "of" and start >= 2 and doc[start - 2].lower_ in terms.place_words | terms.admin_words
            if not (unit_of or (before != "of" and (before in terms.near_words or before in terms.locative_words))):
                continue
            labels = {"", "GPE", "LOC", "FAC"} | ({"ORG", "PERSON"} if unit_of or before in terms.near_words else set())
            if any(i in taken for i in range(start, end)) or not all(
                    t.pos_ == "PROPN" and t.ent_type_ in labels for t in doc[start:end]):
                continue
            hint, near = self.finder.hint(doc, start, end)
            unknown.append(Mention(doc[start:end].text, start, end, (), label in {"GPE", "LOC"}, hint, near,
                                   vote=0.0, label=label))
            taken.update(range(start, end))
        return unknown

    def _resolve_all(self, mentions: list[Mention], context: ArticleGeoContext) -> dict[tuple[int, int], Candidate]:
        return {mention.key: best for mention in mentions if (best := self._best(mention, context)) is not None}

    def _score(self, candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> float:
        focus = context.geo_focus
        score = prior(candidate, mention.text, self.terms) + 3.0 * focus.country_share(candidate.iso)
        score += 1.5 * focus.reading_share(candidate.admin1_id)  # readings in the admin1 units it centres on
        if candidate.kind == "place" and context.named_elsewhere(candidate.admin1_id, mention):
            score += 1.5
        if candidate.kind == "place" and context.named_elsewhere(candidate.admin2_id, mention):
            score += 1.0
        if candidate.kind != "country" and not exact_spelling(candidate, mention.text) and any(
                exact_spelling(c, mention.text) for c in mention.candidates if c.kind != "country"):
            score -= self.terms.weight("variant_penalty")  # "Luhanske" is the village so named, not Luhansk
        return score + fit(candidate, mention, self.terms)

    def _best(self, mention: Mention, context: ArticleGeoContext) -> Candidate | None:
        """The best-scoring reading; None when it lies outside the focus country without strong support."""
        focus_iso = context.dominant_iso
        if mention.actor_name:  # "FAMa" is no Brazilian Fama: only the exact name of a place in the focus
            exact = [c for c in mention.candidates
                     if not mention.fuzzy and c.iso == focus_iso and exact_spelling(c, mention.text)]
            return max(exact, key=lambda c: self._score(c, mention, context), default=None)
        best = max(mention.candidates, key=lambda c: self._score(c, mention, context))
        if mention.fuzzy or mention.label in FOUND_BY_CONTEXT:
            corroborated = self._corroborated(best, mention, context)
            return best if corroborated and not self._outside_focus_units(best, mention, context) else None
        if mention.text.isupper() and best.kind == "admin1" and best.iso != focus_iso and mention.hint != "container":
            return None  # state abbreviations ("UP", "J&K") only within the article's country or after a place
        focus_iso = focus_iso or context.country_iso  # without a clear focus, the best-supported country
        if self._outside_focus_units(best, mention, context):
            return None
        if focus_iso is None or best.iso == focus_iso:
            return best
        return best if self._strong(best, mention, context) else None

    def _strong(self, candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> bool:
        """Whether a reading outside the focus country holds: a place entity naming a country, an admin1 unit, or a
        city of some size, under a name that is some entry's own in that country ("Mogilev": Belarus' city by its
        English alias, its oblast by name) or with a unit of its own named elsewhere; an alias alone is not enough
        ("Kurla" in an Indian story is no Korla, China)."""
        if mention.vote < 1.0:
            return False
        if candidate.kind in {"country", "admin1"}:
            return True
        return candidate.population >= self.terms.weight("foreign_population") and (
            any(c.iso == candidate.iso and own_name(c, mention.text) for c in mention.candidates)
            or context.named_elsewhere(candidate.admin1_id, mention))

    def _outside_focus_units(self, candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> bool:
        """A small place outside every admin1 unit the article centres on (units it names, the area a mission
        works in), named without a unit of its own: more likely a village the gazetteer lacks than a namesake.
        A place entity escapes this only when the text names admin units itself (not just a mission's area) and
        spells the place's name as written, not a folded variant ("Ugah near Lafia (Nasarawa)" is no Uga of
        Anambra)."""
        units = context.geo_focus.admin1
        mission_area_only = not any(unit.startswith(("adm1:", "adm2:")) for unit in context.admin_ids)
        return (bool(units) and candidate.kind == "place"
                and (mention.vote < 1.0 or mission_area_only or not exact_spelling(candidate, mention.text))
                and mention.hint != "container"
                and candidate.admin1_id not in units and candidate.population < self.terms.weight("foreign_population")
                and not context.named_elsewhere(candidate.admin2_id, mention))

    def _corroborated(self, candidate: Candidate, mention: Mention, context: ArticleGeoContext) -> bool:
        """Whether a loose spelling match, or a name found by context alone, is backed by the article: it lies
        inside the focus country (in an admin unit named elsewhere, or the focus country names none), or, with no
        focus at all, it is a city of some size (a big city, leading an organisation's name: "Lahore Press Club")
        whose namesakes abroad are all far smaller."""
        if candidate.kind == "country" and mention.fuzzy:
            return False
        if any(context.named_elsewhere(unit, mention) for unit in (candidate.admin1_id, candidate.admin2_id)):
            return True
        focus_iso = context.dominant_iso or context.country_iso
        if focus_iso is None:  # nothing else in the article: only a sizeable city
            floor = "modifier_population" if mention.label == MODIFIER else "foreign_population"
            return candidate.population >= self.terms.weight(floor) and all(  # namesakes abroad all far smaller
                c.iso == candidate.iso or c.population * NAMESAKE_RATIO < candidate.population
                for c in mention.candidates)
        if candidate.iso != focus_iso:
            return False
        return (mention.label in FOUND_BY_CONTEXT and not mention.fuzzy) or not (
            candidate.kind == "place" and context.names_admin1_in(candidate.iso, mention))

    # ---- event location ----------------------------------------------------------------------------
    def country_only(self, country: str) -> ResolvedPlace | None:
        """A country-level place (no coordinates, flagged) for a country known from other evidence, e.g. actors."""
        found = next((c for c in self.gazetteer.lookup(country) if c.kind == "country"), None)
        if found is None:
            return None
        return ResolvedPlace(country=found.country, iso=found.iso, confidence=0.2, is_country_only=True,
                             evidence=country)

    def locate(self, doc: Doc, sentence: Span, trigger: Token, context: ArticleGeoContext) -> ResolvedPlace:
        """The event's place: the toponym tied to the trigger in its sentence (else a neighbour sentence); a place
        the gazetteer lacks is coded to the unit that holds it."""
        sentences = list(doc.sents)
        index = next((i for i, s in enumerate(sentences) if s.start <= trigger.i < s.end), 0)
        passage = [sentence] + [sentences[i] for i in (index + 1, index - 1)
                                if 0 <= i < len(sentences) and sentences[i] != sentence]
        country_level: Mention | None = None
        for span in passage:
            chosen, mentions = self._sentence_choice(doc, span, trigger, context)
            unknown = self._unknown_in(span, trigger, context)
            if unknown is not None and (chosen is None or context.resolved[chosen.key].kind != "place"):
                return self._unknown_place(unknown, self._container(doc, unknown, mentions, context) or chosen,
                                           context)
            if chosen is None:
                continue
            if context.resolved[chosen.key].kind != "country":
                return self._place(chosen, mentions, context)
            country_level = country_level or chosen
        return self._place(country_level, [], context) if country_level else self._fallback(context)

    def _sentence_choice(self, doc: Doc, span: Span, trigger: Token,
                         context: ArticleGeoContext) -> tuple[Mention | None, list[Mention]]:
        """The mention of one sentence that places the event, and the mentions it was chosen among. Origins
        ("from X") only when nothing else is named, or nothing but their own country: "from Nabatiyeh in Lebanon"
        is in Nabatiyeh, "from Gaza into Israel" in Israel."""
        in_span = [m for m in context.mentions if span.start <= m.start < span.end]
        event_related = [m for m in in_span if not self._in_passing(doc, m)]
        chosen = self._event_mention(event_related, trigger, context)
        origin = self._event_mention(in_span, trigger, context)
        if chosen is None or (origin is not None and context.resolved[chosen.key].kind == "country"
                              and context.resolved[origin.key].iso == context.resolved[chosen.key].iso):
            return origin, in_span
        return self._inner(chosen, event_related, context), event_related

    def _inner(self, chosen: Mention, mentions: list[Mention], context: ArticleGeoContext) -> Mention:
        """The most specific mention of the sentence inside the chosen unit ("Gubio Local Government Area of Borno
        State" is in Gubio, not all of Borno)."""
        unit = context.resolved[chosen.key]
        if unit.kind not in {"admin1", "admin2"}:
            return chosen
        rank = self.terms.kind_specificity
        inside = [m for m in mentions if m.key in context.resolved and m.key != chosen.key
                  and rank[context.resolved[m.key].kind] > rank[unit.kind] and contains(unit, context.resolved[m.key])]
        return max(inside, key=lambda m: rank[context.resolved[m.key].kind], default=chosen)

    def _in_passing(self, doc: Doc, mention: Mention) -> bool:
        """Origins and affiliations ("from X", "from A and X", "X-based") rather than where the event happened."""
        after = doc[mention.end].lower_ if mention.end < len(doc) else ""
        if after == "-" and mention.end + 1 < len(doc) and doc[mention.end + 1].lower_ in self.terms.not_place_after:
            return True
        return self.finder.is_origin(doc[mention.start : mention.end])

    def _event_mention(self, mentions: list[Mention], trigger: Token, context: ArticleGeoContext) -> Mention | None:
        """The resolved mention closest to the trigger, preferring specific places in the focus country and in the
        admin units the article names."""
        main = context.country_iso
        usable = [m for m in mentions
                  if m.key in context.resolved and not (m.modifier and context.resolved[m.key].kind == "country")]
        specific = [m for m in usable if context.resolved[m.key].kind != "country"]
        usable = specific or usable  # a country alone only when nothing more specific is named
        usable = [m for m in usable if context.resolved[m.key].iso == main] or usable
        return max(usable, key=lambda m: self._closeness(m, trigger, context), default=None)

    def _closeness(self, mention: Mention, trigger: Token, context: ArticleGeoContext) -> float:
        candidate = context.resolved[mention.key]
        doc = trigger.doc
        root = doc[mention.start : mention.end].root
        locative = mention.start > 0 and doc[mention.start - 1].lower_ in self.terms.locative_words
        outside_named_units = (candidate.kind == "place" and not context.named_elsewhere(candidate.admin1_id, mention)
                               and context.names_admin1_in(candidate.iso, mention))
        return (self.terms.kind_specificity[candidate.kind] - 0.4 * _tree_distance(root, trigger)
                + (1.0 if mention.from_entity or locative else 0.0) - (2.5 if outside_named_units else 0.0)
                - 0.01 * mention.start / len(doc))

    def _unknown_in(self, span: Span, trigger: Token, context: ArticleGeoContext) -> Mention | None:
        """The unknown place name of a sentence closest to the trigger, if any."""
        found = [m for m in context.unknown if span.start <= m.start < span.end]
        return min(found, key=lambda m: _tree_distance(trigger.doc[m.start : m.end].root, trigger), default=None)

    def _container(self, doc: Doc, unknown: Mention, mentions: list[Mention],
                   context: ArticleGeoContext) -> Mention | None:
        """The unit closing an unknown place's comma chain ("Kisima village, Beni"): it holds the place."""
        for mention in sorted(mentions, key=lambda m: m.start):
            gap = doc[unknown.end : mention.start]
            if (unknown.end <= mention.start <= unknown.end + CONTAINER_GAP and mention.key in context.resolved
                    and context.resolved[mention.key].kind != "country" and any(t.text == "," for t in gap)
                    and all(t.text == "," or t.lower_ in self.terms.place_words for t in gap)):
                return mention
        return None

    def _unknown_place(self, unknown: Mention, unit_mention: Mention | None,
                       context: ArticleGeoContext) -> ResolvedPlace:
        """A place the gazetteer lacks, coded as ACLED does: the name as written, the coordinates and admin units of
        the nearest named unit holding it (admin2, else admin1; geo_precision 2, part of a region), else the focus
        country alone."""
        unit = context.resolved.get(unit_mention.key) if unit_mention else None
        if unit is None or unit.kind == "country":
            unit = self._focus_unit(context)
        if unit is None or unit.kind == "country":
            iso = unit.iso if unit else context.dominant_iso or context.country_iso
            country = unit or next((c for c in self._countries.values() if iso is not None and c.iso == iso), None)
            if country is None:
                return self._fallback(context)
            return ResolvedPlace(country=country.country, iso=country.iso, location=unknown.text, confidence=0.3,
                                 evidence=unknown.text, is_country_only=True)
        return ResolvedPlace(
            country=unit.country, iso=unit.iso, admin1=unit.admin1, admin2=unit.admin2, location=unknown.text,
            latitude=unit.latitude, longitude=unit.longitude, geo_precision=2, confidence=0.4,
            evidence=unknown.text, place_id=None,
        )

    def _focus_unit(self, context: ArticleGeoContext) -> Candidate | None:
        """The article's main admin unit (a named admin2 inside the main admin1, else that admin1), else the one
        town it names in its country (an unknown neighbourhood of it), else its focus country."""
        iso = context.dominant_iso or context.country_iso
        main_admin1 = context.geo_focus.main_admin1
        units = [c for c in context.resolved.values() if c.kind in {"admin1", "admin2"} and c.iso == iso]
        in_main = [c for c in units if c.admin1_id == main_admin1] if main_admin1 else []
        if in_main:
            return max(in_main, key=lambda c: c.kind == "admin2")
        if main_admin1 and (seat := self.gazetteer.unit(main_admin1)) is not None:
            return seat
        towns = {c.place_id: c for c in context.resolved.values() if c.kind == "place" and c.iso == iso}
        if len(towns) == 1 and not units:
            return next(iter(towns.values()))
        return next((c for c in self._countries.values() if c.iso == iso), None) if iso is not None else None

    @staticmethod
    def _place(mention: Mention, sentence_mentions: list[Mention], context: ArticleGeoContext) -> ResolvedPlace:
        candidate = context.resolved[mention.key]
        if candidate.kind == "country":
            return ResolvedPlace(country=candidate.country, iso=candidate.iso, confidence=0.3, evidence=mention.text,
                                 is_country_only=True, place_id=candidate.place_id)
        admin2 = candidate.admin2
        if admin2 is None:
            units = [context.resolved[m.key] for m in sentence_mentions if m.key in context.resolved]
            admin2 = next((u.admin2 for u in units if u.kind == "admin2" and u.admin1_id == candidate.admin1_id), None)
        precision = 1 if candidate.kind == "place" else 3  # "near X": part of the area around X
        precision = 2 if mention.near and candidate.kind in {"place", "admin2"} else precision
        return ResolvedPlace(
            country=candidate.country, iso=candidate.iso, admin1=candidate.admin1, admin2=admin2,
            location=candidate.name, latitude=candidate.latitude, longitude=candidate.longitude,
            geo_precision=precision, confidence=0.8 if mention.from_entity else 0.6, evidence=mention.text,
            place_id=candidate.place_id,
        )

    def _fallback(self, context: ArticleGeoContext) -> ResolvedPlace:
        """No toponym near the trigger: the article's main admin unit, else its country (named, or with no toponym at
        all its clear focus), else nothing."""
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
        country = next((c for m in named if (c := context.resolved.get(m.key)) and c.iso == iso), None)
        if country is None and not context.mentions and context.dominant_iso is not None:
            # no toponym at all: the focus country when other evidence makes it clear (an outlet, a party)
            country = next((c for c in self._countries.values() if c.iso == context.dominant_iso), None)
        if country is None:
            return ResolvedPlace()
        return ResolvedPlace(country=country.country, iso=country.iso, confidence=0.2, is_country_only=True)
