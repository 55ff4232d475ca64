"""The IndiaPoliceEvents evaluation: reading the folder, the labels coded events
imply, the keyword search, scores, and ``newscoder eval`` on such a folder.

The articles below are written for these tests in the corpus' shape (lower-cased,
with UTF-8 read as cp1252); no corpus text is used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscoder.evaluate.india_police import (
    LABELS,
    SystemScores,
    evaluate_india_police,
    event_labels,
    is_india_police,
    keyword_document_labels,
    keyword_labels,
    labels_of_record,
    read_india_police,
)
from newscoder.evaluate.readers import GoldFormatError, detect_kind, read_gold

DOCS = [
    (
        1,
        "2002-03-04",
        [
            (
                "rajkot: police fired ten rounds to disperse a mob on monday.",
                ["FORCE", "ANY_ACTION"],
            ),
            ("two men were killed in the police firing.", ["KILL", "FORCE", "ANY_ACTION"]),
            ("â€œwe had no choice,â€\ufffd an officer said.", []),
        ],
    ),
    (
        3,
        "2002-03-05",
        [
            ("surat: police arrested 12 people for looting shops.", ["ARREST", "ANY_ACTION"]),
            ("the traders said the police did not come when called.", ["FAIL", "ANY_ACTION"]),
        ],
    ),
    (
        5,
        "2002-03-06",
        [("the municipal corporation discussed its budget on tuesday.", [])],
    ),
]


def _write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    with (
        (root / "docs.jsonl").open("w", encoding="utf-8") as docs,
        (root / "sents.jsonl").open("w", encoding="utf-8") as sents,
        (root / "metadata.jsonl").open("w", encoding="utf-8") as meta,
    ):
        for doc_id, date, sentences in DOCS:
            text = " ".join(s for s, _ in sentences)
            docs.write(json.dumps({"doc_id": doc_id, "doc_text": text}) + "\n")
            meta.write(json.dumps({"doc_id": doc_id, "date": date, "url": "x"}) + "\n")
            for n, (sentence, labels) in enumerate(sentences):
                row = {"doc_id": doc_id, "sent_id": n, "sent_labels": labels, "sent_text": sentence}
                sents.write(json.dumps(row) + "\n")
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(tmp_path / "india-police-events")


def test_reads_documents_with_labels_and_dates(corpus: Path) -> None:
    assert is_india_police(corpus)
    assert detect_kind(corpus) == "india-police"
    docs = list(read_india_police(corpus))
    assert [d.doc_id for d in docs] == [1, 3, 5]
    assert docs[0].labels == {"KILL", "FORCE", "ANY_ACTION"}
    assert docs[1].labels == {"ARREST", "FAIL", "ANY_ACTION"}
    assert docs[2].labels == frozenset()
    assert str(docs[1].published) == "2002-03-05"
    assert docs[0].group == 1 and docs[1].group == 3
    with pytest.raises(GoldFormatError):
        read_gold(corpus, "india-police")


def _event(actor_type: str | None, **fields: object) -> dict:
    event = {
        "actor1": {"name": "x", "type": actor_type} if actor_type else None,
        "status": "occurred",
        "plover": {"type": "COERCE", "mode": None},
        "acled": {"event_type": None, "sub_event_type": None},
        "fatalities": 0,
        "injuries": None,
    }
    event.update(fields)
    return event


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (_event("State forces"), {"ANY_ACTION"}),
        (_event("State forces", fatalities=2), {"ANY_ACTION", "KILL", "FORCE"}),
        (_event("State forces", injuries=3), {"ANY_ACTION", "FORCE"}),
        (_event("State forces", plover={"type": "ASSAULT", "mode": None}), {"ANY_ACTION", "FORCE"}),
        (
            _event("State forces", acled={"event_type": "x", "sub_event_type": "Arrests"}),
            {"ANY_ACTION", "ARREST"},
        ),
        (
            _event("State forces", plover={"type": "COERCE", "mode": "arrest"}),
            {"ANY_ACTION", "ARREST"},
        ),
        (_event("State forces", status="negated"), {"FAIL"}),
        (_event("State forces", status="planned"), set()),
        (_event("Rioters", fatalities=4), set()),
        # governments and officials are ACLED State forces, but no police action
        (
            _event(
                "State forces",
                actor1={
                    "name": "Government of India",
                    "type": "State forces",
                    "role": "government",
                },
            ),
            set(),
        ),
        (
            _event(
                "State forces",
                actor1={"name": "A Khan", "type": "State forces", "role": "defence minister"},
            ),
            set(),
        ),
        (
            _event(
                "State forces",
                actor1={
                    "name": "P Pande",
                    "type": "State forces",
                    "role": "city police commissioner",
                },
            ),
            {"ANY_ACTION"},
        ),
        (
            _event(
                "State forces",
                actor1={"name": "Police Forces of India", "type": "State forces", "role": "police"},
            ),
            {"ANY_ACTION"},
        ),
        (
            _event(
                "State forces", actor1={"name": "Military Forces of India", "type": "State forces"}
            ),
            {"ANY_ACTION"},
        ),
        (_event(None, plover={"type": "ASSAULT", "mode": None}), set()),
        # force on demonstrators: ACLED puts the protesters first, the force second
        (
            _event(
                "Protesters",
                actor2={"name": "Police Forces of India", "type": "State forces"},
                acled={
                    "event_type": "Protests",
                    "sub_event_type": "Excessive force against protesters",
                },
                fatalities=2,
            ),
            {"ANY_ACTION", "KILL", "FORCE"},
        ),
        (
            _event(
                "Protesters",
                actor2={"name": "Police Forces of India", "type": "State forces"},
                acled={"event_type": "Protests", "sub_event_type": "Protest with intervention"},
            ),
            {"ANY_ACTION"},
        ),
        # a peaceful protest: the police beside it did nothing
        (
            _event(
                "Protesters",
                actor2={"name": "Police Forces of India", "type": "State forces"},
                acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
            ),
            set(),
        ),
    ],
)
def test_event_labels(event: dict, expected: set[str]) -> None:
    assert event_labels(event) == expected


def test_labels_of_record_unions_events_and_ignores_errors() -> None:
    record = {"events": [_event("State forces"), _event("State forces", fatalities=1)]}
    assert labels_of_record(record) == {"ANY_ACTION", "KILL", "FORCE"}
    assert labels_of_record({"error": {"code": "E1"}}) == frozenset()
    assert labels_of_record(None) == frozenset()


def test_keyword_search_needs_police_and_the_verb_in_one_sentence() -> None:
    assert keyword_labels(["police fired in the air.", "a shop was looted."]) == {
        "ANY_ACTION",
        "FORCE",
    }
    assert keyword_labels(["police reached the spot.", "two were killed."]) == {"ANY_ACTION"}
    assert keyword_document_labels("police reached the spot. two were killed.") == {
        "ANY_ACTION",
        "KILL",
    }
    assert keyword_labels(["the policeman arrested him"]) == {"ANY_ACTION", "ARREST"}
    assert keyword_labels(["two were killed."]) == frozenset()


def test_scores_count_documents_per_label() -> None:
    scores = SystemScores()
    scores.add(frozenset({"KILL", "ANY_ACTION"}), frozenset({"ANY_ACTION"}))
    scores.add(frozenset(), frozenset({"ARREST"}))
    assert scores.labels["ANY_ACTION"].f1 == 1.0
    assert scores.labels["KILL"].recall == 0.0
    assert scores.labels["ARREST"].precision == 0.0
    assert scores.macro_f1 == pytest.approx(1.0 / len(LABELS))


def test_evaluate_scores_groups_and_lists_only_development_mistakes(corpus: Path) -> None:
    def code_many(items):
        for _text, _published in items:
            yield {"events": [_event("State forces", fatalities=1)]}

    report = evaluate_india_police(corpus, code_many)
    assert report.documents == 3
    assert set(report.groups) == {"all", "doc_id % 4 = 1", "doc_id % 4 = 3"}
    assert report.groups["doc_id % 4 = 1"]["coder"].labels["KILL"].tp == 1
    assert all(m.doc_id % 4 == 1 for m in report.mistakes)
    data = report.to_dict()
    assert data["kind"] == "india-police"
    assert data["groups"]["all"]["coder"]["labels"]["KILL"]["fp"] == 2


def test_cli_eval_reads_the_folder(corpus: Path) -> None:
    from typer.testing import CliRunner

    from newscoder.cli import app

    result = CliRunner().invoke(app, ["eval", str(corpus), "--json", "--no-progress"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "india-police"
    assert data["documents"] == 3
    assert set(data["groups"]["all"]) == {"coder", "keyword_sentence", "keyword_document"}
