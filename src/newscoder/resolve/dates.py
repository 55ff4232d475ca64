"""Time expressions: found in plain text, resolved against the publication date.

``find_time_expressions`` marks every expression with a kind; ``resolve_time`` turns one
into a :class:`~newscoder.types.DateValue` the ACLED way: day, week or month precision,
with the MIDDLE day of a week or month as the value (year precision: the middle of the
year or of the part of it named, "late last year" = 15 November). Decisions:

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
from dataclasses import dataclass
from functools import cache

from newscoder.extract.numbers import load_json, lower_same_length, trie_regex
from newscoder.types import DateValue, Precision

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "night": 1, "morning": 1, "evening": 1, "week": 7}
_PART_OF_YEAR = {"early": (2, 15), "mid": (7, 1), "late": (11, 15)}

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![\w])"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DAYPART = r"(?:morning|afternoon|evening|night|dawn|midday|noon|midnight)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|few|\d+)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"

# (kind, pattern) pairs, all over lower-cased text; the longest match wins an overlap.
_SPECS: tuple[tuple[str, str], ...] = (
    (
        "date",
        rf"\b(?:(?:on|from|since|between)\s+)?(?:{_WD},?\s*\(?\s*)?(?:the\s+)?(?:night\s+of\s+)?"
        rf"{_DAY}(?:\s*(?:-|–|and|to)\s*{_DAY})?(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR}\b)?\)?",
    ),
    (
        "date",
        rf"\b(?:(?:on|from|since)\s+)?(?:{_WD},?\s*\(?\s*)?{_MON}\s+{_DAY}\b"
        rf"(?:\s*(?:-|–)\s*{_DAY}\b)?(?:,?\s+{_YEAR}\b)?\)?",
    ),
    ("date", rf"\b{_YEAR}-[01]\d-[0-3]\d\b"),
    ("date", r"\b[0-3]?\d/[01]?\d/(?:\d\d)?\d\d\b"),
    (
        "month",
        rf"\b(?:(?:in|during|since|by|until|through|throughout|of|last|this|next)\s+)?"
        rf"(?:(?:early|late|mid)[\s-]+|mid-)?{_MON}(?:,?\s+{_YEAR}\b|(?<=[a-z.])(?='s|’s))",
    ),
    (
        "month",
        rf"\b(?:in|during|since|until|through|throughout|last|this|next|early|late)\s+"
        rf"(?:(?:early|late|mid)[\s-]+)?{_MON}",
    ),
    ("month", rf"\bmid-{_MON}"),
    (
        "year",
        rf"\b(?:(?:in|during|since|until|by|through|throughout)\s+)(?:(?:early|late|mid)[\s-]+)?"
        rf"{_YEAR}\b(?![-/])",
    ),
    (
        "year",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|the\s+previous|the\s+past)"
        r"\s+year\b",
    ),
    (
        "weekday",
        rf"\b(?:(?:on|last|this|next|early|late|overnight)\s+)?{_WD}(?:'s|’s)?"
        rf"(?:\s+{_DAYPART})?\b",
    ),
    (
        "deictic",
        rf"\b(?:the\s+day\s+before\s+yesterday|(?:early|late)?\s*yesterday(?:\s+{_DAYPART})?"
        rf"|last\s+night|overnight|today|tonight|earlier\s+today|this\s+{_DAYPART})\b",
    ),
    (
        "week",
        r"\b(?:(?:earlier|early|late|later)\s+)?(?:this|last|next|the\s+previous)\s+week\b"
        r"|\bat\s+the\s+(?:start|end|beginning)\s+of\s+(?:the|this|last)\s+week\b",
    ),
    (
        "month",
        r"\b(?:(?:earlier|early|late|later)\s+)?(?:this|last|next|the\s+previous)\s+month\b",
    ),
    (
        "relative",
        rf"\b(?:{_NUM}\s+(?:days?|weeks?|months?)\s+(?:later|earlier|before|after)"
        r"|the\s+(?:next|following|previous|preceding)\s+(?:day|morning|night|evening|week|month)"
        r"|the\s+day\s+(?:before|after)|(?:a\s+few\s+|several\s+|two\s+|three\s+)?hours\s+later"
        r"|later\s+(?:that|the\s+same)\s+day|(?:on\s+)?(?:that|the\s+same)\s+(?:day|night)"
        r"|earlier\s+(?:that|the\s+same)\s+day)\b",
    ),
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    (
        "duration",
        rf"\b(?:for|over|in|during|within|throughout)\s+(?:the\s+)?"
        rf"(?:(?:past|last|previous|coming|next)\s+)?(?:(?:{_NUM})\s+)?{_UNIT}\b"
        r"|\b(?:months|weeks|years|decades|days)[\s-]?long\b|\bweek-?long\b"
        rf"|\b(?:since\s+{_YEAR}\b)|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
        rf"{_UNIT}\b(?![\s-]*(?:ago|later|earlier|before|after|old))",
    ),
    (
        "vague",
        r"\b(?:recently|lately|in\s+recent\s+(?:days|weeks|months|years)"
        r"|(?:days|weeks|months|years)\s+(?:after|before|earlier|later))\b",
    ),
    (
        "time",
        r"\b(?:(?:at|around|about|by|from|until|shortly\s+(?:before|after))\s+)?"
        r"\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|gmt\b|local\s+time\b)"
        r"|\b(?:(?:about|around|some)\s+)?(?:\d+|a\s+few|several|half\s+an|an|a|one|two|five|"
        r"ten|fifteen|twenty|thirty|forty)\s+(?:minutes?|hour)\s+(?:later|after|earlier|before)",
    ),
)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression in the text; ``kind`` says how (and whether) it dates an event."""

    text: str
    start: int
    end: int
    kind: str


