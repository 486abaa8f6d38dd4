"""The article's geographic focus: a score per country and per admin1 unit from all the evidence in the text.

Evidence, each weighed by what it says about where the story happens (weights in seeds/place_terms.yaml):
toponyms by their likeliest readings (specificity and population), a place named with a unit that holds it,
nationality words by what they qualify, the home countries of one-country armed groups, one-country missions and
the area they work in, the dateline city, the source's own country when the feed or the article gives one, the
home country of national outlets (seeds/outlets.csv) and a country the outlets name in their names
("Daily Nation (Kenya)").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.places.gazetteer import Candidate
from pipeline.places.names import name_key, spelling_key
from pipeline.places.terms import PlaceTerms
from pipeline.places.toponyms import Mention


@dataclass(frozen=True)
class GeoFocus:
    """Scores per country (ISO numeric) and per admin1 unit id; higher is more central to the article."""

    countries: dict[int, float]
    admin1: dict[str, float] = field(default_factory=dict)
    reading_admin1: dict[str, float] | None = None  # the same, every area of a mission alike (`reading_share`)
    main_evidence: float = 0.8
    min_evidence: float = 0.5
    dominant_share: float = 0.5

    @property
    def best_iso(self) -> int | None:
        """The best-supported country, however faint (None when nothing supports any)."""
        best = max(self.countries, key=self.countries.get, default=None)
        return best if best is not None and self.countries[best] > 0 else None

    @property
    def dominant_iso(self) -> int | None:
        """The focus country when the article gives real evidence for it (a named country, place or unit)."""
        iso = self.best_iso
        if iso is None:
            return None
        weight, total = self.countries[iso], sum(self.countries.values())
        clear = weight >= self.main_evidence or (weight >= self.min_evidence and weight >= self.dominant_share * total)
        return iso if clear else None

    def country_share(self, iso: int | None) -> float:
        total = sum(self.countries.values())
        return self.countries.get(iso, 0.0) / total if total else 0.0

    def admin1_share(self, unit_id: str | None) -> float:
        return _share(self.admin1, unit_id)

    def reading_share(self, unit_id: str | None) -> float:
        """A unit's share of the evidence that chooses among a name's readings: units named anywhere, and every
        area a mission works in alike. The mission's main area decides only where a village the gazetteer lacks
        falls (`main_admin1`), not which of two known namesakes is meant: an SMM report's Katerynivka is Luhansk's
        town, not a Donetsk hamlet."""
        return _share(self.admin1 if self.reading_admin1 is None else self.reading_admin1, unit_id)

    @property
    def main_admin1(self) -> str | None:
        """The admin1 unit holding most of the article's evidence, when it holds more than half of it."""
        best = max(self.admin1, key=self.admin1.get, default=None)
        return best if best is not None and self.admin1_share(best) > 0.5 else None


def _share(scores: Mapping[str, float], unit_id: str | None) -> float:
    total = sum(scores.values())
    return scores.get(unit_id, 0.0) / total if total and unit_id else 0.0


def prior(candidate: Candidate, text: str, terms: PlaceTerms) -> float:
    """How likely a bare mention means this entry: countries and admin1 first, then by population (an admin1 unit
    counted as holding at least `admin1_min_population`, a district's seat of unknown size as `seat_min_population`)."""
    if candidate.kind == "country":
        return 2.5 if name_key(candidate.name) == name_key(text) else 1.2
    if candidate.kind == "admin1":  # "Akkar" is Lebanon's governorate before a Libyan hamlet
        return 0.3 + 0.1 * math.log10(max(candidate.population, terms.weight("admin1_min_population")) + 1)
    if candidate.kind == "admin2":
        return 0.1 + 0.1 * math.log10(candidate.population + 1)
    population = candidate.population
    if population == 0 and name_key(candidate.name) in {name_key(unit or "") for unit in (candidate.admin2,
                                                                                      candidate.admin1)}:
        population = terms.weight("seat_min_population")  # "Magura": Bangladesh's district seat, not Romania's
    return 0.2 + 0.15 * math.log10(population + 1)


