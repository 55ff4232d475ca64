"""Parse helpers: which child a verb's argument is (extract/syntax.py)."""

from __future__ import annotations


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
