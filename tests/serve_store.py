"""A small store for the review app's tests, made from records written by hand
(no model needed): two reports of one market raid (linked into one event), a
protest, a statement, and an article whose title, text and URL carry script
payloads. All texts were written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newscoder.link import link_store
from newscoder.store import Store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

RAID_A = (
    "Gunmen raided the cattle market in Dutsin-Ma on Sunday, killing five traders, "
    "police said.\nResidents said the attackers fled on motorcycles."
)
RAID_B = "Armed men killed seven people at the Dutsin-Ma market on Sunday, a local official said."
PROTEST = "Hundreds of students marched through Kano on Monday to demand lower fees."
RALLY = "Opposition supporters rallied peacefully in Accra on Monday."
STATEMENT = '"We will restore order," the governor said on Tuesday.'
XSS_TEXT = f"Villagers said {XSS_SCRIPT} gunmen {XSS_IMG} burned three houses in Funtua on Sunday."


def _span(text: str, part: str) -> dict[str, int]:
    start = text.index(part)
    return {"start": start, "end": start + len(part)}


def _place(text: str, name: str, admin1: str, lat: float, lon: float) -> dict[str, Any]:
    return {
        "name": name,
        "admin1": admin1,
        "country": "Nigeria",
        "country_code": "NG",
        "lat": lat,
        "lon": lon,
        "geo_precision": 1,
        "reason": f"town {name!r}",
        **_span(text, name),
    }


def _event(
    article: str,
    n: int,
    text: str,
    evidence: str,
    *,
    acled: tuple[str | None, str | None],
    plover: str,
    date: str,
    place: dict[str, Any] | None,
    actor1: tuple[str, str],
    actor2: tuple[str, str] | None,
    fatalities: int | None,
    trigger: str,
    reason: str,
) -> dict[str, Any]:
    return {
        "id": f"{article}:e{n}",
        "plover": {"type": plover, "mode": None},
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]},
        "date": {"value": date, "precision": "day", "text": "on Sunday", "reason": "weekday"},
        "location": place,
        "actor1": {"name": actor1[0], "type": actor1[1], "country_code": "NG", "reason": "test"},
        "actor2": (
            {"name": actor2[0], "type": actor2[1], "country_code": "NG", "reason": "test"}
            if actor2
            else None
        ),
        "fatalities": fatalities,
        "injuries": None,
        "arrests": None,
        "status": "occurred",
        "background": False,
        "confidence": 0.9,
        "evidence": [_span(text, evidence)],
        "trigger": {"text": trigger, **_span(text, trigger)},
        "reason": reason,
    }


def records() -> list[tuple[dict[str, Any], str]]:
    raid = {
        "acled": ("Violence against civilians", "Attack"),
        "plover": "ASSAULT",
        "date": "2024-03-03",
        "actor1": ("Unidentified Armed Group (Nigeria)", "Political militia"),
        "actor2": ("Civilians (Nigeria)", "Civilians"),
    }
    a_evidence = RAID_A.split("\n")[0]
    out = [
        (
            {
                "id": "raid-a",
                "article": {
                    "title": "Gunmen raid Dutsin-Ma market",
                    "published": "2024-03-04",
                    "source": "Agency A",
                    "url": "https://example.org/raid-a",
                },
                "events": [
                    _event(
                        "raid-a",
                        1,
                        RAID_A,
                        a_evidence,
                        **raid,  # type: ignore[arg-type]
                        place=_place(RAID_A, "Dutsin-Ma", "Katsina", 12.45, 7.50),
                        fatalities=5,
                        trigger="raided",
                        reason="trigger 'raided' (armed); killed 5: 'killing' (active) then "
                        "the victims; number words 'five'",
                    ),
                ],
                "quotes": [
                    {
                        "text": "the attackers fled on motorcycles",
                        "kind": "indirect",
                        **_span(RAID_A, "the attackers fled on motorcycles"),
                        "speaker": {
                            "name": None,
                            "role": "residents",
                            **_span(RAID_A, "Residents"),
                        },
                        "cue": {"text": "said", **_span(RAID_A, "said the")},
                        "event_id": "raid-a:e1",
                    },
                ],
                "entities": [],
                "warnings": [],
            },
            RAID_A,
        ),
        (
            {
                "id": "raid-b",
                "article": {
                    "title": "Seven killed at Dutsin-Ma market",
                    "published": "2024-03-04",
                    "source": "Agency B",
                },
                "events": [
                    _event(
                        "raid-b",
                        1,
                        RAID_B,
                        RAID_B,
                        **raid,  # type: ignore[arg-type]
                        place=_place(RAID_B, "Dutsin-Ma", "Katsina", 12.45, 7.50),
                        fatalities=7,
                        trigger="killed",
                        reason="trigger 'killed' (kill); killed 7: 'killed' (active) then the "
                        "victims; number words 'seven'",
                    ),
                ],
                "quotes": [],
                "entities": [],
                "warnings": [],
            },
            RAID_B,
        ),
        (
            {
                "id": "protest",
                "article": {"title": "Students march in Kano", "published": "2024-03-05"},
                "events": [
                    _event(
                        "protest",
                        1,
                        PROTEST,
                        PROTEST,
                        acled=("Protests", "Peaceful protest"),
                        plover="PROTEST",
                        date="2024-03-04",
                        place=_place(PROTEST, "Kano", "Kano", 12.0, 8.52),
                        actor1=("Protesters (Nigeria)", "Protesters"),
                        actor2=None,
                        fatalities=0,
                        trigger="marched",
                        reason="trigger 'marched'",
                    ),
                ],
                "quotes": [],
                "entities": [],
                "warnings": [],
            },
            PROTEST,
        ),
        (
            {
                "id": "rally",
                "article": {"title": "Opposition rally in Accra", "published": "2024-03-05"},
                "events": [
                    _event(
                        "rally",
                        1,
                        RALLY,
                        RALLY,
                        acled=("Protests", "Peaceful protest"),
                        plover="PROTEST",
                        date="2024-03-04",
                        place={
                            **_place(RALLY, "Accra", "Greater Accra", 5.56, -0.2),
                            "country": "Ghana",
                            "country_code": "GH",
                        },
                        actor1=("Protesters (Ghana)", "Protesters"),
                        actor2=None,
                        fatalities=0,
                        trigger="rallied",
                        reason="trigger 'rallied'",
                    ),
                ],
                "quotes": [],
                "entities": [],
                "warnings": [],
            },
            RALLY,
        ),
        (
            {
                "id": "statement",
                "article": {"title": "Governor promises order", "published": "2024-03-06"},
                "events": [
                    _event(
                        "statement",
                        1,
                        STATEMENT,
                        STATEMENT,
                        acled=(None, None),
                        plover="THREATEN",
                        date="2024-03-05",
                        place=None,
                        actor1=("Government of Nigeria", "State forces"),
                        actor2=None,
                        fatalities=None,
                        trigger="restore order",
                        reason="statement",
                    ),
                ],
                "quotes": [
                    {
                        "text": "We will restore order",
                        "kind": "direct",
                        **_span(STATEMENT, "We will restore order"),
                        "speaker": {
                            "name": None,
                            "role": "governor",
                            **_span(STATEMENT, "governor"),
                        },
                        "cue": {"text": "said", **_span(STATEMENT, "said")},
                    },
                ],
                "entities": [],
                "warnings": [],
            },
            STATEMENT,
        ),
        (
            {
                "id": "xss",
                "article": {
                    "title": f"Attack {XSS_SCRIPT} {XSS_IMG}",
                    "published": "2024-03-04",
                    "url": "javascript:alert(1)",
                    "source": f"{XSS_IMG}",
                },
                "events": [
                    _event(
                        "xss",
                        1,
                        XSS_TEXT,
                        XSS_TEXT,
                        acled=("Violence against civilians", "Attack"),
                        plover="ASSAULT",
                        date="2024-03-03",
                        place=_place(XSS_TEXT, "Funtua", "Katsina", 11.52, 7.31),
                        actor1=(f"Gunmen {XSS_SCRIPT}", "Political militia"),
                        actor2=("Civilians (Nigeria)", "Civilians"),
                        fatalities=0,
                        trigger="burned",
                        reason=f"trigger 'burned' {XSS_IMG}",
                    ),
                ],
                "quotes": [],
                "entities": [],
                "warnings": [],
            },
            XSS_TEXT,
        ),
    ]
    return out


def build_store(path: Path, *, link: bool = True) -> Path:
    with Store(path) as store:
        for record, text in records():
            store.upsert(record, text=text)
        if link:
            link_store(store)
    return path
