from datetime import UTC, date, datetime

import polars as pl

from pipeline.events.merge import event_index, merge_mentions
from pipeline.events.pairs import compare
from pipeline.events.reports import build_reports, event_reports
from pipeline.events.rules import ResolutionRules
from pipeline.extract.mentions import MENTION_SCHEMA
from pipeline.settings import PROJECT_ROOT
from pipeline.tables import EVENT_SOURCES
from pipeline.tables.declarations import MERGED_EVENT_COLUMNS


def mention(**overrides) -> dict:
    """A wide mention row (both mention tables' columns) of a mention the decide stage made an event."""
    row = dict.fromkeys(MENTION_SCHEMA)
    row.update(
        article_id="a1", mention_id="m1", sentence_start=0, sentence_end=50, evidence="Warplanes struck Al-Qasr.",
        trigger="struck", is_event=True, is_background=False, is_negated=False, is_hypothetical=False, confidence=0.8,
        type_confidence=0.8, place_confidence=0.8, event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of the United States (2017-)", inter1=8, country="Syria", iso=760,
        admin1="Al Hasakeh", location="Al-Qasr", latitude=36.5, longitude=40.9, geo_precision=1,
        event_date=date(2018, 5, 1), time_precision=1, fatalities=23, fatalities_low=23, fatalities_best=23,
        fatalities_high=23, fatalities_expression="At least 23 civilians", fatalities_reported=True,
    )
    row.update(overrides)
    return row


def wide(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=MENTION_SCHEMA, orient="row")