_WINDOW = 50


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in _SPECS)


@cache
def _keyword_pattern() -> re.Pattern[str]:
    """Every expression holds one of these words or a digit: patterns run only near them."""
    keywords = load_json("time_words.json")["keywords"]
    return re.compile(rf"\d|\b(?:{trie_regex(keywords)})\b")


def _segments(low: str) -> list[tuple[int, int]]:
    """Stretches of text around time keywords, merged; the only places worth scanning."""
    segments: list[tuple[int, int]] = []
    for hit in _keyword_pattern().finditer(low):
        start = max(0, hit.start() - _WINDOW)
        end = min(len(low), hit.end() + _WINDOW)
        if segments and start <= segments[-1][1]:
            segments[-1] = (segments[-1][0], end)
        else:
            segments.append((start, end))
    # Widen to whitespace so no word is cut at a segment's edge.
    widened = []
    for start, end in segments:
        while start > 0 and not low[start - 1].isspace():
            start -= 1
        while end < len(low) and not low[end].isspace():
            end += 1
        widened.append((start, end))
    return widened


def _modal_may(text: str, start: int, end: int) -> bool:
    """ "may 5 people" or "march 3 km": lower-case modal verbs are not months."""
    for word in re.finditer(r"\b(?:may|march)\b", text[start:end], re.IGNORECASE):
        if word.group(0)[0].islower():
            return True
    return False


def _scan(text: str) -> list[tuple[int, int, str]]:
    low = lower_same_length(text)
    found: set[tuple[int, int, str]] = set()
    for seg_start, seg_end in _segments(low):
        found.update(_scan_segment(text, low, seg_start, seg_end))
    ordered = sorted(found, key=lambda f: (f[0] - f[1], f[0]))
    kept: list[tuple[int, int, str]] = []
    for item in ordered:
        if all(item[1] <= k[0] or k[1] <= item[0] for k in kept):
            kept.append(item)
    kept.sort()
    return kept


def _scan_segment(text: str, low: str, seg_start: int, seg_end: int) -> list[tuple[int, int, str]]:
    found = []
    for kind, pattern in _compiled():
        for match in pattern.finditer(low, seg_start, seg_end):
            start, end = match.start(), match.end()
            if end == start or _modal_may(text, start, end):
                continue
            word = low[start:end]
            if kind in ("month", "year", "date") and word.startswith("since "):
                kind_here = "duration"
            else:
                kind_here = kind
            found.append((start, end, kind_here))
    return found


def find_time_expressions(text: str, offset: int = 0) -> list[TimeExpr]:
    """Every time expression in ``text`` with its kind, ordered by position.

    Kinds: date, range, month, year, weekday, deictic, week, relative, ago (resolvable);
    duration, vague, time (not an event date: the caller skips them).
    """
    out = []
    for start, end, kind in _scan(text):
        phrase = text[start:end]
        if kind == "date" and re.search(rf"{_DAY}\s*(?:-|–|and|to)\s*{_DAY}", phrase.lower()):
            kind = "range"
        out.append(TimeExpr(phrase, start + offset, end + offset, kind))
    return out


def _classify(expr: str) -> tuple[str, str] | None:
    """The kind and lower-cased text of the main expression inside ``expr``."""
    scanned = _scan(expr)
    if not scanned:
        return None
    start, end, kind = max(scanned, key=lambda s: s[1] - s[0])
    return kind, lower_same_length(expr)[start:end]


