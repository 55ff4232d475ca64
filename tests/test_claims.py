"""AC440: an attack whose doer is not named goes to the named group that claims it."""

from __future__ import annotations

import pytest


def _doers(code_text, text: str) -> list[tuple[str, str]]:
    record = code_text(f"On 18 May 2020, {text}", "2020-05-19")
    return [(e["actor1"]["name"], e["actor1"]["rule"]) for e in record["events"]]


@pytest.mark.parametrize(
    "text",
    [
        "two soldiers were shot dead in Jalalabad. Later the Taliban claimed responsibility "
        "for the attack.",
        "gunmen killed two policemen in Jalalabad. The Taliban claimed responsibility.",
    ],
)
def test_a_named_claimant_is_the_attacker(code_text, text: str) -> None:
    assert _doers(code_text, text)[0] == ("Taliban", "AC440")


@pytest.mark.parametrize(
    "text",
    [
        # no one claims
        "gunmen killed two policemen in Jalalabad. No group claimed responsibility.",
        # a generic speaker names no group
        "gunmen killed two policemen in Jalalabad. A spokesman claimed responsibility.",
        # too far: three sentences later
        "gunmen killed two policemen in Jalalabad. The road was closed. Shops shut. "
        "Traders left the town. The Taliban claimed responsibility.",
    ],
)
def test_no_named_claim_leaves_the_attacker_unnamed(code_text, text: str) -> None:
    assert _doers(code_text, text)[0][1] != "AC440"


def test_a_named_attacker_is_not_overruled_by_a_claim(code_text) -> None:
    doers = _doers(
        code_text,
        "soldiers shot dead two rebels in Jalalabad. The Taliban claimed responsibility.",
    )
    assert doers[0][1] != "AC440"
