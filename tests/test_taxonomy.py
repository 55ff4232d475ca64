"""The ACLED / PLOVER mapping as pure functions: (facts -> expected type) tables.

Every row of the ordered tables in ``coding/taxonomy.py`` and ``coding/plover.py``
has a case here; a row without one fails ``test_every_row_has_a_case``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from newscoder.coding.codebook import (
    ACLED_EVENT_TYPES,
    ACLED_SUB_EVENT_TYPES,
    FAMILY_DEFAULTS,
    FAMILY_MODES,
    PLOVER_STATEMENT_TYPES,
    PLOVER_TYPES,
)
from newscoder.coding.plover import (
    PLOVER_MODE_TABLE,
    PLOVER_TYPE_TABLE,
    PloverFacts,
    plover_mode,
    plover_type,
)
from newscoder.coding.taxonomy import ACLED_TABLE, acled_code, no_event
from newscoder.families import Family

VAC, SD, EXP = "Violence against civilians", "Strategic developments", "Explosions/Remote violence"
_NONE = (None, None)

# (rule, family, facts, expected (event type, sub-event type))
ACLED_CASES: list[tuple[str, str, dict[str, Any], tuple[str | None, str | None]]] = [
    ("MP005", "threaten", {"actor1_type": "Rebel group"}, (SD, "Other")),
    (
        "MP008",
        "retreat",
        {"actor1_type": "Rebel group", "actor1_named_armed": True, "trigger": "surrendered"},
        (SD, "Agreement"),
    ),
    ("MP010", "retreat", {"actor1_type": "State forces", "trigger": "surrendered"}, _NONE),
    ("MP010", "consult", {"actor1_type": "Rebel group"}, _NONE),
    ("MP010", "threaten", {"actor1_type": "State forces"}, _NONE),
    ("MP015", "movement", {"actor1_type": None}, _NONE),
    ("MP015", "mobilize", {"actor1_type": "Civilians"}, _NONE),
    ("MP020", "recruit", {"actor1_type": "State forces"}, _NONE),
    ("MP025", "displace", {"context": "Families fled the floods."}, _NONE),
    ("MP030", "displace", {"context": "Families fled after an armed attack."}, (SD, "Other")),
    ("MP030", "closure", {"context": "Schools shut amid insecurity."}, (SD, "Change to group/activity")),
    ("MP035", "armed", {"with_protest": True}, ("Riots", "Violent demonstration")),
    ("MP040", "loot", {"actor1_type": "Protesters"}, ("Riots", "Violent demonstration")),
    ("MP045", "loot", {"target_text": "twenty cattle"}, (SD, "Looting/property destruction")),
    (
        "MP050",
        "loot",
        {"actor1_type": "Rioters", "target_head": "farms", "target_text": "their farms"},
        (SD, "Looting/property destruction"),
    ),
    (
        "MP055",
        "armed",
        {"actor1_type": "Rioters", "context": "Demonstrators attacked a police post."},
        ("Riots", "Violent demonstration"),
    ),
    ("MP055", "abduct", {"actor1_type": "Protesters", "context": "Protesters seized a man."}, ("Riots", "Violent demonstration")),
    ("MP060", "abduct", {"actor1_type": "Protesters", "context": "Supporters seized a man."}, ("Riots", "Mob violence")),
    ("MP060", "kill", {"actor1_type": "Rioters", "context": "A mob killed a man."}, ("Riots", "Mob violence")),
    (
        "MP061",
        "clash",
        {"actor1_type": "Political militia", "context": "Supporters of two candidates clashed."},
        ("Riots", "Mob violence"),
    ),
    (
        "MP175",
        "clash",
        {"actor1_type": None, "context": "Villagers and militiamen clashed."},
        ("Battles", "Armed clash"),
    ),
    (
        "MP062",
        "armed",
        {"actor1_type": "State forces", "actor2_type": "Protesters"},
        ("Protests", "Excessive force against protesters"),
    ),
    (
        "MP063",
        "clash",
        {"actor1_type": "State forces", "context": "Police and villagers clashed over a land survey."},
        ("Riots", "Mob violence"),
    ),
    (
        "MP063",
        "clash",
        {"actor1_type": "State forces", "context": "Soldiers and residents had physical clashes."},
        ("Riots", "Mob violence"),
    ),
    (
        "MP175",
        "clash",
        {"actor1_type": "State forces", "context": "Police and villagers clashed; police fired shots."},
        ("Battles", "Armed clash"),
    ),
    (
        "MP073",
        "armed",
        {"target_head": "village", "context": "Troops raided the village and set fire to houses."},
        ("Strategic developments", "Looting/property destruction"),
    ),
    (
        "MP075",
        "armed",
        {"target_head": "village", "context": "Troops raided the village and killed two men."},
        ("Violence against civilians", "Attack"),
    ),
    (
        "MP065",
        "explosive",
        {"context": "a bomb and heavy gunfire", "actor2_type": "State forces"},
        ("Battles", "Armed clash"),
    ),
    (
        "MP070",
        "armed",
        {"actor1_type": "Political militia", "actor2_type": "State forces"},
        ("Battles", "Armed clash"),
    ),
    (
        "MP070",
        "kill",
        {"actor2_type": "Civilians", "actor2_armed": True},
        ("Battles", "Armed clash"),
    ),
    ("MP075", "armed", {"actor2_type": "Civilians"}, (VAC, "Attack")),
    ("MP075", "armed", {"actor1_type": "Civilians", "actor2_type": "State forces"}, (VAC, "Attack")),
    ("MP075", "kill", {"actor2_type": "State forces", "actor2_armed": False}, (VAC, "Attack")),
    ("MP080", "clash", {"actor2_type": "Protesters"}, ("Riots", "Violent demonstration")),
    ("MP085", "territory_nonstate", {"target_text": "power", "target_head": "power"}, _NONE),
    (
        "MP090",
        "territory_nonstate",
        {"target_text": "two vehicles", "target_head": "vehicles"},
        (SD, "Looting/property destruction"),
    ),
    (
        "MP095",
        "territory_nonstate",
        {
            "actor1_type": "State forces",
            "target_text": "the town",
            "target_head": "town",
            "context": "Troops took the town after heavy fighting.",
        },
        ("Battles", "Government regains territory"),
    ),
    (
        "MP095",
        "territory_nonstate",
        {
            "actor1_type": "State forces",
            "target_text": "the town",
            "target_head": "town",
            "context": "Troops recaptured the town.",
        },
        ("Battles", "Government regains territory"),
    ),
    (
        "MP500",
        "territory_nonstate",
        {
            "actor1_type": "Rebel group",
            "target_text": "the town",
            "target_head": "town",
            "context": "Rebels took control of the town. No clashes were reported.",
        },
        (SD, "Non-violent transfer of territory"),
    ),
    (
        "MP500",
        "territory_nonstate",
        {
            "actor1_type": "State forces",
            "target_text": "the town",
            "target_head": "town",
            "context": "Troops took control of the town.",
        },
        (SD, "Non-violent transfer of territory"),
    ),
    (
        "MP100",
        "territory_state",
        {"actor1_type": "Rebel group", "target_text": "the town", "target_head": "town"},
        ("Battles", "Non-state actor overtakes territory"),
    ),
    (
        "MP105",
        "territory_nonstate",
        {
            "actor1_type": "Rebel group",
            "target_text": "Kidal",
            "target_head": "Kidal",
            "context": "Rebels captured Kidal after clashes with the army.",
        },
        ("Battles", "Non-state actor overtakes territory"),
    ),
    ("MP110", "protest", {"actor1_type": "Rioters"}, ("Riots", "Violent demonstration")),
    (
        "MP115",
        "protest",
        {"actor1_type": "Protesters", "fatalities": 2},
        ("Protests", "Excessive force against protesters"),
    ),
    (
        "MP120",
        "protest",
        {"context": "Protesters threw stones at cars."},
        ("Riots", "Violent demonstration"),
    ),
    (
        "MP130",
        "protest",
        {"context": "Pupils blocked a road after a classmate was injured."},
        ("Protests", "Peaceful protest"),
    ),  # the injury is the grievance (MP118), not the protest's violence
    (
        "MP130",
        "protest",
        {"context": "Drivers demonstrated against fuel prices. Police forces erected barricades."},
        ("Protests", "Peaceful protest"),
    ),  # the forces' barricades (MP117), not the demonstrators'
    (
        "MP120",
        "protest",
        {"context": "Police fired tear gas and the students threw stones."},
        ("Riots", "Violent demonstration"),
    ),
    (
        "MP125",
        "protest",
        {"context": "Police fired tear gas to disperse the crowd."},
        ("Protests", "Protest with intervention"),
    ),
    (
        "MP125",
        "strike",
        {"context": "Ten strikers were arrested."},
        ("Protests", "Protest with intervention"),
    ),
    (
        "MP130",
        "protest",
        {"context": "Hundreds protested against arbitrary arrests."},
        ("Protests", "Peaceful protest"),
    ),
    ("MP130", "strike", {"context": "Teachers went on strike."}, ("Protests", "Peaceful protest")),
    ("MP135", "loot", {"actor1_named_armed": True}, (SD, "Looting/property destruction")),
    ("MP140", "loot", {"trigger": "looted"}, (SD, "Looting/property destruction")),
    (
        "MP145",
        "loot",
        {"trigger": "burned", "target_text": "several houses"},
        (SD, "Looting/property destruction"),
    ),
    (
        "MP150",
        "loot",
        {"trigger": "torched", "target_text": "a bus"},
        ("Riots", "Violent demonstration"),
    ),
    ("MP155", "riot", {"context": "A mob lynched the suspect."}, ("Riots", "Mob violence")),
    ("MP160", "riot", {"context": "Youths rioted in the market."}, ("Riots", "Violent demonstration")),
    ("MP165", "agreement", {"context": "The firms signed a merger."}, _NONE),
    (
        "MP170",
        "agreement",
        {"context": "The two sides agreed a ceasefire."},
        (SD, "Agreement"),
    ),
    ("MP175", "arrest", {}, (SD, "Arrests")),
    ("MP175", "suicide", {}, (EXP, "Suicide bomb")),
    ("MP175", "defuse", {}, (SD, "Disrupted weapons use")),
    ("MP400", "mobilize", {"actor1_text": "more than 600 soldiers"}, (SD, "Change to group/activity")),
    ("MP400", "mobilize", {"actor1_text": "Russia", "target_text": "91 helicopters", "target_head": "helicopters"}, (SD, "Change to group/activity")),
    ("MP015", "mobilize", {"actor1_text": "the farmers", "target_text": "volunteers"}, _NONE),
    ("MP015", "mobilize", {"target_text": "a forces base", "target_head": "base"}, _NONE),
    ("MP405", "retreat", {"actor1_type": "State forces", "trigger": "withdrew"}, (SD, "Non-violent transfer of territory")),
    ("MP405", "retreat", {"actor1_type": "Rebel group", "trigger": "pulled out of"}, (SD, "Non-violent transfer of territory")),
    ("MP600", "mobilize", {"actor1_type": "Rebel group", "trigger": "set up a camp"}, (SD, "Headquarters or base established")),
    ("MP400", "mobilize", {"actor1_type": "State forces", "actor1_text": "troops", "trigger": "established a base"}, (SD, "Change to group/activity")),
    ("MP010", "retreat", {"actor1_type": "Civilians", "trigger": "retreated"}, _NONE),
    ("MP412", "retreat", {"actor1_type": "State forces", "trigger": "defected"}, (SD, "Change to group/activity")),
    ("MP412", "retreat", {"actor1_type": "Rebel group", "trigger": "defection"}, (SD, "Change to group/activity")),
    ("MP010", "retreat", {"actor1_type": "Political party", "trigger": "defected"}, _NONE),
    ("MP410", "guard", {"actor1_type": "Rebel group"}, (SD, "Other")),
    ("MP410", "coerce", {"actor1_type": "Political militia"}, (SD, "Other")),
    ("MP175", "coerce", {"actor1_type": "State forces"}, (SD, "Change to group/activity")),
    ("MP413", "loot", {"actor1_type": "State forces"}, (SD, "Looting/property destruction")),
    ("MP413", "loot", {"actor1_type": "Rioters", "actor1_text": "military forces"}, (SD, "Looting/property destruction")),
    ("MP430", "arrest", {"actor1_type": "Rebel group"}, (VAC, "Abduction/forced disappearance")),
    ("MP072", "abduct", {"actor1_type": "Rebel group", "actor2_type": "State forces"}, ("Battles", "Armed clash")),
    ("MP072", "arrest", {"actor1_type": "Rebel group", "actor2_type": "State forces"}, ("Battles", "Armed clash")),
    ("MP175", "abduct", {"actor1_type": "Rebel group", "actor2_type": "Civilians"}, (VAC, "Abduction/forced disappearance")),
    ("MP425", "arrest", {"fatalities": 1}, (VAC, "Attack")),
    ("MP427", "abduct", {"actor1_type": "Rebel group", "context": "They abducted and beat two men."}, (VAC, "Attack")),
    ("MP175", "arrest", {"context": "Two men were arrested and charged."}, (SD, "Arrests")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "family", "facts", "expected"),
    ACLED_CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(ACLED_CASES)],
)
def test_acled_row(rule: str, family: str, facts: dict[str, Any], expected: tuple) -> None:
    kwargs: dict[str, Any] = {"actor1_type": None, "actor2_type": None, "context": ""}
    kwargs.update(facts)
    code = acled_code(family, **kwargs)
    assert (code.event_type, code.sub_event_type) == expected
    assert code.rule == rule
    assert code.reason.startswith(f"[{rule}] ")


def test_acled_code_is_pure() -> None:
    kwargs: dict[str, Any] = {"actor1_type": None, "actor2_type": "Civilians", "context": "x"}
    assert acled_code("armed", **kwargs) == acled_code("armed", **kwargs)


def test_the_month_march_is_no_march() -> None:
    code = acled_code("riot", actor1_type=None, actor2_type=None, context="In March a mob gathered")
    assert code.rule == "MP155"
    code = acled_code("armed", actor1_type="Rioters", actor2_type=None, context="On 3 March")
    assert code.rule == "MP060"  # no protest word: "March" the month does not count


def test_order_decides_between_rows() -> None:
    """An armed attack by protesters during a demonstration is a violent demonstration
    (MP035) before it could be a battle (MP070)."""
    code = acled_code(
        "armed", actor1_type="Protesters", actor2_type="State forces", context="", with_protest=True
    )
    assert code.rule == "MP035"


PLOVER_TYPE_CASES = [
    ("MP300", PloverFacts("territory_nonstate", True, "Battles", "COERCE"), "COERCE"),
    ("MP305", PloverFacts("territory_nonstate", True, None, "COERCE"), "ASSAULT"),
    ("MP305", PloverFacts("armed", True, VAC, "ASSAULT"), "ASSAULT"),
    ("MP305", PloverFacts("territory_state", True, "Battles", "ASSAULT"), "ASSAULT"),
    ("MP310", PloverFacts("request", False, None, "REQUEST"), "REQUEST"),
    ("MP310", PloverFacts("consult", False, None, None), "ASSAULT"),
]

PLOVER_MODE_CASES = [
    ("MP320", PloverFacts("explosive", True, EXP, "ASSAULT", "firearms"), "explosives"),
    (
        "MP325",
        PloverFacts("armed", True, VAC, "ASSAULT", None, (("kill", "kill"), ("armed", "firearms"))),
        "firearms",
    ),
    ("MP330", PloverFacts("protest", False, None, "PROTEST", "demo", (("arrest", None),)), "demo"),
    ("MP330", PloverFacts("consult", False, None, "CONSULT", None), None),
]


@pytest.mark.parametrize(("rule", "facts", "expected"), PLOVER_TYPE_CASES)
def test_plover_type_row(rule: str, facts: PloverFacts, expected: str) -> None:
    value, decided = plover_type(facts)
    assert (value, decided.id) == (expected, rule)


@pytest.mark.parametrize(("rule", "facts", "expected"), PLOVER_MODE_CASES)
def test_plover_mode_row(rule: str, facts: PloverFacts, expected: str | None) -> None:
    value, decided = plover_mode(facts)
    assert (value, decided.id) == (expected, rule)


NO_EVENT_CASES = [
    ("MP200", "territory_nonstate", None, True),
    ("MP205", "displace", None, True),
    ("MP205", "preach", None, True),
    ("MP205", "closure", None, False),
    (None, "closure", None, True),  # a closure someone ordered stays a statement
    (None, "displace", SD, True),
    (None, "request", None, True),
]


@pytest.mark.parametrize(("rule", "family", "event_type", "doer_named"), NO_EVENT_CASES)
def test_no_event(rule: str | None, family: str, event_type: str | None, doer_named: bool) -> None:
    dropped = no_event(family, event_type, doer_named=doer_named)
    assert (dropped.id if dropped else None) == rule


def test_every_row_has_a_case() -> None:
    covered = {c[0] for c in ACLED_CASES} | {c[0] for c in PLOVER_TYPE_CASES}
    covered |= {c[0] for c in PLOVER_MODE_CASES} | {c[0] for c in NO_EVENT_CASES if c[0]}
    rows = [row.rule.id for row in ACLED_TABLE]
    rows += [row.rule.id for row in (*PLOVER_TYPE_TABLE, *PLOVER_MODE_TABLE)]
    rows += ["MP200", "MP205", "MP330"]
    assert sorted(set(rows) - covered) == []
    # Ids follow table order inside each block of a hundred (rows added later take a
    # block of their own, e.g. the Strategic developments rows MP400-MP439).
    acled = rows[: len(ACLED_TABLE)]
    for block in {rid[:3] for rid in acled}:
        ids = [rid for rid in acled if rid.startswith(block)]
        assert ids == sorted(ids), f"{block}xx ids follow table order"


# --- the codebook data ------------------------------------------------------------------


def _schema_enum(*path: str) -> list[Any]:
    schema = json.loads(
        resources.files("newscoder.schema").joinpath("output-v1.json").read_text("utf-8")
    )
    node = schema["oneOf"][0]["properties"]["events"]["items"]
    for key in path:
        node = node["properties"][key]
    return node["enum"]


def test_the_schema_lists_the_codebook() -> None:
    assert _schema_enum("plover", "type") == list(PLOVER_TYPES)
    assert _schema_enum("acled", "event_type") == [*ACLED_EVENT_TYPES, None]
    subs = [s for subs in ACLED_SUB_EVENT_TYPES.values() for s in subs]
    assert _schema_enum("acled", "sub_event_type") == [*subs, None]


def test_family_defaults_are_codebook_types() -> None:
    for family, (event_type, sub_type) in FAMILY_DEFAULTS.items():
        assert Family(family)  # a typo fails here
        assert sub_type in ACLED_SUB_EVENT_TYPES[event_type], family
    for family in FAMILY_MODES:
        assert Family(family)
    assert len(PLOVER_TYPES) == 16
    assert set(PLOVER_STATEMENT_TYPES) <= set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 5 January 2022, militiamen killed two civilians near Bunia and abducted three others.",
         "Attack"),
        ("On 2 May 2022, a man was abducted in Itacoatiara by two armed men, beaten up and injured.",
         "Attack"),
        ("On 2 May 2022, gunmen abducted two teachers in Kaduna.",
         "Abduction/forced disappearance"),
    ],
)  # fmt: skip
def test_abducted_people_harmed_are_attacked(code_text, text, sub_event):
    # MP427: the killing, beating or wounding told with an abduction is the event
    event = code_text(text, "2022-05-04")["events"][0]
    assert event["acled"]["sub_event_type"] == sub_event


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2022, activists protested in Debrecen. Police interrupted the protest.",
        "On 3 March 2022, workers protested in Metz. The police intervened and pushed the demonstrators.",
        "On 3 March 2022, apprentices held a rally in Ranchi. Police used a lathi charge to stop them.",
    ],
)  # fmt: skip
def test_forces_stopping_a_protest_intervene(code_text, text):
    # MP125: forces intervening, pushing, stopping or interrupting a protest
    event = code_text(text, "2022-03-05")["events"][0]
    assert event["acled"]["sub_event_type"] == "Protest with intervention"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 3 March 2022, in Leeds, relatives of a baker who was arrested last week protested "
         "outside the court to demand his release.", "Peaceful protest"),
        ("On 3 March 2022, students rallied in Pune after their teacher was arrested by police.",
         "Peaceful protest"),
        ("On 3 March 2022, nurses protested in Lille for colleagues who had been detained by "
         "police.", "Peaceful protest"),
        ("On 3 March 2022, about 200 people protested outside the court in Leeds. The protest, "
         "which was dispersed by police, lasted two hours.", "Protest with intervention"),
        ("On 3 March 2022, about 200 students protested in Leeds. Several protesters were "
         "arrested.", "Protest with intervention"),
    ],
)  # fmt: skip
def test_an_arrest_the_protest_is_about_is_no_intervention(code_text, text, sub_event):
    # MP121: an arrest told of someone else, as a cause or before the protest, is its grievance
    event = code_text(text, "2022-03-05")["events"][0]
    assert event["acled"]["sub_event_type"] == sub_event


def test_protesters_stopping_traffic_is_no_intervention(code_text):
    # MP125 wants the forces to do it
    text = (
        "On 3 March 2022, cane growers demonstrated in Meerut and stopped traffic on the highway."
    )
    event = code_text(text, "2022-03-05")["events"][0]
    assert event["acled"]["sub_event_type"] == "Peaceful protest"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 15 February 2022, locals pelted stones at security forces in a village of Badgam.",
         "Mob violence"),
        ("On 15 February 2022, protesters demanding jobs pelted stones at the police in Srinagar.",
         "Violent demonstration"),
        ("On 30 June 2022, rival campaign supporters fought one another in Kakamega. Two were hurt.",
         "Mob violence"),
    ],
)  # fmt: skip
def test_crowd_violence_is_a_demonstration_only_when_one_is_told(code_text, text, sub_event):
    # MP055 wants a word telling a demonstration; MP155: stoning without one is a mob's
    event = code_text(text, "2022-02-17")["events"][0]
    assert event["acled"]["sub_event_type"] == sub_event


def test_stones_pelted_at_forces_make_them_actor2(code_text):
    # "pelt" passes its subject and target to "stones" as a light verb (EV015)
    text = "On 15 February 2022, locals pelted stones at security forces in a village of Badgam."
    event = code_text(text, "2022-02-17")["events"][0]
    assert event["actor1"]["text"] == "locals"
    assert event["actor2"]["type"] == "State forces"


@pytest.mark.parametrize(
    "text",
    [
        # The violence is told in a second sentence: the demonstration's draft has no target.
        "On 4 May 2022, about 300 people demonstrated in Kandi. Demonstrators threw bottles "
        "at police officers.",
        "On 4 May 2022, protesters marched in Kandi. The demonstrators and gendarmes clashed "
        "near the market.",
    ],
)
def test_the_force_rioters_confront_is_actor2(code_text, text):
    # AC922: the force the rioters' violence is aimed at
    events = code_text(text, "2022-05-06")["events"]
    event = next(e for e in events if e["acled"]["event_type"] == "Riots")
    assert event["actor2"]["type"] == "State forces"


@pytest.mark.parametrize(
    "text",
    [
        "On 4 May 2022, army aspirants demonstrated and pelted stones in Kandi against the "
        "new army recruitment scheme.",
        "On 4 May 2022, residents of Kandi demonstrated and burned tyres, denouncing the death "
        "of a driver who was shot by police a week earlier.",
        "On 4 May 2022, residents of Kandi demonstrated and burned tyres to denounce the death "
        "of a driver in a shoot-out between gangsters and police.",
    ],
)
def test_a_force_the_riot_is_about_is_not_actor2(code_text, text):
    # AC922 wants the force behind "at", "on", "with" in the violence's clause
    event = code_text(text, "2022-05-06")["events"][0]
    assert event["acled"]["event_type"] == "Riots"
    assert event["actor2"] is None or event["actor2"]["type"] != "State forces"
