"""The review app, in process: pages, JSON API, reviews, audit and security."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newscoder.serve import create_app
from newscoder.serve.app import allowed_hosts_for, safe_url
from newscoder.serve.security import SESSION_COOKIE, load_or_create_token
from serve_store import XSS_IMG, XSS_SCRIPT, build_store

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "news.sqlite")


@pytest.fixture()
def client(db: Path):
    with TestClient(create_app(db, token=TOKEN, reviewer="tester")) as c:
        yield c


def _linked_id(client: TestClient) -> str:
    events = client.get("/api/events", params={"min_sources": 2}).json()["events"]
    assert len(events) == 1
    return events[0]["id"]


def _review(client: TestClient, event_id: str, body: dict, headers: dict | None = AUTH):
    return client.post(f"/api/events/{event_id}/review", json=body, headers=headers or {})


# -- reading ---------------------------------------------------------------------------


def test_healthz_and_pages_answer(client: TestClient) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    for path in ("/", "/events", "/events/raid-a:e1", "/articles/raid-a", "/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")


def test_api_events_uses_contract_names_and_links(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["view"] == "linked"  # the store is linked: many reports, one event
    assert body["total"] == 5  # the two raid reports are one event
    event = next(e for e in body["events"] if e["n_sources"] == 2)
    assert event["id"].startswith("le-")
    assert event["article_id"] in {"raid-a", "raid-b"}
    assert event["acled"] == {
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
    }
    assert event["location"]["country_code"] == "NG"
    assert event["fatalities"] == 5  # the lowest reported figure
    assert {s["article_id"] for s in event["sources"]} == {"raid-a", "raid-b"}
    assert event["review"] == {"status": "unreviewed", "version": 0}


def test_reports_view_and_unlinked_store(client: TestClient, tmp_path: Path) -> None:
    body = client.get("/api/events", params={"view": "reports"}).json()
    assert body["view"] == "reports" and body["total"] == 6
    assert {e["article_id"] for e in body["events"]} >= {"raid-a", "raid-b"}
    plain = build_store(tmp_path / "plain.sqlite", link=False)
    with TestClient(create_app(plain, token=TOKEN)) as other:
        assert other.get("/api/events").json()["view"] == "reports"


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"country": "NG", "type": "Protests"}, {"protest:e1"}),
        ({"country": "Nigeria", "type": "PROTEST"}, {"protest:e1"}),
        ({"type": "none"}, {"statement:e1"}),
        ({"since": "2024-03-04", "until": "2024-03-04"}, {"protest:e1", "rally:e1"}),
        ({"country": "GH"}, {"rally:e1"}),
        ({"q": "students"}, {"protest:e1"}),
        ({"q": "motorcycles"}, {"raid-a:e1"}),
        ({"country": "FR"}, set()),
    ],
)
def test_filters(client: TestClient, params: dict, ids: set[str]) -> None:
    body = client.get("/api/events", params={**params, "view": "reports"}).json()
    assert {e["id"] for e in body["events"]} == ids
    assert body["total"] == len(ids)


@pytest.mark.parametrize(
    ("params", "name"),
    [({"since": "yesterday"}, "since"), ({"limit": "0"}, "limit"), ({"sort": "x"}, "sort"),
     ({"status": "maybe"}, "status"), ({"view": "all"}, "view")],
)  # fmt: skip
def test_bad_filters_are_422_naming_the_parameter(client: TestClient, params, name) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert name in response.text


def test_sort_and_pages(client: TestClient) -> None:
    first = client.get("/api/events", params={"view": "reports", "sort": "-fatalities", "limit": 2})
    ids = [e["id"] for e in first.json()["events"]]
    assert ids == ["raid-b:e1", "raid-a:e1"]
    second = client.get(
        "/api/events", params={"view": "reports", "sort": "-fatalities", "limit": 2, "offset": 2}
    )
    assert not set(ids) & {e["id"] for e in second.json()["events"]}
    html = client.get("/events", params={"view": "reports", "limit": 2}).text
    assert 'rel="next"' in html


def test_event_detail_report_and_linked(client: TestClient) -> None:
    report = client.get("/api/events/raid-a:e1").json()
    assert report["event"]["article_id"] == "raid-a"
    assert report["coded"]["reason"].startswith("trigger 'raided'")
    assert report["linked_event_id"].startswith("le-")
    assert report["history"] == []
    linked = client.get(f"/api/events/{report['linked_event_id']}").json()
    assert {s["event_id"] for s in linked["sources"]} == {"raid-a:e1", "raid-b:e1"}
    assert {s["fatalities"] for s in linked["sources"]} == {5, 7}
    assert client.get("/api/events/nope:e9").status_code == 404
    page = client.get(f"/events/{report['linked_event_id']}").text
    assert "Seven killed at Dutsin-Ma market" in page and "Gunmen raid Dutsin-Ma market" in page


def test_article_page_marks_evidence(client: TestClient) -> None:
    api = client.get("/api/articles/raid-a").json()
    assert api["text"].startswith("Gunmen raided")
    assert api["record"]["events"][0]["id"] == "raid-a:e1"
    html = client.get("/articles/raid-a").text
    assert 'class="m-ev' in html and 'data-e="raid-a:e1"' in html
    assert re.search(r'class="[^"]*m-figure[^"]*"[^>]*>five<', html)  # the figure's word
    assert re.search(r'class="[^"]*m-place[^"]*"[^>]*>Dutsin-Ma<', html)
    assert re.search(r'class="[^"]*m-speaker[^"]*"[^>]*>Residents<', html)
    focused = client.get("/articles/raid-a", params={"focus": "raid-a:e1"}).text
    assert "focus" in focused
    assert client.get("/articles/raid-a.json").json()["id"] == "raid-a"


def test_overview_draws_map_and_timeline(client: TestClient) -> None:
    html = client.get("/").text
    assert '<svg class="map"' in html and "<circle" in html
    assert '<svg class="timeline"' in html and '<rect class="bar' in html
    # A country with events is a link that filters to it.
    assert "country=NG" in html
    data = client.get("/api/overview", params={"view": "reports"}).json()
    assert data["total"] == 6
    assert {p["id"] for p in data["points"]} >= {"raid-a:e1", "protest:e1"}


def test_merged_map_points_name_and_list_their_country(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above MAX_POINTS the points are merged on a grid: a merged point said "N events
    near : ..." (no place) and listed every event; now it names its country and lists
    that country's events."""
    from newscoder.serve import stats

    monkeypatch.setattr(stats, "MAX_POINTS", 2)
    points = client.get("/api/overview", params={"view": "reports"}).json()["points"]
    merged = [p for p in points if p["n"] > 1]
    assert [p["country"] for p in merged] == ["NG"]
    page = html.unescape(client.get("/", params={"view": "reports"}).text)
    titles = re.findall(r'<a href="([^"]*)"><circle[^>]*><title>([^<]*)</title>', page)
    many = [(href, title) for href, title in titles if " events" in title]
    assert many and all("near :" not in title for _, title in many)
    assert any("in Nigeria" in title and "country=NG" in href for href, title in many)


