"""Localities: the villages, neighbourhoods and areas a report names inside an event's
place (coding/locality.py, WW380), which linking reads (LK200). Texts written here."""

from __future__ import annotations

import pytest

from newscoder.coding.locality import localities


@pytest.mark.parametrize(
    ("text", "towns", "expected"),
    [
        ("in Kwanyi village of Gusau district", (), ["Kwanyi"]),
        ("in the village of Dogon Daji", (), ["Dogon Daji"]),
        ("a man was shot in Colonia Lomas de Santa Fe", (), ["Lomas de Santa Fe"]),
        ("shelling hit the Tal Afar area Sinjar district", (), ["Tal Afar"]),  # not Sinjar
        ("traders in the Sabon Gari neighbourhood", (), ["Sabon Gari"]),
        ("protesters gathered in Quito - Chillogallo", ("Quito",), ["Chillogallo"]),
        # "Durban area" names the town itself: the event's own place, left out later.
        ("roads were blocked in the Durban area (Umlazi)", ("Durban",), ["Durban", "Umlazi"]),
        ("fighting in the Hay al-Salam district of Sirte", ("Sirte",), ["Hay al-Salam"]),
        ("a trader was robbed in Mabvuku, Harare", ("Harare",), ["Mabvuku"]),
        ("gunmen attacked an IDP camp", (), []),  # a kind of camp, not its name
        ("soldiers attacked the village Monday", (), []),
        ("protesters marched in Quito", ("Quito",), []),
        ("residents rallied in Kisumu - Nyalenda", ("Nakuru",), []),  # another town's part
        ("troops raided Nur ash Shams refugee camp", (), ["Nur ash Shams"]),
        ("artillery hit Kafr Saghir town in Aleppo", ("Aleppo",), ["Kafr Saghir"]),
        ("shelling of positions in Tal Rifaat in Aleppo", ("Aleppo",), ["Tal Rifaat"]),
        ("protesters gathered in Tahrir Square in Cairo", ("Cairo",), []),  # a site
        ("The village was attacked", (), []),
    ],
)
def test_localities(text: str, towns: tuple[str, ...], expected: list[str]) -> None:
    found = [text[s.start : s.end] for s in localities(text, 0, len(text), towns)]
    assert found == expected


def test_an_event_keeps_its_village_beside_its_place(code_text) -> None:
    record = code_text(
        "Soldiers burned houses in Kwanyi village of Gusau district (Zamfara) on Monday.",
        "2022-06-01",
    )
    location = record["events"][0]["location"]
    assert [x["text"] for x in location["localities"]] == ["Kwanyi"]
    assert location["name"] != "Kwanyi"  # the gazetteer lacks it: placed at its district


def test_an_acronym_before_workers_is_no_town(code_text) -> None:
    # WW015 reads "Kandi residents" as a place; "SAM foundry workers" is a company's name
    # in capitals, not the Syrian or American town of that name.
    record = code_text("On 12 January 2022, SAM foundry workers demonstrated at their factory.")
    assert record["events"][0]["location"] is None or (
        record["events"][0]["location"].get("name") is None
    )
    kandi = code_text("On 12 January 2022, Kandi residents demonstrated at the market.")
    assert kandi["events"][0]["location"]["name"] == "Kandi"