def frames(*rows: dict, published: dict[str, datetime] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    mentions = wide(*rows)
    published = published or {}
    ids = sorted({r["article_id"] for r in rows})
    articles = pl.DataFrame({
        "article_id": ids,
        "published_at": [published.get(i, datetime(2018, 5, 2, tzinfo=UTC)) for i in ids],
    })
    return mentions, articles


def merged(*rows: dict, published: dict[str, datetime] | None = None, previous: dict | None = None):
    return merge_mentions(*frames(*rows, published=published), min_confidence=0.35, previous_ids=previous)


def toll(count: int) -> dict:
    return {"fatalities": count, "fatalities_low": count, "fatalities_best": count, "fatalities_high": count,
            "fatalities_expression": f"{count} killed"}


def test_two_reports_of_one_strike_become_one_event_with_lowest_fatalities():
    events, sources = merged(
        mention(),
        mention(article_id="a2", mention_id="m2", actor1=None, inter1=None, confidence=0.7,
                evidence="The toll from the air strike on Al-Qasr rose to 25.", **toll(25)),
    )
    assert events.columns == MERGED_EVENT_COLUMNS and sources.columns == EVENT_SOURCES.names
    assert events.height == 1
    event = events.row(0, named=True)
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (23, 23, 25)
    assert event["n_sources"] == 2 and event["actor1"] == "Military Forces of the United States (2017-)"
    assert sorted(sources["article_id"]) == ["a1", "a2"]
    assert set(sources["event_id"]) == {event["event_id"]}


def test_every_joined_source_records_why():
    _, sources = merged(mention(), mention(article_id="a2", mention_id="m2", **toll(25)))
    joined = sources.filter(pl.col("matched_mention_id").is_not_null()).row(0, named=True)
    assert joined["matched_mention_id"] == "m1" and joined["match_score"] >= 2.5
    for part in ("date same day", "place same place", "type same (Air/drone strike)", "actors shared", "text"):
        assert part in joined["match_reason"]
    first = sources.filter(pl.col("mention_id") == "m1").row(0, named=True)
    assert first["match_reason"] is None


def test_background_negated_and_unsure_mentions_make_no_event():
    events, sources = merged(
        mention(mention_id="bg", is_background=True, is_event=False, rejection_reason="background"),
        mention(mention_id="neg", is_negated=True, is_event=False, rejection_reason="negated"),
        mention(mention_id="low", confidence=0.1, is_event=False, rejection_reason="below_min_confidence"),
    )
    assert events.height == 0 and sources.height == 0


def test_different_days_or_types_stay_apart_and_ids_are_stable():
    rows = (mention(), mention(mention_id="m2", sentence_start=60, event_date=date(2018, 5, 2)),
            mention(mention_id="m3", sentence_start=120, event_type="Battles", sub_event_type="Armed clash",
                    evidence="Fighters clashed with troops near the village.", trigger="clashed", **toll(2)))
    first, _ = merged(*rows)
    again, _ = merged(*reversed(rows))
    assert first.height == 3
    assert first["event_id"].to_list() == again["event_id"].to_list()


def test_unreported_fatalities_do_not_lower_the_count():
    events, _ = merged(mention(), mention(article_id="a2", mention_id="m2", fatalities=0, fatalities_low=0,
                                          fatalities_best=0, fatalities_high=0, fatalities_expression=None))
    assert events["fatalities"].to_list() == [23]


def test_place_spellings_and_units_are_compared_as_places_not_strings():
    marib = {"country": "Yemen", "iso": 887, "admin1": "Ma'rib", "latitude": 15.46, "longitude": 45.32,
             "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
             "actor1": "Ansar Allah", "evidence": "A missile hit Marib city.", "trigger": "missile"}
    events, _ = merged(mention(location="Ma'rib", **marib), mention(article_id="a2", mention_id="m2",
                                                                     location="Marib", **marib))
    assert events.height == 1 and events["n_sources"].item() == 2

    lakki = {"country": "Pakistan", "iso": 586, "admin1": "Khyber Pakhtunkhwa", "event_type": "Battles",
             "sub_event_type": "Armed clash", "actor1": "TTP: Tehreek-i-Taliban Pakistan",
             "actor2": "Police Forces of Pakistan (2018-)", "trigger": "attacked", **toll(4),
             "evidence": "Militants attacked a police post in Lakki Marwat, killing four policemen."}
    events, _ = merged(
        mention(location="Lakki Marwat", latitude=32.61, longitude=70.91, **lakki),
        mention(article_id="a2", mention_id="m2", location="Lakki", latitude=32.60, longitude=70.92, **lakki),
        mention(article_id="a3", mention_id="m3", location="Khyber Pakhtunkhwa", latitude=34.0, longitude=71.5,
                geo_precision=3, **lakki),
    )
    assert events.height == 1 and events["n_sources"].item() == 3
    assert events["location"].item() in {"Lakki Marwat", "Lakki"} and events["geo_precision"].item() == 1


def test_two_towns_of_one_province_on_one_day_stay_apart():
    events, _ = merged(
        mention(location="Al-Qasr", latitude=36.5, longitude=40.9),
        mention(article_id="a2", mention_id="m2", location="Tall Tamr", latitude=36.65, longitude=40.37,
                evidence="Warplanes struck Tall Tamr."),
    )
    assert events.height == 2


def test_actor_names_of_one_family_count_as_shared():
    base = {"country": "Haiti", "iso": 332, "admin1": "Ouest", "location": "Croix-des-Bouquets",
            "latitude": 18.58, "longitude": -72.23, "event_type": "Violence against civilians",
            "sub_event_type": "Attack", "actor2": "Civilians (Haiti)", "trigger": "killed", **toll(8),
            "evidence": "Gang members killed eight people in Croix-des-Bouquets."}
    _, sources = merged(mention(actor1="Unidentified Gang (Haiti)", **base),
                        mention(article_id="a2", mention_id="m2", actor1="Unidentified Armed Group (Haiti)", **base))
    reason = sources.filter(pl.col("mention_id") == "m2")["match_reason"].item()
    assert "shared Unidentified Gang (Haiti) ~ Unidentified Armed Group (Haiti), Civilians (Haiti)" in reason


def test_a_clash_with_shelling_and_the_shelling_are_one_event_but_a_separate_strike_is_not():
    manbij = {"country": "Syria", "iso": 760, "admin1": "Aleppo", "location": "Manbij", "latitude": 36.53,
              "longitude": 37.95, **toll(5)}
    clash = mention(event_type="Battles", sub_event_type="Armed clash", trigger="Clashes", actor1="SNA",
                    evidence="Clashes broke out near Manbij amid heavy Turkish artillery shelling; five died.",
                    **manbij)
    shelling = mention(article_id="a2", mention_id="m2", sub_event_type="Shelling/artillery/missile attack",
                       trigger="shelling", actor1="Military Forces of Turkey (2016-)",
                       evidence="Turkish shelling killed five fighters near Manbij.", **manbij)
    strike = mention(article_id="a3", mention_id="m3", trigger="warplanes", actor1="Military Forces of Russia",
                     evidence="Russian warplanes struck a market in Manbij, killing 14 civilians.",
                     **{**manbij, **toll(14)})
    events, sources = merged(clash, shelling, strike)
    assert events.height == 2
    together = sources.group_by("event_id").agg(pl.col("mention_id").sort())["mention_id"].to_list()
    assert sorted(together) == [["m1", "m2"], ["m3"]]
    assert "one names the other's 'shell*'" in sources.filter(pl.col("mention_id") == "m2")["match_reason"].item()


def test_two_events_one_article_tells_stay_two():
    events, _ = merged(
        mention(),
        mention(mention_id="m2", sentence_start=80, location="Tall Tamr", latitude=36.65, longitude=40.37,
                evidence="Another strike hit Tall Tamr.", **toll(3)),
    )
    assert events.height == 2


def test_a_chain_of_look_alikes_never_bridges_two_events():
    near = {"location": "Al-Hasakah", "latitude": 36.5, "longitude": 40.75, "geo_precision": 2,
            "evidence": "Warplanes struck a village near Al-Hasakah."}
    events, _ = merged(
        mention(location="Al-Qasr", latitude=36.5, longitude=40.9),
        mention(article_id="a2", mention_id="m2", **near),
        mention(article_id="a3", mention_id="m3", location="Tall Tamr", latitude=36.55, longitude=40.6,
                evidence="Warplanes struck Tall Tamr."),
    )
    assert events.height == 2


def test_fatalities_are_the_lowest_toll_not_a_later_detail():
    day = {f"a{i}": datetime(2018, 5, 2, 8 + i, tzinfo=UTC) for i in range(1, 5)}
    events, _ = merged(
        mention(**toll(4)), mention(article_id="a2", mention_id="m2", **toll(5)),
        mention(article_id="a3", mention_id="m3", **toll(6)),
        mention(article_id="a4", mention_id="m4", evidence="A man wounded in the strike on Al-Qasr died in hospital.",
                **toll(1)),
        published=day,
    )
    event = events.row(0, named=True)
    assert event["n_sources"] == 4
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_best"], event["fatalities_high"]) == (
        4, 4, 5, 6)


