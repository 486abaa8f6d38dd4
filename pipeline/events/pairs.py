"""Pair decision: are two reports one event? ACLED's rule (one day, one location, one event type) read with
tolerance for how reports differ; every part of the reading is kept so the decision can be explained."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.events.reports import Report
from pipeline.events.rules import ResolutionRules

EARTH_RADIUS_KM = 6371.0
MIN_TOWN_KEY = 4  # a district name ending in a town's name ("Departement de Ouallam") is named after it
UNPLACED = {"country", "admin1"}  # place levels that name no place finer than a province


@dataclass(frozen=True)
class Part:
    """One part of a pair reading: its score, what it saw, and whether it shows two different events."""

    score: float
    reading: str
    veto: bool = False


@dataclass(frozen=True)
class PairReading:
    """The comparison of two reports: parts in order, the total evidence and whether they are one event."""

    parts: dict[str, Part]
    threshold: float
    veto: str | None = field(init=False)  # the first part that shows two events
    score: float = field(init=False)

    def __post_init__(self) -> None:
        veto = next((f"{name}: {part.reading}" for name, part in self.parts.items() if part.veto), None)
        object.__setattr__(self, "veto", veto)
        object.__setattr__(self, "score", round(sum(part.score for part in self.parts.values()), 3))

    @property
    def same_event(self) -> bool:
        return self.veto is None and self.score >= self.threshold

    def explain(self) -> str:
        """'date same day (+0.0); place same place, 2 km (+2.0); …' — what the decision rests on."""
        return "; ".join(f"{name} {part.reading} ({'veto' if part.veto else f'{part.score:+.1f}'})"
                         for name, part in self.parts.items())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def compare_dates(a: Report, b: Report, rules: ResolutionRules) -> Part:
    gap = abs((a.event_date - b.event_date).days)
    window = rules.date_window(max(a.row["time_precision"] or 1, b.row["time_precision"] or 1))
    if gap > window:
        earlier, later = sorted((a, b), key=lambda r: r.event_date)
        if later.story_date(earlier.event_date) and gap <= rules["statement_day_reach"]:
            return Part(-rules["day_gap_penalty"] * gap, f"{gap} days apart, but the later is the day of a "
                                                         f"statement ('{later.row['date_expression']}') and its "
                                                         f"article dates the event {earlier.event_date}")
        return Part(0.0, f"{gap} days apart", veto=True)
    return Part(-rules["day_gap_penalty"] * gap, "same day" if gap == 0 else f"{gap} days apart (within {window})")


def _kilometres(a: Report, b: Report) -> float | None:
    rows = a.row, b.row
    if any(r["latitude"] is None or r["longitude"] is None for r in rows):
        return None
    return distance_km(rows[0]["latitude"], rows[0]["longitude"], rows[1]["latitude"], rows[1]["longitude"])


def _same_point(a: Report, b: Report, km: float | None, limit: float) -> bool:
    if a.row["place_id"] and a.row["place_id"] == b.row["place_id"]:
        return True
    if km is not None:
        return km <= limit
    return bool(a.location_key) and a.location_key == b.location_key and a.admin1_key == b.admin1_key


def _other_names(a: Report, b: Report, rules: ResolutionRules) -> bool:
    """Two towns (or places near towns) of different names, neither a spelling or a short form of the other: two
    places even when close ("Konta, in Sukma district" coded at the district's centre beside Sukma town), unless
    they are one gazetteer entry."""
    if a.row["place_id"] and a.row["place_id"] == b.row["place_id"]:
        return False
    first, second = sorted((a.location_key, b.location_key), key=len)
    if not first or second.startswith(first) or second.endswith(first):
        return False
    return fuzz.ratio(first, second) < rules["place"]["same_name_ratio"]


def _close_places(a: Report, b: Report, km: float | None, rules: ResolutionRules, names: str) -> Part:
    """Two places of one level close together: one place, unless they bear different names and are not one point
    (or one is coded at its unit's centre, where distance says nothing); then places near two close towns are near
    each other, and towns two places."""
    scores, coded = rules["place"]["scores"], a.unit_coded or b.unit_coded
    if not _other_names(a, b, rules) or (km is not None and km <= rules["place"]["same_point_km"] and not coded):
        return Part(scores["same"], f"same place ({names})")
    if a.place_level == "near" and km is not None and not coded:
        return Part(scores["near"], f"near two named places close together ({names})")
    return Part(0.0, f"two named places close together ({names})", veto=True)


def _reach(report: Report, rules: ResolutionRules) -> float:
    place = rules["place"]
    return {"point": place["same_place_km"], "near": place["near_km"], "district": place["district_km"]}[
        report.place_level]


def _in_district(a: Report, b: Report, scores: dict, names: str) -> Part | None:
    """A town (or a place near it) and a district, compared as units: the district named after the town, the
    town's own district, or another district (a veto); None when that is not known (then distance decides)."""
    district, place = (a, b) if a.place_level == "district" else (b, a)
    town = place.location_key
    if district.unit_key and (district.unit_key in (town, place.unit_key)
                              or (len(town) >= MIN_TOWN_KEY and district.location_key.endswith(town))):
        return Part(scores["same_centre"], f"the town and its district ({names})")
    if not place.admin2_key or place.place_level != "point":  # a place near a town may lie in the next district
        return None
    if place.admin2_key in (district.unit_key, district.admin2_key):
        return Part(scores["near"], f"a town of the district ({names})")
    return Part(0.0, f"a town outside the district ({names}: {place.row['admin2']})", veto=True)


def compare_places(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Places as resolved units and distances: the same town, a town and a place near it or the district or
    province around it, or two places (a veto) — unless one report's sentence names the other's place, which
    says the two were resolved apart, not told apart."""
    if a.row["iso"] is None or a.row["iso"] != b.row["iso"]:
        return _across_countries(a, b, rules)
    part = _resolved_places(a, b, rules)
    if not part.veto:
        return part
    named_by_a, named_by_b = a.names_place_of(b), b.names_place_of(a)
    if named_by_a and named_by_b:
        return Part(rules["place"]["scores"]["named_by_both"],
                    f"{part.reading}, but each names the other's place ({named_by_a}, {named_by_b})")
    if named := named_by_a or named_by_b:
        return Part(rules["place"]["scores"]["named_in_text"], f"{part.reading}, but both name {named}")
    return part


def _named_unresolved(a: Report, b: Report, rules: ResolutionRules, names: str) -> Part | None:
    """One report's place unresolved (no province), its sentence naming the other's town or district."""
    unplaced, placed = (a, b) if a.place_level == "country" else (b, a)
    if unplaced.place_level == "country" and placed.place_level != "country" and (
            named := unplaced.names_place_of(placed)):
        return Part(rules["place"]["scores"]["named_unresolved"],
                    f"one place unresolved, but its sentence names {named} ({names})")
    return None


def _named_in_province(a: Report, b: Report, rules: ResolutionRules, names: str) -> Part | None:
    """One report placed only at the province, its sentence naming the other's town or district in it ("shells hit
    the South Kordofan capital …, a doctor at Kadugli hospital said"): the town its place was not read from."""
    coarse, placed = (a, b) if a.place_level == "admin1" else (b, a)
    if coarse.place_level == "admin1" and placed.place_level not in ("admin1", "country") and (
            named := coarse.names_place_of(placed)):
        return Part(rules["place"]["scores"]["named_in_province"],
                    f"one names only the province, but its sentence names {named} ({names})")
    return None


def _province_of_update(a: Report, b: Report, rules: ResolutionRules, names: str) -> Part | None:
    """A later report telling a toll update of an incident ("the toll from last Thursday's ambush … in the Sahel
    region has risen to 11") that names only the province the other's place lies in: a follow-up shortens the
    place of an event already reported."""
    coarse, placed = (a, b) if a.place_level == "admin1" else (b, a)
    if placed.place_level != "admin1" and coarse.toll_update and _later(coarse, placed):
        return Part(rules["place"]["scores"]["admin1_update"],
                    f"a later toll update names only the province ({names})")
    return None


def _across_countries(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Reports placed in two countries (or one in none) are one place only when one's place is unresolved and
    its sentence names the other's ("at the market of Ménaka … fled towards the Niger border"), or when both were
    read from one toponym the gazetteer placed apart (a namesake town of another country)."""
    countries = f"{a.row['country'] or 'no country'} / {b.row['country'] or 'no country'}"
    if named := _named_unresolved(a, b, rules, countries):
        return named
    if "country" not in {a.place_level, b.place_level} and (toponym := a.same_toponym(b)):
        return Part(rules["place"]["scores"]["named_in_text"], f"placed in two countries ({countries}) from one "
                                                               f"toponym ('{toponym}')")
    return Part(0.0, f"different countries ({countries})", veto=True)


def _resolved_places(a: Report, b: Report, rules: ResolutionRules) -> Part:
    scores = rules["place"]["scores"]
    levels = {a.place_level, b.place_level}
    km = _kilometres(a, b)
    distance = "" if km is None else f", {km:.0f} km"
    names = f"{a.row['location'] or a.row['country']} ~ {b.row['location'] or b.row['country']}"
    if "country" in levels:
        return _named_unresolved(a, b, rules, names) or Part(scores["country"], f"only the country known ({names})")
    if "admin1" in levels:
        if a.admin1_key == b.admin1_key:
            return _named_in_province(a, b, rules, names) or _province_of_update(a, b, rules, names) or Part(
                scores["admin1"], f"one names only the province ({names})")
        return Part(0.0, f"different provinces ({a.row['admin1']} / {b.row['admin1']})", veto=True)
    if (stated := _stated_place(a, b, rules)) is not None:
        return stated
    if a.admin1_key != b.admin1_key and (km is None or km > _reach(a, rules) + _reach(b, rules)):
        return Part(0.0, f"different provinces ({a.row['admin1']} / {b.row['admin1']}{distance})", veto=True)
    if a.place_level == b.place_level and _same_point(a, b, km, rules["place"]["same_place_km"]):
        return _close_places(a, b, km, rules, f"{names}{distance}")
    if a.place_level == b.place_level and a.place_level != "near":
        return Part(0.0, f"two places ({names}{distance})", veto=True)
    if "district" in levels and (in_district := _in_district(a, b, scores, names)) is not None:
        return in_district
    if km is None:
        return Part(0.0, f"two places ({names})", veto=True)
    if km <= rules["place"]["same_place_km"]:
        return Part(scores["same_centre"], f"one place around the other, same centre ({names}{distance})")
    if km <= max(_reach(a, rules), _reach(b, rules)):
        return Part(scores["near"], f"one place near or around the other ({names}{distance})")
    return Part(0.0, f"too far apart ({names}{distance})", veto=True)


def _destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) in the direction `bearing` (degrees from north)."""
    phi, lam, delta, theta = math.radians(lat), math.radians(lon), km / EARTH_RADIUS_KM, math.radians(bearing)
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta))
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi),
                            math.cos(delta) - math.sin(phi) * math.sin(phi2))
    return math.degrees(phi2), math.degrees(lam2)


