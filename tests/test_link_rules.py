"""Every link rule (LK...) decides the pairs it should and stays quiet on the near misses.

One table row: a pair of reports built from flat event rows (a Sunday attack on Kaura
Namoda, changed by the row's overrides), the rule the row is about, whether that rule
must fire, and the rule that decides the pair (the first rule id of ``compare``'s
reason: a refusal, or LK100 for a merge). A KEEP rule fires when a merge's reason cites
it. LK090 (statements travel with their event) decides in clustering, not in a pair:
its rows link whole reports. Every link rule in the registry must have a row where it
fires and one where it does not, and ``docs/linking.md`` must list every link rule.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from link_rows import event_row
from newscoder.link import LinkRules, compare, link_events
from newscoder.link.mention import mention_from_row
from newscoder.registry import Kind, Stage, all_rules

DOC = Path(__file__).resolve().parents[1] / "docs" / "linking.md"
_RULE_ID = re.compile(r"\[(LK\d{3})\]")


NOWHERE = {"location_name": None, "admin1": None, "country_code": None, "lat": None, "lon": None}
BOKO = {"actor1": "Boko Haram", "actor1_type": "Rebel group"}
ARMY = {"actor1": "Military Forces of Nigeria", "actor1_type": "State forces"}
GUSAU_NEAR = {"geo_precision": 2, "location_name": "Gusau", "lat": 12.17, "lon": 6.66}  # 47 km
REGION = {"geo_precision": 3, "location_name": "Zamfara", "lat": 12.33, "lon": 6.37}
# A village the gazetteer lacks, kept under its own name at its region's centre (PL200).
UNLISTED = {"record": {"location": {"unlisted": True}}}
AIRSTRIKE = {
    "plover_mode": "aerial",
    "acled_event_type": "Explosions/Remote violence",
    "acled_sub_event_type": "Air/drone strike",
    "actor1": "Military Forces of Nigeria",
    "actor1_type": "State forces",
    "actor2": "Boko Haram",
    "actor2_type": "Rebel group",
    "fatalities": 3,
}
SHELLED_BY_BOKO = {
    "actor1": "Boko Haram",
    "actor1_type": "Rebel group",
    "actor2": "Military Forces of Nigeria",
    "actor2_type": "State forces",
}
STATEMENT = {
    "acled_event_type": None,
    "acled_sub_event_type": None,
    "plover_type": "ACCUSE",
    "plover_mode": None,
    "actor1": "Bello Matawalle",
    "actor1_type": None,
    "actor2": None,
    "actor2_type": None,
}
PROTEST = {
    "plover_type": "PROTEST",
    "plover_mode": "demonstrate",
    "acled_event_type": "Protests",
    "acled_sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Nigeria)",
    "actor1_type": "Protesters",
    "actor2": None,
    "actor2_type": None,
    "fatalities": 0,
}
RIOT = {
    "plover_type": "PROTEST",
    "plover_mode": "riot",
    "acled_event_type": "Riots",
    "acled_sub_event_type": "Violent demonstration",
    "actor1": "Rioters (Nigeria)",
    "actor1_type": "Rioters",
    "fatalities": 0,
}


def _crowd(text: str) -> dict[str, Any]:
    return {"record": {"actor1": {"role": "protesters", "text": text}}}


def _in(*localities: str) -> dict[str, Any]:
    """A report that names these villages or neighbourhoods inside its location."""
    found = [{"text": n, "start": 0, "end": len(n)} for n in localities]
    return {"record": {"location": {"localities": found}}}


def _protest_about(crowd: str | None, issue: str) -> dict[str, Any]:
    """A protest whose record says what it is about (and, if given, who marched)."""
    return {
        **PROTEST,
        "record": {
            "actor1": {"role": "protesters", "text": crowd},
            "issue": {"text": issue, "start": 0, "end": len(issue)},
        },
    }


# (case id, rule, fires, overrides of report a, overrides of report b, rule that decides)
PAIRS: list[tuple[str, str, bool, dict[str, Any], dict[str, Any], str]] = [
    ("same-article", "LK005", True, {}, {"id": "a:e2", "article_id": "a"}, "LK005"),
    ("two-articles", "LK005", False, {}, {}, "LK100"),
    ("background", "LK008", True, {}, {"background": True}, "LK008"),
    ("told-as-news", "LK008", False, {}, {"background": False}, "LK100"),
    ("negated", "LK010", True, {}, {"status": "negated"}, "LK010"),
    ("claimed", "LK010", False, {}, {"status": "claimed"}, "LK100"),
    ("planned-vs-happened", "LK015", True, {}, {"status": "planned"}, "LK015"),
    ("both-planned", "LK015", False, {"status": "planned"}, {"status": "planned"}, "LK100"),
    (
        "attack-vs-battle",
        "LK020",
        True,
        {},
        {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash"},
        "LK020",
    ),
    (
        "other-sub-event",
        "LK020",
        False,
        {},
        {"acled_sub_event_type": "Abduction/forced disappearance"},
        "LK100",
    ),
    (
        "other-speaker",
        "LK025",
        True,
        STATEMENT,
        {**STATEMENT, "actor1": "Bola Tinubu"},
        "LK025",
    ),
    ("same-speaker", "LK025", False, STATEMENT, STATEMENT, "LK100"),
    ("undated", "LK030", True, {}, {"date": None, "date_precision": None}, "LK030"),
    ("dated", "LK030", False, {}, {"date_text": "Sunday"}, "LK100"),
    ("next-day", "LK035", True, {}, {"date": "2023-03-13", "date_text": "on Monday"}, "LK035"),
    (
        "overnight",
        "LK035",
        False,
        {},
        {"date": "2023-03-13", "date_text": "overnight"},
        "LK100",
    ),
    (
        "overnight-other-toll",
        "LK035",
        True,
        {},
        {"date": "2023-03-13", "date_text": "overnight", "fatalities": 2},
        "LK035",
    ),
    ("year-only", "LK040", True, {}, {"date": "2023-01-01", "date_precision": "year"}, "LK040"),
    (
        "month-overlaps",
        "LK040",
        False,
        {},
        {"date": "2023-03-15", "date_precision": "month", "date_text": "in March"},
        "LK100",
    ),
    ("other-country", "LK045", True, {}, {"country_code": "NE", "country": "Niger"}, "LK045"),
    ("same-country", "LK045", False, {}, {"country": "Nigeria"}, "LK100"),
    (
        "other-region",
        "LK050",
        True,
        {},
        {"admin1": "Katsina", "location_name": "Funtua", "lat": 11.52, "lon": 7.31},
        "LK050",
    ),
    ("region-in-other-case", "LK050", False, {}, {"admin1": "ZAMFARA"}, "LK100"),
    (
        "two-parts-in-the-names",
        "LK059",
        True,
        {"location_name": "Kaura Namoda - Sabon Gari"},
        {"location_name": "Kaura Namoda - Tudun Wada"},
        "LK059",
    ),
    (
        "a-part-and-another-name",
        "LK059",
        True,
        {"location_name": "Kaura Namoda - Sabon Gari"},
        {"location_name": "Tudun Wada"},
        "LK059",
    ),
    (
        "one-part-told-once",
        "LK059",
        False,
        {"location_name": "Kaura Namoda - Sabon Gari"},
        {},
        "LK100",
    ),
    (
        "other-town",
        "LK055",
        True,
        {},
        {"location_name": "Gusau", "lat": 12.17, "lon": 6.66},
        "LK055",
    ),
    (
        "next-door-village",
        "LK055",
        False,
        {},
        {"location_name": "Kasuwar Daji", "lat": 12.60, "lon": 6.60},  # 1.5 km
        "LK100",
    ),
    (
        "one-district-centre",
        "LK057",
        True,
        {"geo_precision": 2, "location_name": "Kaura Namoda district"},
        {"geo_precision": 2, "location_name": "Birnin Magaji", "lat": 12.594, "lon": 6.587},
        "LK057",
    ),
    (
        "two-villages-at-one-region-centre",
        "LK057",
        True,
        {"geo_precision": 3, "location_name": "Dankoli", "fatalities": 4},
        {"geo_precision": 3, "location_name": "Tsafe Daji", "fatalities": 4},
        "LK057",
    ),
    (
        "a-village-the-gazetteer-lacks-and-another",
        "LK057",
        True,
        {**REGION, "location_name": "Dankoli", "fatalities": 4, **UNLISTED},
        {"geo_precision": 2, "location_name": "Tsafe Daji", "fatalities": 4},
        "LK057",
    ),
    (
        "a-village-the-gazetteer-lacks-told-twice",
        "LK057",
        False,
        {**REGION, "location_name": "Dankoli", "fatalities": 4, **UNLISTED},
        {"geo_precision": 2, "location_name": "Dankoli", "fatalities": 4},
        "LK100",
    ),
    (
        "a-village-the-gazetteer-lacks-named-inside-the-other",
        "LK057",
        False,
        {**REGION, "location_name": "Dankoli", "fatalities": 4, **UNLISTED},
        {**GUSAU_NEAR, "fatalities": 4, **_in("Dankoli")},
        "LK100",
    ),
    (
        "one-region-told-twice",
        "LK057",
        False,
        {"geo_precision": 3, "location_name": "Zamfara", "fatalities": 4},
        {"geo_precision": 3, "location_name": "Zamfara", "fatalities": 4},
        "LK100",
    ),
    (
        "one-district-one-name",
        "LK057",
        False,
        {"geo_precision": 2},
        {"geo_precision": 2, "location_name": "Kaura-Namoda", "lat": 12.60},
        "LK100",
    ),
    (
        "two-districts",
        "LK058",
        True,
        {"geo_precision": 2},
        {**GUSAU_NEAR, **BOKO},
        "LK058",
    ),
    ("town-and-area-near-another", "LK058", False, {**BOKO}, {**GUSAU_NEAR, **BOKO}, "LK100"),
    (
        "namesakes-far-apart",
        "LK060",
        True,
        {},
        {"location_name": "Kaura Namoda", "lat": 13.20, "lon": 6.59},  # 67 km
        "LK060",
    ),
    ("namesake-nearby", "LK060", False, {}, {"lat": 12.65, "lon": 6.59}, "LK100"),
    ("near-other-town-weak", "LK062", True, {}, {**GUSAU_NEAR, "fatalities": 3}, "LK062"),
    ("near-other-town-same-toll", "LK062", False, {}, GUSAU_NEAR, "LK100"),
    ("region-only-weak", "LK065", True, {}, {**REGION, "fatalities": 7}, "LK065"),
    ("region-only-same-toll", "LK065", False, {}, REGION, "LK100"),
    (
        "strike-on-a-named-group",
        "LK066",
        True,
        AIRSTRIKE,
        {**AIRSTRIKE, **REGION, "fatalities": 5},
        "LK066",
    ),
    (
        "strikes-by-a-named-group",
        "LK066",
        False,
        {**AIRSTRIKE, **SHELLED_BY_BOKO},
        {**AIRSTRIKE, **SHELLED_BY_BOKO, **REGION, "fatalities": 5},
        "LK100",
    ),
    ("no-place-one-piece", "LK070", True, BOKO, {**NOWHERE, **BOKO, "fatalities": 2}, "LK070"),
    ("no-place-two-pieces", "LK070", False, BOKO, {**NOWHERE, **BOKO}, "LK100"),
    ("army-vs-gunmen", "LK075", True, {}, ARMY, "LK075"),
    ("gunmen-named-later", "LK075", False, {}, BOKO, "LK100"),
    (
        "victims-as-protesters",
        "LK076",
        True,
        {},
        {"actor2": "Protesters (Nigeria)", "actor2_type": "Protesters"},
        "LK100",
    ),
    (
        "victims-vs-police",
        "LK076",
        False,
        {},
        {"actor2": "Police Forces of Nigeria", "actor2_type": "State forces"},
        "LK075",
    ),
    (
        "riot-police-or-property",
        "LK077",
        True,
        {**RIOT, "actor2": "Police Forces of Nigeria", "actor2_type": "State forces"},
        RIOT,
        "LK100",
    ),
    (
        "riot-against-a-named-group",
        "LK077",
        False,
        {**RIOT, "actor2": "Police Forces of Nigeria", "actor2_type": "State forces"},
        {**RIOT, **{"actor2": "Boko Haram", "actor2_type": "Rebel group"}},
        "LK075",
    ),
    (
        "two-crowds",
        "LK080",
        True,
        {**PROTEST, **_crowd("retired teachers")},
        {**PROTEST, **_crowd("taxi drivers")},
        "LK080",
    ),
    (
        "one-crowd-in-other-words",
        "LK080",
        False,
        {**PROTEST, **_crowd("retired teachers")},
        {**PROTEST, **_crowd("hundreds of teachers")},
        "LK100",
    ),
    (
        "one-kind-of-crowd-told-two-ways",
        "LK080",
        False,
        {**PROTEST, **_crowd("contract workers")},
        {**PROTEST, **_crowd("temporary employees of the water board")},
        "LK100",
    ),
    (
        "two-kinds-of-crowd",
        "LK080",
        True,
        {**PROTEST, **_crowd("contract workers of the water board")},
        {**PROTEST, **_crowd("party members of the youth wing")},
        "LK080",
    ),
    (
        "two-institutions",
        "LK080",
        True,
        {**PROTEST, **_crowd("contract employees of the health department")},
        {**PROTEST, **_crowd("dozens of municipality workers")},
        "LK080",
    ),
    (
        "one-institution-told-more-fully",
        "LK080",
        False,
        {**PROTEST, **_crowd("workers of the port authority")},
        {**PROTEST, **_crowd("hundreds of port workers")},
        "LK100",
    ),
    (
        "two-villages-of-one-township",
        "LK200",
        True,
        _in("Kwanyi"),
        _in("Dogon Daji"),
        "LK200",
    ),
    (
        "one-village-spelt-two-ways",
        "LK200",
        False,
        _in("Kwanyi"),
        _in("Kwaniyi", "Tudun Wada"),
        "LK100",
    ),
    (
        "a-village-and-another-part-of-the-town",
        "LK200",
        True,
        _in("Tudun Wada"),
        {"location_name": "Sabon Gari"},
        "LK200",
    ),
    (
        "a-town-part-and-a-village",
        "LK200",
        True,
        {"location_name": "Kaura Namoda - Sabon Gari"},
        _in("Tudun Wada"),
        "LK200",
    ),
    (
        "village-told-once",
        "LK200",
        False,
        _in("Kwanyi"),
        {},
        "LK100",
    ),
    (
        "two-issues",
        "LK085",
        True,
        _protest_about("retired airline staff", "the sale of the state airline"),
        _protest_about(None, "higher wages for nurses"),
        "LK085",
    ),
    (
        "two-kinds-of-workers-two-issues",
        "LK085",
        True,
        _protest_about("retired employees", "the sale of the pension fund"),
        _protest_about("temporary employees", "low wages and poor living conditions"),
        "LK085",
    ),
    (
        "one-crowd-one-grievance-told-two-ways",
        "LK085",
        False,
        _protest_about("tens of thousands of people", "the pension reform"),
        _protest_about("about 80,000 demonstrators", "raising the retirement age"),
        "LK100",
    ),
    (
        "one-issue-in-other-words",
        "LK085",
        False,
        _protest_about(None, "the new fuel tax"),
        _protest_about("hundreds of people", "the fuel tax increase"),
        "LK100",
    ),
    (
        "one-crowd-two-demands",
        "LK085",
        False,
        _protest_about("taxi drivers", "the fuel tax"),
        _protest_about("about 300 taxi drivers", "the closure of the main bus station"),
        "LK100",
    ),
    (
        "issue-told-once",
        "LK085",
        False,
        _protest_about(None, "the fuel tax"),
        PROTEST,
        "LK100",
    ),
    ("all-checks-pass", "LK100", True, {}, {"fatalities": 7}, "LK100"),
    ("a-check-refuses", "LK100", False, {}, {"date": "2023-03-14"}, "LK035"),
]


def _cited(reason: str) -> list[str]:
    return _RULE_ID.findall(reason)


@pytest.mark.parametrize(
    ("rule_id", "fires", "a", "b", "decides"),
    [pytest.param(*row[1:], id=f"{row[1]}-{row[0]}") for row in PAIRS],
)
def test_pair(
    rule_id: str, fires: bool, a: dict[str, Any], b: dict[str, Any], decides: str
) -> None:
    first, second = (
        event_row("a:e1", **a),
        event_row("b:e1", **{"id": "b:e1", "article_id": "b", **b}),
    )
    check = compare(mention_from_row(first), mention_from_row(second), LinkRules())
    cited = _cited(check.reason)
    assert cited and cited[0] == decides, check.reason
    assert check.ok is (decides == "LK100"), check.reason
    assert (rule_id in cited) is fires, check.reason


def _report(article: str, place: dict[str, Any]) -> list[dict[str, Any]]:
    """A protest and the demand its crowd voiced, which names no place."""
    demand = {
        **PROTEST,
        **NOWHERE,
        "plover_type": "REQUEST",
        "plover_mode": None,
        "acled_event_type": None,
        "acled_sub_event_type": None,
        "actor2": "Government of Nigeria",
        "actor2_type": "State forces",
    }
    return [event_row(f"{article}:e1", **PROTEST, **place), event_row(f"{article}:e2", **demand)]


GUSAU = {"location_name": "Gusau", "lat": 12.17, "lon": 6.66}
# (case id, fires, overrides of report b's protest): report a protests in Kaura Namoda.
FOLLOWERS = [
    ("demands-of-one-protest", True, {}),
    ("demands-of-two-protests", False, GUSAU),
]


@pytest.mark.parametrize(
    ("fires", "place"), [pytest.param(f, p, id=f"LK090-{c}") for c, f, p in FOLLOWERS]
)
def test_statement_travels_with_its_event(fires: bool, place: dict[str, Any]) -> None:
    linked = link_events([*_report("a", {}), *_report("b", place)])
    (demand,) = [s for e in linked for s in e.sources if s.event_id == "b:e2"]
    assert ("LK090" in _cited(demand.reason)) is fires, demand.reason
    (together,) = [e for e in linked if "b:e2" in {s.event_id for s in e.sources}]
    assert {s.event_id for s in together.sources} == ({"a:e2", "b:e2"} if fires else {"b:e2"})


# A statement told beside an attack by someone who took no part in it, placed where it
# was made: "In Gusau, Governor Bello condemned the killings." Two reports of two attacks
# that Sunday (Kaura Namoda and Tsafe) each carry the governor's words; the words are
# context of each report's own attack and must not join the two reports.
CONDEMNATION = {
    **GUSAU,
    "plover_type": "ACCUSE",
    "plover_mode": None,
    "acled_event_type": None,
    "acled_sub_event_type": None,
    "actor1": "Dauda Bello",
    "actor1_type": "Government",
    "actor2": None,
    "actor2_type": None,
    "fatalities": None,
}
TSAFE = {"location_name": "Tsafe", "lat": 11.96, "lon": 6.92}
# (case id, fires, overrides of report b's attack): report a's attack is in Kaura Namoda.
PLACED_FOLLOWERS = [
    ("placed-words-on-one-attack", True, {}),
    ("placed-words-on-two-attacks", False, TSAFE),
]


@pytest.mark.parametrize(
    ("fires", "place"), [pytest.param(f, p, id=f"LK090-{c}") for c, f, p in PLACED_FOLLOWERS]
)
def test_placed_statement_travels_with_its_event(fires: bool, place: dict[str, Any]) -> None:
    reports = [
        event_row("a:e1"),
        event_row("a:e2", **CONDEMNATION),
        event_row("b:e1", **place),
        event_row("b:e2", **CONDEMNATION),
    ]
    linked = link_events(reports)
    (words,) = [e for e in linked if "b:e2" in {s.event_id for s in e.sources}]
    assert {s.event_id for s in words.sources} == ({"a:e2", "b:e2"} if fires else {"b:e2"})
    (said,) = [s for s in words.sources if s.event_id == "b:e2"]
    assert ("LK090" in _cited(said.reason)) is fires, said.reason


ARRESTS = {
    "plover_type": "COERCE",
    "plover_mode": "arrest",
    "acled_event_type": "Strategic developments",
    "acled_sub_event_type": "Arrests",
    "actor1": "Police Forces of Nigeria",
    "actor1_type": "State forces",
    "actor2": "Civilians (Nigeria)",
    "actor2_type": "Civilians",
    "fatalities": None,
}
IPOB = {"actor2": "Indigenous People of Biafra", "actor2_type": "Political militia"}
# (case id, fires, report b's main event, b's arrests): report a tells the Sunday attack
# on Kaura Namoda and, beside it, arrests in the town; report b tells its own main event
# and arrests there that day too.
SIDE_EVENT_CASES = [
    ("arrests-beside-two-events", True, PROTEST, {}),
    ("arrests-beside-one-event", False, {}, {}),
    ("arrests-of-one-named-group", False, PROTEST, IPOB),
]


@pytest.mark.parametrize(
    ("fires", "main", "arrests"),
    [pytest.param(f, m, x, id=f"LK210-{c}") for c, f, m, x in SIDE_EVENT_CASES],
)
def test_side_events_link_where_their_main_events_do(
    fires: bool, main: dict[str, Any], arrests: dict[str, Any]
) -> None:
    """LK210: arrests told in passing by reports of two different events are no evidence
    of one arrest; told by two reports of one event, or naming one group, they are one."""
    named = IPOB if arrests else {}
    reports = [
        event_row("a:e1"),
        event_row("a:e2", **{**ARRESTS, **named}, arrests=12),
        event_row("b:e1", **main),
        event_row("b:e2", **{**ARRESTS, **arrests}, arrests=30),
    ]
    linked = link_events(reports)
    (held,) = [e for e in linked if "b:e2" in {s.event_id for s in e.sources}]
    assert {s.event_id for s in held.sources} == ({"b:e2"} if fires else {"a:e2", "b:e2"})
    side_a, side_b = (replace(mention_from_row(r), side=True) for r in reports[1::2])
    check = compare(side_a, side_b, LinkRules(), mains_linked=not main)
    assert ("LK210" in _cited(check.reason)) is fires, check.reason
    assert check.ok is not fires, check.reason


def test_statement_only_reports_still_link() -> None:
    """Reports that tell nothing but the statement keep it free: the same speaker, place
    and day link them (LK100), as before."""
    linked = link_events([event_row("a:e1", **CONDEMNATION), event_row("b:e1", **CONDEMNATION)])
    (together,) = linked
    assert {s.event_id for s in together.sources} == {"a:e1", "b:e1"}
    assert "LK100" in _cited(together.sources[1].reason)


@pytest.mark.parametrize(
    ("location", "unlisted"),
    [
        ({"unlisted": True}, True),
        ({"unlisted": False, "reason": "[WW070] [PL200] 'Dankoli' not in the gazetteer"}, False),
        # A record coded before locations carried the flag: its reason cites PL200 / PL040.
        ({"reason": "[WW070] [PL200] 'Dankoli' not in the gazetteer"}, True),
        ({"reason": "[WW070] [PL040] 'Dankoli' not in the gazetteer"}, True),
        ({"reason": "[WW070] [PL165] admin1 'Zamfara'"}, False),
    ],
)
def test_unlisted_place_from_the_flag_or_an_older_records_reason(
    location: dict[str, Any], unlisted: bool
) -> None:
    row = event_row("a:e1", **{**REGION, "location_name": "Dankoli"}, record={"location": location})
    assert mention_from_row(row).unlisted is unlisted


def _link_rules() -> list[str]:
    return [r.id for r in all_rules() if r.stage is Stage.LINK]


def test_every_link_rule_has_cases_that_fire_and_that_do_not() -> None:
    cases = {(rule, fires) for _, rule, fires, *_ in PAIRS}
    cases |= {("LK090", fires) for _, fires, _ in FOLLOWERS + PLACED_FOLLOWERS}
    cases |= {("LK210", fires) for _, fires, *_ in SIDE_EVENT_CASES}
    missing = [
        f"{rule} ({'fires' if fires else 'quiet'})"
        for rule in _link_rules()
        for fires in (True, False)
        if (rule, fires) not in cases
    ]
    assert not missing, f"link rules without a case in tests/test_link_rules.py: {missing}"


def rules_table() -> str:
    """The link rules as docs/linking.md lists them, in the order they apply."""
    kinds = {Kind.REFUSE: "refuses", Kind.MERGE: "merges", Kind.KEEP: "keeps"}
    lines = ["| id | name | does | reason |", "|---|---|---|---|"]
    for rule in all_rules():
        if rule.stage is Stage.LINK:
            lines.append(f"| {rule.id} | {rule.name} | {kinds[rule.kind]} | {rule.reason} |")
    return "\n".join(lines)


def test_docs_list_every_link_rule() -> None:
    text = DOC.read_text("utf-8")
    table = rules_table()
    assert table in text, f"docs/linking.md must hold the link rules table:\n\n{table}\n"
    for rule_id in _link_rules():
        assert rule_id in text
