"""Output contract v1: fixed fields, valid offsets, schema, error records in place."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = [
    (
        "Gunmen kill 12 villagers in Zamfara",
        "Gunmen killed 12 villagers in Zamfara state on Sunday night, police said.\n\n"
        "The attackers arrived on motorcycles and opened fire on residents of Kwata village, "
        'a police spokesman, Mohammed Shehu, told reporters. "We have deployed more officers '
        'to the area," he said.',
        "2023-03-14",
    ),
    (
        None,
        "Protesters marched through central Bogota on Thursday to demand higher wages. "
        "Police fired tear gas to disperse the crowd and detained 15 people.",
        "2021-05-07",
    ),
    (
        None,
        "A roadside bomb struck a military convoy near Mosul on Tuesday, killing three "
        "soldiers and wounding five others, Iraqi officials said.",
        "2017-02-10",
    ),
]


@pytest.fixture(scope="module")
def schema():
    path = resources.files("newscoder.schema").joinpath("output-v1.json")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def records(code_text):
    out = [code_text((ROOT / "examples" / "kabul-embassy.txt").read_text("utf-8"), "2022-12-02")]
    for title, body, published in ARTICLES:
        text = f"{title}\n\n{body}" if title else body
        out.append((code_text(text, published), text))
    seed_text = (ROOT / "examples" / "kabul-embassy.txt").read_text("utf-8")
    return [(out[0], seed_text), *out[1:]]


def test_records_validate_against_schema(records, schema):
    for record, _ in records:
        jsonschema.validate(record, schema)


def test_every_event_has_the_fixed_fields(records):
    fixed = {
        "id", "plover", "acled", "date", "location", "actor1", "actor2", "fatalities",
        "injuries", "arrests", "status", "background", "confidence", "evidence",
    }  # fmt: skip
    for record, _ in records:
        assert record["events"], record["id"]
        for event in record["events"]:
            assert fixed <= set(event)


def test_offsets_lie_inside_the_text(records):
    for record, text in records:
        for event in record["events"]:
            for ev in event["evidence"]:
                assert 0 <= ev["start"] < ev["end"] <= len(text)
        for quote in record["quotes"]:
            assert text[quote["start"] : quote["end"]] == quote["text"]
            if quote["speaker"] and quote["speaker"]["start"] is not None:
                sp = quote["speaker"]
                assert 0 <= sp["start"] < sp["end"] <= len(text)
        for ent in record["entities"]:
            assert text[ent["start"] : ent["end"]] == ent["text"]


def test_error_records_validate(schema):
    jsonschema.validate({"id": "x", "error": {"code": "E102", "message": "empty"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "error": {"code": "bad"}}, schema)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_unicode_never_raises(code_text, text):
    from newscoder.errors import RecordError

    try:
        record = code_text(text, "2020-01-01")
    except RecordError:
        return
    for event in record["events"]:
        for ev in event["evidence"]:
            assert (
                0 <= ev["start"] <= ev["end"] <= len(text.replace("\r\n", "\n").replace("\r", "\n"))
            )


def test_every_value_names_its_rule(records):
    """Decisions carry rule ids: the reason opens with the id the `rule` field holds."""
    from newscoder.registry import all_rules

    known = {r.id for r in all_rules()}
    for record, _ in records:
        for event in record["events"]:
            rules = event["rules"]
            for field in ("trigger", "event_type", "plover_type", "plover_mode", "status"):
                assert rules[field] in known, (field, rules)
            for field in ("fatalities", "injuries", "arrests"):
                assert (field in rules) == (event[field] is not None), (field, event)
            for key in ("date", "location", "actor1", "actor2"):
                value = event[key]
                if value is None:
                    continue
                assert value["rule"] in known, (key, value)
                assert value["reason"].startswith(f"[{value['rule']}] "), (key, value)
