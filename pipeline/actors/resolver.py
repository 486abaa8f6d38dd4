"""Resolve actor mentions ('Daesh militants', 'Turkish troops', 'gunmen') to ACLED-style canonical actors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz, process

from pipeline.actors.dictionary import ActorDictionary, ActorEntry, is_acronym, normalize, normalize_cased
from pipeline.records import ResolvedActor

FUZZY_CUTOFF = 90
FUZZY_MIN_CHARS = 8

# Generic kinds -> (ACLED name pattern, inter). State kinds are looked up in the dictionary instead.
GENERIC_ACTORS = {
    "civilians": ("Civilians ({country})", 7),
    "protesters": ("Protesters ({country})", 6),
    "rioters": ("Rioters ({country})", 5),
    "unidentified_armed_group": ("Unidentified Armed Group ({country})", 3),
    "unidentified_gang": ("Unidentified Gang ({country})", 3),
    "communal_militia": ("Unidentified Communal Militia ({country})", 4),
}
STATE_KINDS = {"military": "state_military", "police": "state_police"}
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


@dataclass(frozen=True)
class _AliasHit:
    entry: ActorEntry
    alias: str
    local: bool


@dataclass(frozen=True)
class ActorMatch:
    """A named actor found in a text: token position in the normalized text and the resolved actor."""

    start: int
    end: int
    actor: ResolvedActor


class ActorResolver:
    """Alias, nationality and head-noun based resolution against an ActorDictionary."""

    def __init__(self, dictionary: ActorDictionary):
        self.dictionary = dictionary
        self._words: dict[str, list[_AliasHit]] = {}
        self._acronyms: dict[str, list[_AliasHit]] = {}
        for entry in dictionary.entries:
            for alias, local in [(a, False) for a in entry.aliases] + [(a, True) for a in entry.local_aliases]:
                if is_acronym(alias):
                    self._acronyms.setdefault(normalize_cased(alias), []).append(_AliasHit(entry, alias, local))
                elif normalize(alias):
                    self._words.setdefault(normalize(alias), []).append(_AliasHit(entry, alias, local))
        self._fuzzy_keys = [k for k in self._words if len(k) >= FUZZY_MIN_CHARS]
        self._demonyms: dict[str, str] = {}
        self._demonym_acronyms: dict[str, str] = {}
        for country, words in dictionary.demonyms.items():
            for word in words:
                if is_acronym(word):
                    self._demonym_acronyms[normalize_cased(word)] = country
                else:
                    self._demonyms[normalize(word)] = country
        self._country_names = {normalize(c): c for c in dictionary.demonyms}
        self._alias_homes = self._one_country_aliases()
        self._generic = {normalize(term): kind for kind, terms in dictionary.generic.items() for term in terms}
        self._militia_suffixes = {normalize(k): v for k, v in dictionary.identity_militia_suffixes.items()}
        self._max_len = max((len(k.split()) for k in [*self._words, *self._acronyms, *self._generic]), default=1)

    def _one_country_aliases(self) -> dict[str, str]:
        """Alias -> country, for the non-local aliases that belong to one country and name no nationality."""
        nationality_words = {word for name in [*self._demonyms, *self._country_names] for word in name.split()}
        homes = {}
        for hits in [*self._words.values(), *self._acronyms.values()]:
            countries = {h.entry.country for h in hits if not h.local}
            if len(countries) != 1 or None in countries:
                continue
            for hit in hits:
                if not hit.local and not set(normalize(hit.alias).split()) & nationality_words:
                    homes[hit.alias] = hit.entry.country
        return homes

    # ---- public API -------------------------------------------------------------------------------------------
    def resolve(self, mention: str, *, country: str | None, role_hint: str | None = None) -> ResolvedActor | None:
        """Best actor for a mention; role_hint ('actor1'/'actor2') lets a bare country name stand for its forces."""
        country = self.dictionary.acled_country(country)
        named = self.find_named(mention, country=country)
        if named:
            return named[0].actor
        return (
            self._nationality_forces(mention, country, allow_bare_country=role_hint is not None)
            or self._fuzzy_named(mention, country)
            or self._identity_militia(mention, country)
            or self._generic_actor(mention, country)
        )

    def find_named(self, text: str, *, country: str | None) -> list[ActorMatch]:
        """All named actors (dictionary aliases) in a text, left to right, longest alias first at each position."""
        country = self.dictionary.acled_country(country)
        lower, cased = normalize(text).split(), normalize_cased(text).split()
        matches, i = [], 0
        while i < len(lower):
            for length in range(min(self._max_len, len(lower) - i), 0, -1):
                hits = self._words.get(" ".join(lower[i : i + length]), []) + self._acronyms.get(
                    " ".join(cased[i : i + length]), []
                )
                hit = self._pick(hits, country)
                if hit:
                    matches.append(ActorMatch(i, i + length, self._from_entry(hit.entry, text, country, hit.alias, 0.95)))
                    i += length
                    break
            else:
                i += 1
        return matches

    def home_countries(self, text: str) -> set[str]:
        """Countries of the groups a text names by an alias that belongs to one country only ("PMF", "Houthis",
        "FARDC"). Aliases naming a nationality ("Israeli forces") are left out: armies also fight abroad."""
        return {home for match in self.find_named(text, country=None)
                if (home := self._alias_homes.get(match.actor.aliases_matched[0]))}

    def generic(self, kind: str, country: str | None, mention: str | None = None) -> ResolvedActor:
        """A country-specific generic actor: kind is military, police, civilians, protesters, rioters, ..."""
        country = self.dictionary.acled_country(country)
        if kind in STATE_KINDS:
            return self._state_forces(country, STATE_KINDS[kind], country, mention, 0.6)
        pattern, inter = GENERIC_ACTORS[kind]
        name = pattern.format(country=country) if country else pattern.split(" (")[0]
        return ResolvedActor(name=name, inter=inter, mention=mention, country=country, confidence=0.6, kind=kind)

    def generic_kind(self, mention: str) -> str | None:
        """The generic kind of a mention's head noun ('unknown gunmen' -> unidentified_armed_group), if any."""
        tokens = normalize(mention).split()
        kinds = []
        i = 0
        while i < len(tokens):
            for length in range(min(self._max_len, len(tokens) - i), 0, -1):
                kind = self._generic.get(" ".join(tokens[i : i + length]))
                if kind:
                    kinds.append(kind)
                    i += length
                    break
            else:
                i += 1
        if not kinds:
            return None
        if "military" in kinds and "police" in kinds:
            return "police" if kinds.index("police") < kinds.index("military") else "military"
        return kinds[0]

    def protest_group(self, mention: str, country: str | None) -> ResolvedActor | None:
        """The group behind a protest ('nurses' -> 'Health Workers (Country)'), ACLED associated-actor style."""
        country = self.dictionary.acled_country(country)
        tokens = normalize(mention).split()
        groups = {normalize(k): v for k, v in self.dictionary.protest_groups.items()}
        for length in (2, 1):
            for i in range(len(tokens) - length + 1):
                label = groups.get(" ".join(tokens[i : i + length]))
                if label:
                    name = f"{label} ({country})" if country else label
                    return ResolvedActor(name=name, inter=6, mention=mention, country=country, confidence=0.6,
                                         kind="protest_group")
        return None

    def frontline_defaults(self, country: str | None, on: date | None) -> list[ResolvedActor]:
        """The usual belligerents of a country's front line on a day (seeds frontline_defaults; the latest period
        when the day is unknown), for unattributed fighting."""
        country = self.dictionary.acled_country(country)
        periods = self.dictionary.frontline_defaults.get(country or "", ())
        period = next((p for p in periods if p.covers(on)), None) if on else (periods[-1] if periods else None)
        entries = [self.dictionary.entry(name) for name in (period.actors if period else ())]
        return [self._from_entry(e, None, country, None, 0.5) for e in entries if e]

    def nationality_forces(self, text: str, country: str | None) -> ResolvedActor | None:
        """'Turkish troops' / 'Russian airstrikes' -> that country's state forces; None without a forces noun."""
        return self._nationality_forces(text, self.dictionary.acled_country(country), allow_bare_country=False)

    # ---- internals ----------------------------------------------------------------------------------------------
    @staticmethod
    def _pick(hits: list[_AliasHit], country: str | None) -> _AliasHit | None:
        usable = [h for h in hits if not h.local or h.entry.country == country]
        if not usable:
            return None
        return min(usable, key=lambda h: (h.entry.country != country, h.entry.country is not None))

    def _from_entry(self, entry: ActorEntry, mention: str | None, country: str | None, alias: str | None,
                    confidence: float) -> ResolvedActor:
        foreign_state = entry.kind.startswith("state_") and country and entry.country and entry.country != country
        return ResolvedActor(
            name=entry.canonical_name,
            inter=8 if foreign_state else entry.inter,
            mention=mention,
            country=entry.country,
            confidence=confidence,
            aliases_matched=(alias,) if alias else (),
            kind=entry.kind,
        )

    def _state_forces(self, owner: str | None, kind: str, event_country: str | None, mention: str | None,
                      confidence: float) -> ResolvedActor:
        entry = self.dictionary.state_entry(owner, kind) if owner else None
        if entry:
            return self._from_entry(entry, mention, event_country, None, confidence)
        label = "Military" if kind == "state_military" else "Police"
        name = f"{label} Forces of {self.dictionary.country_label(owner)}" if owner else f"{label} Forces"
        inter = 8 if owner and event_country and owner != event_country else 1
        return ResolvedActor(name=name, inter=inter, mention=mention, country=owner, confidence=confidence, kind=kind)

    def _nationality_forces(self, mention: str, country: str | None, *, allow_bare_country: bool) -> ResolvedActor | None:
        lower, cased = normalize(mention).split(), normalize_cased(mention).split()
        for i in range(len(lower)):
            owner = None
            for length in (3, 2, 1):
                phrase = " ".join(lower[i : i + length])
                owner = (self._demonyms.get(phrase) or self._country_names.get(phrase)
                         or self._demonym_acronyms.get(" ".join(cased[i : i + length])))
                if owner:
                    break
            if not owner:
                continue
            kind = self.generic_kind(" ".join(lower[i + length :]))
            if kind is None and i > 0 and lower[i - 1] == "of":  # "military forces of Azerbaijan"
                kind = self.generic_kind(" ".join(lower[: i - 1]))
            if kind in STATE_KINDS:
                return self._state_forces(owner, STATE_KINDS[kind], country, mention, 0.85)
            if allow_bare_country and len(lower) <= length + 1 and kind is None:
                return self._state_forces(owner, "state_military", country, mention, 0.7)
        return None

    def _fuzzy_named(self, mention: str, country: str | None) -> ResolvedActor | None:
        tokens = normalize(mention).split()
        for length in range(min(6, len(tokens)), 1, -1):
            for i in range(len(tokens) - length + 1):
                window = " ".join(tokens[i : i + length])
                if len(window) < FUZZY_MIN_CHARS:
                    continue
                best = process.extractOne(window, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                hit = best and self._pick(self._words[best[0]], country)
                if hit:
                    return self._from_entry(hit.entry, mention, country, hit.alias, 0.8)
        return None

    def _identity_militia(self, mention: str, country: str | None) -> ResolvedActor | None:
        lower, cased = normalize(mention).split(), normalize_cased(mention).split()
        for i in range(1, len(lower)):
            for length in (3, 2, 1):
                label = self._militia_suffixes.get(" ".join(lower[i : i + length]))
                if not label:
                    continue
                group = cased[i - 1]
                if not group[:1].isupper() or lower[i - 1] in self._demonyms or lower[i - 1] in self._generic:
                    return None
                name = f"{group} {label} ({country})" if country else f"{group} {label}"
                return ResolvedActor(name=name, inter=4, mention=mention, country=country, confidence=0.7,
                                     kind="identity_militia")
        return None

    def _generic_actor(self, mention: str, country: str | None) -> ResolvedActor | None:
        kind = self.generic_kind(mention)
        return replace(self.generic(kind, country, mention), mention=mention) if kind else None
