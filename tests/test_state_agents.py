"""Police actions as whole articles tell them: unnamed arresting forces, crowd
control, security on the ground, violence told through a force's means, police
officers by their role, and acts that were only demanded or would happen.

Sentences are written for these tests (some lower-cased, as feeds deliver them).
"""

from __future__ import annotations

import pytest

from newscoder.extract.syntax import ForceNouns, names_force
from newscoder.lexicon import words


def _events(code_text, text: str) -> list[dict]:
    return code_text(text, "2002-03-05")["events"]


def _by_state(events: list[dict]) -> list[dict]:
    return [e for e in events if (e["actor1"] or {}).get("type") == "State forces"]


@pytest.mark.parametrize(
    ("text", "plover", "mode", "fatalities"),
    [
        # AC910: violence told through a force's means
        ("Two men were killed in police firing in Vadodara on Monday.", "ASSAULT", None, 2),
        ("three people died due to police firing in surat on tuesday.", "ASSAULT", None, 3),
        # AC900: an arrest with no arresting force named
        (
            "Over 50 persons were arrested in Surat on Tuesday, officials said.",
            "COERCE",
            "arrest",
            0,
        ),
        # AC905: crowd control
        ("Tear-gas shells were lobbed to disperse the crowd in Modasa.", "ASSAULT", None, None),
        ("police lathi-charged the mob in ayodhya on friday.", "ASSAULT", "beat", None),
        # AC907: security on the ground
        ("The train left Vadodara on Monday amid tight security.", "MOBILIZE", "police", None),
        ("policemen were seen patrolling the walled city in ahmedabad.", "MOBILIZE", None, None),
        ("Police fired in the air to disperse the mob in Rajkot.", "ASSAULT", None, None),
        ("the police dispersed the crowd in vadodara on monday.", "ASSAULT", None, None),
        ("Police conducted combing operations in Shahpur on Sunday.", "MOBILIZE", "police", None),
        ("Police rushed to the spot in Modasa on Tuesday.", "MOBILIZE", "police", None),
        ("Police registered a case against 20 people in Surat.", "ACCUSE", "investigate", None),
        ("Police have launched an investigation into the riots in Surat.", "ACCUSE", None, None),
        ("Police were put on high alert in Mumbai on Wednesday.", "MOBILIZE", "police", None),
        ("police kept a close watch on the walled city in ahmedabad.", "MOBILIZE", "police", None),
        ("Police recovered a large number of weapons from a house in Surat.", "COERCE", "seize", 0),
        # EV580: forces stopping, sealing off, evicting or silencing; forces posted
        ("The police stopped a procession near Lal Darwaja on Monday.", "COERCE", "restrict", None),
        ("police prevented activists from boarding trains in surat.", "COERCE", "restrict", None),
        ("The army sealed the border with Nepal on Friday.", "COERCE", "restrict", None),
        ("Policemen were posted at all sensitive points in Bhuj.", "MOBILIZE", "police", None),
        ("police chased the rioters away in surat on monday.", "COERCE", "restrict", None),
        ("Police surrounded the house of the accused in Surat.", "COERCE", "restrict", None),
        ("the police took 20 people into preventive custody in surat.", "COERCE", "arrest", 0),
        ("Police resorted to firing in Surat on Monday.", "ASSAULT", "firearms", 0),
        ("Police recovered two country-made pistols from a house in Surat.", "COERCE", "seize", 0),
        ("The police seized 20 kg of explosives from a truck in Surat.", "COERCE", "seize", 0),
        ("A posse of policemen arrested two men in Surat on Monday.", "COERCE", "arrest", None),
        ("Police reinforcements were rushed to Surat on Monday.", "MOBILIZE", "troops", None),
        # PLOVER modes of the armed verbs: physical assault is "beat", not "firearms"
        ("the police beat up two vendors in surat on monday.", "ASSAULT", "beat", None),
        ("Soldiers tortured three detainees in Kandi on Monday.", "ASSAULT", "torture", None),
        ("Soldiers massacred thirty villagers in Kandi on Monday.", "ASSAULT", "massacre", None),
        ("The police restored order in the walled city on Monday.", "MOBILIZE", "police", None),
        ("the police controlled the mob in surat on monday.", "MOBILIZE", "police", None),
        ("Police launched a manhunt for the attackers in Surat.", "ACCUSE", "investigate", None),
        ("police tracked down the gang in surat on monday.", "ACCUSE", "investigate", None),
        ("police booked a case against the mla in surat on monday.", "ACCUSE", "investigate", None),
        # EV600, EV601: forces making people act or pushing them into a vehicle; forces based
        # at a place; harassment by forces
        ("the police forced traders to shut their shops in surat.", "COERCE", "restrict", None),
        ("Policemen bundled two activists into a van in Surat.", "COERCE", "restrict", None),
        ("About 5,000 policemen are based in the old city of Surat.", "MOBILIZE", "police", None),
        ("traders said harassment by the police on the highway hurt sales.", "COERCE", None, None),
        ("Two companies of troops were rushed to Surat on Monday.", "MOBILIZE", "troops", None),
        ("senior police officers were camping in the village on saturday.", "MOBILIZE", None, None),
        ("Policemen accompanied the buses to the station in Surat.", "MOBILIZE", "police", None),
        ("The police provided security to the pilgrims in Surat.", "MOBILIZE", "police", None),
    ],
)
def test_police_actions_are_coded_to_state_forces(
    code_text, text: str, plover: str, mode: str | None, fatalities: int | None
) -> None:
    found = _by_state(_events(code_text, text))
    assert found, text
    event = found[0]
    assert event["plover"]["type"] == plover
    if mode is not None:
        assert event["plover"]["mode"] == mode
    if fatalities is not None:
        assert event["fatalities"] == fatalities


