"""Event-date resolution on sentences written for these tests."""

from datetime import date

import pytest

from pipeline.extract.parameters import ExtractionParameters
from pipeline.normalize.dates import filing_date, find_date_expressions, is_statement_day, resolve_event_date
from pipeline.records import ResolvedDate
from tests.conftest import SEEDS

RULES = ExtractionParameters.load(SEEDS).dates

MONDAY = date(2020, 5, 11)  # a Monday
DESIGN_ARTICLE = (
    "At least 23 civilians, including some ten children, have been killed in suspected US-led airstrikes "
    "in the eastern Syrian province of Hasakah yesterday. Turkey successfully captured Afrin in March, "
    "weeks after Turkey launched an assault in January."
)


def test_design_article_event_is_yesterday():
    resolved = resolve_event_date(DESIGN_ARTICLE, date(2018, 5, 2), RULES)
    assert (resolved.event_date, resolved.time_precision) == (date(2018, 5, 1), 1)
    assert resolved.expression == "yesterday"
    assert not resolved.is_before_report_window


@pytest.mark.parametrize(("trigger", "month"), [("captured", 3), ("launched", 1)])
def test_design_article_background_months(trigger, month):
    resolved = resolve_event_date(DESIGN_ARTICLE, date(2018, 5, 2), RULES, focus=DESIGN_ARTICLE.index(trigger))
    assert (resolved.event_date, resolved.time_precision) == (date(2018, month, 1), 3)
    assert resolved.is_before_report_window


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("On 9 May 2020, gunmen attacked a bus.", date(2020, 5, 9), 1),
        ("Around 9 May 2020 (as reported), gunmen attacked a bus.", date(2020, 5, 9), 2),
        ("As reported on 2 May 2020, a bridge was blown up.", date(2020, 5, 2), 2),
        ("On 2 May 2020 (or around), clashes erupted.", date(2020, 5, 2), 2),
        ("Police said the raid happened on May 9.", date(2020, 5, 9), 1),
        ("The raid happened on 9th of May.", date(2020, 5, 9), 1),
        ("Fighting raged between 1 and 3 May.", date(2020, 5, 1), 2),
        ("Protests continued from 24 April to 8 May.", date(2020, 4, 24), 3),
        ("Shelling hit the town on the night of 8-9 May.", date(2020, 5, 8), 1),
        ("Troops withdrew in early May.", date(2020, 5, 1), 3),
        ("Troops withdrew in mid-April.", date(2020, 4, 11), 3),
        ("Troops withdrew in late April.", date(2020, 4, 21), 3),
        ("The attack on 2020-05-07 was claimed by nobody.", date(2020, 5, 7), 1),
        ("The attack on 7/5/2020 was claimed by nobody.", date(2020, 5, 7), 1),
        ("The convoy was hit yesterday.", date(2020, 5, 10), 1),
        ("The convoy was hit today.", date(2020, 5, 11), 1),
        ("The convoy was hit last night.", date(2020, 5, 10), 1),
        ("Rockets fell on the camp overnight.", date(2020, 5, 10), 1),
        ("The convoy was hit three days ago.", date(2020, 5, 8), 1),
        ("Rebels took the village on Saturday.", date(2020, 5, 9), 1),
        ("Rebels took the village Thursday.", date(2020, 5, 7), 1),
        ("Rebels took the village on Monday.", MONDAY, 1),
        ("Rebels took the village last Monday.", date(2020, 5, 4), 1),
        ("Rebels took the village last week.", date(2020, 5, 4), 2),
        ("Rebels took the village this week.", MONDAY, 2),
        ("Rebels took the village over the weekend.", date(2020, 5, 9), 2),
        ("Rebels took the village last month.", date(2020, 4, 1), 3),
        ("Rebels took the village earlier this month.", date(2020, 5, 1), 3),
        ("Rebels took the village in March.", date(2020, 3, 1), 3),
        ("Rebels took the village in June.", date(2019, 6, 1), 3),
    ],
)
def test_expressions_resolve_against_publication(text, expected, precision):
    resolved = resolve_event_date(text, MONDAY, RULES)
    assert (resolved.event_date, resolved.time_precision) == (expected, precision)


def test_year_inferred_from_publication_goes_back_a_year():
    resolved = resolve_event_date("Gunmen attacked the market on 28 December.", date(2021, 1, 3), RULES)
    assert resolved.event_date == date(2020, 12, 28)


def test_yearless_date_just_after_publication_is_clipped():
    resolved = resolve_event_date("A rally is planned on 14 May.", MONDAY, RULES)
    assert (resolved.event_date, resolved.time_precision) == (MONDAY, 2)


def test_future_date_with_year_is_clipped_and_loses_precision():
    resolved = resolve_event_date("On 20 May 2020, troops will deploy.", MONDAY, RULES)
    assert (resolved.event_date, resolved.time_precision) == (MONDAY, 2)


def test_weekday_in_article_of_that_weekday_means_today():
    resolved = resolve_event_date("Fighting broke out on Wednesday.", date(2020, 5, 13), RULES)
    assert resolved.event_date == date(2020, 5, 13)


