"""Date expressions of a language other than English, by regular expressions built from its seed file
(seeds/languages/<code>/dates.yaml) and resolved with the English conventions of pipeline/normalize/dates.py.

dateparser does not resolve qualified weekdays ("mardi soir"), "la veille", nights ("dans la nuit de samedi à
dimanche") or "le 14 mai dernier", and `search_dates` reads counts as dates ("Sept soldats"), hence this finder.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pipeline.normalize.dates import DateRules, resolved_span
from pipeline.records import ResolvedDate
from pipeline.yaml_files import read_yaml

DATES_FILE = "dates.yaml"
Resolver = Callable[[re.Match, date], "tuple[date, date, int] | None"]


def _alternation(phrases: Sequence[str]) -> str:
    """Phrases longest first, spaces matching any whitespace, apostrophes either way."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p).replace("'", "['’]") for p in phrase.split()) for phrase in ordered)


def _latest(month: int, day: int, published: date, grace_days: int) -> date | None:
    """The (month, day) in the publication year unless it lies more than `grace_days` after publication."""
    for year in (published.year, published.year - 1):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate <= published + timedelta(days=grace_days) or year < published.year:
                return candidate
    return None


def _next(month: int, day: int, published: date) -> date | None:
    """The first such date after publication ("le 14 mai prochain")."""
    this_year = _safe_day(published.year, month, day)
    return this_year if this_year is not None and this_year > published else _safe_day(published.year + 1, month, day)


def _safe_day(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None


@dataclass(frozen=True)
class RelativeDateFinder:
    """Finds and resolves a language's date expressions (callable like `find_date_expressions`)."""

    weekdays: tuple[str, ...]
    months: dict[str, int]
    day_offsets: dict[str, int]
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    small_numbers: dict[str, int]
    ago_units: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    first_day_words: frozenset[str]

    @classmethod
    def load(cls, folder: Path) -> RelativeDateFinder:
        data = read_yaml(Path(folder) / DATES_FILE)
        return cls(tuple(data["weekdays"]), dict(data["months"]), dict(data["day_offsets"]),
                   _patterns(data), dict(data["small_numbers"]), dict(data["ago_units"]),
                   {k: tuple(v) for k, v in data["month_parts"].items()}, frozenset(data["first_day_words"]))

    def __call__(self, text: str, published: date | None, rules: DateRules) -> list[ResolvedDate]:
        """Every resolvable date expression of `text`, in text order (longest first where they overlap)."""
        if published is None:
            return []
        found = []
        for pattern, kind in self.patterns:
            for match in pattern.finditer(text):
                span = getattr(self, f"_{kind}")(match, published, rules)
                if span is not None:
                    found.append((match.start(), match.end(), (*span, bool(match.groupdict().get("next")))))
        found.sort(key=lambda item: (item[0] - item[1], item[0]))
        chosen: list[tuple[int, int, tuple[date, date, int, bool]]] = []
        for start, end, span in found:
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, span))
        chosen.sort(key=lambda item: item[0])
        return [ResolvedDate(first, precision, text[start:end], start, end) if ahead  # a plan: never clipped
                else resolved_span(text, start, end, first, last, precision, published, rules)
                for start, end, (first, last, precision, ahead) in chosen]

    def _weekday_back(self, name: str, published: date, last: bool) -> date:
        back = (published.weekday() - self.weekdays.index(name.lower())) % 7
        return published - timedelta(days=7 if back == 0 and last else back)

    def _weekday(self, match: re.Match, published: date, rules: DateRules):
        if match["next"]:  # "mardi prochain": the first such day after publication
            day = published + timedelta(days=(self.weekdays.index(match["wd"].lower()) - published.weekday()) % 7 or 7)
        else:
            day = self._weekday_back(match["wd"], published, bool(match["last"]))
        return day, day, 1

    def _night(self, match: re.Match, published: date, rules: DateRules):
        """A night coded to its first day, or to its second when an hour after midnight is given: the most recent
        such night ending on or before publication."""
        second = self._weekday_back(match["wd2"], published, False)
        day = second if match["small_hours"] else second - timedelta(days=1)
        return day, day, 1

    def _day(self, match: re.Match, published: date, rules: DateRules):
        month = self.months[match["m"].lower().rstrip(".")]
        first_day = 1 if match["d"].lower() in self.first_day_words else int(match["d"])
        day = (date(int(match["y"]), month, first_day) if match["y"] and first_day <= 31
               else _next(month, first_day, published) if match.groupdict().get("next")
               else _latest(month, first_day, published, rules.yearless_future_grace_days))
        if day is None:
            return None
        if match["d2"]:
            last_day = 1 if match["d2"].lower() in self.first_day_words else int(match["d2"])
            if match["m1"]:
                start_month = self.months[match["m1"].lower().rstrip(".")]
                start = _latest(start_month, first_day, day, 0)
            elif match["y"]:
                start, day = day, _safe_day(int(match["y"]), month, last_day)
            else:
                start, day = day, _latest(month, last_day, published, rules.yearless_future_grace_days)
            if start is None or day is None or day < start:
                return None
            length = (day - start).days + 1
            return start, day, 1 if length == 1 else 2 if length <= 7 else 3
        return day, day, 1

    def _offset(self, match: re.Match, published: date, rules: DateRules):
        day = published + timedelta(days=self.day_offsets[re.sub(r"\s+", " ", match["w"].lower()).replace("’", "'")])
        return day, day, 1

    def _ago(self, match: re.Match, published: date, rules: DateRules):
        count = match["n"].lower()
        number = int(count) if count.isdigit() else self.small_numbers[count]
        day = published - timedelta(days=number * self.ago_units[match["u"].lower()])
        return day, day, 1

    def _last_week(self, match: re.Match, published: date, rules: DateRules):
        monday = published - timedelta(days=published.weekday() + 7)
        return monday, monday + timedelta(days=6), 2

    def _this_week(self, match: re.Match, published: date, rules: DateRules):
        monday = published - timedelta(days=published.weekday())
        return monday, published, 2

    def _weekend(self, match: re.Match, published: date, rules: DateRules):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1), 2

    def _last_month(self, match: re.Match, published: date, rules: DateRules):
        first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1]), 3

    def _this_month(self, match: re.Match, published: date, rules: DateRules):
        return published.replace(day=1), published, 3

    def _month(self, match: re.Match, published: date, rules: DateRules):
        month = self.months[match["m"].lower().rstrip(".")]
        year = int(match["y"]) if match["y"] else (published.year if month <= published.month else published.year - 1)
        first_day, last_day = self.month_parts.get((match["part"] or "").lower().replace(" ", ""), (1, 31))
        last_day = min(last_day, calendar.monthrange(year, month)[1])
        return date(year, month, first_day), date(year, month, last_day), 3

    def _year(self, match: re.Match, published: date, rules: DateRules):
        year = int(match["y"])
        return (date(year, 1, 1), date(year, 12, 31), 3) if year <= published.year else None


