"""Movements of forces and displacement told in the ways news tells them.

Each case names the construction it pins; the texts are written for these tests.
"""

from __future__ import annotations

import pytest

SD = "Strategic developments"


def _first_coded(record: dict) -> dict | None:
    return next((e for e in record["events"] if e["acled"]["event_type"]), None)


def _first(code_text, text: str) -> dict | None:
    """The first event of ``text`` (published 2022-05-05) with an ACLED type."""
    return _first_coded(code_text(text, "2022-05-05"))


def _coded(code_text, text: str) -> list[dict]:
    """Every event of ``text`` (published 2022-05-05) with an ACLED type."""
    return [e for e in code_text(text, "2022-05-05")["events"] if e["acled"]["event_type"]]


def _is_protest(event: dict | None) -> bool:
    return event is not None and event["acled"]["event_type"] == "Protests"


@pytest.mark.parametrize(
    "text",
    [
        # EV050: forces seen going somewhere, the going verb hanging on the seeing
        "On 3 May 2022, government forces were spotted moving towards Kawo.",
        # EV050 / EV435: forces or their vehicles seen, passive
        "On 3 May 2022, a convoy of 40 tanks was seen heading to Kawo.",
        "On 3 May 2022, a military convoy was spotted near Kawo.",
    ],
)
def test_forces_seen_moving_are_a_movement_of_forces(code_text, text):
    event = _first(code_text, text)
    assert event is not None
    assert event["acled"]["sub_event_type"] == "Change to group/activity"
    assert event["actor1"]["type"] == "State forces"


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, smoke was seen rising from Kawo.",
        "On 3 May 2022, the two brothers were seen going to the market in Kawo.",
    ],
)
def test_things_or_unarmed_people_seen_are_no_movement(code_text, text):
    assert _first(code_text, text) is None


@pytest.mark.parametrize(
    "text",
    [
        # EV310: displaced people named by a participle, not a noun of the list
        "On 3 May 2022, 300 internally displaced persons arrived in Kawo after fleeing "
        "clashes in Kandi.",
        "On 3 May 2022, 300 families displaced by the fighting crossed the river into Kawo.",
    ],
)
def test_displaced_people_arriving_are_displacement(code_text, text):
    events = code_text(text, "2022-05-05")["events"]
    fled = [e for e in events if e["acled"]["sub_event_type"] == "Other"]
    assert fled and fled[0]["acled"]["event_type"] == SD


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # EV070: the people made to flee are the object of "forced"
        ("On 3 May 2022, gunmen forced 200 villagers to leave Kawo.", "Political militia"),
        # MP030: an armed actor who displaced people is the conflict that caused it
        ("On 3 May 2022, soldiers forced residents of Kawo to flee their homes.", "State forces"),
        ("On 3 May 2022, 400 villagers were displaced by the army from Kawo.", "State forces"),
    ],
)
def test_people_forced_from_their_homes_are_displaced(code_text, text, doer):
    event = _first(code_text, text)
    assert event is not None
    assert (event["acled"]["event_type"], event["acled"]["sub_event_type"]) == (SD, "Other")
    assert event["actor1"]["type"] == doer


def test_forcing_someone_to_leave_a_thing_displaces_nobody(code_text):
    # CD057 heads the flight only when a displacement is told; leaving a car is none
    event = _first_coded(code_text("On 3 May 2022, militants forced the driver to leave his car."))
    assert event is None