def test_no_expression_falls_back_to_publication_day():
    resolved = resolve_event_date("Gunmen attacked a checkpoint.", MONDAY, RULES)
    assert (resolved.event_date, resolved.time_precision, resolved.expression) == (MONDAY, 2, None)


def test_nothing_known_gives_no_date():
    assert resolve_event_date("Gunmen attacked a checkpoint yesterday.", None, RULES).event_date is None


def test_explicit_date_resolves_without_publication():
    assert resolve_event_date("On 9 May 2020, gunmen attacked a bus.", None, RULES).event_date == date(2020, 5, 9)


def test_lead_pattern_beats_later_dates_without_focus():
    text = "Gunmen kidnapped a teacher. On 3 May 2020, her body was found; she had been taken on 1 May."
    assert resolve_event_date(text, MONDAY, RULES).event_date == date(2020, 5, 3)


def test_focus_prefers_nearest_date_in_its_sentence():
    text = "Rebels shelled the town on Friday. On Sunday, soldiers retook the hill."
    assert resolve_event_date(text, MONDAY, RULES, focus=text.index("shelled")).event_date == date(2020, 5, 8)
    assert resolve_event_date(text, MONDAY, RULES, focus=text.index("retook")).event_date == date(2020, 5, 10)



@pytest.mark.parametrize("text", [
    "The toll from Friday's ambush near the river rose to nine after two bodies were found, the army said on Monday.",
    "Police told reporters on Monday that gunmen had raided the market on Friday.",
])
def test_the_day_of_a_statement_is_not_the_event_day(text):
    focus = text.index("bodies" if "bodies" in text else "raided")
    assert resolve_event_date(text, MONDAY, RULES, focus=focus).event_date == date(2020, 5, 8)


def test_a_statement_day_alone_still_dates_the_event():
    text = "Gunmen killed three farmers, police said on Monday."
    assert resolve_event_date(text, MONDAY, RULES, focus=text.index("killed")).event_date == MONDAY

@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("The rebels said on Sunday they had ambushed an army patrol the previous day.", "ambushed", date(2020, 5, 9)),
    ("Militia fighters burned the market on 2 May, two days after they had shelled the camp; the shelling came "
     "the night before.", "shelling", date(2020, 5, 1)),
    ("A bomb went off at the checkpoint two days earlier, the governor told reporters.", "bomb", date(2020, 5, 9)),
    ("Troops retook the town on Thursday. The previous day, rebels had looted its market.", "looted",
     date(2020, 5, 6)),
])
def test_days_counted_back_from_the_date_they_follow(text, trigger, expected):
    assert resolve_event_date(text, MONDAY, RULES, focus=text.index(trigger)).event_date == expected


def test_the_day_before_an_event_is_no_date():
    assert find_date_expressions("Troops arrived the day before the vote.", MONDAY, RULES) == []


@pytest.mark.parametrize(("sentence", "expression", "statement"), [
    ("Five soldiers were killed, the regional governor said on Friday.", "on Friday", True),
    ("The army told reporters on Monday that the raid failed.", "on Monday", True),
    ("Gunmen attacked the convoy on Friday, officials said.", "on Friday", False),
    ("Gunmen attacked the convoy, officials said.", None, False),
])
def test_a_statement_day_is_told_apart(sentence, expression, statement):
    assert is_statement_day(sentence, expression) is statement


def test_find_date_expressions_reports_offsets_in_order():
    text = "Clashes on 2 May 2020 followed an attack yesterday."
    found = find_date_expressions(text, MONDAY, RULES)
    assert [text[e.start : e.end] for e in found] == ["2 May 2020", "yesterday"]
    assert [e.event_date for e in found] == [date(2020, 5, 2), date(2020, 5, 10)]


def test_background_window_boundary():
    inside = date(2020, 5, 11).toordinal() - RULES.background_days
    on_edge = date.fromordinal(inside)
    text = f"Troops arrived on {on_edge.day} {on_edge:%B} and left on {on_edge.day - 1} {on_edge:%B}."
    edge, before = find_date_expressions(text, MONDAY, RULES)
    assert not edge.is_before_report_window
    assert before.is_before_report_window


def test_may_as_a_verb_is_not_a_date():
    assert find_date_expressions("Officials may visit the site; Mar Elias camp was calm.", MONDAY, RULES) == []


@pytest.mark.parametrize(("text", "filed"), [
    ("Petition grows MOSCOW, March 30 (Sputnik) - Some 500 people marched.", date(2021, 3, 30)),
    ("CAIRO, March 30 -- Police fired tear gas.", date(2021, 3, 30)),
    ("Police fired tear gas on March 30 (a Tuesday) in Cairo.", None),  # a date in the story, no dateline
])
def test_the_filing_date_is_read_from_a_dateline(text, filed):
    start = text.index("March 30")
    found = ResolvedDate(date(2021, 3, 30), 1, "March 30", start, start + len("March 30"))
    assert filing_date(text, [found]) == filed