def _stated_place(a: Report, b: Report, rules: ResolutionRules) -> Part | None:
    """One report's sentence states how far (and which way) its place lies from the town it was coded at: the
    other's place must lie there (`stated_distance`), else they are two places; None when no sentence states one
    or the other's place has no point of its own."""
    stating, other = (a, b) if a.stated_distance() else (b, a)
    stated = stating.stated_distance()
    if (stated is None or other.stated_distance() or other.unit_coded or other.place_level not in ("point", "near")
            or (km := _kilometres(stating, other)) is None):
        return None
    settings, (far, bearing) = rules["place"]["stated_distance"], stated
    allowed = max(rules["place"]["same_place_km"], settings["tolerance"] * far)
    row = stating.row
    where = f"{far:.0f} km{'' if bearing is None else f' at {bearing:.0f}°'} of {row['location']}"
    if bearing is None:
        off = abs(km - far)
    else:
        lat, lon = _destination(row["latitude"], row["longitude"], far, bearing)
        off = distance_km(lat, lon, other.row["latitude"], other.row["longitude"])
    found = f"stated {where}, {other.row['location']} {km:.0f} km from it, {off:.0f} km off"
    if off <= allowed:
        return Part(rules["place"]["scores"]["stated"], found)
    return Part(0.0, f"two places ({found})", veto=True)