def test_a_period_that_ends_before_it_starts_is_refused(client: TestClient) -> None:
    page = client.get("/events", params={"since": "2024-03-05", "until": "2024-03-01"})
    assert page.status_code == 422 and "is before since" in page.text
    assert (
        client.get("/api/events", params={"since": "2024-03-05", "until": "2024-03-01"}).status_code
        == 422
    )
    assert (
        client.get("/events", params={"since": "2024-03-01", "until": "2024-03-01"}).status_code
        == 200
    )


def test_csv_export_of_the_filter(client: TestClient) -> None:
    csv_text = client.get("/api/events.csv", params={"view": "reports", "country": "NG"}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("event_id_cnty,event_date")
    assert len(lines) == 1 + 4  # the statement has no place
    assert client.get("/events.csv").status_code == 200


def test_places_autocomplete(client: TestClient) -> None:
    places = client.get("/api/places", params={"q": "Dutsin"}).json()["places"]
    assert places[0]["location_name"] == "Dutsin-Ma"
    assert places[0]["country_code"] == "NG" and places[0]["id"].startswith("city:")


def test_openapi(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/events" in schema["paths"]


def test_docs_is_an_api_reference_made_here(client: TestClient) -> None:
    """/docs (FastAPI's usual address, linked from every page) lists the API from the
    schema, drawn on the server: Swagger UI would load its scripts from a CDN."""
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for path in client.get("/openapi.json").json()["paths"]:
        assert html.escape(path) in page.text, path
    assert "POST /api/events/{event_id}/review" in page.text
    assert "<script" not in page.text.replace('<script src="/static/app.js" defer>', "")
    assert 'href="/docs"' in client.get("/").text
    moved = client.get("/redoc", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == "/docs"


# -- reviewing --------------------------------------------------------------------------


def test_review_needs_the_token(client: TestClient) -> None:
    assert _review(client, "raid-a:e1", {"action": "accept"}, headers=None).status_code == 401
    bad = {"Authorization": "Bearer wrong-token-wrong-token"}
    assert _review(client, "raid-a:e1", {"action": "accept"}, headers=bad).status_code == 401
    assert client.get("/api/events/raid-a:e1").json()["history"] == []


def test_accept_goes_into_the_history(client: TestClient) -> None:
    response = _review(client, "raid-a:e1", {"action": "accept", "note": "checked"})
    assert response.status_code == 200
    body = response.json()
    assert body["review"]["status"] == "accepted" and body["review"]["version"] == 1
    [entry] = body["history"]
    assert entry["action"] == "accept" and entry["reviewer"] == "tester"
    assert entry["before"] == {"status": "unreviewed"} and entry["after"] == {"status": "accepted"}
    assert entry["note"] == "checked"
    listed = client.get("/api/events", params={"view": "reports", "status": "accepted"}).json()
    assert [e["id"] for e in listed["events"]] == ["raid-a:e1"]


def test_edit_applies_everywhere(client: TestClient) -> None:
    changes = {"fatalities": 6, "place": "Funtua, NG", "acled_sub_event_type": "Attack"}
    response = _review(client, "raid-b:e1", {"action": "edit", "changes": changes})
    assert response.status_code == 200, response.text
    event = response.json()["event"]
    assert event["fatalities"] == 6
    assert event["location"]["name"] == "Funtua" and event["location"]["geo_precision"] == 1
    entry = response.json()["history"][0]
    assert entry["before"]["fatalities"] == 7 and entry["after"]["fatalities"] == 6
    assert "acled_sub_event_type" not in entry["after"]  # unchanged values are not edits
    # Filters see the reviewed values.
    rows = client.get("/api/events", params={"view": "reports", "q": "Seven"}).json()["events"]
    assert rows[0]["fatalities"] == 6 and rows[0]["review"]["status"] == "edited"
    html = client.get("/events/raid-b:e1").text
    assert "Funtua" in html and "<del>7</del>" in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fatalities": -1}, "changes.fatalities"),
        ({"fatalities": "many"}, "changes.fatalities"),
        ({"acled_event_type": "Skirmish"}, "changes.acled_event_type"),
        ({"acled_sub_event_type": "Peaceful protest"}, "changes.acled_sub_event_type"),
        ({"plover_type": "ATTACK"}, "changes.plover_type"),
        ({"actor1_type": "Bandits"}, "changes.actor1_type"),
        ({"date": "2024-02-30"}, "changes.date"),
        ({"date": "03/03/2024"}, "changes.date"),
        ({"date_precision": "hour"}, "changes.date_precision"),
        ({"country_code": "XX"}, "changes.country_code"),
        ({"lat": 123}, "changes.lat"),
        ({"geo_precision": 4}, "changes.geo_precision"),
        ({"status": "rumoured"}, "changes.status"),
        ({"place": "Nowhereville-on-Sea"}, "changes.place"),
        ({"colour": "red"}, "changes.colour"),
        ({}, "changes"),
    ],
)
def test_invalid_edits_are_422_naming_the_field(client: TestClient, changes, field) -> None:
    response = _review(client, "raid-a:e1", {"action": "edit", "changes": changes})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == field and field in error["message"]
    assert client.get("/api/events/raid-a:e1").json()["history"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [({"action": "approve"}, "action"), ({"action": "accept", "changes": {"fatalities": 1}},
     "changes"), ({"action": "accept", "version": "one"}, "version")],
)  # fmt: skip
def test_bad_requests_are_422(client: TestClient, body, field) -> None:
    response = _review(client, "raid-a:e1", body)
    assert response.status_code == 422 and response.json()["error"]["field"] == field


def test_two_reviewers_get_a_conflict_not_a_lost_edit(client: TestClient) -> None:
    version = client.get("/api/events/raid-a:e1").json()["review"]["version"]
    first = {"action": "edit", "changes": {"fatalities": 4}, "version": version, "reviewer": "ana"}
    second = {"action": "edit", "changes": {"fatalities": 9}, "version": version, "reviewer": "bo"}
    assert _review(client, "raid-a:e1", first).status_code == 200
    conflict = _review(client, "raid-a:e1", second)
    assert conflict.status_code == 409
    assert conflict.json()["error"]["current_version"] == version + 1
    assert conflict.json()["current"]["event"]["fatalities"] == 4
    history = client.get("/api/events/raid-a:e1").json()["history"]
    assert [(h["reviewer"], h["after"]["fatalities"]) for h in history] == [("ana", 4)]


def test_review_a_linked_event_and_reject(client: TestClient) -> None:
    linked = _linked_id(client)
    response = _review(client, linked, {"action": "reject", "note": "a rumour"})
    assert response.status_code == 200
    assert response.json()["review"]["status"] == "rejected"
    csv_text = client.get("/api/events.csv").text
    assert linked not in csv_text  # rejected events leave the export
    assert linked in client.get("/api/events.csv", params={"status": "rejected"}).text


def test_read_only_refuses_writes(db: Path) -> None:
    with TestClient(create_app(db, token=TOKEN, read_only=True)) as ro:
        assert ro.get("/api/events").status_code == 200
        assert _review(ro, "raid-a:e1", {"action": "accept"}).status_code == 403


# A store this process cannot write: served read-only, with the reason, never a 500.
# Root writes any file, so the server runs without the capability that allows it.
_SERVE = """
import json, sys
import uvicorn
from fastapi.testclient import TestClient
from newscoder.cli import main

token = sys.argv[1]

def check(app, **options):
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        review = c.post("/api/events/raid-a:e1/review", json={"action": "accept"},
                        headers={"Authorization": "Bearer " + token})
        print(json.dumps({"pages": [c.get(p).status_code for p in ("/", "/events", "/articles/raid-a")],
                          "event": c.get("/events/raid-a:e1").text,
                          "review": [review.status_code, review.text],
                          "health": c.get("/healthz").json()}))

uvicorn.run = check
sys.argv = ["newscoder", "serve", *sys.argv[2:]]
main()
"""


def _serve_unprivileged(args: list[str], token: str = TOKEN) -> tuple[dict, str]:
    import os
    import shutil
    import subprocess
    import sys

    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root writes read-only files; setpriv is needed to drop that right")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
    here = Path(__file__).parent
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(here.parent / "src"), str(here)]))
    done = subprocess.run(
        [*prefix, sys.executable, "-c", _SERVE, token, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout), " ".join(done.stderr.split())


def test_serve_a_read_only_file_is_a_read_only_viewer(db: Path) -> None:
    token_file = db.with_name("token")
    token_file.write_text(TOKEN)
    token_file.chmod(0o600)
    db.chmod(0o444)
    seen, stderr = _serve_unprivileged(["--db", str(db), "--token-file", str(token_file)])
    assert seen["pages"] == [200, 200, 200]
    assert "cannot be written" in stderr and "reviews cannot be saved" in stderr
    assert "read-only" in stderr
    status, answer = seen["review"][0], json.loads(seen["review"][1])
    assert status == 403 and answer["error"]["message"].startswith("reviews cannot be saved")
    assert "reviews cannot be saved" in seen["event"]
    assert (
        seen["health"]["read_only"] is True
        and "cannot be written" in seen["health"]["read_only_reason"]
    )


def test_serve_a_store_in_a_read_only_folder_needs_no_token_file(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = build_store(folder / "news.sqlite")
    folder.chmod(0o555)
    try:
        for extra in ([], ["--read-only"]):
            seen, stderr = _serve_unprivileged(["--db", str(db), *extra])
            assert seen["pages"] == [200, 200, 200], extra
            assert seen["review"][0] == 401, extra  # no token was made: nobody can write
            assert "opened immutable" in stderr and "write token" not in stderr, extra
    finally:
        folder.chmod(0o755)


def test_a_write_that_fails_after_the_start_is_a_503_with_a_code(db: Path) -> None:
    with TestClient(create_app(db, token=TOKEN)) as c:
        store = c.app.state.db
        store._writer.close()
        # The file turned read-only under the running server.
        store._writer = sqlite3.connect(
            db.resolve().as_uri() + "?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        store._writer.row_factory = sqlite3.Row
        response = _review(c, "raid-a:e1", {"action": "accept"})
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "E301"
        assert "cannot be written" in response.json()["error"]["message"]


def test_audit_is_append_only(client: TestClient, db: Path) -> None:
    assert _review(client, "raid-a:e1", {"action": "accept"}).status_code == 200
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE review_audit SET reviewer = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM review_audit")
    conn.close()


# -- the browser's way: sign in, CSRF, forms ------------------------------------------------


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _sign_in(client: TestClient, name: str = "ana") -> None:
    csrf = _csrf(client.get("/login").text)
    response = client.post(
        "/login",
        data={"token": TOKEN, "reviewer": name, "csrf": csrf, "next": "/events"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/events"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def test_sign_in_rejects_a_wrong_token_and_foreign_redirects(client: TestClient) -> None:
    csrf = _csrf(client.get("/login").text)
    wrong = client.post("/login", data={"token": "nope", "reviewer": "x", "csrf": csrf})
    assert wrong.status_code == 401 and SESSION_COOKIE not in wrong.headers.get("set-cookie", "")
    response = client.post(
        "/login",
        data={"token": TOKEN, "reviewer": "x", "csrf": csrf, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_form_review_needs_session_and_csrf(client: TestClient) -> None:
    form = {"action": "accept", "version": "0"}
    assert client.post("/events/raid-a:e1/review", data=form).status_code == 401
    _sign_in(client)
    assert client.post("/events/raid-a:e1/review", data=form).status_code == 403  # no CSRF
    page = client.get("/events/raid-a:e1").text
    response = client.post(
        "/events/raid-a:e1/review",
        data={**form, "csrf": _csrf(page), "note": "fine"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    history = client.get("/api/events/raid-a:e1").json()["history"]
    assert history[0]["reviewer"] == "ana" and history[0]["note"] == "fine"
    assert "Review saved" in client.get(response.headers["location"]).text


def test_form_edit_sends_only_changed_fields_and_shows_errors(client: TestClient) -> None:
    _sign_in(client)
    page = client.get("/events/raid-a:e1").text
    fields = {
        "csrf": _csrf(page), "version": "0", "action": "edit",
        "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
        "plover_type": "ASSAULT", "plover_mode": "", "actor1": "Unidentified Armed Group (Nigeria)",
        "actor1_type": "Political militia", "actor2": "Civilians (Nigeria)",
        "actor2_type": "Civilians", "date": "2024-03-03", "date_precision": "day",
        "place": "Dutsin-Ma, NG", "place_id": "", "geo_precision": "1", "fatalities": "-2",
        "injuries": "", "arrests": "", "status": "occurred",
    }  # fmt: skip
    bad = client.post("/events/raid-a:e1/review", data=fields)
    assert bad.status_code == 422
    assert "Fatalities: must not be negative" in bad.text and 'value="-2"' in bad.text
    good = client.post(
        "/events/raid-a:e1/review", data={**fields, "fatalities": "6"}, follow_redirects=False
    )
    assert good.status_code == 303
    [entry] = client.get("/api/events/raid-a:e1").json()["history"]
    assert entry["after"] == {"status": "edited", "fatalities": 6}


def test_form_accept_with_a_changed_field_is_refused_not_silently_dropped(
    client: TestClient,
) -> None:
    """Enter in a field presses the form's first button, Accept as shown, which saves
    no change: the change is kept in the form with a message, nothing is recorded."""
    _sign_in(client)
    page = client.get("/events/raid-a:e1").text
    shown = {
        "csrf": _csrf(page), "version": "0", "action": "accept",
        "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
        "plover_type": "ASSAULT", "plover_mode": "", "actor1": "Unidentified Armed Group (Nigeria)",
        "actor1_type": "Political militia", "actor2": "Civilians (Nigeria)",
        "actor2_type": "Civilians", "date": "2024-03-03", "date_precision": "day",
        "place": "Dutsin-Ma, NG", "place_id": "", "geo_precision": "1", "fatalities": "5",
        "injuries": "", "arrests": "", "status": "occurred",
    }  # fmt: skip
    changed = client.post("/events/raid-a:e1/review", data={**shown, "fatalities": "42"})
    assert changed.status_code == 422
    assert "You changed Fatalities but chose Accept as shown" in changed.text
    assert 'value="42"' in changed.text  # the change is still in the form
    assert client.get("/api/events/raid-a:e1").json()["history"] == []
    edit = client.post("/events/raid-a:e1/review", data={**shown, "action": "edit"})
    assert edit.status_code == 422 and "Nothing differs" in edit.text
    accepted = client.post("/events/raid-a:e1/review", data=shown, follow_redirects=False)
    assert accepted.status_code == 303  # the form as shown: no change, the accept is saved
    [entry] = client.get("/api/events/raid-a:e1").json()["history"]
    assert entry["action"] == "accept" and entry["after"] == {"status": "accepted"}


# -- untrusted text --------------------------------------------------------------------------


def test_script_payloads_are_escaped_everywhere(client: TestClient) -> None:
    for path in ("/articles/xss", "/events/xss:e1", "/events?view=reports", "/"):
        html = client.get(path).text
        assert XSS_SCRIPT not in html, path
        assert XSS_IMG not in html, path
    article = client.get("/articles/xss").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert 'href="javascript:' not in article
    assert "javascript:alert(1)" in article  # shown as text
    assert client.get("/api/articles/xss").json()["title"].count(XSS_SCRIPT) == 1


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://example.org/a", True), ("http://example.org", True),
     ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
     (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
     ("data:text/html,<script>", False), ("//example.org", False), ("https://a.b/\x01x", False),
     (None, False)],
)  # fmt: skip
def test_only_http_urls_are_links(url, ok) -> None:
    assert (safe_url(url) is not None) == ok


def test_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/articles/xss", "/static/app.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_token_file_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token, created = load_or_create_token(path)
    assert created and len(token) >= 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_token(path) == (token, False)


def test_form_edit_after_someone_else_is_a_409_with_their_change_shown(client: TestClient) -> None:
    _sign_in(client)
    page = client.get("/events/protest:e1").text  # version 0 in the form
    other = {"action": "edit", "changes": {"fatalities": 1}, "reviewer": "bo"}
    assert _review(client, "protest:e1", other).status_code == 200
    mine = {"csrf": _csrf(page), "version": "0", "action": "edit", "fatalities": "3"}
    response = client.post("/events/protest:e1/review", data=mine)
    assert response.status_code == 409
    assert "reviewed meanwhile" in response.text and "bo" in response.text
    history = client.get("/api/events/protest:e1").json()["history"]
    assert [h["reviewer"] for h in history] == ["bo"]


def test_pages_merge_reviewed_and_unreviewed_rows(client: TestClient) -> None:
    assert _review(client, "raid-a:e1", {"action": "accept"}).status_code == 200
    moved = {"action": "edit", "changes": {"place": "Accra, GH", "date": "2024-03-09"}}
    assert _review(client, "protest:e1", moved).status_code == 200
    ghana = client.get("/api/events", params={"view": "reports", "country": "GH"}).json()
    assert {e["id"] for e in ghana["events"]} == {"protest:e1", "rally:e1"}
    assert ghana["total"] == 2
    nigeria = client.get("/api/events", params={"view": "reports", "country": "NG"}).json()
    assert "protest:e1" not in {e["id"] for e in nigeria["events"]}
    whole = client.get("/api/events", params={"view": "reports", "sort": "id"}).json()
    pages = [
        client.get(
            "/api/events", params={"view": "reports", "sort": "id", "limit": 2, "offset": o}
        ).json()
        for o in (0, 2, 4)
    ]
    assert [e["id"] for p in pages for e in p["events"]] == [e["id"] for e in whole["events"]]
    assert {p["total"] for p in pages} == {whole["total"]} == {6}
    march9 = client.get("/api/events", params={"view": "reports", "since": "2024-03-09"}).json()
    assert [e["id"] for e in march9["events"]] == ["protest:e1"]
    reviewed = client.get("/api/events", params={"view": "reports", "status": "reviewed"}).json()
    assert {e["id"] for e in reviewed["events"]} == {"raid-a:e1", "protest:e1"}


def test_other_host_names_are_refused(db: Path) -> None:
    """A page elsewhere cannot read the store by pointing its domain at 127.0.0.1."""
    app = create_app(db, token=TOKEN, allowed_hosts=allowed_hosts_for("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("http://evil.example:8000/api/events").status_code == 400
        assert client.get("http://127.0.0.1:8000/api/events").status_code == 200
        assert client.get("http://localhost:8000/healthz").status_code == 200
    assert allowed_hosts_for("0.0.0.0") is None


def test_review_queue_walks_the_unreviewed_events_of_a_list(client: TestClient) -> None:
    _sign_in(client)
    first = client.get("/review/next", params={"view": "reports", "country": "NG"},
                       follow_redirects=False)  # fmt: skip
    assert first.status_code == 303
    path, _, query = first.headers["location"].partition("?")
    first_id = path.removeprefix("/events/")
    assert first_id.endswith(":e1") and "queue=" in query
    page = client.get(first.headers["location"]).text
    form = {"csrf": _csrf(page), "version": "0", "action": "accept"}
    form["queue"] = html.unescape(re.search(r'name="queue" value="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    saved = client.post(f"/events/{first_id}/review", data=form, follow_redirects=False)
    done = client.get(saved.headers["location"]).text
    link = re.search(r'href="(/review/next\?[^"]+)" id="next-unreviewed"', done)
    assert link
    second = client.get(html.unescape(link.group(1)), follow_redirects=False)
    second_id = second.headers["location"].partition("?")[0].removeprefix("/events/")
    assert second_id != first_id
    seen = {first_id, second_id}
    while True:  # the queue ends on the list of what is left: nothing
        nxt = client.get("/review/next", params={"view": "reports", "country": "NG",
                         "after": second_id}, follow_redirects=False)  # fmt: skip
        location = nxt.headers["location"]
        if location.startswith("/events?"):
            break
        second_id = location.partition("?")[0].removeprefix("/events/")
        assert second_id not in seen
        seen.add(second_id)
    assert len(seen) == 4  # the NG reports


def test_gold_skips_reviews_whose_article_text_changed(client: TestClient, db: Path) -> None:
    from newscoder.store import Store
    from newscoder.store.review import GoldSummary, iter_gold
    from serve_store import records

    assert _review(client, "raid-a:e1", {"action": "accept"}).status_code == 200
    assert _review(client, "raid-b:e1", {"action": "reject"}).status_code == 200
    with Store(db) as store:
        summary = GoldSummary()
        gold = list(iter_gold(store, summary))
        assert [g["id"] for g in gold] == ["raid-a", "raid-b"] and not summary.skipped
        record, text = next(r for r in records() if r[0]["id"] == "raid-a")
        store.upsert(record, text=text + "\nA correction was appended.")  # re-coded, new text
        summary = GoldSummary()
        gold = list(iter_gold(store, summary))
    assert [g["id"] for g in gold] == ["raid-b"]
    assert summary.skipped and "raid-a:e1" in summary.skipped[0]
    # The review itself survives the re-coding, and says the coder has moved on or not.
    assert client.get("/api/events/raid-a:e1").json()["review"]["status"] == "accepted"


def test_a_relinked_event_keeps_its_review_visible(client: TestClient, db: Path) -> None:
    from newscoder.link import link_store
    from newscoder.store import Store
    from serve_store import records

    old = _linked_id(client)
    assert (
        _review(client, old, {"action": "accept", "note": "two outlets agree"}).status_code == 200
    )
    # A third report of the raid arrives; linking again gives the event a new id.
    record, text = next(r for r in records() if r[0]["id"] == "raid-b")
    third = {**record, "id": "raid-c", "article": {**record["article"], "source": "Agency C"},
             "events": [{**record["events"][0], "id": "raid-c:e1"}]}  # fmt: skip
    with Store(db) as store:
        store.upsert(third, text=text)
        link_store(store)
    gone = client.get(f"/api/events/{old}")
    assert gone.status_code == 404
    assert gone.json()["review"]["status"] == "accepted" and len(gone.json()["history"]) == 1
    assert "no longer in the store" in client.get(f"/events/{old}").text
    new = client.get("/api/events", params={"min_sources": 2}).json()["events"][0]["id"]
    assert new != old
    earlier = client.get(f"/api/events/{new}").json()["earlier_reviews"]
    assert [e["event_id"] for e in earlier] == [old]
    assert "An earlier grouping of these reports" in client.get(f"/events/{new}").text
