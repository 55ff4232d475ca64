"""How the press of South Asia tells police acts: "held" for arrested, "thrashed",
"clubbed" and "roughed up", what is "yet to" happen, what an arrest is "in connection
with", and deaths counted before "due to".

Texts are written for this project (never copied from evaluation data).
"""

from __future__ import annotations

import pytest

DAY = "2022-03-09"


def _first(code_text, text: str) -> dict:
    events = code_text(text, DAY)["events"]
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, police held three activists in Pune for rioting.",
        "On Monday, five youths were held in Pune for the murder of a trader.",
    ],
)
def test_people_held_are_arrested(code_text, text):
    # EV800: "held" people, by forces or by no one told, are an arrest
    event = _first(code_text, text)
    assert event["acled"]["sub_event_type"] == "Arrests"
    assert event["actor1"]["type"] == "State forces"
    assert event["fatalities"] == 0  # the murder they are held for is the charge (EV591)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, a meeting of the traders was held in Pune.",
        "On Monday, two shopkeepers were held hostage by gunmen in Pune.",
        "On Monday, the police held the organisers responsible for the stampede in Pune.",
        "On Monday, the passengers were held up for hours at the station in Pune.",
        "The exams, which were held in Pune on Monday, went off smoothly.",
        "Officials said on Monday that the three activists have been held for two years in Pune.",
    ],
)
def test_held_that_is_no_arrest(code_text, text):
    # EV801: meetings held, hostages, blame, delays, things and detention terms are no arrest
    events = code_text(text, DAY)["events"]
    assert all(e["acled"]["sub_event_type"] != "Arrests" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, policemen thrashed the students outside the college in Pune.",
        "On Monday, two constables clubbed a vendor in Pune.",
        "On Monday, the police roughed up the hawkers in Pune.",
    ],
)
def test_beatings_in_other_words(code_text, text):
    event = _first(code_text, text)
    assert (event["plover"]["type"], event["plover"]["mode"]) == ("ASSAULT", "beat")
    assert event["actor1"]["type"] == "State forces"


def test_what_is_yet_to_happen_has_not_happened(code_text):
    # EV165: "are yet to arrest", "are yet to be arrested"
    for text in (
        "The police in Pune are yet to arrest the two suspects, an officer said on Monday.",
        "The two suspects are yet to be arrested, the police in Pune said on Monday.",
    ):
        event = _first(code_text, text)
        assert event["status"] == "negated", text


def test_the_offence_an_arrest_is_in_connection_with_is_no_event(code_text):
    # EV591: "in connection with" ties the arrest to its offence; the killing told in
    # a relative clause on the offence is the charge too, not a killing by the police
    text = (
        "On Monday, police arrested 18 men in Pune in connection with the riot in which a "
        "trader was killed."
    )
    events = code_text(text, DAY)["events"]
    assert [e["acled"]["sub_event_type"] for e in events] == ["Arrests"]
    assert events[0]["fatalities"] == 0


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("On Monday, twelve deaths due to police firing were reported in Surat.", 12),
        ("Officials said on Monday that 14 deaths were reported after the riot in Surat.", 14),
    ],
)
def test_deaths_counted_before_a_cause_or_a_verb(code_text, text, fatalities):
    # CA130: "N deaths" followed by "due to" or by a verb ("were reported")
    assert _first(code_text, text)["fatalities"] == fatalities