def _names_tactic(report: Report, other: Report, rules: ResolutionRules) -> str | None:
    """A term of `report`'s evidence that names `other`'s tactic: its trigger term, or a strong term of its type
    (words any violent report uses, "killed", "attack", name no tactic)."""
    generic = set(rules["event_type"]["generic_terms"])
    terms = [(term, weight) for term, weight in report.tactics().get(other.row["event_type"], ())
             if term not in generic]
    triggers = other.trigger_terms()
    strong = rules["event_type"]["tactic_weight"]
    return (next((term for term, _ in terms if term in triggers), None)
            or next((term for term, weight in terms if weight >= strong), None))


def _own_tactic(report: Report, other: Report) -> str | None:
    """A term of `report`'s evidence naming a tactic of a type other than `other`'s (None: it names none)."""
    return next((term for kind, terms in report.specific_tactics().items() if kind != other.row["event_type"]
                 for term in terms), None)


def _unnamed_tactics(a: Report, b: Report, rules: ResolutionRules, types: str) -> Part:
    """Compatible types, neither report naming the other's tactic: graded by what they do name. Each naming a
    tactic of its own (an IED, a clash) tells two ways of violence; one naming none ("ten soldiers lost their
    lives in an attack") may be a vaguer account of the other's, the more so when the other's sentence holds a
    tactic of its type ("gunmen opened fire") or its own type rests on nothing (a clash naming one side only)."""
    scores = rules["event_type"]["scores"]
    own_a, own_b = _own_tactic(a, b), _own_tactic(b, a)
    if own_a and own_b:
        return Part(scores["compatible"], f"{types}, each names its own tactic ('{own_a}', '{own_b}')")
    vague, other = (b, a) if own_a else (a, b)
    if fitting := other.specific_tactics().get(vague.row["event_type"]) or (
            not own_b and vague.specific_tactics().get(other.row["event_type"])):
        return Part(scores["compatible_fits"], f"{types}, one names no tactic of its own and the other's sentence "
                                               f"fits its type ('{fitting[0]}')")
    if one_sided := next((r for r, own in ((a, own_a), (b, own_b)) if not own and _one_sided(r, rules)), None):
        return Part(scores["compatible_fits"], f"{types}, the {one_sided.row['sub_event_type']} names no tactic and "
                                               f"one side only ({one_sided.row['actor1'] or 'none'})")
    return Part(scores["compatible_vague"], f"{types}, one names no tactic of its own")


