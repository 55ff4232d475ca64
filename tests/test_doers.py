"""Doers told outside the trigger's own arguments (EV620, EV621) and events recalled
inside a dated event's phrase (WW510)."""

from __future__ import annotations

import pytest


def _main(record: dict) -> dict:
    return record["events"][0]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 3 May 2022, dozens were killed in Osh after policemen fired their weapons.", "Police"),
        (
            "On 3 May 2022, two men were wounded in Mopti as soldiers stormed the market.",
            "Military",
        ),
    ],
)
def test_the_doer_of_a_dating_clause_did_the_passive_act(code_text, text, actor1):
    event = _main(code_text(text, "2022-05-04"))
    assert event["actor1"]["name"].startswith(actor1)


def test_the_victims_attacking_are_not_their_own_killers(code_text):
    text = "On 3 May 2022, three militants were killed near Gao when they attacked a checkpoint."
    event = _main(code_text(text, "2022-05-04"))
    assert "Unidentified" in event["actor1"]["name"] or "Military" not in event["actor1"]["name"]


def test_shelling_by_the_army_is_the_armys(code_text):
    text = "On 3 May 2022, three civilians were killed in Idlib amid shelling by the army."
    event = _main(code_text(text, "2022-05-04"))
    assert event["actor1"]["name"].startswith("Military Forces of Syria")


def test_a_ground_attack_on_the_shelling_side_stays_a_fight(code_text):
    text = "On 3 May 2022, rebels attacked an army post near Kidal amid shelling by the army."
    event = _main(code_text(text, "2022-05-04"))
    assert event["acled"]["event_type"] == "Battles"


def test_a_killing_told_in_a_recalled_clash_is_recalled(code_text):
    text = (
        "On 15 March 2022, in Lima, relatives of two boys held a rally to demand the release "
        "of a teacher, and justice for the killing of the boys during a clash between the "
        "army and rebels on 4 June 2020 in Tarija."
    )
    record = code_text(text, "2022-03-16")
    assert _main(record)["acled"]["event_type"] == "Protests"
    dates = [e["date"]["value"] for e in record["events"][1:]]
    assert dates and all(d == "2020-06-04" for d in dates)
