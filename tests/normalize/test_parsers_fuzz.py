"""Property-based fuzzing of the text parsers: no input makes them raise, and counts stay within MAX_COUNT."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import pairwise

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.extract.parameters import ExtractionParameters
from pipeline.extract.windows import text_windows
from pipeline.ingest.dates import parse_published_at
from pipeline.normalize.dates import find_date_expressions, resolve_event_date
from pipeline.normalize.fatalities import MAX_COUNT, count_fatalities, load_terms
from tests.conftest import SEEDS

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TERMS = load_terms(SEEDS)
RULES = ExtractionParameters.load(SEEDS).dates
WORDS = ["killed", "dead", "died", "bodies", "were", "at least", "up to", "between", "and", "people", "soldiers",
         "civilians", "including", "also", "another", "injured", "no", "several", "dozens", "hundreds", "a", "two",
         "twenty-three", "thousand", "million", "dozen", "hundred", "one", "On", "May", "1985", "Monday", ",", ".",
         ";", "(", ")", "-", "³", "٣", "²⁰", "½", "1,000,000", "99999999999999999999", "10" * 30, "9" * 5000]
sentences = st.lists(st.sampled_from(WORDS) | st.integers(min_value=0, max_value=10**30).map(str)
                     | st.text(max_size=8), max_size=40).map(" ".join)
any_text = st.text(max_size=300) | sentences
published = st.none() | st.dates(min_value=date(1989, 1, 1), max_value=date(2030, 12, 31))


@FUZZ
@given(text=any_text)
@example(text="99999999999999999999 people were killed")
@example(text="³ people were killed")
@example(text="a million million people died and 99999999999999999999 more were killed; also 10**30 dead")
def test_count_fatalities_never_raises_and_stays_bounded(text: str):
    count = count_fatalities(text, TERMS)
    assert 0 <= count.low <= count.best <= count.high <= MAX_COUNT
    assert count.fatalities == count.low
    if count.expression is not None:
        assert count.expression == text[count.start:count.end]


@FUZZ
@given(text=st.text(max_size=60) | st.sampled_from(WORDS) | st.integers(min_value=0, max_value=10**40).map(str))
@example(text="³")
@example(text="9" * 5000)
def test_number_value_never_raises_and_stays_bounded(text: str):
    assert 0 <= TERMS.number_value(text) <= MAX_COUNT


@FUZZ
@given(text=any_text, day=published, focus=st.none() | st.integers(min_value=0, max_value=400))
@example(text="On 5 May 1985 gunmen attacked the village.", day=None, focus=0)
def test_event_dates_never_raise_and_point_into_the_text(text: str, day: date | None, focus: int | None):
    for expression in find_date_expressions(text, day, RULES):
        assert expression.expression == text[expression.start:expression.end]
    resolved = resolve_event_date(text, day, RULES, focus=None if focus is None else min(focus, len(text)))
    assert resolved.time_precision in (None, 1, 2, 3)


@FUZZ
@given(value=st.none() | st.text(max_size=40) | st.integers() | st.floats() | st.booleans()
       | st.dates() | st.datetimes() | st.lists(st.integers(), max_size=2))
def test_published_at_raises_only_value_error_and_gives_utc(value: object):
    try:
        parsed = parse_published_at(value, now=datetime(2026, 1, 1, tzinfo=UTC))
    except ValueError:
        return
    assert parsed is None or parsed.utcoffset().total_seconds() == 0


@FUZZ
@given(text=st.text(alphabet=st.sampled_from("ab .!?\n"), max_size=2000), limit=st.integers(min_value=1, max_value=300))
def test_windows_cover_the_text_in_order_within_the_limit(text: str, limit: int):
    spans = text_windows(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in pairwise(spans))
    assert all(0 < end - start <= limit for start, end in spans if text)
