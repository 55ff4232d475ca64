"""Time expressions and their resolution against a publication date (ACLED precision)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscoder.resolve.dates import find_time_expressions, resolve_expr, resolve_time
from newscoder.types import DateValue

PUB = dt.date(2022, 12, 2)  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on Friday", "2022-12-02", "day"),
        ("Friday's attack", "2022-12-02", "day"),
        ("Friday afternoon", "2022-12-02", "day"),
        ("on Tuesday", "2022-11-29", "day"),
        ("Tuesday night", "2022-11-29", "day"),
        ("on Sunday night", "2022-11-27", "day"),
        ("last Friday", "2022-11-25", "day"),
        ("next Monday", "2022-12-05", "day"),
        ("today", "2022-12-02", "day"),
        ("this morning", "2022-12-02", "day"),
        ("tonight", "2022-12-02", "day"),
        ("yesterday", "2022-12-01", "day"),
        ("last night", "2022-12-01", "day"),
        ("overnight", "2022-12-01", "day"),
        ("the day before yesterday", "2022-11-30", "day"),
        ("On 9 May 2020", "2020-05-09", "day"),
        ("May 9, 2020", "2020-05-09", "day"),
        ("On 27 December 2022,", "2022-12-27", "day"),
        ("9 May", "2022-05-09", "day"),
        ("May 9", "2022-05-09", "day"),
        ("on 25 December", "2021-12-25", "day"),
        ("2020-05-09", "2020-05-09", "day"),
        ("9/5/2020", "2020-05-09", "day"),
        ("the 1st of March", "2022-03-01", "day"),
        ("between 7 and 9 May", "2022-05-07", "day"),
        ("on the night of 3-4 June", "2022-06-03", "day"),
        ("Saturday (June 4)", "2022-06-04", "day"),
        ("earlier this week", "2022-11-29", "week"),
        ("this week", "2022-11-30", "week"),
        ("last week", "2022-11-24", "week"),
        ("two weeks ago", "2022-11-18", "week"),
        ("three days ago", "2022-11-29", "day"),
        ("In September", "2022-09-15", "month"),
        ("in December", "2022-12-15", "month"),
        ("in September 2021", "2021-09-15", "month"),
        ("mid-October", "2022-10-15", "month"),
        ("last month", "2022-11-15", "month"),
        ("earlier this month", "2022-12-01", "month"),
        ("last year", "2021-07-01", "year"),
        ("late last year", "2021-11-15", "year"),
        ("early last year", "2021-02-15", "year"),
        ("in 2019", "2019-07-01", "year"),
        ("in late 2019", "2019-11-15", "year"),
    ],
)
def test_resolve_against_publication(text: str, value: str, precision: str) -> None:
    got = resolve_time(text, PUB)
    assert (got.value, got.precision) == (value, precision), got.reason
    assert got.text == text and got.reason


def test_earlier_this_week_stays_inside_the_week() -> None:
    got = resolve_time("earlier this week", PUB)
    assert "2022-11-28" <= (got.value or "") <= "2022-12-01"


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("A day later", 1),
        ("the next day", 1),
        ("the following day", 1),
        ("two days later", 2),
        ("hours later", 0),
        ("later that day", 0),
        ("the day before", -1),
        ("a week later", 7),
        ("three days earlier", -3),
    ],
)
def test_chained_to_anchor(text: str, shift: int) -> None:
    anchor = resolve_time("earlier this week", PUB)
    got = resolve_time(text, PUB, anchor=anchor)
    expected = dt.date.fromisoformat(anchor.value or "") + dt.timedelta(days=shift)
    assert got.value == expected.isoformat()
    assert got.precision == "week"  # the anchor's precision is kept
    day_anchor = DateValue("2023-03-10", "day", "on 10 March")
    assert resolve_time(text, PUB, anchor=day_anchor).precision == "day"


def test_chained_without_anchor_is_unresolved() -> None:
    got = resolve_time("A day later", PUB)
    assert got.value is None and got.text == "A day later" and got.reason


@pytest.mark.parametrize(
    "text",
    ["on Friday", "yesterday", "earlier this week", "last month", "In September", "9 May"],
)
def test_no_publication_date_keeps_text(text: str) -> None:
    got = resolve_time(text, None)
    assert (got.value, got.precision, got.text) == (None, None, text)
    assert got.reason


def test_explicit_full_date_without_publication() -> None:
    assert resolve_time("On 9 May 2020", None).value == "2020-05-09"
    assert resolve_time("in 2019", None).value == "2019-07-01"


def test_month_first_flag() -> None:
    assert resolve_time("5/9/2020", PUB, month_first=True).value == "2020-05-09"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Gunmen attacked a church in Owo on Sunday, days after the governor warned of "
            "threats; the region has seen attacks for months.",
            [("on Sunday", "weekday"), ("days after", "vague"), ("for months", "duration")],
        ),
        (
            "On 27 December 2022, a drone struck a market in Sahel. About 15 minutes later a "
            "second blast followed, around 3:30 p.m.",
            [
                ("On 27 December 2022", "date"),
                ("About 15 minutes later", "time"),
                ("around 3:30 p.m.", "time"),
            ],
        ),
        (
            "Fighting over the past year and in recent days has displaced thousands in Sudan.",
            [("over the past year", "duration"), ("in recent days", "vague")],
        ),
        (
            "Protesters marched in Bogota on the night of 3-4 June, and again a day later.",
            [("on the night of 3-4 June", "range"), ("a day later", "relative")],
        ),
        ("The army may 5 times reconsider; the march went on.", []),
        ("A ceasefire has held since 2019 in Mindanao.", [("since 2019", "duration")]),
        ("The 20-year war ended, he said.", []),
    ],
)
def test_find_time_expressions(text: str, kinds: list[tuple[str, str]]) -> None:
    found = find_time_expressions(text)
    assert [(t.text, t.kind) for t in found] == kinds
    for t in found:
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize("text", ["for months", "in recent days", "days after", "three months"])
def test_durations_have_no_value(text: str) -> None:
    assert resolve_time(text, PUB).value is None


def test_resolve_expr_keeps_offsets() -> None:
    text = "Rebels in North Kivu attacked a village on Tuesday."
    (te,) = find_time_expressions(text, offset=7)
    got = resolve_expr(te, PUB)
    assert (got.value, got.start, got.end) == ("2022-11-29", te.start, te.end)


def test_time_of_day_keeps_anchor_date() -> None:
    anchor = DateValue("2022-12-02", "day", "on Friday")
    assert resolve_time("around 3:30 p.m.", PUB, anchor=anchor).value == "2022-12-02"
    assert resolve_time("around 3:30 p.m.", PUB).value is None


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for te in find_time_expressions(text):
        assert 0 <= te.start < te.end <= len(text)
        assert text[te.start : te.end] == te.text
        resolve_expr(te, PUB)
        resolve_expr(te, None)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_resolve_time_on_arbitrary_text(text: str) -> None:
    got = resolve_time(text, PUB)
    assert got.text == text
    assert got.value is None or len(got.value) == 10


def test_time_word_lists() -> None:
    from newscoder.lexicon import word_list, word_map

    assert {"september", "sept", "may"} <= set(word_map("month_names"))
    assert word_list("weekday_names")[4] == "friday"  # date.weekday() of a Friday
    assert {"yesterday", "week", "overnight"} <= set(word_list("time_keywords"))


def test_a_named_day_outranks_a_span_counted_from_another_event(code_text):
    text = "Gunmen killed two people in Funtua on Tuesday, two days after an attack on its market."
    event = code_text(text, published="2024-02-14")["events"][0]
    assert event["date"]["value"] == "2024-02-13"


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        # A date opening the sentence dates its event, not the noun a later clause dates.
        ("On 6 June 2023, rioters torched cars in Kano over a governorship poll held on May 30.",
         "2023-06-09", "2023-06-06"),
        # A day outranks the range in brackets after it.
        ("Around 14 March 2023 (between 12 - 16 March), soldiers detained nine traders in Mopti.",
         "2023-03-17", "2023-03-14"),
        # A month after publication is a plan, not the event's date.
        ("3 February. Rioters blocked a bridge in Onitsha to demand a census in April 2023.",
         "2023-02-06", "2023-02-03"),
    ],
)  # fmt: skip
def test_which_date_in_a_sentence_is_the_events(code_text, text, published, date):
    event = code_text(text, published=published)["events"][0]
    assert event["date"]["value"] == date


def test_an_opening_date_after_around_outranks_the_range_in_brackets(code_text):
    text = (
        "Around 30 April 2021 (between 30 April - 2 May), villagers in Kandi beat to death "
        "two men they suspected of stealing goats."
    )
    event = code_text(text, "2021-05-04")["events"][0]
    assert event["date"]["value"] == "2021-04-30"