def test_the_first_report_keeps_a_lower_toll():
    events, _ = merged(mention(**toll(1)), mention(article_id="a2", mention_id="m2", **toll(5)),
                       published={"a1": datetime(2018, 5, 1, 20, tzinfo=UTC)})
    assert events["fatalities"].item() == 1



def test_a_secondary_toll_is_not_the_incident_toll():
    also = {**toll(2), "fatalities_expression": "two gunmen were also killed"}
    events, _ = merged(mention(**toll(4)), mention(article_id="a2", mention_id="m2", **also))
    assert events["fatalities"].item() == 4
    alone, _ = merged(mention(**also))
    assert alone["fatalities"].item() == 2  # the only toll any report gives

def test_date_place_and_type_follow_the_agreement_of_reports():
    rows = [mention(article_id=f"a{i}", mention_id=f"m{i}", **toll(5)) for i in (1, 2)]
    rows.append(mention(article_id="a3", mention_id="m3", event_type="Battles", sub_event_type="Armed clash",
                        trigger="fighting", evidence="Warplanes struck Al-Qasr during heavy fighting.", **toll(5)))
    event = merged(*rows)[0].row(0, named=True)
    assert (event["event_type"], event["sub_event_type"], event["n_sources"]) == (
        "Explosions/Remote violence", "Air/drone strike", 3)


def test_a_later_report_joins_the_event_under_its_id():
    first, _ = merged(mention())
    second, _ = merged(mention(), mention(article_id="a2", mention_id="m2", **toll(25)),
                       published={"a2": datetime(2018, 5, 3, tzinfo=UTC)})
    assert second["event_id"].to_list() == first["event_id"].to_list()
    assert second["n_sources"].to_list() == [2]


def test_an_earlier_published_report_arriving_late_keeps_the_released_id():
    first, first_sources = merged(mention(article_id="a2", mention_id="m2"))
    previous = dict(event_index(first_sources).iter_rows())
    rows = (mention(article_id="a2", mention_id="m2"), mention(article_id="a1", mention_id="m1"))
    published = {"a1": datetime(2018, 5, 1, 12, tzinfo=UTC), "a2": datetime(2018, 5, 2, tzinfo=UTC)}
    fresh, _ = merged(*rows, published=published)
    kept, _ = merged(*rows, published=published, previous=previous)
    assert kept["event_id"].to_list() == first["event_id"].to_list()
    assert fresh["event_id"].to_list() != first["event_id"].to_list()  # without the index, the first report decides


def test_week_precision_reaches_wider_than_day_precision():
    weekly = mention(article_id="a2", mention_id="m2", event_date=date(2018, 5, 4), time_precision=2, **toll(23))
    daily = mention(article_id="a3", mention_id="m3", event_date=date(2018, 5, 3))
    assert merged(mention(), weekly)[0].height == 1
    assert merged(mention(), daily)[0].height == 2


def test_a_district_holds_its_own_towns_only():
    kaduna = {"country": "Nigeria", "iso": 566, "admin1": "Kaduna", "event_type": "Violence against civilians",
              "sub_event_type": "Attack", "actor1": "Bandits (Nigeria)", "actor2": "Civilians (Nigeria)",
              "trigger": "killed", "evidence": "Bandits killed villagers in southern Kaduna.", **toll(6)}
    district = mention(location="Kachia", admin2="Kachia", latitude=9.87, longitude=7.95, geo_precision=3,
                       **kaduna)
    own_town = mention(article_id="a2", mention_id="m2", location="Kachia", admin2="Kachia", latitude=9.88,
                       longitude=7.96, **kaduna)
    other_district = mention(article_id="a3", mention_id="m3", location="Zonkwa", admin2="Zangon Kataf",
                             latitude=9.78, longitude=8.29, **kaduna)
    assert merged(district, own_town)[0].height == 1
    assert merged(district, other_district)[0].height == 2