def _month_of(word: str) -> int | None:
    return _MONTH_NUM.get(word[:3])


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


def _explicit_date(low: str, month_first: bool, published: dt.date | None):
    """(date, why) for a day-precision explicit date, or (None, why)."""
    iso = re.search(rf"({_YEAR})-([01]\d)-([0-3]\d)", low)
    if iso:
        return _ymd(int(iso[1]), int(iso[2]), int(iso[3])), "ISO date"
    slash = re.search(r"([0-3]?\d)/([01]?\d)/(\d{2,4})", low)
    if slash:
        a, b, year = int(slash[1]), int(slash[2]), int(slash[3])
        year += 2000 if year < 100 else 0
        day, month = (b, a) if month_first else (a, b)
        order = "month first" if month_first else "day first"
        return _ymd(year, month, day), f"numeric date read {order}"
    month_m = re.search(_MON, low)
    day_m = re.search(rf"(?<![\d])({_DAY})", low)
    if month_m is None or day_m is None:
        return None, "no day and month"
    month = _month_of(month_m.group(0))
    day = int(re.match(r"\d+", day_m.group(1)).group(0))  # type: ignore[union-attr]
    year_m = re.search(rf"\b({_YEAR})\b", low)
    why = "explicit date"
    if re.search(rf"{_DAY}\s*(?:-|–|and|to)\s*{_DAY}", low):
        why = "multi-day range: first day, as ACLED codes the earliest date"
    if month is None:
        return None, "unknown month"
    if year_m:
        return _ymd(int(year_m.group(1)), month, day), why
    if published is None:
        return None, "date without year and no publication date"
    return _most_recent(
        month, day, published
    ), f"{why}; year from publication (latest not after it)"


def _weekday(low: str, published: dt.date) -> tuple[dt.date, str]:
    wd = next(i for i, name in enumerate(_WEEKDAYS) if name in low)
    back = (published.weekday() - wd) % 7
    if low.startswith("next "):
        ahead = (wd - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), "next weekday after publication (future)"
    if low.startswith("last ") and back == 0:
        return published - dt.timedelta(days=7), "'last' weekday: the one before publication day"
    return published - dt.timedelta(days=back), "latest such weekday on or before publication"


def _week(low: str, published: dt.date) -> tuple[dt.date, str]:
    monday = published - dt.timedelta(days=published.weekday())
    if "next week" in low:
        return monday + dt.timedelta(days=10), "next week, middle day (future)"
    if "last week" in low or "previous week" in low:
        first, last = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        if low.startswith("late"):
            first = first + dt.timedelta(days=3)
        elif low.startswith("early"):
            last = first + dt.timedelta(days=2)
        return _mid(first, last), "previous week, middle day"
    last = published
    if low.startswith(("earlier", "early")) and published > monday:
        last = published - dt.timedelta(days=1)
    return _mid(monday, last), "this week up to publication, middle day"


def _month_rel(low: str, published: dt.date) -> tuple[dt.date, str]:
    if "last month" in low or "previous month" in low:
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return prev.replace(day=15), "previous month, middle day"
    if "next month" in low:
        following = published.replace(day=28) + dt.timedelta(days=4)
        return following.replace(day=15), "next month, middle day (future)"
    first = published.replace(day=1)
    last = published
    if low.startswith("earlier") and published.day > 1:
        last = published - dt.timedelta(days=1)
    return _mid(first, last), "this month up to publication, middle day"


