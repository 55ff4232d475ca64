"""The seed article against what a careful human coder writes (tests/data gold file)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "kabul-embassy.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "kabul-embassy.gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def coded(code_text):
    return code_text(SEED.read_text("utf-8"), published=GOLD["published"], id="kabul-embassy")


def _names(actor: dict | None) -> str:
    if not actor:
        return ""
    return " ".join(str(actor.get(k) or "") for k in ("name", "acled_name", "role")).lower()


def _date_ok(gold: dict, event: dict) -> bool:
    value = event["date"]["value"]
    if value is None:
        return False
    if gold.get("date_precision") == "month":
        return value.startswith(gold["date"])
    tolerance = gold.get("date_tolerance_days", 0)
    delta = dt.date.fromisoformat(value) - dt.date.fromisoformat(gold["date"])
    return abs(delta.days) <= tolerance


def _matches(gold: dict, event: dict) -> list[str]:
    """Why ``event`` is not ``gold`` (empty when it is)."""
    why = []
    if event["plover"]["type"] not in gold["plover"]:
        why.append("plover")
    if "acled" in gold and event["acled"]["event_type"] not in gold["acled"]:
        why.append("acled")
    if "date" in gold and not _date_ok(gold, event):
        why.append("date")
    loc = event["location"] or {}
    if "country" in gold and loc.get("country_code") != gold["country"]:
        why.append("country")
    for field in ("fatalities", "injuries"):
        if field in gold and event[field] != gold[field]:
            why.append(field)
    if "injuries_any" in gold and event["injuries"] not in gold["injuries_any"]:
        why.append("injuries")
    for slot in ("actor1", "actor2"):
        wanted = gold.get(f"{slot}_any")
        if wanted and not any(w.lower() in _names(event[slot]) for w in wanted):
            why.append(slot)
    return why


@pytest.mark.parametrize("gold", [e for e in GOLD["events"] if e["core"]], ids=lambda e: e["id"])
def test_core_event_found(coded, gold):
    misses = {e["id"]: _matches(gold, e) for e in coded["events"]}
    assert any(not why for why in misses.values()), f"{gold['what']}: {misses}"


def test_every_gold_event_found_without_padding(coded):
    missing = [g["id"] for g in GOLD["events"] if all(_matches(g, e) for e in coded["events"])]
    assert not missing
    assert len(coded["events"]) <= len(GOLD["events"]) + 2  # no flood of spurious events


def test_main_event_first(coded):
    first = coded["events"][0]
    assert not _matches(GOLD["events"][0], first)
    assert first["background"] is False


def test_september_bombing_is_background(coded):
    september = [e for e in coded["events"] if (e["date"]["value"] or "").startswith("2022-09")]
    assert september and all(e["background"] for e in september)


@pytest.mark.parametrize("gold", GOLD["quotes"], ids=lambda q: q["id"])
def test_quote_and_speaker(coded, gold):
    quotes = [q for q in coded["quotes"] if q["text"].startswith(gold["starts"])]
    assert quotes, gold["starts"]
    speaker = quotes[0]["speaker"]
    assert speaker["name"] == gold["speaker"]
    assert any(r.lower() in (speaker["role"] or "").lower() for r in gold["role_any"])


def test_title(coded):
    assert coded["article"]["title"] == GOLD["title"]


def test_nothing_from_credit_line_or_boilerplate(coded):
    text = SEED.read_text("utf-8")
    credit = text.index("Safiullah Padshah contributed")
    for event in coded["events"]:
        assert all(ev["end"] <= credit for ev in event["evidence"])
    for quote in coded["quotes"]:
        assert quote["end"] <= credit
    for entity in coded["entities"]:
        assert entity["start"] < credit
    assert set(coded["article"]["contributors"]) == set(GOLD["contributors"])


def test_no_publication_date_keeps_relative_dates_unresolved(code_text):
    coded = code_text(SEED.read_text("utf-8"), published=None)
    september = [e for e in coded["events"] if e["date"]["text"] == "In September"]
    assert september and september[0]["date"]["value"] is None
    assert any("publication date" in w for w in coded["warnings"])
