"""Lists of links under an article: one headline a sentence (ingest/link_lists.py)."""

from __future__ import annotations

import pytest

from newscoder.ingest.link_lists import link_list_breaks, mark_link_lists

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            f"The town was calm. Related stories:{NBSP}Two held in a raid{NBSP}Floods cut roads",
            [":", "Two held in a raid", "Floods cut roads"],
        ),
        # mis-decoded: the no-break space's first byte read as cp1252, its second a space
        (
            "the town was calm. related storiesÂ two held in a raidÂ floods cut roadsÂ Â voice",
            ["related stories", "two held in a raid", "floods cut roads", "voice"],
        ),
        ("See also\xa0Market reopens\xa0Schools shut\n\nNext", ["See also", "Market reopens"]),
    ],
)
def test_a_list_of_links_breaks_between_its_items(text: str, items: list[str]) -> None:
    view = mark_link_lists(text, text)
    assert len(view) == len(text)
    parts = [p.strip(" \xa0Â") for p in view.split("\n")]
    for item in items[1:]:
        assert any(p == item for p in parts), (item, parts)


@pytest.mark.parametrize(
    "text",
    [
        "The river is 10\xa0km away. Mr\xa0Lee said the road was open.",
        "Related stories are rare here.",  # the words without a list after them
        "Police said the related stories\xa0were untrue.",  # not at a sentence start
    ],
)
def test_no_break_spaces_in_prose_are_left_alone(text: str) -> None:
    assert link_list_breaks(text) == []
    assert mark_link_lists(text, text) is text


def test_each_headline_is_coded_on_its_own(code_text) -> None:
    text = (
        "The curfew was relaxed on Monday, officials said. Related stories:"
        f"{NBSP}Police arrest 12 for looting shops{NBSP}Opposition leaders meet the governor"
    )
    record = code_text(text, published="2020-02-03")
    arrests = [e for e in record["events"] if e["acled"]["sub_event_type"] == "Arrests"]
    assert arrests, record["events"]
    # the governor of the next headline is no one arrested: that headline is a meeting
    assert (arrests[0]["actor2"] or {}).get("type") != "State forces", arrests[0]
    assert any(e["plover"]["type"] == "CONSULT" for e in record["events"]), record["events"]
