"""Reviews become gold data: `newscoder export --reviewed`, read by `newscoder eval`."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newscoder.cli import app as cli
from newscoder.evaluate import detect_kind, run_eval
from newscoder.evaluate.reviewed import read_reviewed
from newscoder.link import link_store
from newscoder.serve import create_app
from newscoder.store import Store

TOKEN = "gold-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Written for this test.
TEXT = (
    "Gunmen shot dead four villagers in Funtua, Katsina State, on Sunday, police said.\n"
    "Separately, soldiers arrested two suspects in Kano on Saturday."
)


def _store(tmp_path: Path, code_text) -> tuple[Path, dict]:  # type: ignore[no-untyped-def]
    record = code_text(TEXT, published="2024-03-04", id="villages")
    db = tmp_path / "news.sqlite"
    with Store(db) as store:
        store.upsert(record, text=TEXT)
        link_store(store)
    return db, record


def test_reviews_export_as_gold_and_score_the_coder(tmp_path: Path, code_text) -> None:  # type: ignore[no-untyped-def]
    db, record = _store(tmp_path, code_text)
    ids = [e["id"] for e in record["events"]]
    assert len(ids) >= 2, record["events"]
    with TestClient(create_app(db, token=TOKEN, reviewer="ana")) as client:
        post = client.post
        assert post(
            f"/api/events/{ids[0]}/review", json={"action": "accept"}, headers=AUTH
        ).is_success
        edit = {"action": "edit", "changes": {"fatalities": 5}, "note": "a fifth died later"}
        assert post(f"/api/events/{ids[0]}/review", json=edit, headers=AUTH).is_success
        assert post(
            f"/api/events/{ids[1]}/review", json={"action": "reject"}, headers=AUTH
        ).is_success

    gold = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--reviewed", "-o", str(gold)])
    assert result.exit_code == 0, result.output
    [line] = gold.read_text(encoding="utf-8").splitlines()
    exported = json.loads(line)
    assert exported["gold"] == "newscoder-reviewed" and exported["text"] == TEXT
    assert exported["published"] == "2024-03-04"
    by_id = {e["id"]: e for e in exported["events"]}
    assert by_id[ids[0]]["fatalities"] == 5
    assert by_id[ids[0]]["review"]["status"] == "edited"
    assert by_id[ids[0]]["review"]["changed"] == ["fatalities"]
    assert by_id[ids[0]]["evidence"] == record["events"][0]["evidence"]
    assert by_id[ids[1]]["review"]["status"] == "rejected"

    assert detect_kind(gold) == "reviewed"
    [article] = list(read_reviewed(gold))
    assert {e.status for e in article.events} == {"edited", "rejected"}

    def code_fn(text, published):  # type: ignore[no-untyped-def]
        return code_text(text, published=published.isoformat() if published else None)

    report = run_eval(gold, code_fn)
    assert report.kind == "reviewed" and report.documents == 1
    assert report.acled is not None and report.acled.rows == 1
    fields = {f.name: f for f in report.acled.fields}
    # The coder says four; the reviewer says five.
    assert fields["fatalities exact"].total == 1 and fields["fatalities exact"].correct == 0
    rejected = fields["rejected, not coded again"]
    assert rejected.total == 1 and rejected.correct == 0  # the coder still codes it
    assert report.acled.event_type.correct == 1


def test_a_linked_review_lends_its_verdict_but_not_its_figures(tmp_path: Path, code_text) -> None:  # type: ignore[no-untyped-def]
    db, record = _store(tmp_path, code_text)
    with TestClient(create_app(db, token=TOKEN)) as client:
        linked = client.get("/api/events/" + record["events"][0]["id"]).json()["linked_event_id"]
        response = client.post(
            f"/api/events/{linked}/review",
            json={"action": "edit", "changes": {"fatalities": 9, "actor1": "Bandits"}},
            headers=AUTH,
        )
        assert response.status_code == 200, response.text
    gold = tmp_path / "gold.jsonl"
    CliRunner().invoke(cli, ["export", "--db", str(db), "--reviewed", "-o", str(gold)])
    [event] = json.loads(gold.read_text(encoding="utf-8"))["events"]
    assert event["id"] == record["events"][0]["id"]
    assert event["review"]["via"] == linked and event["review"]["figures_reviewed"] is False
    assert event["actor1"]["name"] == "Bandits" and event["fatalities"] is None
