"""Sites: the kind of place in a town a report puts an event at ("near the local
prison", "in the city centre"; coding/site.py, WW520), which linking reads for violent
events (LK215). Texts written here."""

from __future__ import annotations

import pytest

from newscoder.coding.site import site_kind, sites


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gunmen shot a guard near the local prison", [("prison", "prison")]),
        ("gunmen shot a man in the city center", [("city center", "centre")]),
        ("a grenade was thrown in the centre of the town", [("centre of the town", "centre")]),
        ("a crowd gathered in front of the Ghanaian Embassy", [("Embassy", "embassy")]),
        ("a bomb went off at Kano University", [("University", "university")]),
        ("a man was killed at a bar and a woman near her home", [("bar", "bar"), ("home", "home")]),
        ("a bomb went off at the bus terminal", [("bus terminal", "bus station")]),
        ("two guards of the jail were killed", []),  # the jail's guards: no site said
        ("gunmen ambushed a bus on the highway", []),  # roads are not sites here
        ("fighting broke out in Jos", []),
    ],
)
def test_sites(text: str, expected: list[tuple[str, str]]) -> None:
    found = [text[s.start : s.end] for s in sites(text, 0, len(text))]
    assert [(f, site_kind(f)) for f in found] == expected


@pytest.mark.parametrize(
    ("words", "kind"),
    [("jail", "prison"), ("Prisons", "prison"), ("downtown", "centre"), ("road", None)],
)
def test_site_kind(words: str, kind: str | None) -> None:
    assert site_kind(words) == kind


def test_an_event_keeps_its_site_beside_its_place(code_text) -> None:
    record = code_text(
        "Gunmen shot and killed a night guard near the central prison in Kaduna on Monday.",
        "2022-06-01",
    )
    location = record["events"][0]["location"]
    assert [x["text"] for x in location["sites"]] == ["prison"]