def _restated(a: Report, b: Report) -> bool:
    """Two passages of one article, one naming no place finer than the province: a later paragraph telling the
    article's incident again (in other words, perhaps as another type), not a second incident."""
    return a.row["article_id"] == b.row["article_id"] and bool({a.place_level, b.place_level} & UNPLACED)


def _one_sided(report: Report, rules: ResolutionRules) -> bool:
    """A report of a two-sided type (a battle) that names one side only: its type is no reading of the incident."""
    row = report.row
    return row["event_type"] in rules["event_type"]["two_sided"] and (
        row["actor2"] is None or row["actor2"] == row["actor1"])


def compare_types(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Same sub-event type, same type, or types compatible under ACLED's precedence or because a report counts
    deaths (`deadly_compatible`); then better when one report names the other's tactic (a clash with shelling and
    the shelling)."""
    scores = rules["event_type"]["scores"]
    (type_a, sub_a), (type_b, sub_b) = (a.row["event_type"], a.row["sub_event_type"]), (
        b.row["event_type"], b.row["sub_event_type"])
    if sub_a == sub_b:
        return Part(scores["same_sub_event_type"], f"same ({sub_a})")
    if type_a == type_b:
        return Part(scores["same_event_type"], f"same type ({sub_a} / {sub_b})")
    if not rules.compatible_types(type_a, type_b, (bool(a.row["fatalities"]), bool(b.row["fatalities"]))):
        return Part(0.0, f"{type_a} / {type_b}", veto=True)
    named = _names_tactic(a, b, rules) or _names_tactic(b, a, rules)
    if named:
        return Part(scores["compatible_named"], f"{sub_a} / {sub_b}, one names the other's '{named}'")
    if _restated(a, b):
        return Part(scores["compatible_named"], f"{sub_a} / {sub_b}, one article telling its incident again")
    return _unnamed_tactics(a, b, rules, f"{sub_a} / {sub_b}")


def compare_actors(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Actors as sets, either role, by family: shared named groups count most, generic ones little; two sets of
    named armed groups with nothing in common speak against one event."""
    weights = rules["actors"]
    matches = [(x, y) for x in a.actors if (y := next((y for y in b.actors if x.same_family(y)), None))]
    named = [x for x, _ in matches if not x.generic][:2]
    generic = [x for x, _ in matches if x.generic]
    score = weights["shared_named"] * len(named) + weights["shared_generic"] * min(len(generic), 2)
    if matches:
        return Part(score, "shared " + ", ".join(x.name if x.name == y.name else f"{x.name} ~ {y.name}"
                                                 for x, y in matches))
    named_a, named_b = [x for x in a.actors if not x.generic], [x for x in b.actors if not x.generic]
    if named_a and named_b:
        return Part(weights["conflicting_named"],
                    f"different groups ({', '.join(x.name for x in named_a)} / {', '.join(x.name for x in named_b)})")
    return Part(0.0, "nothing in common named")