def _patterns(data: dict) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The expressions of a dates file, each with the name of its resolver."""
    weekday = _alternation(data["weekdays"])
    full = {number: max((n for n, m in data["months"].items() if m == number), key=len)
            for number in set(data["months"].values())}
    abbreviations = [name for name in data["months"] if name not in full.values()]
    month = rf"(?:(?:{_alternation(list(full.values()))})\b|(?:{_alternation(abbreviations)})\b\.?)"
    day = rf"(?:{_alternation(data['first_day_words'])}|[12]\d|3[01]|0?[1-9])(?!\d)"
    qualifier = rf"(?:\s*,?\s+(?:{_alternation(data['day_qualifiers'])}))?"
    last = rf"(?:\s+(?:(?P<last>{_alternation(data['last_words'])})|(?P<next>{_alternation(data['next_words'])})))?"
    year = r"(?:\s+(?P<y>(?:19|20)\d\d))?"
    join = _alternation(data["range_joins"])
    opener = rf"(?:(?:{_alternation(data['weekday_openers'])})\s+)?"
    phrase = {key: rf"\b(?:{_alternation(data[key])})\b" for key in
              ("last_week", "this_week", "last_weekend", "last_month", "this_month")}
    parts = _alternation(list(data["month_parts"]))
    sources = [
        (rf"\b(?:{_alternation(data['night'])})\s+(?P<wd1>{weekday})\s+(?:{join})\s+(?P<wd2>{weekday})\b"
         rf"(?P<small_hours>\s*,?\s+(?:{'|'.join(data.get('small_hours', [])) or '(?!)'}))?", "night"),
        (rf"\b{opener}(?P<wd>{weekday})\b{qualifier}{last}", "weekday"),
        (rf"\b(?:(?:{_alternation(data['range_openers'])})\s+)?(?:{weekday}\s+)?(?P<d>{day})(?:er)?"
         rf"(?:\s+(?P<m1>{month}))?\s+(?:{join})\s+(?:{weekday}\s+)?(?P<d2>{day})(?:er)?\s+(?P<m>{month}){year}",
         "day"),
        (rf"\b(?:{weekday}\s+)?(?P<d>{day})(?:er)?\s+(?P<m>{month}){year}(?P<d2>)?(?P<m1>)?{last}", "day"),
        (rf"(?<![\w-])(?P<w>{_alternation(list(data['day_offsets']))})\b", "offset"),
        (rf"\b(?:{_alternation(data['ago_prefix'])})\s+(?P<n>\d+|{_alternation(list(data['small_numbers']))})\s+"
         rf"(?P<u>{_alternation(list(data['ago_units']))})\b", "ago"),
        (phrase["last_week"], "last_week"), (phrase["this_week"], "this_week"),
        (phrase["last_weekend"], "weekend"), (phrase["last_month"], "last_month"),
        (phrase["this_month"], "this_month"),
        (rf"\b(?:(?P<part>{parts})\s*-?\s*|(?:{_alternation(data['month_openers'])})\s+)(?P<m>{month}){year}",
         "month"),
        (rf"\b(?:{_alternation(data['year_openers'])})\s+(?P<y>(?:19|20)\d\d)\b", "year"),
    ]
    return tuple((re.compile(source, re.IGNORECASE), kind) for source, kind in sources)
