"""Actor dictionary: canonical ACLED-style actors with aliases, loaded from seeds/actors.csv and actor_terms.yaml."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pycountry

from pipeline.yaml_files import read_yaml

ACRONYM_MAX_LEN = 5
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_WORD_CASED = re.compile(r"[^0-9A-Za-z]+")
_YEAR_SPAN = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
_PERIOD = re.compile(r"\((?P<since>\d{4})-(?P<until>\d{4})?\)")


LANGUAGES_FOLDER = "languages"  # seeds/languages/<code>/: a language's own aliases and vocabulary


def strip_accents(text: str) -> str:
    """Drop diacritics (NFKD) and unify apostrophes."""
    if text.isascii():  # nothing to drop or unify (most of an English article)
        return text
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: 'Hayat Tahrir al-Sham' -> 'hayat tahrir al sham'."""
    text = re.sub(r"'s\b", "", strip_accents(text).lower())
    return _NON_WORD.sub(" ", text.replace("'", "")).strip()


def normalize_cased(text: str) -> str:
    """Like normalize() but keeps case, for acronyms that collide with words ('IS', 'AA', 'PM')."""
    text = re.sub(r"'s\b", "", strip_accents(text))
    return _NON_WORD_CASED.sub(" ", text.replace("'", "")).strip()


def strip_year_span(name: str) -> str:
    """'Military Forces of Syria (2000-)' -> 'Military Forces of Syria' (how evaluation compares names)."""
    return _YEAR_SPAN.sub("", name).strip()


def is_acronym(alias: str) -> bool:
    """Short all-capital aliases are matched case-sensitively."""
    letters = re.sub(r"[^0-9A-Za-z]", "", alias)
    return 0 < len(letters) <= ACRONYM_MAX_LEN and letters.upper() == letters and any(c.isalpha() for c in letters)


@dataclass(frozen=True)
class ActorEntry:
    """One row of seeds/actors.csv."""

    canonical_name: str
    inter: int
    country: str | None
    kind: str
    aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()  # matched only for events in `country`


@dataclass(frozen=True)
class FrontlinePeriod:
    """The usual belligerents of a front line over a period (dates inclusive; None is open-ended)."""

    actors: tuple[str, ...]
    since: date | None = None
    until: date | None = None

    def covers(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass
class ActorDictionary:
    """Canonical actors plus the generic vocabulary (demonyms, head nouns) used to name unnamed actors."""

    entries: list[ActorEntry]
    country_names: dict[str, str] = field(default_factory=dict)
    country_article: frozenset[str] = frozenset()
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    protest_groups: dict[str, str] = field(default_factory=dict)
    identity_militia_suffixes: dict[str, str] = field(default_factory=dict)
    frontline_defaults: dict[str, tuple[FrontlinePeriod, ...]] = field(default_factory=dict)
    actor_conventions: dict[str, str] = field(default_factory=dict)  # event type or sub-type -> convention name

    @classmethod
    def load(cls, path: str | Path, terms_path: str | Path | None = None) -> ActorDictionary:
        """Read actors.csv; the vocabulary comes from terms_path or actor_terms.yaml beside it (optional)."""
        path = Path(path)
        entries = []
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                name = (row.get("canonical_name") or "").strip()
                if not name:
                    continue
                entries.append(
                    ActorEntry(
                        canonical_name=name,
                        inter=int(row.get("inter") or 0),
                        country=(row.get("country") or "").strip() or None,
                        kind=(row.get("kind") or "").strip() or "other",
                        aliases=_split_aliases(row.get("aliases")),
                        local_aliases=_split_aliases(row.get("local_aliases")),
                    )
                )
        terms_path = Path(terms_path) if terms_path else path.with_name("actor_terms.yaml")
        terms = read_yaml(terms_path) if terms_path.exists() else {}
        for folder in sorted((path.parent / LANGUAGES_FOLDER).glob("*")):
            entries = _with_language_aliases(entries, folder / path.name)
            terms = _with_language_terms(terms, folder / terms_path.name)
        return cls(
            entries=entries,
            country_names=acled_country_names(path.with_name("places.csv")),
            country_article=frozenset(terms.get("country_article") or ()),
            demonyms={c: tuple(v) for c, v in (terms.get("demonyms") or {}).items()},
            generic={k: tuple(v) for k, v in (terms.get("generic") or {}).items()},
            protest_groups=dict(terms.get("protest_groups") or {}),
            identity_militia_suffixes=dict(terms.get("identity_militia_suffixes") or {}),
            frontline_defaults=_frontline_periods(terms.get("frontline_defaults") or {},
                                                  {e.canonical_name for e in entries}),
            actor_conventions=dict(terms.get("actor_conventions") or {}),
        )

    def acled_country(self, country: str | None) -> str | None:
        """Map a country name or ISO code to ACLED's spelling ('Syrian Arab Republic'/'SY' -> 'Syria')."""
        if not country:
            return None
        if country in self.country_names.values() or country in self.demonyms:
            return country
        if country in self.country_names:
            return self.country_names[country]
        try:
            record = pycountry.countries.lookup(country)
        except LookupError:
            return country
        return self.country_names.get(record.name, getattr(record, "common_name", None) or record.name)

    def state_entry(self, country: str, kind: str) -> ActorEntry | None:
        """The base state_military/state_police row of a country ('Military Forces of X (year-)', no unit suffix)."""
        prefix = f"{'Military' if kind == 'state_military' else 'Police'} Forces of {self.country_label(country)}"
        rows = [e for e in self.entries
                if e.country == country and e.kind == kind and e.canonical_name.startswith(prefix)]
        return min(rows, key=lambda e: len(e.canonical_name)) if rows else None

    def entry(self, canonical_name: str) -> ActorEntry | None:
        """The row with this canonical name, if any."""
        return next((e for e in self.entries if e.canonical_name == canonical_name), None)

    def name_on(self, name: str, day: date | None) -> str:
        """The actor's name for the period that holds `day`: "Military Forces of Iraq (2020-)" on a 2018 event
        becomes the entry of the same actor whose years hold 2018, else the period-less "Military Forces of Iraq".
        Names without years, and any name when the day is unknown, are kept."""
        if day is None or _period_holds(name, day) is not False:
            return name
        base = strip_year_span(name)
        return next((e.canonical_name for e in self.entries
                     if strip_year_span(e.canonical_name) == base and _period_holds(e.canonical_name, day)), base)

    def country_label(self, country: str) -> str:
        """'Philippines' -> 'the Philippines' as used inside 'Military Forces of ...'."""
        return f"the {country}" if country in self.country_article else country


def _period_holds(name: str, day: date) -> bool | None:
    """Whether the years in an ACLED actor name ("(2013-2022)", "(2020-)") hold the day; None without years."""
    period = _PERIOD.search(name)
    if period is None:
        return None
    return int(period["since"]) <= day.year and (period["until"] is None or day.year <= int(period["until"]))


def acled_country_names(places_csv: Path) -> dict[str, str]:
    """pycountry's country name -> ACLED's, from the `country` rows of seeds/places.csv (keyed by ISO alpha-2)."""
    if not places_csv.exists():
        return {}
    with places_csv.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.lstrip().startswith("#"))
        return {record.name: row["name"] for row in rows
                if row.get("kind") == "country" and (record := pycountry.countries.get(alpha_2=row["country"]))}