def _named_month(low: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    month = _month_of(re.search(_MON, low).group(0))  # type: ignore[union-attr]
    assert month is not None
    year_m = re.search(rf"\b({_YEAR})\b", low)
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


def _year(low: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    explicit = re.search(rf"\b({_YEAR})\b", low)
    part = next((p for p in ("early", "late", "mid") if re.search(rf"\b{p}", low)), "")
    if explicit:
        year = int(explicit.group(1))
    elif published is None:
        return None, "no publication date"
    elif "this year" in low:
        first = dt.date(published.year, 1, 1)
        return _mid(first, published), "this year up to publication, middle day"
    elif "next year" in low:
        year = published.year + 1
    else:
        year = published.year - 1
    month, day = _PART_OF_YEAR.get(part, (7, 1))
    why = f"{part} part of the year: its middle" if part else "year: mid-year (1 July)"
    return dt.date(year, month, day), why


def _shift(low: str) -> tuple[int, str] | None:
    """(days, unit) a chained expression moves from its anchor; None when unknown."""
    if re.search(r"\bhours\b|later\s+that|same\s+(?:day|night)|that\s+(?:day|night)", low):
        return 0, "day"
    sign = -1 if re.search(r"\b(?:earlier|before|previous|preceding)\b", low) else 1
    if re.search(r"\bthe\s+(?:next|following|previous|preceding|day)\b", low):
        unit = re.search(r"(day|morning|night|evening|week|month)\b", low)
        name = unit.group(1) if unit else "day"
        return sign * (30 if name == "month" else _UNIT_DAYS[name]), name
    num = re.match(rf"({_NUM})\s+(day|week|month)s?", low)
    if num is None:
        return None
    count = _SMALL.get(" ".join(num.group(1).split()))
    count = int(num.group(1)) if count is None and num.group(1).isdigit() else count
    if count is None:
        return None
    return sign * count * (30 if num.group(2) == "month" else _UNIT_DAYS[num.group(2)]), num.group(
        2
    )


def _ago(low: str, published: dt.date) -> tuple[dt.date, Precision, str]:
    num = re.match(rf"({_NUM})\s+(day|week|month|year|decade)s?", low)
    assert num is not None
    count = _SMALL.get(" ".join(num.group(1).split())) or int(num.group(1) or 1)
    unit = num.group(2)
    days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}[unit]
    precision: Precision = {"day": "day", "week": "week", "month": "month"}.get(unit, "year")  # type: ignore[assignment]
    return (
        published - dt.timedelta(days=count * days),
        precision,
        f"{count} {unit}(s) before publication",
    )


def _value(
    date: dt.date | None, precision: Precision | None, expr: str, start: int | None,
    end: int | None, reason: str,
) -> DateValue:  # fmt: skip
    if date is None:
        return DateValue(None, None, expr, start, end, reason)
    return DateValue(date.isoformat(), precision, expr, start, end, reason)


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
    classified = _classify(expr)
    if classified is None:
        return _fallback(expr, published, start, end)
    kind, low = classified

    def out(date: dt.date | None, precision: Precision | None, why: str) -> DateValue:
        return _value(date, precision, expr, start, end, why)

    if kind == "date":
        date, why = _explicit_date(low, month_first, published)
        return out(date, "day", why)
    if kind in ("duration", "vague"):
        return out(None, None, f"{kind}: not an event date")
    if kind == "time":
        if anchor is not None and anchor.value is not None:
            return DateValue(
                anchor.value, anchor.precision, expr, start, end, "time of day: anchor's date"
            )
        return out(None, None, "time of day only")
    if kind == "relative":
        if anchor is None or anchor.value is None:
            return out(None, None, "relative to an earlier event with no known date")
        shift = _shift(low)
        if shift is None:
            return out(None, None, "unreadable shift")
        base = dt.date.fromisoformat(anchor.value)
        why = f"anchor {anchor.value} shifted {shift[0]:+d} days; anchor's precision"
        return out(base + dt.timedelta(days=shift[0]), anchor.precision, why)
    if kind == "month" and re.search(_MON, low) and not re.search(r"\bmonth\b", low):
        date, why = _named_month(low, published)
        return out(date, "month", why)
    if kind == "year":
        date, why = _year(low, published)
        return out(date, "year", why)
    if published is None:
        return out(None, None, "no publication date")
    if kind == "weekday":
        date, why = _weekday(low, published)
        return out(date, "day", why)
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
        return out(published - dt.timedelta(days=back), "day", why)
    if kind == "week":
        date, why = _week(low, published)
        return out(date, "week", why)
    if kind == "month":
        date, why = _month_rel(low, published)
        return out(date, "month", why)
    if kind == "ago":
        date, precision, why = _ago(low, published)
        return out(date, precision, why)
    return out(None, None, f"unhandled kind {kind}")


def resolve_expr(
    te: TimeExpr, published: dt.date | None, *, anchor: DateValue | None = None
) -> DateValue:
    """:func:`resolve_time` for a found :class:`TimeExpr`, keeping its offsets."""
    return resolve_time(te.text, published, anchor=anchor, start=te.start, end=te.end)


def _fallback(
    expr: str, published: dt.date | None, start: int | None, end: int | None
) -> DateValue:
    """dateparser, only for forms the patterns miss (it is slow to import and to run)."""
    if not expr.strip() or len(expr) > 60:
        return DateValue(None, None, expr, start, end, "no time expression")
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    try:
        parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    except Exception:  # dateparser raises many types on odd input; a miss is not an error
        parsed = None
    if parsed is None:
        return DateValue(None, None, expr, start, end, "no time expression")
    if published is None and not re.search(r"\d{4}", expr):
        return DateValue(None, None, expr, start, end, "no publication date")
    return DateValue(parsed.date().isoformat(), "day", expr, start, end, "dateparser fallback")