def spelling_fit(candidate: Candidate, text: str, terms: PlaceTerms) -> float:
    """How closely the text spells the entry: 0 for its own name or an alias as written ("Odessa" is an English
    alias of Odesa), less for a spelling only transliteration folding makes equal ("Horr" is Iran's Ḩorr before
    Sweden's Höör, "Samarra" Iraq's Sāmarrā’ before Samara). Countries have too many forms to tell ("Syrian")."""
    if candidate.kind == "country" or exact_spelling(candidate, text):
        return 0.0
    return -terms.weight("variant_penalty")


def own_name(candidate: Candidate, text: str) -> bool:
    """Whether the text writes the entry's own (display) name as it is, not one of its aliases."""
    return spelling_key(text) == spelling_key(candidate.name)


def exact_spelling(candidate: Candidate, text: str) -> bool:
    """Whether the text writes the entry's own name or one of its aliases as it is (not a folded variant)."""
    return spelling_key(text) in {spelling_key(candidate.name), spelling_key(candidate.matched_name)}


def fit(candidate: Candidate, mention: Mention, terms: PlaceTerms) -> float:
    """How well the entry suits the way the text names it: a unit after "province" or as the Y of "X, Y", a place
    after "village of"; a variant spelling fits less than a name as written (`spelling_fit`), and a place named by
    an alias less than a place abroad that has the name as its own (`alias_penalty`)."""
    score = spelling_fit(candidate, mention.text, terms)
    if candidate.kind == "place" and not own_name(candidate, mention.text) and any(
            c.kind == "place" and c.iso != candidate.iso and own_name(c, mention.text) for c in mention.candidates):
        short = len(name_key(mention.text)) <= terms.weight("short_alias_letters")  # "Po": Pô, not Bozhou
        score -= terms.weight("short_alias_penalty" if short else "alias_penalty")  # "Titao": not China's Didao
    if mention.hint == "admin":
        score += 1.5 if candidate.kind in {"admin1", "admin2"} else -1.0
    elif mention.hint == "container":
        score += 1.5 if candidate.kind != "place" else -1.0
    elif mention.hint == "place" and candidate.kind == "place":
        score += 1.0
    if name_key(candidate.matched_name) != name_key(mention.text):
        score -= 0.5
    return score


def _mention_votes(mention: Mention, terms: PlaceTerms) -> dict[int, float]:
    """A mention's vote per country: an ambiguous name votes mostly for its likeliest reading's country, as much as
    its spelling allows (`spelling_weight`)."""
    per_country: dict[int, tuple[float, float]] = {}
    for candidate in mention.candidates:
        if candidate.iso is None:
            continue
        reading = (prior(candidate, mention.text, terms), fit(candidate, mention, terms))
        if candidate.iso not in per_country or sum(reading) > sum(per_country[candidate.iso]):
            per_country[candidate.iso] = reading
    sharpened = {iso: max(p + f, 0.05) ** 4 for iso, (p, f) in per_country.items()}
    total = sum(sharpened.values()) or 1.0
    best = max((p for p, _ in per_country.values()), default=0.0)
    return {iso: mention.vote * best * spelling_weight(mention, terms) * weight / total
            for iso, weight in sharpened.items()}


def spelling_weight(mention: Mention, terms: PlaceTerms) -> float:
    """How much a name's spelling lets it vote: fully when it is some entry's name or alias as written ("Mogilev",
    an English alias), less when only transliteration folding matches it ("Samarra" of Samara)."""
    return 1.0 + max((spelling_fit(c, mention.text, terms) for c in mention.candidates), default=0.0)


def _confirmed(mentions: list[Mention]) -> dict[int, float]:
    """A place or admin2 unit named together with a unit holding it (under another name) confirms that country."""
    votes: dict[int, float] = defaultdict(float)
    for mention in mentions:
        unit_ids = {c.place_id for other in mentions if name_key(other.text) != name_key(mention.text)
                    for c in other.candidates if c.kind in {"admin1", "admin2"}}
        for iso in {c.iso for c in mention.candidates
                    if c.kind in {"place", "admin2"} and ({c.admin1_id, c.admin2_id} - {c.place_id}) & unit_ids}:
            votes[iso] += 1.0
    return votes