def _frontline_periods(raw: dict, known: set[str]) -> dict[str, tuple[FrontlinePeriod, ...]]:
    """Parse actor_terms.yaml frontline_defaults; a period naming an actor missing from actors.csv is an error."""
    parsed = {}
    for country, periods in raw.items():
        parsed[country] = tuple(FrontlinePeriod(tuple(p["actors"]), p.get("since"), p.get("until")) for p in periods)
        for period in parsed[country]:
            unknown = [name for name in period.actors if not isinstance(name, str) or name not in known]
            if unknown:
                raise ValueError(f"frontline_defaults for {country} name actors not in actors.csv: {unknown}"
                                 " (quote names that contain a colon)")
    return parsed


def _with_language_aliases(entries: list[ActorEntry], path: Path) -> list[ActorEntry]:
    """Entries with the aliases another language's actors.csv (canonical_name, aliases, local_aliases) adds."""
    if not path.exists():
        return entries
    with path.open(newline="", encoding="utf-8") as handle:
        added = {row["canonical_name"].strip(): row for row in csv.DictReader(handle)}
    unknown = set(added) - {e.canonical_name for e in entries}
    if unknown:
        raise ValueError(f"{path} names actors not in actors.csv: {sorted(unknown)}")
    return [replace(e, aliases=e.aliases + _split_aliases(added[e.canonical_name].get("aliases")),
                    local_aliases=e.local_aliases + _split_aliases(added[e.canonical_name].get("local_aliases")))
            if e.canonical_name in added else e for e in entries]


def _with_language_terms(terms: dict, path: Path) -> dict:
    """The vocabulary with another language's demonyms, generic nouns and protest groups added."""
    if not path.exists():
        return terms
    extra = read_yaml(path) or {}
    merged = dict(terms)
    for key in ("demonyms", "generic"):
        merged[key] = {**(terms.get(key) or {})}
        for name, words in (extra.get(key) or {}).items():
            merged[key][name] = [*merged[key].get(name, []), *words]
    merged["protest_groups"] = {**(terms.get("protest_groups") or {}), **(extra.get("protest_groups") or {})}
    return merged


def _split_aliases(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())