def test_killed_in_police_firing_is_not_an_unidentified_group(code_text) -> None:
    events = _events(code_text, "Two men were killed in police firing in Vadodara on Monday.")
    assert events[0]["actor1"]["name"] == "Police Forces of India"
    assert events[0]["actor1"]["rule"] == "AC910"


def test_crowd_control_has_no_acled_type_of_its_own(code_text) -> None:
    events = _events(code_text, "Police fired tear gas to disperse protesters in Dhaka on Monday.")
    gas = [e for e in events if e["trigger"]["text"] == "tear gas"]
    assert gas and gas[0]["acled"]["event_type"] is None
    assert gas[0]["plover"]["type"] == "ASSAULT"


def test_tear_gas_shells_are_no_artillery(code_text) -> None:
    events = _events(code_text, "Police lobbed tear gas shells at the mob in Rajkot on Monday.")
    assert all(e["plover"]["mode"] != "heavy-weapons" for e in events)


def test_police_officer_named_with_role_is_state_forces(code_text) -> None:
    text = "In Rajkot, police commissioner Upendra Singh has banned the publication of leaflets."
    events = _events(code_text, text)
    assert events[0]["actor1"]["type"] == "State forces"
    assert "police commissioner" in events[0]["actor1"]["role"]


@pytest.mark.parametrize(
    "text",
    [
        "The opposition leader demanded the arrest of the VHP leaders on Sunday.",
        "The party called for the arrest of the minister on Sunday.",
        "the activists would court arrest if necessary, the leader said.",
        "The activists will stage a protest in Lucknow on Monday.",
        # EV186: an act someone is free or ready to do
        "They are free to arrest us, the leader said in Surat on Monday.",
    ],
)
def test_demanded_or_future_acts_did_not_happen(code_text, text: str) -> None:
    for event in _events(code_text, text):
        if event["plover"]["type"] in {"COERCE", "PROTEST"}:
            assert event["status"] == "planned", event