def country_scores(mentions: list[Mention], terms: PlaceTerms, *, actor_homes: Iterable[int] = (),
                   dateline_iso: int | None = None, source_iso: int | None = None,
                   source_name_iso: int | None = None, outlet_iso: int | None = None) -> dict[int, float]:
    """Each country's share of the article's evidence (unnormalised). Nationalities count once per country
    ("Turkish forces" thrice is one nationality, not three); the others add up."""
    weights: dict[int, float] = defaultdict(float)
    nationality: dict[int, float] = defaultdict(float)
    for iso in actor_homes:
        nationality[iso] = terms.weight("actor_home_vote")
    for mention in mentions:
        for iso, vote in _mention_votes(mention, terms).items():
            if mention.label == "NORP":
                nationality[iso] = max(nationality[iso], vote)
            else:
                weights[iso] += vote
    for source in (nationality, _confirmed(mentions)):
        for iso, vote in source.items():
            weights[iso] += vote
    if dateline_iso is not None:
        weights[dateline_iso] += terms.weight("dateline_vote")
    for iso, vote in ((source_iso, "source_vote"), (source_name_iso, "source_name_vote"),
                      (outlet_iso, "outlet_vote")):
        if iso is not None:
            weights[iso] += terms.weight(vote)
    return dict(weights)


def admin1_scores(resolved: Mapping[tuple[int, int], Candidate], mentions: Iterable[Mention],
                  cue_units: Iterable[Candidate] = (), cue_area_vote: float = 0.0, *,
                  ranked: bool = True) -> dict[str, float]:
    """Each admin1 unit's evidence: the units named anywhere (an admin2 for its admin1), by their mentions' votes,
    and the areas one-country missions work in (OSCE SMM: the Donbas front line), the area listed first weighing
    most when `ranked` (`cue_area_vote`, 1/k of it for the k-th: seeds/places.csv lists a mission's main area
    first), so a village the gazetteer lacks falls to it; every area alike otherwise."""
    scores: dict[str, float] = defaultdict(float)
    for mention in mentions:
        candidate = resolved.get(mention.key)
        if candidate is not None and candidate.kind in {"admin1", "admin2"} and candidate.admin1_id:
            scores[candidate.admin1_id] += max(mention.vote, 0.1) * (1.0 if candidate.kind == "admin1" else 0.5)
    for rank, unit_id in enumerate(dict.fromkeys(unit.admin1_id for unit in cue_units if unit.admin1_id)):
        scores[unit_id] += cue_area_vote / (rank + 1 if ranked else 1)
    return dict(scores)


def geographic_focus(mentions: list[Mention], terms: PlaceTerms, *, actor_homes: Iterable[int] = (),
                     dateline_iso: int | None = None, source_iso: int | None = None,
                     source_name_iso: int | None = None, outlet_iso: int | None = None,
                     resolved: Mapping[tuple[int, int], Candidate] | None = None,
                     cue_units: Iterable[Candidate] = ()) -> GeoFocus:
    """The article's focus: country scores from all its evidence and, once toponyms are resolved, admin1 scores."""
    weight, cue_units = terms.weight, list(cue_units)
    return GeoFocus(
        country_scores(mentions, terms, actor_homes=actor_homes, dateline_iso=dateline_iso, source_iso=source_iso,
                       source_name_iso=source_name_iso, outlet_iso=outlet_iso),
        admin1_scores(resolved or {}, mentions, cue_units, weight("cue_area_vote")),
        admin1_scores(resolved or {}, mentions, cue_units, weight("cue_area_vote"), ranked=False),
        main_evidence=weight("main_evidence"), min_evidence=weight("min_evidence"),
        dominant_share=weight("dominant_share"),
    )