def test_flight_with_no_conflict_cause_is_not_coded(code_text):
    # MP025 still holds when no armed actor and no insecurity word is told
    assert _first_coded(code_text("On 3 May 2022, 300 displaced families arrived in Kawo.")) is None


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, rocket fire hit a school in Kawo.",
        "On 3 May 2022, two soldiers were killed by mortar fire near Kawo.",
    ],
)
def test_heavy_weapons_fire_is_shelling(code_text, text):
    event = _first(code_text, text)
    assert event is not None
    assert event["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_a_definite_act_told_again_may_name_what_else_it_hit(code_text):
    # CD127: "The shelling destroyed a party office" is the shelling told before
    text = (
        "On 3 May 2022, rebels fired 80 artillery shells at the police station in Kawo. "
        "The shelling destroyed a party office. About five policemen were killed."
    )
    events = _coded(code_text, text)
    assert len(events) == 1
    assert events[0]["fatalities"] == 5


def test_an_act_told_with_a_place_of_its_own_stays_another(code_text):
    # CD127 needs no place of the anaphor's own: "the attack on the post in Kandi" is another
    text = (
        "On 3 May 2022, rebels attacked an army base in Kawo. In the afternoon, the attack "
        "on the police station in Kandi killed two officers."
    )
    events = _coded(code_text, text)
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        # EV400: regrouping; EV400 with positions as what was reinforced
        ("On 3 May 2022, government forces regrouped near Kawo.", "Change to group/activity"),
        ("On 3 May 2022, government forces reinforced their positions near Kawo.",
         "Change to group/activity"),
        # EV602: equipment moved, told in the passive
        ("On 3 May 2022, military equipment was transferred to Kawo by rail.",
         "Change to group/activity"),
        # EV406: pulled out of a place, as withdrew from
        ("On 3 May 2022, government forces pulled out of Kawo.",
         "Non-violent transfer of territory"),
        # EV407 / MP600: a base set up, by a non-state group or by the state's forces
        ("On 3 May 2022, JNIM militants set up a camp near Kawo.",
         "Headquarters or base established"),
        ("On 3 May 2022, government troops established a base in Kawo.",
         "Change to group/activity"),
        # force_movers: warships going somewhere
        ("On 3 May 2022, two warships entered the port of Kawo.", "Change to group/activity"),
    ],
)  # fmt: skip
def test_forces_moving_or_settling(code_text, text, sub_event):
    event = _first(code_text, text)
    assert event is not None
    assert event["acled"]["sub_event_type"] == sub_event


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, a gunman pulled out a pistol and shot a trader in Kawo.",
        "On 3 May 2022, a cargo ship entered the port of Kawo.",
        "On 3 May 2022, the company set up a base in Kawo.",
    ],
)
def test_look_alikes_move_no_forces(code_text, text):
    event = _first(code_text, text)
    assert event is None or event["acled"]["event_type"] != SD


def test_a_state_that_moves_troops_is_its_military(code_text):
    # AC932: the state's military is actor1 and the troops it moved are its own
    event = _first_coded(
        code_text("On 3 May 2022, Poland deployed additional troops to the border.", "2022-05-05")
    )
    assert event["actor1"]["name"] == "Military Forces of Poland"
    assert event["actor2"] is None


@pytest.mark.parametrize(
    "text",
    [
        "On 18 June 2022, authorities declared a state of emergency in Kandi province amid "
        "nationwide demonstrations called by the union.",
        "On 15 January 2022, the government set up police checkpoints near Kandi to prevent "
        "people from reaching the capital to take part in an anti-government march.",
    ],
)
def test_a_measure_answering_a_protest_is_the_event(code_text, text):
    # CD457: the demonstration is the measure's context, coded after it
    events = code_text(text, "2022-06-20")["events"]
    assert events[0]["acled"]["sub_event_type"] == "Change to group/activity"
    assert any(e["acled"]["event_type"] == "Protests" for e in events[1:])


@pytest.mark.parametrize(
    "text",
    [
        # EV408: forced or driven out of homes or a place
        "On 3 May 2022, residents of Kawo were forced out of their homes by militants.",
        "On 3 May 2022, militants drove 300 families out of Kawo.",
        # EV070: what people flee may be the conflict itself
        "On 3 May 2022, hundreds of villagers fled the fighting in Kawo.",
        # displacement_cause_words: 'as' before a conflict noun
        "On 3 May 2022, thousands of people were displaced in Kawo as fighting continued.",
        # EV310: the parse makes the fleeing the clause's subject
        "On 3 May 2022, about 8,000 people fleeing the war in Kandi arrived in Kawo.",
    ],
)
def test_displacement_is_the_main_event(code_text, text):
    event = _first(code_text, text)
    assert (event["acled"]["event_type"], event["acled"]["sub_event_type"]) == (SD, "Other")


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, police chased the protesters out of the square in Kawo.",
        "On 3 May 2022, the suspect fled the scene in Kawo.",
    ],
)
def test_no_displacement_without_people_leaving_homes(code_text, text):
    event = _first(code_text, text)
    assert event is None or event["acled"]["sub_event_type"] != "Other"


def test_the_act_named_by_its_target_is_not_what_else_it_hit(code_text):
    # CD127 leaves "the attack on the embassy" to name another attack
    text = (
        "On 3 May 2022, police seized a truck of explosives in Kawo. He was questioned "
        "about the attack on the embassy."
    )
    events = _coded(code_text, text)
    assert len(events) == 2


