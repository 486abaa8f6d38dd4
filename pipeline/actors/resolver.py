"""Resolve actor mentions ('Daesh militants', 'Turkish troops', 'gunmen') to ACLED-style canonical actors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz, process

from pipeline.actors.dictionary import ActorDictionary, ActorEntry, is_acronym, normalize, normalize_cased
from pipeline.extract.parameters import ActorParameters
from pipeline.records import ResolvedActor
from pipeline.text.phrases import PhraseIndex, PhraseMatch, longest

# Generic kinds -> (ACLED name pattern, inter). State kinds are looked up in the dictionary instead.
GENERIC_ACTORS = {
    "civilians": ("Civilians ({country})", 7),
    "protesters": ("Protesters ({country})", 6),
    "rioters": ("Rioters ({country})", 5),
    "unidentified_armed_group": ("Unidentified Armed Group ({country})", 3),
    "unidentified_gang": ("Unidentified Gang ({country})", 3),
    "communal_militia": ("Unidentified Communal Militia ({country})", 4),
}
STATE_KIND_OF = {"military": "state_military", "police": "state_police"}  # generic kind -> actor kind
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
    """Alias, nationality and head-noun based resolution against an ActorDictionary. Every dictionary lookup over
    a mention's words is a PhraseIndex (spaCy's PhraseMatcher, longest match first)."""

    def __init__(self, dictionary: ActorDictionary, parameters: ActorParameters):
        self.dictionary = dictionary
        self.parameters = parameters
        words: dict[str, list[_AliasHit]] = {}
        acronyms: dict[str, list[_AliasHit]] = {}
        for entry in dictionary.entries:
            for alias, local in [(a, False) for a in entry.aliases] + [(a, True) for a in entry.local_aliases]:
                if is_acronym(alias):
                    acronyms.setdefault(normalize_cased(alias), []).append(_AliasHit(entry, alias, local))
                elif normalize(alias):
                    words.setdefault(normalize(alias), []).append(_AliasHit(entry, alias, local))
        self._words, self._alias_words, self._alias_acronyms = words, PhraseIndex(words), PhraseIndex(acronyms)
        self._fuzzy_keys = [k for k in words if len(k) >= parameters.fuzzy_min_chars]
        self._country_names = {normalize(c): c for c in dictionary.demonyms}
        self._demonyms = {normalize(w): c for c, ws in dictionary.demonyms.items() for w in ws if not is_acronym(w)}
        self._owners = PhraseIndex({**self._country_names, **self._demonyms})
        self._owner_acronyms = PhraseIndex({normalize_cased(w): c for c, ws in dictionary.demonyms.items()
                                            for w in ws if is_acronym(w)})
        self._alias_homes = self._one_country_aliases([*words.values(), *acronyms.values()])
        self._generic_words = {normalize(term): kind for kind, terms in dictionary.generic.items() for term in terms}
        self._generic = PhraseIndex(self._generic_words)
        self._protest_groups = PhraseIndex({normalize(k): v for k, v in dictionary.protest_groups.items()})
        self._militia_suffixes = PhraseIndex({normalize(k): v for k, v in dictionary.identity_militia_suffixes.items()})

    def _one_country_aliases(self, alias_hits: list[list[_AliasHit]]) -> dict[str, str]:
        """Alias -> country, for the non-local aliases that belong to one country and name none of its own
        nationality ("Israeli forces" fight abroad too); a foreign nationality leading a force that works in one
        country keeps it ("Saudi-led coalition" → Yemen)."""
        nationality_of: dict[str, set[str]] = {}
        for name, country in [*self._demonyms.items(), *self._country_names.items()]:
            for word in name.split():
                nationality_of.setdefault(word, set()).add(country)
        homes = {}
        for hits in alias_hits:
            countries = {h.entry.country for h in hits if not h.local}
            if len(countries) != 1 or None in countries:
                continue
            for hit in hits:
                named = {c for word in normalize(hit.alias).split() for c in nationality_of.get(word, ())}
                if not hit.local and hit.entry.country not in named:
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
        """All named actors (dictionary aliases) in a text, left to right, the longest alias winning an overlap."""
        country = self.dictionary.acled_country(country)
        found: dict[tuple[int, int], list[_AliasHit]] = {}
        for index, words in ((self._alias_words, normalize(text).split()),
                             (self._alias_acronyms, normalize_cased(text).split())):
            for match in index.find_all(words):
                found.setdefault((match.start, match.end), []).extend(match.value)
        picked = {span: hit for span, hits in found.items() if (hit := self._pick(hits, country))}
        return [ActorMatch(start, end, self._from_entry(picked[(start, end)].entry, text, country,
                                                        picked[(start, end)].alias, 0.95))
                for start, end in longest(picked)]

    def home_countries(self, text: str, named: Iterable[ActorMatch] | None = None) -> set[str]:
        """Countries of the groups a text names by an alias that belongs to one country only ("PMF", "Houthis",
        "FARDC"); `named`: the text's `find_named(text, country=None)` when already found. Aliases naming a
        nationality ("Israeli forces") are left out: armies also fight abroad."""
        matches = self.find_named(text, country=None) if named is None else named
        return {home for match in matches if (home := self._alias_homes.get(match.actor.aliases_matched[0]))}

    def generic(self, kind: str, country: str | None, mention: str | None = None) -> ResolvedActor:
        """A country-specific generic actor: kind is military, police, civilians, protesters, rioters, ..."""
        country = self.dictionary.acled_country(country)
        if kind in STATE_KIND_OF:
            return self._state_forces(country, STATE_KIND_OF[kind], country, mention, 0.6)
        pattern, inter = GENERIC_ACTORS[kind]
        name = pattern.format(country=country) if country else pattern.split(" (")[0]
        return ResolvedActor(name=name, inter=inter, mention=mention, country=country, confidence=0.6, kind=kind)

    def generic_kind(self, mention: str) -> str | None:
        """The generic kind of a mention's head noun ('unknown gunmen' -> unidentified_armed_group), if any."""
        kinds = [match.value for match in self._generic.find(normalize(mention).split())]
        if not kinds:
            return None
        if "military" in kinds and "police" in kinds:
            return "police" if kinds.index("police") < kinds.index("military") else "military"
        return kinds[0]

    def protest_group(self, mention: str, country: str | None) -> ResolvedActor | None:
        """The group behind a protest ('nurses' -> 'Health Workers (Country)'), ACLED associated-actor style: the
        longest group noun of the mention, the first of equal ones."""
        country = self.dictionary.acled_country(country)
        matches = self._protest_groups.find_all(normalize(mention).split())
        if not matches:
            return None
        label = min(matches, key=lambda m: (m.start - m.end, m.start)).value
        name = f"{label} ({country})" if country else label
        return ResolvedActor(name=name, inter=6, mention=mention, country=country, confidence=0.6, kind="protest_group")

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

    def _owners_in(self, mention: str) -> list[PhraseMatch[str]]:
        """Country names, demonyms and demonym acronyms in a mention, the longest at each word first."""
        found = [*self._owners.find_all(normalize(mention).split()),
                 *self._owner_acronyms.find_all(normalize_cased(mention).split())]
        longest_at: dict[int, PhraseMatch[str]] = {}
        for match in found:
            best = longest_at.get(match.start)
            if best is None or match.end > best.end:
                longest_at[match.start] = match
        return [longest_at[start] for start in sorted(longest_at)]

    def _nationality_forces(self, mention: str, country: str | None, *,
                            allow_bare_country: bool) -> ResolvedActor | None:
        lower = normalize(mention).split()
        for owner in self._owners_in(mention):
            kind = self.generic_kind(" ".join(lower[owner.end :]))
            if kind is None and owner.start > 0 and lower[owner.start - 1] == "of":  # "military forces of Azerbaijan"
                kind = self.generic_kind(" ".join(lower[: owner.start - 1]))
            if kind in STATE_KIND_OF:
                return self._state_forces(owner.value, STATE_KIND_OF[kind], country, mention, 0.85)
            if allow_bare_country and len(lower) <= owner.end - owner.start + 1 and kind is None:
                return self._state_forces(owner.value, "state_military", country, mention, 0.7)
        return None

    def _fuzzy_named(self, mention: str, country: str | None) -> ResolvedActor | None:
        tokens = normalize(mention).split()
        for length in range(min(6, len(tokens)), 1, -1):
            for i in range(len(tokens) - length + 1):
                window = " ".join(tokens[i : i + length])
                if len(window) < self.parameters.fuzzy_min_chars:
                    continue
                best = process.extractOne(window, self._fuzzy_keys, scorer=fuzz.ratio,
                                          score_cutoff=self.parameters.fuzzy_cutoff)
                hit = best and self._pick(self._words[best[0]], country)
                if hit:
                    return self._from_entry(hit.entry, mention, country, hit.alias, 0.8)
        return None

    def _identity_militia(self, mention: str, country: str | None) -> ResolvedActor | None:
        """'Dinka militiamen' -> 'Dinka Ethnic Militia (South Sudan)': a capitalised name before a militia suffix."""
        lower, cased = normalize(mention).split(), normalize_cased(mention).split()
        suffix = next((m for m in self._militia_suffixes.find(lower) if m.start > 0), None)
        if suffix is None:
            return None
        group = cased[suffix.start - 1]
        if not group[:1].isupper() or lower[suffix.start - 1] in self._demonyms or (
                lower[suffix.start - 1] in self._generic_words):
            return None
        name = f"{group} {suffix.value} ({country})" if country else f"{group} {suffix.value}"
        return ResolvedActor(name=name, inter=4, mention=mention, country=country, confidence=0.7,
                             kind="identity_militia")

    def _generic_actor(self, mention: str, country: str | None) -> ResolvedActor | None:
        kind = self.generic_kind(mention)
        return replace(self.generic(kind, country, mention), mention=mention) if kind else None
