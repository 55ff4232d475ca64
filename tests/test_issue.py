"""What a protest is about: the ``issue`` of a coded protest (extract/issue.py)."""

from __future__ import annotations

import pytest

import newscoder


def _issues(text: str) -> list[str | None]:
    record = newscoder.code(text).to_dict()
    return [(e.get("issue") or {}).get("text") for e in record["events"]]


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        (
            "Retired railway workers protested in Lisbon on Monday over the sale of the "
            "state rail company.",
            "the sale of the state rail company",
        ),
        ("Teachers marched in Kandi on Monday to demand higher wages.", "higher wages"),
        (
            "Students held a rally in Tabriz on Monday in support of the detained journalist.",
            "the detained journalist",
        ),
        (
            "About 90 people staged a demonstration in Osaka on Monday to oppose the new "
            "port plan.",
            "the new port plan",
        ),
        (
            "Farmers gathered outside the governor's office in Kano on Monday denouncing the "
            "water shortage.",
            "the water shortage",
        ),
    ],
)
def test_protest_issue(text: str, issue: str) -> None:
    assert _issues(text)[0] == issue


def test_no_issue_when_the_report_gives_none() -> None:
    assert _issues("Hundreds of nurses marched in Accra on Monday.")[0] is None


def test_a_date_after_the_verb_is_not_the_issue() -> None:
    assert _issues("On 8 March 2022, traders protested in Lagos.")[0] is None


def test_violence_has_no_issue() -> None:
    record = newscoder.code("Gunmen killed three villagers in Zamfara on Monday.").to_dict()
    assert record["events"] and all(e["issue"] is None for e in record["events"])