def test_a_place_resolved_wrongly_still_matches_when_the_sentence_names_the_other_place():
    moreh = {"country": "India", "iso": 356, "event_type": "Battles", "sub_event_type": "Armed clash",
             "actor1": "Unidentified Armed Group (India)", "actor2": "Police Forces of India (2014-)",
             "trigger": "ambushed", **toll(2)}
    right = mention(location="Moreh", admin1="Manipur", latitude=24.25, longitude=94.3,
                    evidence="Two commandos were killed when militants ambushed a convoy in Moreh.", **moreh)
    wrong = mention(article_id="a2", mention_id="m2", location="Bilimora", admin1="Gujarat", latitude=20.77,
                    longitude=72.96, evidence="Two police commandos died in a gunfight at Moreh on Thursday.", **moreh)
    elsewhere = mention(article_id="a3", mention_id="m3", location="Bilimora", admin1="Gujarat", latitude=20.77,
                        longitude=72.96, evidence="Two police commandos died in a gunfight on Thursday.", **moreh)
    _, sources = merged(right, wrong)
    assert sources["event_id"].n_unique() == 1
    assert "but both name Moreh" in sources.filter(pl.col("mention_id") == "m2")["match_reason"].item()
    assert merged(right, elsewhere)[0].height == 2


def test_a_report_coded_to_the_province_capital_matches_the_town_when_each_names_the_other_place():
    katsina = {"country": "Nigeria", "iso": 566, "admin1": "Katsina", "event_type": "Violence against civilians",
               "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Nigeria)", "actor2": None,
               "trigger": "shot", "fatalities": 0, "fatalities_low": 0, "fatalities_best": 0, "fatalities_high": 0,
               "fatalities_expression": None}
    capital = mention(location="Katsina", latitude=12.99, longitude=7.6, actor1=None,
                      evidence="Gunmen shot farmers in the Faskari area of Katsina State on Monday.", **{
                          k: v for k, v in katsina.items() if k != "actor1"})
    town = mention(article_id="a2", mention_id="m2", location="Faskari", latitude=11.72, longitude=7.03,
                   evidence="Farmers were shot in Faskari, Katsina, on Monday, residents said.", **katsina)
    town_only = mention(article_id="a3", mention_id="m3", location="Faskari", latitude=11.72, longitude=7.03,
                        evidence="Farmers were shot in Faskari on Monday, residents said.", **katsina)
    _, sources = merged(capital, town)
    assert sources["event_id"].n_unique() == 1
    assert "each names the other's place" in sources.filter(pl.col("mention_id") == "m2")["match_reason"].item()
    assert merged(capital, town_only)[0].height == 2


def test_one_article_telling_its_incident_again_without_a_place_stays_one_event():
    events, sources = merged(
        mention(),
        mention(mention_id="m2", sentence_start=120, event_type="Violence against civilians", sub_event_type="Attack",
                trigger="killed", admin1=None, location=None, latitude=None, longitude=None, geo_precision=3,
                evidence="The 23 dead included women and children, residents said."),
    )
    assert events.height == 1
    assert "one article telling its incident again" in sources["match_reason"].drop_nulls().item()


def reading(first: dict, second: dict, published: dict[str, datetime] | None = None):
    """The pair reading of two mention rows (first published first unless `published` says otherwise)."""
    rules = ResolutionRules.load(PROJECT_ROOT / "seeds")
    times = published or {first["article_id"]: datetime(2018, 5, 2, 8, tzinfo=UTC),
                          second["article_id"]: datetime(2018, 5, 2, 9, tzinfo=UTC)}
    reports = build_reports(event_reports(*frames(first, second, published=times), 0.35), rules)
    return compare(*reports, rules)


def test_two_villages_coded_at_one_district_centre_are_two_places():
    beni = {"country": "Democratic Republic of Congo", "iso": 180, "admin1": "Nord-Kivu", "admin2": "Beni",
            "latitude": 0.49, "longitude": 29.47, "geo_precision": 2, "place_confidence": 0.4,
            "event_type": "Violence against civilians", "sub_event_type": "Attack", "trigger": "killed",
            "actor1": "ADF: Allied Democratic Forces", "actor2": "Civilians (Democratic Republic of Congo)", **toll(6)}
    first = mention(location="Kisima", evidence="Rebels killed six villagers in Kisima, Beni.", **beni)
    second = mention(article_id="a2", mention_id="m2", location="Mbau",
                     evidence="Rebels killed six villagers in Mbau, Beni.", **beni)
    assert "two named places close together (Kisima ~ Mbau, 0 km)" in reading(first, second).veto
    spelling = mention(article_id="a2", mention_id="m2", location="Kisimma",
                       evidence="Rebels killed six villagers in Kisimma, Beni.", **beni)
    assert reading(first, spelling).same_event
    town = mention(article_id="a2", mention_id="m2", location="Mavivi", latitude=0.55, longitude=29.47,
                   geo_precision=1, place_confidence=0.8, evidence="Rebels killed six villagers in Mavivi.",
                   **{k: v for k, v in beni.items() if k not in ("latitude", "longitude", "geo_precision",
                                                                 "place_confidence")})
    known = mention(location="Oicha", latitude=0.55, longitude=29.471, geo_precision=1, place_confidence=0.8,
                    evidence="Rebels killed six villagers in Oicha.",
                    **{k: v for k, v in beni.items() if k not in ("latitude", "longitude", "geo_precision",
                                                                  "place_confidence")})
    assert reading(known, town).same_event  # two gazetteer entries on one point (under 1 km) are one place
    near = {"geo_precision": 2, "place_confidence": 0.6}
    around = reading(mention(**{**known, **near}), mention(**{**town, **near, "latitude": 0.6}))
    assert around.parts["place"].score == 1.0 and "near two named places close together" in around.explain()
    assert merged(first, second)[0].height == 2