@pytest.mark.parametrize(
    ("text", "actor2_type"),
    [
        # AC112: property hit, no one hurt: no actor2
        ("On 3 May 2022, militants blew up a telecom tower near Kawo. There were no casualties.",
         None),
        ("On 3 May 2022, a bomb exploded at the municipal office in Kawo.", None),
        # someone hurt: the civilians stay
        ("On 3 May 2022, militants detonated a bomb at a school in Kawo, injuring two pupils.",
         "Civilians"),
        # a home is people's
        ("On 3 May 2022, militants threw a grenade at a house in Kawo.", "Civilians"),
    ],
)  # fmt: skip
def test_property_only_has_no_actor2(code_text, text, actor2_type):
    event = _first(code_text, text)
    assert event["acled"]["event_type"] == "Explosions/Remote violence"
    assert (event["actor2"] or {}).get("type") == actor2_type


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # EV035: "a march" with its article is the protest, not the month
        ("On 3 May 2022, a march took place in Kawo in support of the miners.", True),
        # the month stays the month, with or without a date after it
        ("On 3 May 2022, officials said the road to Kawo would open in March.", False),
    ],
)
def test_a_march_is_a_protest_and_march_a_month(code_text, text, coded):
    event = _first(code_text, text)
    assert _is_protest(event) == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # EV021: a crowd's gathering with placards or posters is a demonstration
        ("On 3 May 2022, about 50 people gathered near the monument in Kawo with anti-war "
         "posters.", True),
        ("On 3 May 2022, about 50 people gathered in Kawo holding placards.", True),
        # forces gathering with banners are no demonstration
        ("On 3 May 2022, soldiers gathered in Kawo with banners.", False),
        # nor a gathering with no prop and no purpose
        ("On 3 May 2022, about 50 people gathered near the monument in Kawo.", False),
    ],
)  # fmt: skip
def test_a_gathering_with_placards_is_a_protest(code_text, text, coded):
    event = _first(code_text, text)
    assert _is_protest(event) == coded


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2022, residents banged pots and pans in Kawo against the government.",
        "On 3 May 2022, dock workers downed tools in Kawo over pay.",
        "On 3 May 2022, a work stoppage was held at the port of Kawo.",
        "On 3 May 2022, activists chained themselves to the gates of the ministry in Kawo.",
        "On 3 May 2022, villagers shouted slogans outside the district office in Kawo.",
    ],
)
def test_protest_acts_named_by_what_the_crowd_does(code_text, text):
    # phrases in data/triggers.json: pots banged, tools downed, a work stoppage,
    # chained to a gate, slogans shouted
    event = _first(code_text, text)
    assert _is_protest(event)


def test_beating_pots_is_no_protest_phrase(code_text):
    event = _first_coded(code_text("On 3 May 2022, a cook beat eggs in a pot in Kawo."))
    assert event is None or event["acled"]["event_type"] != "Protests"


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # gather_verbs / collective_act_verbs: camping is a crowd's act in place
        ("On 3 May 2022, protesters camped outside the presidential palace in Kawo.", True),
        ("On 3 May 2022, families camped in the park in Kawo.", False),
        # modified_event_nouns: "a protest convoy" is the protest
        ("On 3 May 2022, several hundred people joined a protest convoy in Kawo.", True),
        ("On 3 May 2022, the union sent a protest letter to the minister in Kawo.", False),
    ],
)
def test_camps_and_convoys_of_protest(code_text, text, coded):
    event = _first(code_text, text)
    assert _is_protest(event) == coded


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # EV571: people demanding outside a building or in front of it are demonstrating
        ("On 3 May 2022, nurses demanded higher pay outside the hospital in Kawo.", True),
        ("On 3 May 2022, workers demanded their unpaid salaries in front of the ministry in "
         "Kawo.", True),
        # before people, or a place told of someone else in a clause below: no
        ("On 3 May 2022, the minister demanded an inquiry in front of journalists in Kawo.",
         False),
        ("On 3 May 2022, relatives demanded the release of workers detained outside the "
         "factory in Kawo.", False),
    ],
)  # fmt: skip
def test_a_demand_made_outside_a_building_is_a_protest(code_text, text, coded):
    events = code_text(text, "2022-05-05")["events"]
    assert any(e["acled"]["event_type"] == "Protests" for e in events) == coded


@pytest.mark.parametrize(
    "text",
    [
        # "<heavy weapon> strikes/attack" as a noun, even with no verb of its own
        "On 3 May 2022, there were artillery strikes in Kupiansk district.",
        # EV720: forces striking infrastructure or settlements
        "On 3 May 2022, Russian forces struck the infrastructure of Kupiansk.",
        # EV715: munitions used in a place
        "On 3 May 2022, Russian forces used cluster munitions in Kupiansk.",
    ],
)
def test_shelling_told_by_its_weapon(code_text, text):
    event = _first(code_text, text)
    assert event["acled"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_forces_striking_a_deal_is_no_shelling(code_text):
    event = _first_coded(code_text("On 3 May 2022, the two parties struck a deal in Kupiansk."))
    assert event is None or event["acled"]["event_type"] != "Explosions/Remote violence"
