"""The normalize stage's date slot: each candidate dated once, from its own expression or the story's."""

from dataclasses import replace
from datetime import date

from pipeline.extract.normalize import normalize_date
from pipeline.normalize.dates import find_date_expressions
from pipeline.records import ResolvedDate
from tests.extract.test_decide import FRAME

TEXT = "On 3 June, police raided the market. A shoot-out broke out and two suspects were injured."
PUBLISHED = date(2021, 6, 10)


def test_a_candidate_without_its_own_date_takes_the_nearest_date_before_it(parameters):
    dates = find_date_expressions(TEXT, PUBLISHED, parameters.dates)
    second = TEXT.index("A shoot-out")
    frame = replace(FRAME, start_char=second, end_char=len(TEXT))
    dated = normalize_date(frame, None, TEXT, dates, [0, second], PUBLISHED)
    assert (dated.event_date, dated.expression) == (date(2021, 6, 3), "3 June")


def test_own_date_first_then_the_story_date_then_publication(parameters):
    own = ResolvedDate(date(2021, 6, 8), 1, "on Tuesday")
    story = ResolvedDate(date(2021, 6, 1), 1, "on 1 June")
    assert normalize_date(replace(FRAME, date=own), story, TEXT, [], [0], PUBLISHED) is own
    assert normalize_date(FRAME, story, TEXT, [], [0], PUBLISHED) is story
    assert normalize_date(FRAME, None, TEXT, [], [0], PUBLISHED) == ResolvedDate(PUBLISHED, 2)