def test_the_shared_district_named_in_a_sentence_names_no_town():
    sukma = {"country": "India", "iso": 356, "admin1": "Chhattisgarh", "admin2": "Sukma", "geo_precision": 2,
             "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
             "trigger": "IED", "actor1": "CPI (Maoist): Communist Party of India (Maoist)", **toll(2)}
    town = mention(location="Sukma", latitude=18.39, longitude=81.66, place_confidence=0.8,
                   evidence="Two jawans were killed in an IED blast near Sukma town.", **sukma)
    village = mention(article_id="a2", mention_id="m2", location="Konta", latitude=18.33, longitude=81.63,
                      place_confidence=0.4, evidence="Two jawans were killed in an IED blast at Konta in Sukma "
                                                     "district.", **sukma)
    assert "two named places close together (Sukma ~ Konta" in reading(town, village).veto
    naming = mention(article_id="a2", mention_id="m2", location="Konta", latitude=18.33, longitude=81.63,
                     place_confidence=0.4, evidence="Two jawans were killed in an IED blast at Konta, near Sukma "
                                                    "town.", **{**sukma, "admin2": "Konta"})
    assert "but both name Sukma" in reading(town, naming).explain()


def test_compatible_types_are_graded_by_the_tactics_each_report_names():
    bamenda = {"country": "Cameroon", "iso": 120, "admin1": "Nord-Ouest", "location": "Bamenda", "latitude": 5.96,
               "longitude": 10.15, "actor1": None, **toll(4)}
    vague = mention(event_type="Violence against civilians", sub_event_type="Attack", trigger="killed",
                    evidence="Separatists killed four people in an attack in Bamenda on Monday.", **bamenda)
    shooting = mention(article_id="a2", mention_id="m2", event_type="Battles", sub_event_type="Armed clash",
                       trigger="opened fire", evidence="Gunmen opened fire on a checkpoint in Bamenda on Monday, "
                                                       "killing four.", **bamenda)
    bombing = mention(article_id="a2", mention_id="m2", event_type="Explosions/Remote violence",
                      sub_event_type="Remote explosive/landmine/IED", trigger="roadside bomb",
                      evidence="A roadside bomb hit a checkpoint in Bamenda on Monday, killing four.", **bamenda)
    clash = mention(event_type="Battles", sub_event_type="Armed clash", trigger="clashed",
                    evidence="Separatists clashed with soldiers in Bamenda on Monday; four were killed.", **bamenda)
    fits = reading(vague, shooting)
    assert fits.parts["type"].score == 0.0 and "the other's sentence fits its type ('gunmen')" in fits.explain()
    assert fits.same_event
    two_tactics = reading(clash, bombing)
    assert two_tactics.parts["type"].score == -2.0 and "each names its own tactic ('clash*'" in two_tactics.explain()
    assert not two_tactics.same_event
    unnamed = reading(mention(event_type="Violence against civilians", sub_event_type="Attack", trigger="died",
                              evidence="Four people died in Bamenda on Monday.", **bamenda), bombing)
    assert unnamed.parts["type"].score == -0.75 and "one names no tactic of its own" in unnamed.explain()


def test_a_vague_count_meets_a_higher_exact_count_and_a_later_update_is_no_contradiction():
    at_least = {**toll(2), "fatalities_expression": "At least two people were killed"}
    assert reading(mention(**at_least), mention(article_id="a2", mention_id="m2", **toll(3))).parts[
        "fatalities"].reading == "at least 2 ~ 3"
    assert reading(mention(**toll(2)), mention(article_id="a2", mention_id="m2", **toll(3))).parts[
        "fatalities"].score == 0.0
    assert reading(mention(**at_least), mention(article_id="a2", mention_id="m2", **toll(9))).parts[
        "fatalities"].score == -1.0  # a lower bound far below the other count is still far apart
    several = {**toll(10), "fatalities_expression": "several people were killed"}
    guess = reading(mention(**toll(4)), mention(article_id="a2", mention_id="m2", **several)).parts["fatalities"]
    assert (guess.score, guess.reading) == (0.0, "4 / 10, one a vague quantity ('several people were killed')")
    assert reading(mention(**toll(4)), mention(article_id="a2", mention_id="m2", **toll(10))).parts[
        "fatalities"].score == -1.0
    update = mention(article_id="a2", mention_id="m2", evidence="The toll from the air strike on Al-Qasr has risen "
                                                                "to 40.", **toll(40))
    assert reading(mention(**toll(10)), update).parts["fatalities"].reading == "10, later updated to 40"
    assert reading(mention(**toll(10)), mention(article_id="a2", mention_id="m2", **toll(40))).parts[
        "fatalities"].score == -1.0
    no_count = mention(article_id="a2", mention_id="m2", evidence="The toll from the air strike has risen.",
                       fatalities=0, fatalities_low=0, fatalities_best=0, fatalities_high=0,
                       fatalities_expression=None)
    assert reading(mention(), no_count).parts["fatalities"].score == 0.5


