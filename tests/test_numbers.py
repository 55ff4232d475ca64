"""Count phrases read the ACLED way (lowest sure figure)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscoder.extract.numbers import find_counts, load_json, parse_count, person_nouns


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30", 30),
        ("1,200", 1200),
        ("twenty-five", 25),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("two hundred", 200),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("a soldier", 1),
        ("an aid worker", 1),
        ("a 25-year-old man", 1),
        ("at least 5", 5),
        ("more than 30", 30),
        ("over 30", 30),
        ("up to 10", 10),
        ("fewer than 10", 9),
        ("some 30 people", 30),
        ("10 to 12", 10),
        ("10-12", 10),
        ("between 10 and 12", 10),
        ("between six and about ten", 6),
        ("between 6 and up to 10", 6),
        ("two or three", 2),
        ("several", 3),
        ("a few", 3),
        ("some protesters", 3),
        ("dozens of", 12),
        ("scores of", 20),
        ("hundreds of", 100),
        ("thousands", 1000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a couple of", 2),
        ("both soldiers", 2),
        ("no civilians", 0),
        ("none", 0),
        ("no one", 0),
        ("2000 people", 2000),
        ("another three soldiers", 3),
        ("another soldier", 1),
        ("a death", 1),
        ("one fatality", 1),
    ],
)
def test_parse_count(text: str, expected: int) -> None:
    found = parse_count(text)
    assert found is not None, text
    assert found[0] == expected
    assert found[1]


@pytest.mark.parametrize(
    "text",
    [
        "$500",
        "Rs 500",
        "a 25-year-old",
        "in 2019",
        "at 3:30",
        "9 May",
        "May 9",
        "between 7 and 9 May",
        "3-4 June",
        "one of the deadliest",
        "one another",
        "the 20-year war",
        "MS-13 members",
        "M-23 fighters",
        "COVID-19 patients",
        "30%",
        "5 km",
        "No group",
        "a car bomb near the police station",
        "some time",
        "another",
    ],
)
def test_not_a_count(text: str) -> None:
    assert parse_count(text) is None


def test_find_counts_offsets_and_reasons() -> None:
    text = "Gunmen in Zamfara killed at least 12 villagers and abducted dozens of women."
    found = list(find_counts(text, offset=100))
    assert [(v, text[s - 100 : e - 100]) for v, s, e, _, _ in found] == [
        (12, "at least 12"),
        (12, "dozens of"),
    ]
    assert "lower bound" in found[0][3]


def test_data_files_load() -> None:
    words = load_json("number_words.json")
    assert words["units"]["nineteen"] == 19
    assert words["vague"]["dozens"][0] == 12
    assert {"soldiers", "men", "children", "police officers"} <= person_nouns()


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    for value, start, end, reason, _ in find_counts(text):
        assert 0 <= start < end <= len(text)
        assert value >= 0 and reason
