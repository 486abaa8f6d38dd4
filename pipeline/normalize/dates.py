"""Find date expressions in article text and resolve the event date against the publication date.

Conventions (ACLED-style, applied everywhere in this module):

- ``time_precision`` 1 = an exact day; 2 = a span of at most a week, a weekend, or a day qualified by
  "around" / "as reported on"; 3 = anything coarser (part of a month, a month).
- A span (a range "between 1 and 3 May", a week, a weekend, "early May", a month) resolves to its FIRST day,
  the rule ACLED applies to "the night of 8-9 May" (which keeps precision 1).
- A date without a year takes the most recent such day (or month) not after publication, except a day at most
  ``yearless_future_grace_days`` ahead, which stays in the publication year (and is clipped, see below).
- Nothing resolves after publication: a later date is clipped to the publication day, precision at least 2.
- A text without any date expression is dated to its publication day with precision 2: ACLED codes a report
  with no event date "as reported on" the report's day, the event being that day or shortly before. With no
  publication date either, the event date is None.
- ``is_before_report_window``: the latest day the expression can mean lies more than
  ``background_days`` before publication, i.e. a background mention rather than the reported event.

Both numbers are `DateRules`, read from seeds/extraction.yaml (section ``dates``).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

from pipeline.normalize.months import DAY_OF_MONTH, MONTH, MONTH_FULL, MONTH_NUMBERS, WEEKDAY, WEEKDAYS
from pipeline.records import ResolvedDate
from pipeline.text.sentences import sentence_spans


@dataclass(frozen=True)
class DateRules:
    """The two numbers of the date conventions (seeds/extraction.yaml, section dates)."""

    background_days: int  # a date more than this many days before publication is background
    yearless_future_grace_days: int  # a year-less day up to this far ahead stays in the publication year


_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+(?:the\s+)?)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b|-(?P<yy>\d\d)\b)"
_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
_RANGE_JOIN = r"\s*(?:-|–|—|to|and|until|till|through)\s*"

_QUALIFIED_BEFORE = re.compile(
    r"(?:\baround|\babout|\bapproximately|\bcirca|\bc\.|\bon or (?:around|about)|\breported(?:ly)? on"
    r"|\bas of|\bsometime (?:on|around))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_QUALIFIED_AFTER = re.compile(r"^\s*\(?(?:or around|or so|or about|approximately)\b", re.IGNORECASE)
_NIGHT_BEFORE = re.compile(r"\bnight\s+(?:of|between)\s+(?:the\s+)?$", re.IGNORECASE)
_LEAD_BEFORE = re.compile(
    r"(?:^|[.!?:;]\s+|\n)[\"'“(]?(?:on|around|as reported on|reportedly on|on or around|on or about|between|from"
    r"|on the night of|overnight on|in|during|since|until|by)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)

# "the army said on Saturday", "told reporters late on Monday", French « a annoncé mercredi », « a-t-on appris
# lundi »: the day of the report, not of the event it tells
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|added|stated|claimed"
    r"|annoncé|indiqué|déclaré|affirmé|précisé|confirmé|rapporté|ajouté|signalé|appris)"
    r"(?:\s+(?:reporters|journalists|the\s+press|in\s+a\s+statement|[A-Z][\w.-]*)){0,2}"
    r"(?:\s+(?:early|late|earlier|later))?(?:\s+on)?\s+$"
)

# Days counted back from the date before them: "the previous day", "the night before", "two days earlier"
_ANCHORED = re.compile(
    r"\b(?:the\s+(?:previous|preceding)\s+(?:day|night|evening)|the\s+(?:day|night|evening)\s+before(?=\s*[,.;)]|$)"
    r"|(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+(?:earlier|before)(?=\s*[,.;)]|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Span:
    """A resolved expression: first day, last day and precision, before clipping to publication."""

    first: date
    last: date
    precision: int


def _month_number(token: str) -> int:
    return MONTH_NUMBERS[token.lower().rstrip(".")]


def _day_number(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _year_of(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    if groups.get("yy"):
        return 2000 + int(groups["yy"])
    return None


def _latest_year(month: int, day: int, published: date | None, grace_days: int) -> int | None:
    """The year of a year-less (month, day): the publication year unless that lies more than `grace_days` after
    publication, then the year before."""
    if published is None:
        return None
    year = published.year
    day = min(day, calendar.monthrange(year, month)[1])
    in_publication_year = date(year, month, day)
    return year if in_publication_year <= published + timedelta(days=grace_days) else year - 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _precision_for(first: date, last: date) -> int:
    length = (last - first).days + 1
    return 1 if length == 1 else 2 if length <= 7 else 3


def _span(first: date | None, last: date | None, precision: int | None = None) -> _Span | None:
    if first is None or last is None or last < first:
        return None
    return _Span(first, last, precision or _precision_for(first, last))


def _day_month(match: re.Match, published: date | None, rules: DateRules, d: str, m: str) -> _Span | None:
    month, day = _month_number(match[m]), _day_number(match[d])
    year = _year_of(match) or _latest_year(month, day, published, rules.yearless_future_grace_days)
    if year is None:
        return None
    day_date = _safe_date(year, month, day)
    return _span(day_date, day_date)


def _range(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    """ "1-3 May", "24 April-8 May", "May 1-3": first and last day; a year-less range ends not after publication."""
    month_last = _month_number(match["m2"] or match["m1"])
    month_first = _month_number(match["m1"] or match["m2"])
    day_first, day_last = _day_number(match["d1"]), _day_number(match["d2"])
    year = _year_of(match) or _latest_year(month_last, day_last, published, rules.yearless_future_grace_days)
    if year is None:
        return None
    year_first = year - 1 if (month_first, day_first) > (month_last, day_last) else year
    return _span(_safe_date(year_first, month_first, day_first), _safe_date(year, month_last, day_last))


def _month_part(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    """ "in March", "March 2018", "early May", "the end of April": month-level spans."""
    prep, part = (match["prep"] or "").lower(), (match["part"] or "").lower()
    year = _year_of(match)
    if year is None and not (prep or part):
        return None
    month = _month_number(match["m"])
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
        if prep == "last" and month == published.month:
            year -= 1
    days_in_month = calendar.monthrange(year, month)[1]
    first_day, last_day = 1, days_in_month
    if "early" in part or "beginning" in part or "start" in part:
        last_day = 10
    elif "mid" in part:
        first_day, last_day = 11, 20
    elif "late" in part or "end" in part:
        first_day = 21
    return _span(date(year, month, first_day), date(year, month, last_day), 3)


def _numeric(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    """ISO and day-first numeric dates, parsed by dateparser."""
    parsed = dateparser.parse(
        match.group(), languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
    )
    return _span(parsed.date(), parsed.date()) if parsed else None


def _offset(days: int, precision: int = 1):
    def resolve(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
        if published is None:
            return None
        day = published + timedelta(days=days)
        return _Span(day, day, precision)

    return resolve


def _days_ago(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    if published is None:
        return None
    count = match["n"].lower()
    days = int(count) if count.isdigit() else _SMALL_NUMBERS[count]
    day = published - timedelta(days=days)
    return _Span(day, day, 1)


def _weekday(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    """Most recent such weekday on or before publication ("last Monday" in a Monday article: a week before)."""
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS.index(match["wd"].lower())) % 7
    if back == 0 and (match["q"] or "").lower() in ("last", "past"):
        back = 7
    day = published - timedelta(days=back)
    return _Span(day, day, 1)


def _week(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    if published is None:
        return None
    which = match["q"].lower()
    if which == "past":
        return _Span(published - timedelta(days=6), published, 2)
    monday = published - timedelta(days=published.weekday())
    if which in ("last", "previous"):
        monday -= timedelta(days=7)
    return _Span(monday, monday + timedelta(days=6), 2)


def _weekend(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    if published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if (match["q"] or "").lower() in ("last", "past") and published - saturday <= timedelta(days=1):
        saturday -= timedelta(days=7)
    return _Span(saturday, saturday + timedelta(days=1), 2)


def _month_relative(match: re.Match, published: date | None, rules: DateRules) -> _Span | None:
    if published is None:
        return None
    first = published.replace(day=1)
    if match["q"].lower() in ("last", "previous"):
        first = (first - timedelta(days=1)).replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return _Span(first, last, 3)


_PATTERNS = [
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<d1>{DAY_OF_MONTH})(?:\s+(?:of\s+)?(?P<m1>{MONTH}))?{_RANGE_JOIN}"
            rf"(?P<d2>{DAY_OF_MONTH})(?:\s+of)?\s+(?P<m2>{MONTH}){_YEAR}?"
        ),
        _range,
    ),
    (
        re.compile(
            rf"\b(?P<m1>{MONTH})\s+(?P<d1>{DAY_OF_MONTH}){_RANGE_JOIN}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY_OF_MONTH})\b{_YEAR}?"
        ),
        _range,
    ),
    (
        re.compile(rf"\b{_WEEKDAY_PREFIX}(?P<d>{DAY_OF_MONTH})(?:\s+of)?(?:\s+|-)(?P<m>{MONTH}){_YEAR}?"),
        lambda match, published, rules: _day_month(match, published, rules, "d", "m"),
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<m>{MONTH})\s+(?P<d>{DAY_OF_MONTH})\b(?!\s*(?:-|–|%|\.\d))"
            rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
        ),
        lambda match, published, rules: _day_month(match, published, rules, "d", "m"),
    ),
    (re.compile(r"\b(?:(?:19|20)\d\d-\d\d?-\d\d?|\d\d?[/.]\d\d?[/.](?:19|20)\d\d)\b"), _numeric),
    (
        re.compile(
            rf"\b(?:(?P<prep>in|since|during|until|till|by|from|through|throughout|last|this|of)\s+)?"
            rf"(?:{_PART}[\s-]+)?(?P<m>{MONTH_FULL})(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?(?!\s*\d)(?!-)",
        ),
        _month_part,
    ),
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", re.I), _offset(-2)),
    (
        re.compile(
            r"\b(?:late\s+|early\s+)?(?:last\s+night|yesterday(?:\s+(?:morning|afternoon|evening|night))?|overnight)\b",
            re.I,
        ),
        _offset(-1),
    ),
    (
        re.compile(r"\b(?:earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I),
        _offset(0),
    ),
    (re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven)\s+days?\s+ago\b", re.I), _days_ago),
    (re.compile(r"\b(?:a|one)\s+week\s+ago\b", re.I), _offset(-7, 2)),
    (
        re.compile(
            r"\b(?:(?P<q>on|last|this|past|early\s+on|late\s+on|earlier\s+on)\s+)?"
            rf"(?P<wd>{WEEKDAY})"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
        _weekday,
    ),
    (re.compile(r"\b(?:earlier\s+|later\s+)?(?P<q>last|this|past|previous)\s+week\b", re.I), _week),
    (re.compile(r"\b(?:(?:over|during|at)\s+)?(?:the\s+|(?P<q>last|this|past)\s+)weekend\b", re.I), _weekend),
    (re.compile(r"\b(?:earlier\s+|later\s+)?(?P<q>last|this|previous)\s+month\b", re.I), _month_relative),
]


def _qualified_precision(text: str, start: int, end: int, span: _Span) -> int:
    before = text[max(0, start - 40) : start]
    if _NIGHT_BEFORE.search(before):
        return 1
    if _QUALIFIED_BEFORE.search(before) or _QUALIFIED_AFTER.match(text[end : end + 20]):
        return max(span.precision, 2)
    return span.precision


def _resolved(text: str, start: int, end: int, span: _Span, published: date | None,
              rules: DateRules) -> ResolvedDate:
    precision = _qualified_precision(text, start, end, span)
    first, last = span.first, span.last
    if published is not None:
        if first > published:
            first, precision = published, max(precision, 2)
        last = min(last, published)
    background = published is not None and (published - last).days > rules.background_days
    return ResolvedDate(
        event_date=first,
        time_precision=precision,
        expression=text[start:end],
        start=start,
        end=end,
        is_before_report_window=background,
    )


def resolved_span(text: str, start: int, end: int, first: date, last: date, precision: int,
                  published: date | None, rules: DateRules) -> ResolvedDate:
    """The expression text[start:end] meaning the days first..last at `precision`, clipped and flagged by the
    conventions of this module (for the date finders of other languages)."""
    return _resolved(text, start, end, _Span(first, last, precision), published, rules)


def _non_overlapping(candidates: list[tuple[int, int, _Span]]) -> list[tuple[int, int, _Span]]:
    """The longest candidates that do not overlap (the earlier of equal length), in text order."""
    chosen: list[tuple[int, int, _Span]] = []
    for start, end, span in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, span))
    return sorted(chosen, key=lambda c: c[0])


def _anchored(text: str, chosen: list[tuple[int, int, _Span]], published: date | None) -> list[tuple[int, int, _Span]]:
    """"The previous day", "two days earlier": days before the date expression nearest before them ("said on
    Sunday it bombed a police van the previous day"), else before publication."""
    found = []
    for match in _ANCHORED.finditer(text):
        anchor = next((span for start, end, span in reversed(chosen) if end <= match.start()), None)
        day = anchor.first if anchor is not None else published
        if day is not None:
            back = _SMALL_NUMBERS.get((match["n"] or "one").lower()) or int(match["n"])
            moved = day - timedelta(days=back)
            found.append((match.start(), match.end(), _Span(moved, moved, anchor.precision if anchor else 1)))
    return found


def find_date_expressions(text: str, published: date | None, rules: DateRules) -> list[ResolvedDate]:
    """Every resolvable date expression in ``text``, in text order, resolved against ``published``; days
    counted back from another date ("the previous day") from the date they follow (`_anchored`)."""
    candidates = []
    for pattern, resolve in _PATTERNS:
        for match in pattern.finditer(text):
            span = resolve(match, published, rules)
            if span is not None:
                candidates.append((match.start(), match.end(), span))
    chosen = _non_overlapping(candidates)
    chosen = _non_overlapping(chosen + _anchored(text, chosen, published))
    return [_resolved(text, start, end, span, published, rules) for start, end, span in chosen]


def is_statement_day(sentence: str, expression: str | None) -> bool:
    """Whether the date `expression` stands in `sentence` as the day of a statement ("the governor said on
    Friday"): the day a report was given, not necessarily the day of the event it tells."""
    at = sentence.find(expression) if expression else -1
    return at >= 0 and _REPORTING_BEFORE.search(sentence[max(0, at - 40):at]) is not None


# A wire dateline: a place in capitals, a comma, the date, then the agency or a dash ("MOSCOW, March 30 (Sputnik) -").
_DATELINE_PLACE = re.compile(r"\b[A-Z][A-Z .'-]{2,}(?:,\s*[A-Za-z .'-]+)?,\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\(|--|-|\u2013|\u2014)")
_DATELINE_REACH = 400  # characters from the start of the text (past a headline)


def filing_date(text: str, dates: Sequence[ResolvedDate]) -> date | None:
    """The day a wire story was filed, from its dateline: the story's own "now" when its publication date is a
    later stand-in (a crawl or an archive date), so that what it reports is not read as background."""
    for found in dates:
        if found.start is None or found.end is None or found.start > _DATELINE_REACH:
            return None
        if (found.event_date and _DATELINE_PLACE.search(text[max(0, found.start - 60):found.start])
                and _DATELINE_AFTER.match(text, found.end)):
            return found.event_date
    return None


def undated(published: date | None) -> ResolvedDate:
    """The date of a report with no date expression: its publication day, precision 2 (none without one)."""
    if published is None:
        return ResolvedDate(event_date=None, time_precision=None)
    return ResolvedDate(event_date=published, time_precision=2)


def _is_lead(text: str, expression: ResolvedDate, sentence_start: int) -> bool:
    """ "On 9 May 2020, ..." style: the expression opens its sentence (after a lead word) and ends a phrase."""
    before = text[max(sentence_start, expression.start - 40) : expression.start]
    return _LEAD_BEFORE.search(before) is not None and re.match(r"\s*(?:,|\(|$)", text[expression.end :]) is not None


def _sentence_index(sentence_starts: Sequence[int], offset: int) -> int:
    return max(bisect_right(sentence_starts, offset) - 1, 0)


def nearest_date(text: str, expressions: Sequence[ResolvedDate], focus: int,
                 sentence_starts: Sequence[int]) -> ResolvedDate | None:
    """Among ``expressions`` (found in ``text``), the date of the event at char offset ``focus``: a lead-style
    date of the focus sentence, else the date nearest the focus, preferring its sentence and, in it, a date that
    is not the day of a statement ("the army said on Saturday"). ``sentence_starts``:
    the char offsets where the sentences of ``text`` begin, ascending."""
    focus_sentence = _sentence_index(sentence_starts, focus)

    def rank(expression: ResolvedDate) -> tuple[bool, bool, bool, int]:
        sentence = _sentence_index(sentence_starts, expression.start)
        same_sentence = sentence == focus_sentence
        sentence_start = sentence_starts[sentence] if sentence_starts else 0
        lead = same_sentence and _is_lead(text, expression, sentence_start)
        reporting = _REPORTING_BEFORE.search(text[max(sentence_start, expression.start - 40) : expression.start])
        distance = min(abs(expression.start - focus), abs(expression.end - focus))
        return (not same_sentence, reporting is not None, not lead, distance)

    return min(expressions, key=rank, default=None)


def resolve_event_date(text: str, published: date | None, rules: DateRules, *,
                       focus: int | None = None) -> ResolvedDate:
    """The date of the event reported in a plain ``text`` (sentences from the shared pre-parse splitter).

    With ``focus`` (char offset of the event trigger): `nearest_date`. Without it: the first lead-style date, else
    the first date inside the report window, else the first date. No date expression: `undated`.
    """
    expressions = find_date_expressions(text, published, rules)
    starts = [start for start, _ in sentence_spans(text)]
    if focus is not None:
        return nearest_date(text, expressions, focus, starts) or undated(published)
    leads = [e for e in expressions if _is_lead(text, e, starts[_sentence_index(starts, e.start)] if starts else 0)]
    in_window = [e for e in expressions if not e.is_before_report_window]
    return (leads or in_window or expressions or [undated(published)])[0]