def test_a_toll_counting_other_deaths_holds_the_other_reports_toll():
    also = {**toll(6), "fatalities_expression": "four policemen were killed and two attackers were also killed"}
    part = reading(mention(**toll(4)), mention(article_id="a2", mention_id="m2", **also)).parts["fatalities"]
    assert (part.score, part.reading) == (0.5, "4 within 6, which counts other deaths too")


def test_a_report_dated_by_a_statement_joins_the_event_its_article_dates():
    attack = {"evidence": "Warplanes struck Al-Qasr, killing 23 civilians.", "date_expression": "on Tuesday",
              **toll(23)}
    lead = {"article_id": "a2", "mention_id": "m2", "date_expression": "on 1 May", "fatalities_expression": None,
            "evidence": "Warplanes struck Al-Qasr on 1 May."}
    told = {"article_id": "a2", "mention_id": "m3", "sentence_start": 60, "event_date": date(2018, 5, 3),
            "date_expression": "on Thursday", **toll(23),
            "evidence": "Twenty-three civilians were killed in the strike on Al-Qasr, the governor said on Thursday."}
    events, sources = merged(mention(**attack), mention(**lead), mention(**told))
    assert events.height == 1 and events["event_date"].item() == date(2018, 5, 1)
    reasons = " ".join(sources["match_reason"].drop_nulls())
    assert "the day of a statement ('on Thursday') and its article dates the event 2018-05-01" in reasons
    events, _ = merged(mention(**attack), mention(**told))  # a statement alone: its day stands
    assert events.height == 2


def test_an_unresolved_place_named_in_the_sentence_is_the_other_reports_town():
    town = {"evidence": "Warplanes struck Al-Qasr, killing 23 civilians.", **toll(23)}
    unplaced = {"article_id": "a2", "mention_id": "m2", "admin1": None, "location": None, "latitude": None,
                "longitude": None, "geo_precision": None, "actor1": None, "inter1": None, **toll(23)}
    events, sources = merged(mention(**town), mention(**unplaced, evidence="An air strike on the village of "
                                                      "Al-Qasr killed 23 people on Tuesday, medics said."))
    assert events.height == 1 and events["location"].item() == "Al-Qasr"
    assert "its sentence names Al-Qasr" in sources["match_reason"].drop_nulls().item()
    events, _ = merged(mention(**town), mention(**unplaced, evidence="An air strike on a village killed 23 people "
                                                                     "on Tuesday, medics said."))
    assert events.height == 2


def test_a_report_placed_only_at_the_province_joins_the_town_its_sentence_names():
    town = {"evidence": "Warplanes struck Al-Qasr, killing 23 civilians.", **toll(23)}
    province = {"article_id": "a2", "mention_id": "m2", "location": "Al Hasakeh", "latitude": 36.0,
                "longitude": 40.5, "geo_precision": 3, "actor1": None, "inter1": None, **toll(23)}
    named = mention(**province, evidence="Jets bombed homes in the provincial capital's northern outskirts, a "
                                         "nurse at the Al-Qasr clinic said, and 23 people died.")
    assert reading(mention(**town), named).parts["place"].reading == (
        "one names only the province, but its sentence names Al-Qasr (Al-Qasr ~ Al Hasakeh)")
    events, _ = merged(mention(**town), named)
    assert events.height == 1 and events["location"].item() == "Al-Qasr"
    unnamed = mention(**province, evidence="Jets bombed homes in the provincial capital's northern outskirts, a "
                                           "nurse said, and 23 people died.")
    assert reading(mention(**town), unnamed).parts["place"].reading == (
        "one names only the province (Al-Qasr ~ Al Hasakeh)")
    events, _ = merged(mention(**town), unnamed)
    assert events.height == 2


