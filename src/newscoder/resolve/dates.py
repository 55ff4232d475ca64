"""Time expressions resolved against the publication date.

``find_time_expressions`` (:mod:`newscoder.resolve.time_expressions`) marks every
expression with a kind; ``resolve_time`` turns one into a
:class:`~newscoder.types.DateValue` the ACLED way: day, week or month precision, with
the MIDDLE day of a week or month as the value (year precision: the middle of the
year or of the part of it named, "late last year" = 15 November). Each value carries
the id of the rule that decided it. Decisions:

- a weekday is the most recent such day on or before publication (the same day when
  published on it); "last Friday" is strictly before publication; "next Friday" is after.
- "yesterday", "last night" and "overnight" are publication - 1 (a night is coded to
  the evening it began).
- periods that include the publication date ("this week", "earlier this month", "this
  year") use the middle of their elapsed part, so the value is never after publication.
- a range ("between 7 and 9 May", "the night of 3-4 June") is coded by its first day,
  as ACLED codes a multi-day event by its earliest date.
- chained expressions ("a day later") shift the ``anchor`` and keep its precision.
- durations and vague spans ("for months", "days after", "in recent weeks") and times of
  day ("around 3:30 p.m.") are not event dates: value None (a time of day keeps the
  anchor's date when one is given).
- without a publication date only explicit dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re

from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.time_expressions import (
    CHAINED_EXPRESSION,
    COUNT_WORDS,
    DAY,
    FINDERS,
    MONTH,
    MONTH_NUMBERS,
    NUM,
    TIME_OF_DAY,
    UNIT_DAYS,
    WEEKDAYS,
    YEAR,
    TimeExpr,
    classify,
    find_time_expressions,
)
from newscoder.types import DateValue, Precision

__all__ = ["TimeExpr", "find_time_expressions", "resolve_expr", "resolve_time"]

_TIME_PRECISION = "ACLED codebook 2023, Date and time_precision"

EXPLICIT_DAY = declare(
    "DT080", "explicit-day", Stage.RESOLVE, Kind.CHOOSE,
    "'3 May 2022', 'on Friday, 3 May 2022': that day, day precision",
    source=_TIME_PRECISION,
)  # fmt: skip
YEAR_FROM_PUBLICATION = declare(
    "DT085", "year-from-publication", Stage.RESOLVE, Kind.CHOOSE,
    "'3 May' without a year: the latest such day not after publication",
)  # fmt: skip
ISO_DATE = declare(
    "DT090", "iso-date", Stage.RESOLVE, Kind.CHOOSE,
    "'2022-05-03': that day, day precision",
)  # fmt: skip
NUMERIC_DATE = declare(
    "DT095", "numeric-date-day-first", Stage.RESOLVE, Kind.CHOOSE,
    "'3/5/2022' is read day first (month first only when the source is known to write so)",
)  # fmt: skip
RANGE_FIRST_DAY = declare(
    "DT100", "range-first-day", Stage.RESOLVE, Kind.CHOOSE,
    "'between 7 and 9 May': a range of days is coded by its first day, as ACLED codes the "
    "earliest date",
    source=_TIME_PRECISION,
)  # fmt: skip
MONTH_MIDDLE = declare(
    "DT105", "named-month-middle", Stage.RESOLVE, Kind.CHOOSE,
    "'in May', 'early June 2021': the 15th, month precision (without a year: the latest "
    "such month not after publication)",
    source=_TIME_PRECISION,
)  # fmt: skip
YEAR_MIDDLE = declare(
    "DT110", "year-middle", Stage.RESOLVE, Kind.CHOOSE,
    "'in 2019', 'last year': 1 July, or the middle of the part named ('late last year': "
    "15 November), year precision",
)  # fmt: skip
ELAPSED_MIDDLE = declare(
    "DT115", "elapsed-period-middle", Stage.RESOLVE, Kind.CHOOSE,
    "'this week', 'earlier this month', 'this year': the middle of the part already "
    "elapsed, never after publication",
    source=_TIME_PRECISION,
)  # fmt: skip
WEEKDAY_BEFORE = declare(
    "DT120", "weekday-before-publication", Stage.RESOLVE, Kind.CHOOSE,
    "'on Friday': the latest Friday on or before publication; 'last Friday' strictly "
    "before it",
)  # fmt: skip
FUTURE = declare(
    "DT125", "future-expression", Stage.RESOLVE, Kind.CHOOSE,
    "'next Friday', 'next week', 'next month', 'next year': after publication (a plan, "
    "not a past event)",
)  # fmt: skip
DAY_BEFORE = declare(
    "DT130", "day-before-publication", Stage.RESOLVE, Kind.CHOOSE,
    "'yesterday', 'last night', 'overnight': the day before publication (a night is the "
    "evening it began); 'the day before yesterday': two",
)  # fmt: skip
PUBLICATION_DAY = declare(
    "DT135", "publication-day", Stage.RESOLVE, Kind.CHOOSE,
    "'today', 'tonight', 'this morning': the day of publication",
)  # fmt: skip
PREVIOUS_WEEK = declare(
    "DT140", "previous-week-middle", Stage.RESOLVE, Kind.CHOOSE,
    "'last week': the middle day of the week before publication's (of its start or end "
    "when 'early' or 'late'), week precision",
    source=_TIME_PRECISION,
)  # fmt: skip
PREVIOUS_MONTH = declare(
    "DT145", "previous-month-middle", Stage.RESOLVE, Kind.CHOOSE,
    "'last month': the 15th of the month before publication's, month precision",
    source=_TIME_PRECISION,
)  # fmt: skip
AGO = declare(
    "DT150", "ago-before-publication", Stage.RESOLVE, Kind.CHOOSE,
    "'three days ago': publication minus that span, at the unit's precision",
)  # fmt: skip
CHAINED = declare(
    "DT155", "chained-from-anchor", Stage.RESOLVE, Kind.CHOOSE,
    "'a day later', 'the next morning': the date of the event told before, shifted by that "
    "span, at its precision",
)  # fmt: skip
FALLBACK = declare(
    "DT160", "dateparser-fallback", Stage.RESOLVE, Kind.DEFAULT,
    "a form the patterns cannot read goes to dateparser (past dates preferred)",
)  # fmt: skip

_PART_OF_YEAR = {"early": (2, 15), "mid": (7, 1), "late": (11, 15)}


def _month_of(word: str) -> int | None:
    return MONTH_NUMBERS.get(word[:3])


def _ymd(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mid(first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=max((last - first).days, 0) // 2)


def _most_recent(month: int, day: int, published: dt.date) -> dt.date | None:
    """The latest ``day month`` not after publication (a date given without its year)."""
    for year in (published.year, published.year - 1):
        found = _ymd(year, month, day)
        if found is not None and found <= published:
            return found
    return None


def _explicit_date(
    low: str, month_first: bool, published: dt.date | None
) -> tuple[dt.date | None, str, Rule]:
    """(date, why, rule) for a day-precision explicit date; the date may be None."""
    iso = re.search(rf"({YEAR})-([01]\d)-([0-3]\d)", low)
    if iso:
        return _ymd(int(iso[1]), int(iso[2]), int(iso[3])), "ISO date", ISO_DATE
    slash = re.search(r"([0-3]?\d)/([01]?\d)/(\d{2,4})", low)
    if slash:
        a, b, year = int(slash[1]), int(slash[2]), int(slash[3])
        year += 2000 if year < 100 else 0
        day, month = (b, a) if month_first else (a, b)
        order = "month first" if month_first else "day first"
        return _ymd(year, month, day), f"numeric date read {order}", NUMERIC_DATE
    month_m = re.search(MONTH, low)
    day_m = re.search(rf"(?<![\d])({DAY})", low)
    if month_m is None or day_m is None:
        return None, "no day and month", EXPLICIT_DAY
    month = _month_of(month_m.group(0))
    day = int(re.match(r"\d+", day_m.group(1)).group(0))  # type: ignore[union-attr]
    year_m = re.search(rf"\b({YEAR})\b", low)
    why, rule = "explicit date", EXPLICIT_DAY
    if re.search(rf"{DAY}\s*(?:-|–|and|to)\s*{DAY}", low):
        why = "multi-day range: first day, as ACLED codes the earliest date"
        rule = RANGE_FIRST_DAY
    if month is None:
        return None, "unknown month", rule
    if year_m:
        return _ymd(int(year_m.group(1)), month, day), why, rule
    if published is None:
        return None, "date without year and no publication date", rule
    if rule is EXPLICIT_DAY:
        rule = YEAR_FROM_PUBLICATION
    why = f"{why}; year from publication (latest not after it)"
    return _most_recent(month, day, published), why, rule


def _weekday(low: str, published: dt.date) -> tuple[dt.date, str, Rule]:
    wd = next(i for i, name in enumerate(WEEKDAYS) if name in low)
    back = (published.weekday() - wd) % 7
    if low.startswith("next "):
        ahead = (wd - published.weekday()) % 7 or 7
        why = "next weekday after publication (future)"
        return published + dt.timedelta(days=ahead), why, FUTURE
    if low.startswith("last ") and back == 0:
        why = "'last' weekday: the one before publication day"
        return published - dt.timedelta(days=7), why, WEEKDAY_BEFORE
    why = "latest such weekday on or before publication"
    return published - dt.timedelta(days=back), why, WEEKDAY_BEFORE


def _week(low: str, published: dt.date) -> tuple[dt.date, str, Rule]:
    monday = published - dt.timedelta(days=published.weekday())
    if "next week" in low:
        return monday + dt.timedelta(days=10), "next week, middle day (future)", FUTURE
    if "last week" in low or "previous week" in low:
        first, last = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        if low.startswith("late"):
            first = first + dt.timedelta(days=3)
        elif low.startswith("early"):
            last = first + dt.timedelta(days=2)
        return _mid(first, last), "previous week, middle day", PREVIOUS_WEEK
    last = published
    if low.startswith(("earlier", "early")) and published > monday:
        last = published - dt.timedelta(days=1)
    return _mid(monday, last), "this week up to publication, middle day", ELAPSED_MIDDLE


def _month_rel(low: str, published: dt.date) -> tuple[dt.date, str, Rule]:
    if "last month" in low or "previous month" in low:
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return prev.replace(day=15), "previous month, middle day", PREVIOUS_MONTH
    if "next month" in low:
        following = published.replace(day=28) + dt.timedelta(days=4)
        return following.replace(day=15), "next month, middle day (future)", FUTURE
    first = published.replace(day=1)
    last = published
    if low.startswith("earlier") and published.day > 1:
        last = published - dt.timedelta(days=1)
    return _mid(first, last), "this month up to publication, middle day", ELAPSED_MIDDLE


def _named_month(low: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    month = _month_of(re.search(MONTH, low).group(0))  # type: ignore[union-attr]
    assert month is not None
    year_m = re.search(rf"\b({YEAR})\b", low)
    part = next((p for p in ("early", "late", "mid") if p in low), "")
    why = f"{part} month: middle day (month precision)" if part else "month: middle day"
    if year_m:
        return dt.date(int(year_m.group(1)), month, 15), why
    if published is None:
        return None, "month without year and no publication date"
    year = published.year if month <= published.month else published.year - 1
    if low.startswith("last ") and month == published.month:
        year -= 1
    return dt.date(year, month, 15), f"{why}; latest such month not after publication"


def _year(low: str, published: dt.date | None) -> tuple[dt.date | None, str, Rule]:
    explicit = re.search(rf"\b({YEAR})\b", low)
    part = next((p for p in ("early", "late", "mid") if re.search(rf"\b{p}", low)), "")
    rule = YEAR_MIDDLE
    if explicit:
        year = int(explicit.group(1))
    elif published is None:
        return None, "no publication date", rule
    elif "this year" in low:
        first = dt.date(published.year, 1, 1)
        return _mid(first, published), "this year up to publication, middle day", ELAPSED_MIDDLE
    elif "next year" in low:
        year, rule = published.year + 1, FUTURE
    else:
        year = published.year - 1
    month, day = _PART_OF_YEAR.get(part, (7, 1))
    why = f"{part} part of the year: its middle" if part else "year: mid-year (1 July)"
    return dt.date(year, month, day), why, rule


def _shift(low: str) -> tuple[int, str] | None:
    """(days, unit) a chained expression moves from its anchor; None when unknown."""
    if re.search(r"\bhours\b|later\s+that|same\s+(?:day|night)|that\s+(?:day|night)", low):
        return 0, "day"
    sign = -1 if re.search(r"\b(?:earlier|before|previous|preceding)\b", low) else 1
    if re.search(r"\bthe\s+(?:next|following|previous|preceding|day)\b", low):
        unit = re.search(r"(day|morning|night|evening|week|month)\b", low)
        name = unit.group(1) if unit else "day"
        return sign * UNIT_DAYS.get(name, 1), name  # a morning, night or evening: a day
    num = re.match(rf"({NUM})\s+(day|week|month)s?", low)
    if num is None:
        return None
    count = COUNT_WORDS.get(" ".join(num.group(1).split()))
    count = int(num.group(1)) if count is None and num.group(1).isdigit() else count
    if count is None:
        return None
    return sign * count * UNIT_DAYS[num.group(2)], num.group(2)


def _ago(low: str, published: dt.date) -> tuple[dt.date, Precision, str]:
    num = re.match(rf"({NUM})\s+(day|week|month|year|decade)s?", low)
    assert num is not None
    count = COUNT_WORDS.get(" ".join(num.group(1).split())) or int(num.group(1) or 1)
    unit = num.group(2)
    precision: Precision = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")  # type: ignore[assignment]
    return (
        published - dt.timedelta(days=count * UNIT_DAYS[unit]),
        precision,
        f"{count} {unit}(s) before publication",
    )


def _value(
    date: dt.date | None, precision: Precision | None, expr: str, start: int | None,
    end: int | None, reason: str, rule: Rule,
) -> DateValue:  # fmt: skip
    fire(rule, "chose" if date is not None else "refused", expr, start, reason)
    if date is None:
        return DateValue(None, None, expr, start, end, rule.why(reason), rule.id)
    return DateValue(date.isoformat(), precision, expr, start, end, rule.why(reason), rule.id)


def resolve_time(
    expr: str,
    published: dt.date | None,
    *,
    anchor: DateValue | None = None,
    start: int | None = None,
    end: int | None = None,
    month_first: bool = False,
) -> DateValue:
    """Resolve one time expression against the publication date (or the ``anchor``).

    The text is always kept; the value is None with a reason when it cannot be resolved.
    """
    classified = classify(expr)
    if classified is None:
        return _fallback(expr, published, start, end)
    kind, low = classified

    def out(date: dt.date | None, precision: Precision | None, why: str, rule: Rule) -> DateValue:
        return _value(date, precision, expr, start, end, why, rule)

    if kind == "date":
        date, why, rule = _explicit_date(low, month_first, published)
        return out(date, "day", why, rule)
    if kind in ("duration", "vague"):
        return out(None, None, f"{kind}: not an event date", FINDERS[kind])
    if kind == "time":
        if anchor is not None and anchor.value is not None:
            fire(TIME_OF_DAY, "chose", expr, start, "anchor's date")
            why = TIME_OF_DAY.why("time of day: anchor's date")
            return DateValue(anchor.value, anchor.precision, expr, start, end, why, TIME_OF_DAY.id)
        return out(None, None, "time of day only", TIME_OF_DAY)
    if kind == "relative":
        if anchor is None or anchor.value is None:
            return out(None, None, "relative to an earlier event with no known date", CHAINED)
        shift = _shift(low)
        if shift is None:
            return out(None, None, "unreadable shift", CHAINED)
        base = dt.date.fromisoformat(anchor.value)
        why = f"anchor {anchor.value} shifted {shift[0]:+d} days; anchor's precision"
        return out(base + dt.timedelta(days=shift[0]), anchor.precision, why, CHAINED)
    if kind == "month" and re.search(MONTH, low) and not re.search(r"\bmonth\b", low):
        date, why = _named_month(low, published)
        return out(date, "month", why, MONTH_MIDDLE)
    if kind == "year":
        date, why, rule = _year(low, published)
        return out(date, "year", why, rule)
    if published is None:
        return out(None, None, "no publication date", FINDERS.get(kind, CHAINED_EXPRESSION))
    if kind == "weekday":
        date, why, rule = _weekday(low, published)
        return out(date, "day", why, rule)
    if kind == "deictic":
        back = (
            2
            if "before yesterday" in low
            else 1
            if re.search(r"yesterday|last|overnight", low)
            else 0
        )
        why = {
            0: "same day as publication",
            1: "day before publication",
            2: "two days before publication",
        }[back]
        rule = PUBLICATION_DAY if back == 0 else DAY_BEFORE
        return out(published - dt.timedelta(days=back), "day", why, rule)
    if kind == "week":
        date, why, rule = _week(low, published)
        return out(date, "week", why, rule)
    if kind == "month":
        date, why, rule = _month_rel(low, published)
        return out(date, "month", why, rule)
    if kind == "ago":
        date, precision, why = _ago(low, published)
        return out(date, precision, why, AGO)
    return out(None, None, f"unhandled kind {kind}", FALLBACK)


def resolve_expr(
    te: TimeExpr, published: dt.date | None, *, anchor: DateValue | None = None
) -> DateValue:
    """:func:`resolve_time` for a found :class:`TimeExpr`, keeping its offsets."""
    return resolve_time(te.text, published, anchor=anchor, start=te.start, end=te.end)


def _fallback(
    expr: str, published: dt.date | None, start: int | None, end: int | None
) -> DateValue:
    """dateparser, only for forms the patterns miss (it is slow to import and to run)."""

    def none(why: str) -> DateValue:
        return _value(None, None, expr, start, end, why, FALLBACK)

    if not expr.strip() or len(expr) > 60:
        return none("no time expression")
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    try:
        parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    except Exception:  # dateparser raises many types on odd input; a miss is not an error
        parsed = None
    if parsed is None:
        return none("no time expression")
    if published is None and not re.search(r"\d{4}", expr):
        return none("no publication date")
    return _value(parsed.date(), "day", expr, start, end, "dateparser fallback", FALLBACK)