def test_a_demand_about_a_past_act_leaves_the_act(code_text) -> None:
    text = "The VHP demanded a probe into the police firing at Taldih in which one man was killed."
    events = _by_state(_events(code_text, text))
    assert any(e["status"] == "occurred" and e["fatalities"] == 1 for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain stopped play in Leeds on Monday.",
        "The ceasefire prevented further bloodshed in the region on Monday.",
        "He posted a video of the march on Facebook on Monday.",
        "The flood forced families in Surat to leave their homes on Monday.",
        "The figures were based on reports from the districts, he said on Monday.",
        "A firm based in Surat said on Monday that its sales had doubled.",
        "The minister was accompanied by his wife on a visit to Surat on Monday.",
        "He began a fast to press his demand for providing security to the pilgrims in Surat.",
        # an appeal to restore peace is no police act (only "restored", "has restored")
        "He urged the government to restore peace at the earliest on Monday.",
    ],
)
def test_stopping_or_posting_by_no_force_is_no_police_act(code_text, text: str) -> None:
    """EV580: only forces restrict people or are posted at a place."""
    events = _events(code_text, text)
    assert not [e for e in events if (e["plover"] or {}).get("mode") in {"restrict", "police"}]
    assert not [e for e in events if (e["actor1"] or {}).get("type") == "State forces"]


def test_forces_restricting_people_have_no_acled_type(code_text) -> None:
    """Stopping or sealing off is PLOVER COERCE (restrict); ACLED codes no event for it."""
    found = _by_state(_events(code_text, "The army sealed the border with Nepal on Friday."))
    assert found and found[0]["plover"]["mode"] == "restrict"
    assert found[0]["acled"]["event_type"] is None


def test_police_firing_and_rioters_killing_are_two_events(code_text) -> None:
    """CD017: violence told through a force's means and violence named rioters did, in one
    sentence, are two events, each with its own figure."""
    events = _events(
        code_text,
        "While six people were injured in police firing, four people were killed by the "
        "rioters in Surat on Monday.",
    )
    police = _by_state(events)
    rioters = [e for e in events if (e["actor1"] or {}).get("type") == "Rioters"]
    assert police and police[0]["injuries"] == 6 and not police[0]["fatalities"]
    assert rioters and rioters[0]["fatalities"] == 4


@pytest.mark.parametrize(
    "text",
    [
        "The police failed to arrest the accused in Surat on Monday.",
        "The police were unable to arrest the accused in Surat on Monday.",
    ],
)
def test_a_failed_act_is_negated(code_text, text: str) -> None:
    """EV165: what the police failed to do did not happen."""
    arrests = [e for e in _events(code_text, text) if e["plover"]["mode"] == "arrest"]
    assert arrests and all(e["status"] == "negated" for e in arrests)


@pytest.mark.parametrize(
    ("text", "nouns", "expected"),
    [
        ("the state police", "state_force_nouns", True),
        ("security forces", "restricting_forces", True),
        # the coder's list counts office-holders who fire or arrest ...
        ("a sub-inspector", "state_force_nouns", True),
        ("a sub-inspector", "restricting_forces", False),
        # ... the extractor's, those whose posting or raiding is a police act
        ("men in uniform", "restricting_forces", True),
        ("men in uniform", "state_force_nouns", False),
        ("the villagers", "state_force_nouns", False),
        ("the villagers", "restricting_forces", False),
    ],
)
def test_names_force_reads_the_list_its_caller_names(
    text: str, nouns: ForceNouns, expected: bool
) -> None:
    assert names_force(text, nouns) is expected


@pytest.mark.parametrize(
    ("text", "pushed_into_vehicle"),
    [
        ("Policemen pushed the activist into a van in Surat on Monday.", True),
        ("Soldiers bundled the journalist in the car outside the court on Monday.", True),
        ("Policemen pushed the activist into a corner in Surat on Monday.", False),
    ],
)
def test_people_pushed_into_a_vehicle_by_forces(
    code_text, text: str, pushed_into_vehicle: bool
) -> None:
    """EV600 and custody_vehicles: pushing someone into a car or a van is coercion; into a
    corner is none."""
    assert "van" in words("custody_vehicles") and "corner" not in words("custody_vehicles")
    coerced = [e for e in _by_state(_events(code_text, text)) if e["plover"]["type"] == "COERCE"]
    assert bool(coerced) is pushed_into_vehicle