def test_a_later_toll_update_naming_only_the_province_joins_the_town_report():
    town = {"evidence": "Warplanes struck Al-Qasr on Tuesday, killing 23 civilians.", **toll(23)}
    province = {"article_id": "a2", "mention_id": "m2", "location": "Al Hasakeh", "latitude": 36.0,
                "longitude": 40.5, "geo_precision": 3, "actor1": None, "inter1": None, **toll(25)}
    update = mention(**province, evidence="The toll from Tuesday's air strike in Hasakeh province has risen to 25, "
                                          "a monitor said.")
    later = {"a1": datetime(2018, 5, 2, 8, tzinfo=UTC), "a2": datetime(2018, 5, 3, 9, tzinfo=UTC)}
    joined = reading(mention(**town), update, published=later)
    assert joined.parts["place"].reading == "a later toll update names only the province (Al-Qasr ~ Al Hasakeh)"
    assert joined.same_event
    events, _ = merged(mention(**town), update, published=later)
    assert events.height == 1 and events["fatalities"].item() == 23
    told = mention(**province, evidence="Tuesday's air strike in Hasakeh province killed 25, a monitor said.")
    apart = reading(mention(**town), told, published=later)
    assert apart.parts["place"].reading == "one names only the province (Al-Qasr ~ Al Hasakeh)"
    assert not apart.same_event


def test_an_unresolved_place_in_another_country_joins_only_the_town_its_sentence_names():
    town = {"evidence": "Warplanes struck Al-Qasr, killing 23 civilians.", **toll(23)}
    elsewhere = {"article_id": "a2", "mention_id": "m2", "country": "Turkey", "iso": 792, "admin1": None,
                 "location": None, "latitude": None, "longitude": None, "geo_precision": None, "actor1": None,
                 "inter1": None, **toll(23)}
    events, sources = merged(mention(**town), mention(**elsewhere, evidence="An air strike on Al-Qasr killed 23 "
                                                      "people, and survivors fled towards the Turkish border."))
    assert events.height == 1 and events["country"].item() == "Syria"
    assert "its sentence names Al-Qasr (Syria / Turkey)" in sources["match_reason"].drop_nulls().item()
    events, _ = merged(mention(**town), mention(**elsewhere, evidence="An air strike on a village killed 23 "
                                                                      "people near the Turkish border."))
    assert events.height == 2


def test_a_development_report_that_counts_deaths_may_tell_the_violent_incident():
    road = {"country": "Mali", "iso": 466, "admin1": "Mopti", "location": "Boni", "latitude": 15.1,
            "longitude": -1.9, "actor1": None, "inter1": None}
    ambush = mention(event_type="Battles", sub_event_type="Armed clash", trigger="ambushed",
                     evidence="Militants ambushed a fuel convoy outside Boni, killing eight soldiers.",
                     **{**road, "actor1": "JNIM: Group for Support of Islam and Muslims"}, **toll(8))
    deadly = mention(article_id="a2", mention_id="m2", event_type="Strategic developments",
                     sub_event_type="Change to group/activity", trigger="convoy",
                     evidence="Eight troops lost their lives when their convoy came under fire near Boni.",
                     **road, **toll(8))
    events, sources = merged(ambush, deadly)
    assert events.height == 1 and events["event_type"].item() == "Battles"
    assert "one names the other's 'convoy'" in sources.filter(pl.col("mention_id") == "m2")["match_reason"].item()
    no_deaths = {**deadly, "fatalities": 0, "fatalities_low": 0, "fatalities_best": 0, "fatalities_high": 0,
                 "fatalities_expression": None, "evidence": "An army convoy was rerouted near Boni."}
    assert merged(ambush, no_deaths)[0].height == 2


def test_a_clash_report_naming_one_side_only_may_tell_an_attack_on_civilians():
    field = {"country": "Nigeria", "iso": 566, "admin1": "Yobe", "location": "Gujba", "latitude": 11.5,
             "longitude": 11.93, **toll(4)}
    attack = mention(event_type="Violence against civilians", sub_event_type="Attack", trigger="killed",
                     actor1="Boko Haram", actor2="Civilians (Nigeria)",
                     evidence="Insurgents killed four herders grazing cattle outside Gujba on Tuesday.", **field)
    clash = mention(article_id="a2", mention_id="m2", event_type="Battles", sub_event_type="Armed clash",
                    trigger="killed", actor1="Unidentified Armed Group (Nigeria)",
                    actor2="Unidentified Armed Group (Nigeria)",
                    evidence="Four herders killed by jihadists outside Gujba on Tuesday were buried on Wednesday.",
                    **field)
    assert "names no tactic and one side only" in reading(attack, clash).explain()
    assert "one names no tactic of its own" in reading(attack, {**clash, "actor2": "Civilian JTF"}).explain()


