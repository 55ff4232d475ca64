"""Time expressions in plain text, each with the kind that says how it dates an event.

Kinds: date, range, month, year, weekday, deictic, week, relative, ago (they date an
event; :mod:`newscoder.resolve.dates` resolves them) and duration, vague, time (they
do not: the caller skips them). The patterns are a grammar over word lists in
``data/words`` (month and weekday names, parts of the day, count words, units); they
run only near the words of ``time_keywords`` (or a digit, a month or a weekday).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from newscoder.lexicon import word_list, word_map
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.textutil import lower_same_length, trie_regex


class TimeKind(StrEnum):
    """How a time expression dates an event: the first nine resolve to a date, the
    last three are no event date."""

    DATE = "date"
    RANGE = "range"
    MONTH = "month"
    YEAR = "year"
    WEEKDAY = "weekday"
    DEICTIC = "deictic"
    WEEK = "week"
    RELATIVE = "relative"
    AGO = "ago"
    DURATION = "duration"
    VAGUE = "vague"
    TIME = "time"


EXPLICIT_DATE = declare(
    "DT005", "explicit-date", Stage.RESOLVE, Kind.FIND,
    "a day and a month ('3 May', 'May 3, 2022', 'on Friday, 3 May'), an ISO or a numeric "
    "date is an explicit date",
)  # fmt: skip
DATE_RANGE = declare(
    "DT010", "date-range", Stage.RESOLVE, Kind.FIND,
    "'between 7 and 9 May', 'the night of 3-4 June', '7 to 9 May': a range of days",
)  # fmt: skip
MONTH_EXPRESSION = declare(
    "DT015", "month-expression", Stage.RESOLVE, Kind.FIND,
    "'in May', 'early June 2021', 'mid-March', 'last month': a month",
)  # fmt: skip
YEAR_EXPRESSION = declare(
    "DT020", "year-expression", Stage.RESOLVE, Kind.FIND,
    "'in 2019', 'late last year', 'this year': a year",
)  # fmt: skip
WEEKDAY_EXPRESSION = declare(
    "DT025", "weekday-expression", Stage.RESOLVE, Kind.FIND,
    "'on Friday', 'last Friday', 'overnight Friday', 'Friday morning': a weekday",
)  # fmt: skip
DEICTIC_EXPRESSION = declare(
    "DT030", "deictic-expression", Stage.RESOLVE, Kind.FIND,
    "'yesterday', 'last night', 'overnight', 'today', 'this morning': a day told from "
    "the day of writing",
)  # fmt: skip
WEEK_EXPRESSION = declare(
    "DT035", "week-expression", Stage.RESOLVE, Kind.FIND,
    "'this week', 'earlier this week', 'last week', 'at the start of the week': a week",
)  # fmt: skip
CHAINED_EXPRESSION = declare(
    "DT040", "chained-expression", Stage.RESOLVE, Kind.FIND,
    "'two days later', 'the next morning', 'the same day': a day counted from the event "
    "told before",
)  # fmt: skip
AGO_EXPRESSION = declare(
    "DT045", "ago-expression", Stage.RESOLVE, Kind.FIND,
    "'three days ago', 'a few weeks ago': a span back from the day of writing",
)  # fmt: skip
DURATION = declare(
    "DT050", "duration-no-date", Stage.RESOLVE, Kind.VETO,
    "'for months', 'over the past three weeks', 'since 2019', 'week-long': a duration, no "
    "event date",
)  # fmt: skip
VAGUE = declare(
    "DT055", "vague-no-date", Stage.RESOLVE, Kind.VETO,
    "'recently', 'in recent weeks', 'days after': too vague to date an event",
)  # fmt: skip
TIME_OF_DAY = declare(
    "DT060", "time-of-day", Stage.RESOLVE, Kind.VETO,
    "'around 3:30 p.m.', 'an hour later': a time of day dates nothing by itself (it keeps "
    "the date of the event it follows)",
)  # fmt: skip
SINCE_DURATION = declare(
    "DT065", "since-is-duration", Stage.RESOLVE, Kind.REFINE,
    "'since 3 May', 'since March 2020': a date after 'since' starts a duration, it does not "
    "date the event",
)  # fmt: skip
MODAL_MAY = declare(
    "DT070", "modal-may-march", Stage.RESOLVE, Kind.VETO,
    "'may 5 people', 'march 3 km': a lower-case 'may' or 'march' is a verb, not a month",
)  # fmt: skip
LONGEST_EXPRESSION = declare(
    "DT075", "longest-expression-wins", Stage.RESOLVE, Kind.CHOOSE,
    "of overlapping readings the longest wins ('Friday, 3 May' is one date); of two of one "
    "span, the pattern listed first ('the previous week': a week)",
)  # fmt: skip

# The rule that finds each kind of expression.
FINDERS: dict[str, Rule] = {  # TimeKind -> rule
    TimeKind.DATE: EXPLICIT_DATE,
    TimeKind.RANGE: DATE_RANGE,
    TimeKind.MONTH: MONTH_EXPRESSION,
    TimeKind.YEAR: YEAR_EXPRESSION,
    TimeKind.WEEKDAY: WEEKDAY_EXPRESSION,
    TimeKind.DEICTIC: DEICTIC_EXPRESSION,
    TimeKind.WEEK: WEEK_EXPRESSION,
    TimeKind.RELATIVE: CHAINED_EXPRESSION,
    TimeKind.AGO: AGO_EXPRESSION,
    TimeKind.DURATION: DURATION,
    TimeKind.VAGUE: VAGUE,
    TimeKind.TIME: TIME_OF_DAY,
}

# Month names and abbreviations -> the month's number ("sept" -> 9).
MONTH_NUMBERS = {name: int(number) for name, number in word_map("month_names").items()}
WEEKDAYS = word_list("weekday_names")  # Monday first: the index is date.weekday()
COUNT_WORDS = {word: int(count) for word, count in word_map("date_count_words").items()}
UNIT_DAYS = {unit: int(days) for unit, days in word_map("time_unit_days").items()}


def _alternatives(entries: Iterable[str]) -> str:
    return "(?:" + "|".join(entries) + ")"


# A prefix tree, so the longest form wins: "september" before "sept" before "sep".
MONTH = f"(?:{trie_regex(MONTH_NUMBERS)})" + r"\.?(?![\w])"
_WD = _alternatives(WEEKDAYS)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"
_DAYPART = _alternatives(word_list("day_parts"))
# "a few" spans any whitespace; a count in digits is a count too.
NUM = _alternatives([*(w.replace(" ", r"\s+") for w in COUNT_WORDS), r"\d+"])
_UNIT = _alternatives(f"{unit}s?" for unit in UNIT_DAYS)

# (kind, pattern) pairs, all over lower-cased text; the longest match wins an overlap.
_SPECS: tuple[tuple[TimeKind, str], ...] = (
    (
        TimeKind.DATE,
        rf"\b(?:(?:on|from|since|between)\s+)?(?:{_WD},?\s*\(?\s*)?(?:the\s+)?(?:night\s+of\s+)?"
        rf"{DAY}(?:\s*(?:-|–|and|to)\s*{DAY})?(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR}\b)?\)?",
    ),
    (
        TimeKind.DATE,
        rf"\b(?:(?:on|from|since)\s+)?(?:{_WD},?\s*\(?\s*)?{MONTH}\s+{DAY}\b"
        rf"(?:\s*(?:-|–)\s*{DAY}\b)?(?:,?\s+{YEAR}\b)?\)?",
    ),
    (TimeKind.DATE, rf"\b{YEAR}-[01]\d-[0-3]\d\b"),
    (TimeKind.DATE, r"\b[0-3]?\d/[01]?\d/(?:\d\d)?\d\d\b"),
    (
        TimeKind.MONTH,
        rf"\b(?:(?:in|during|since|by|until|through|throughout|of|last|this|next)\s+)?"
        rf"(?:(?:early|late|mid)[\s-]+|mid-)?{MONTH}(?:,?\s+{YEAR}\b|(?<=[a-z.])(?='s|’s))",
    ),
    (
        TimeKind.MONTH,
        rf"\b(?:in|during|since|until|through|throughout|last|this|next|early|late)\s+"
        rf"(?:(?:early|late|mid)[\s-]+)?{MONTH}",
    ),
    (TimeKind.MONTH, rf"\bmid-{MONTH}"),
    (
        TimeKind.YEAR,
        rf"\b(?:(?:in|during|since|until|by|through|throughout)\s+)(?:(?:early|late|mid)[\s-]+)?"
        rf"{YEAR}\b(?![-/])",
    ),
    (
        TimeKind.YEAR,
        r"\b(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|the\s+previous|the\s+past)"
        r"\s+year\b",
    ),
    (
        TimeKind.WEEKDAY,
        rf"\b(?:(?:on|last|this|next|early|late|overnight)\s+)?{_WD}(?:'s|’s)?"
        rf"(?:\s+{_DAYPART})?\b",
    ),
    (
        TimeKind.DEICTIC,
        rf"\b(?:the\s+day\s+before\s+yesterday|(?:early|late)?\s*yesterday(?:\s+{_DAYPART})?"
        rf"|last\s+night|overnight|today|tonight|earlier\s+today|this\s+{_DAYPART})\b",
    ),
    (
        TimeKind.WEEK,
        r"\b(?:(?:earlier|early|late|later)\s+)?(?:this|last|next|the\s+previous)\s+week\b"
        r"|\bat\s+the\s+(?:start|end|beginning)\s+of\s+(?:the|this|last)\s+week\b",
    ),
    (
        TimeKind.MONTH,
        r"\b(?:(?:earlier|early|late|later)\s+)?(?:this|last|next|the\s+previous)\s+month\b",
    ),
    (
        TimeKind.RELATIVE,
        rf"\b(?:{NUM}\s+(?:days?|weeks?|months?)\s+(?:later|earlier|before|after)"
        r"|the\s+(?:next|following|previous|preceding)\s+(?:day|morning|night|evening|week|month)"
        r"|the\s+day\s+(?:before|after)|(?:a\s+few\s+|several\s+|two\s+|three\s+)?hours\s+later"
        r"|later\s+(?:that|the\s+same)\s+day|(?:on\s+)?(?:that|the\s+same)\s+(?:day|night)"
        r"|earlier\s+(?:that|the\s+same)\s+day)\b",
    ),
    (TimeKind.AGO, rf"\b{NUM}\s+{_UNIT}\s+ago\b"),
    (
        TimeKind.DURATION,
        rf"\b(?:for|over|in|during|within|throughout)\s+(?:the\s+)?"
        rf"(?:(?:past|last|previous|coming|next)\s+)?(?:(?:{NUM})\s+)?{_UNIT}\b"
        r"|\b(?:months|weeks|years|decades|days)[\s-]?long\b|\bweek-?long\b"
        rf"|\b(?:since\s+{YEAR}\b)|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
        rf"{_UNIT}\b(?![\s-]*(?:ago|later|earlier|before|after|old))",
    ),
    (
        TimeKind.VAGUE,
        r"\b(?:recently|lately|in\s+recent\s+(?:days|weeks|months|years)"
        r"|(?:days|weeks|months|years)\s+(?:after|before|earlier|later))\b",
    ),
    (
        TimeKind.TIME,
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
    kind: str  # a TimeKind


_WINDOW = 50


@cache
def _compiled() -> tuple[tuple[TimeKind, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in _SPECS)


@cache
def _keyword_pattern() -> re.Pattern[str]:
    """Every expression holds one of these words or a digit: patterns run only near them."""
    keywords = [*MONTH_NUMBERS, *WEEKDAYS, *word_list("time_keywords")]
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


def _scan(text: str, offset: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every expression, overlaps resolved. With the text's
    ``offset`` the rules that decided are recorded (a finding pass, not the re-read of
    one expression)."""
    low = lower_same_length(text)
    # Each reading with the place in _SPECS of the first pattern that found it: of two
    # readings of one span ("the previous week": a week, or a span counted from the
    # event before) the pattern listed first wins, whatever the order of a set.
    found: dict[tuple[int, int, str], int] = {}
    for seg_start, seg_end in _segments(low):
        for start, end, kind, order in _scan_segment(text, low, seg_start, seg_end, offset):
            key = (start, end, kind)
            found[key] = min(order, found.get(key, order))
    ordered = sorted(found, key=lambda f: (f[0] - f[1], f[0], found[f]))
    kept: list[tuple[int, int, str]] = []
    for item in ordered:
        over = next((k for k in kept if not (item[1] <= k[0] or k[1] <= item[0])), None)
        if over is None:
            kept.append(item)
        elif offset is not None and over[2] != item[2]:
            phrase = text[item[0] : item[1]]
            fire(LONGEST_EXPRESSION, "absorbed", phrase, item[0] + offset, f"into {over[2]}")
    kept.sort()
    return kept