def _later(first: Report, second: Report) -> bool:
    """Whether `first` was published after `second` (False when either time is unknown)."""
    return None not in (first.published_at, second.published_at) and first.published_at > second.published_at


def _uneven_tolls(lower: Report, higher: Report, weights: dict) -> Part | None:
    """Two tolls that differ for a reason the reports give: a later update of the toll, a vague quantity (no
    count), a lower bound the other count meets, a toll that adds other deaths to the other's, or a later detail
    far below it."""
    low, high = lower.row["fatalities"], higher.row["fatalities"]
    if higher.toll_update and _later(higher, lower):
        return Part(weights["update"], f"{low}, later updated to {high}")
    if guessed := next((r for r in (lower, higher) if r.guessed_toll), None):
        return Part(0.0, f"{low} / {high}, one a vague quantity ('{guessed.row['fatalities_expression']}')")
    if lower.lower_bound_toll and high <= weights["far_ratio"] * max(low, 1):
        return Part(weights["close"], f"at least {low} ~ {high}")
    if higher.secondary_toll:
        return Part(weights["close"], f"{low} within {high}, which counts other deaths too")
    if low < weights["detail_ratio"] * high and _later(lower, higher):
        return Part(0.0, f"later {low} vs {high}: a detail, not the toll")
    return None


def compare_fatalities(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Death tolls: equal or close figures speak for one event, far apart against it, unless the reports say why
    they differ (`_uneven_tolls`); a later report telling a toll update is evidence on its own."""
    weights = rules["fatalities"]
    first, second = sorted((a, b), key=lambda r: (r.published_at is None, r.published_at))
    if a.row["fatalities_expression"] is None or b.row["fatalities_expression"] is None:
        if second.toll_update and _later(second, first):
            return Part(weights["update"], "the later report tells a toll update")
        return Part(0.0, "not both reported")
    lower, higher = sorted((a, b), key=lambda r: r.row["fatalities"])
    low, high = lower.row["fatalities"], higher.row["fatalities"]
    if low != high and (uneven := _uneven_tolls(lower, higher, weights)) is not None:
        return uneven
    if low == high:
        return Part(weights["equal"] if high else 0.0, f"both {high}")
    if high - low <= weights["close_ratio"] * high:
        return Part(weights["close"], f"{low} ~ {high}")
    if high >= weights["far_ratio"] * max(low, 1) and high - low >= weights["far_min_difference"]:
        return Part(weights["far"], f"{low} vs {high}")
    return Part(0.0, f"{low} / {high}")


def compare_texts(a: Report, b: Report, rules: ResolutionRules) -> Part:
    similarity = fuzz.token_sort_ratio(a.row["evidence"] or "", b.row["evidence"] or "") / 100
    weights = rules["text"]
    return Part(round(weights["weight"] * (similarity - weights["baseline"]), 3), f"similarity {similarity:.2f}")


def _same_article(a: Report, b: Report, rules: ResolutionRules) -> Part:
    """Two passages of one article: they share its story, the more so when one names no place finer than the
    province the other's place lies in (a later paragraph telling the incident again, not a second one)."""
    weights = rules["same_article"]
    if _restated(a, b):
        return Part(weights["score"] + weights["unplaced"], "one article, one passage names no finer place")
    return Part(weights["score"], "one article")


GATES = {"date": compare_dates, "place": compare_places, "type": compare_types}
EVIDENCE = {"actors": compare_actors, "fatalities": compare_fatalities, "text": compare_texts}


def compare(a: Report, b: Report, rules: ResolutionRules) -> PairReading:
    """The comparison of two candidate reports (`candidate_pairs`): ACLED's gates (day, place, type) first, and
    when none shows two events, the other evidence; a same-article pair gains `same_article`."""
    parts = {}
    for name, comparison in GATES.items():
        parts[name] = comparison(a, b, rules)
        if parts[name].veto:
            return PairReading(parts=parts, threshold=rules.threshold)
    parts |= {name: comparison(a, b, rules) for name, comparison in EVIDENCE.items()}
    if a.row["article_id"] == b.row["article_id"]:
        parts["article"] = _same_article(a, b, rules)
    return PairReading(parts=parts, threshold=rules.threshold)
