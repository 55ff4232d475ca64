"""The Python API: code() and code_many()."""

from __future__ import annotations

import pytest

import newscoder
from newscoder.errors import EmptyText
from newscoder.types import CodedArticle, Failure


def test_code_returns_typed_result():
    result = newscoder.code(
        "Gunmen killed four villagers in Zamfara state on Sunday, police said.",
        published="2023-03-14",
    )
    assert isinstance(result, CodedArticle)
    event = result.events[0]
    assert event.plover_type == "ASSAULT"
    assert event.fatalities == 4
    assert event.date.value == "2023-03-12"
    assert result.to_dict()["events"][0]["location"]["country_code"] == "NG"


def test_code_rejects_empty_text():
    with pytest.raises(EmptyText):
        newscoder.code("   ")


def test_code_many_keeps_failures_in_place():
    items = [
        "Police arrested 12 protesters in Dhaka on Sunday.",
        {"id": "bad", "text": ""},
        {
            "id": "ok",
            "text": "Soldiers clashed with rebels near Goma on Friday.",
            "published": "2022-06-10",
        },
    ]
    out = list(newscoder.code_many(items))
    assert [type(x) for x in out] == [CodedArticle, Failure, CodedArticle]
    assert out[1].id == "bad" and out[1].code == "E102"
    assert out[2].id == "ok" and out[2].events[0].acled_event_type == "Battles"


def test_code_many_with_workers_matches_one_process():
    items = [
        {"id": f"r{n}", "text": text, "published": "2023-05-02"}
        for n, text in enumerate(
            [
                "Police fired tear gas at protesters in Nairobi on Monday.",
                "",
                "Gunmen abducted six traders near Katsina on Sunday.",
                "Troops killed three militants in a raid in Khost province on Saturday.",
            ]
        )
    ]
    one = [x.to_dict() if isinstance(x, CodedArticle) else x for x in newscoder.code_many(items)]
    two = newscoder.code_many(items, workers=2, batch_size=1)
    assert [x.to_dict() if isinstance(x, CodedArticle) else x for x in two] == one
    assert isinstance(one[1], Failure)
