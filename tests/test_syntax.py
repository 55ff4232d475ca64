"""Parse helpers: which child a verb's argument is (extract/syntax.py)."""

from __future__ import annotations

import pytest


def test_a_date_the_parse_made_a_second_subject_is_skipped(nlp, code_text):
    from newscoder.extract.syntax import PASSIVE_SUBJECT_DEPS, child

    text = (
        "Movement of forces: Around 29 May 2022 (as reported), in Dalo township, military "
        "forces were stationed at the pagoda and schools in five villages."
    )
    doc = nlp(text)
    verb = next(t for t in doc if t.lower_ == "stationed")
    subject = child(verb, PASSIVE_SUBJECT_DEPS)
    assert subject is not None and subject.lower_ == "forces"
    events = code_text(text, "2022-06-20")["events"]
    assert [e["acled"]["sub_event_type"] for e in events] == ["Change to group/activity"]


@pytest.mark.parametrize(
    ("text", "verb", "doer"),
    [
        # A fronted place phrase with no preposition ("(Lanto township, Pauk district),
        # the army fired"): the parse makes the unit a second subject.
        ("On 3 June 2023, near Sein Ban village (coded as Sein Ban) (Lanto township, Pauk "
         "district, Magway region), the army fired gunshots, injuring a farmer.",
         "fired", "army"),
        # "in Los Amates municipality, Izabal, the military detained": the admin name set
        # off by a comma before the other subject.
        ("On 22 March 2022, in Los Amates municipality, Izabal, the military detained 30 "
         "migrants on a boat.", "detained", "military"),
    ],
)  # fmt: skip
def test_a_fronted_place_the_parse_made_a_second_subject_is_no_doer(
    nlp, code_text, text, verb, doer
):
    from newscoder.extract.syntax import SUBJECT_DEPS, child

    head = next(t for t in nlp(text) if t.lower_ == verb)
    subjects = [c.text for c in head.children if c.dep_ in SUBJECT_DEPS]
    subject = child(head, SUBJECT_DEPS)
    assert subject is not None and subject.lower_ == doer, subjects
    actor1 = code_text(text, "2023-06-05")["events"][0]["actor1"]
    assert actor1["type"] == "State forces"


def test_a_place_alone_is_still_the_subject(nlp):
    from newscoder.extract.syntax import SUBJECT_DEPS, child

    doc = nlp("The village lies near the river.")
    verb = next(t for t in doc if t.lower_ == "lies")
    subject = child(verb, SUBJECT_DEPS)
    assert subject is not None and subject.lower_ == "village"