def _scan_segment(
    text: str, low: str, seg_start: int, seg_end: int, offset: int | None
) -> list[tuple[int, int, str, int]]:
    found = []
    for order, (kind, pattern) in enumerate(_compiled()):
        for match in pattern.finditer(low, seg_start, seg_end):
            start, end = match.start(), match.end()
            if end == start:
                continue
            if _modal_may(text, start, end):
                if offset is not None:
                    fire(MODAL_MAY, "vetoed", text[start:end], start + offset)
                continue
            word = low[start:end]
            if kind in (TimeKind.MONTH, TimeKind.YEAR, TimeKind.DATE) and word.startswith("since "):
                kind_here = TimeKind.DURATION
                if offset is not None:
                    fire(SINCE_DURATION, "rewrote", text[start:end], start + offset)
            else:
                kind_here = kind
            found.append((start, end, kind_here, order))
    return found


def find_time_expressions(text: str, offset: int = 0) -> list[TimeExpr]:
    """Every time expression in ``text`` with its kind, ordered by position.

    Kinds: date, range, month, year, weekday, deictic, week, relative, ago (resolvable);
    duration, vague, time (not an event date: the caller skips them).
    """
    out = []
    for start, end, kind in _scan(text, offset):
        phrase = text[start:end]
        if kind == TimeKind.DATE and re.search(rf"{DAY}\s*(?:-|–|and|to)\s*{DAY}", phrase.lower()):
            kind = TimeKind.RANGE
        finder = FINDERS[kind]
        fire(finder, "vetoed" if finder.kind is Kind.VETO else "found", phrase, start + offset)
        out.append(TimeExpr(phrase, start + offset, end + offset, kind))
    return out


def classify(expr: str) -> tuple[str, str] | None:
    """The kind and lower-cased text of the main expression inside ``expr``."""
    scanned = _scan(expr)
    if not scanned:
        return None
    start, end, kind = max(scanned, key=lambda s: s[1] - s[0])
    return kind, lower_same_length(expr)[start:end]