def test_a_toll_update_the_extractor_read_no_toll_from_gives_its_figure():
    def update(text: str) -> dict:
        return mention(article_id="a2", mention_id="m2", evidence=text, fatalities=0, fatalities_low=0,
                       fatalities_best=0, fatalities_high=0, fatalities_expression=None)

    risen = update("The toll from last Tuesday's air strike on Al-Qasr has risen to 31, a monitor said.")
    part = reading(mention(), risen).parts["fatalities"]
    assert (part.score, part.reading) == (0.5, "23, later updated to 31")
    events, _ = merged(mention(), risen, published={"a1": datetime(2018, 5, 2, tzinfo=UTC),
                                                    "a2": datetime(2018, 5, 4, tzinfo=UTC)})
    assert events.select("fatalities", "fatalities_high", "n_sources").row(0) == (23, 31, 2)
    # a figure below the other's toll is no update of it
    assert reading(mention(), update("The toll from the air strike has risen to 12.")).parts[
        "fatalities"].reading == "12 / 23"


def test_places_of_one_gazetteer_entry_are_one_place_whatever_their_names_and_coordinates():
    first = mention(location="Al-Qasr", place_id="geonames:1", evidence="Warplanes struck the village at dawn.")
    second = mention(article_id="a2", mention_id="m2", location="Qasr", latitude=36.62, place_id="geonames:1",
                     evidence="An air strike hit the village on Tuesday.")
    assert reading(first, second).parts["place"].reading.startswith("same place")
    apart = reading({**first, "place_id": None}, {**second, "place_id": "geonames:2"})
    assert apart.veto == "place: two places (Al-Qasr ~ Qasr, 13 km)"


def test_an_unresolved_place_written_in_another_transliteration_is_the_others_place():
    city = {"country": "Ukraine", "iso": 804, "admin1": "Zaporizhzhia", "location": "Zaporizhzhya", "latitude": 47.82,
            "longitude": 35.19}
    resolved = mention(evidence="A Russian missile hit Zaporizhzhia on Sunday, killing four.", **city)

    def unresolved(place: str) -> dict:
        return mention(article_id="a2", mention_id="m2", evidence=f"Russian forces struck {place} with a missile.",
                       country="Russia", iso=643, admin1=None, location=None, latitude=None, longitude=None,
                       geo_precision=None)

    assert reading(resolved, unresolved("Zaporizhia")).parts["place"].reading == (
        "one place unresolved, but its sentence names Zaporizhzhya (Ukraine / Russia)")
    assert reading(resolved, unresolved("Zhytomyr")).veto == "place: different countries (Ukraine / Russia)"
    other_town = {**city, "location": "Damboa", "latitude": 11.15, "longitude": 12.75}
    assert reading(mention(**other_town), unresolved("Dambam")).veto.startswith("place: different countries")


def test_a_stated_distance_from_the_coded_town_places_the_report_there():
    town = mention(country="Nigeria", iso=566, admin1="Borno", location="Gubio", latitude=12.50, longitude=12.78,
                   evidence="Boko Haram insurgents attacked Gubio on Monday night, killing nine.")

    def away(words: str) -> dict:
        return mention(article_id="a2", mention_id="m2", country="Nigeria", iso=566, admin1="Borno",
                       location="Maiduguri", latitude=11.85, longitude=13.16, geo_precision=2,
                       evidence=f"Nine villagers died in an attack on a town {words} Maiduguri on Monday.")

    fits = reading(town, away("about 90 km northwest of")).parts["place"]
    assert (fits.score, fits.reading.split(",")[0]) == (1.0, "stated 90 km at 315° of Maiduguri")
    assert reading(town, away("some 55 miles from")).parts["place"].score == 1.0
    assert reading(town, away("20 km south of")).veto.startswith("place: two places (stated 20 km at 180°")
    assert reading(town, away("near")).veto == "place: too far apart (Gubio ~ Maiduguri, 83 km)"


def test_one_toponym_placed_in_two_countries_is_compared_and_may_be_one_event():
    mali = {"country": "Mali", "iso": 466, "admin1": "Koulikoro", "location": "Nara", "latitude": 15.17,
            "longitude": -7.29, "place_expression": "Nara"}
    japan = {"country": "Japan", "iso": 392, "admin1": "Nara", "location": "Nara-shi", "latitude": 34.69,
             "longitude": 135.8, "place_expression": "Nara"}
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "ambushed",
             "actor1": "JNIM: Group for Support of Islam and Muslims", "actor2": "Military Forces of Mali (2013-)",
             **toll(6)}
    first = mention(evidence="Jihadists ambushed an army convoy near Nara on Sunday, killing six soldiers.",
                    **clash, **mali)
    second = mention(article_id="a2", mention_id="m2", evidence="Six Malian soldiers were killed when their convoy "
                     "was ambushed near Nara on Sunday.", **{**clash, "actor1": "Military Forces of Mali (2013-)",
                                                              "actor2": None}, **japan)
    events, sources = merged(first, second)
    assert events.height == 1 and events["country"][0] == "Mali"
    assert "placed in two countries (Mali / Japan) from one toponym ('Nara')" in sources["match_reason"][1]
    elsewhere = {**second, "place_expression": "Osaka", "evidence": "Six soldiers were killed in an ambush."}
    assert merged(first, elsewhere)[0].height == 2
