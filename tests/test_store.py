"""Store: idempotent upserts, migrations, queries, exports, unicode round trips."""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscoder.errors import StoreError
from newscoder.store import (
    SCHEMA_VERSION,
    Store,
    export_acled_csv,
    export_jsonl,
    migrations,
    text_hash,
)
from newscoder.store.export import acled_row, interaction_code, note
from newscoder.store.migrations import migrate

MAIDUGURI_TEXT = (
    "Gunmen kill five in Borno village\n"
    "MAIDUGURI, Nigeria — Gunmen on motorcycles stormed a village near Maiduguri on Tuesday, "
    'killing five farmers, a local official said. "They came at dawn," said Bukar Ali, a '
    "community leader. Soldiers later arrested two suspects."
)
CAUCA_TEXT = (
    "Farmers march in Popayan\n"
    "POPAYAN, Colombia — Hundreds of coffee farmers marched through Popayan on Monday to demand "
    "better prices. The governor said he would meet their leaders."
)


def _event(eid: str, **over: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": eid,
        "plover": {"type": "ASSAULT", "mode": "firearms"},
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        "date": {"value": "2023-05-09", "precision": "day", "text": "on Tuesday"},
        "location": {
            "name": "Maiduguri",
            "admin1": "Borno",
            "country": "Nigeria",
            "country_code": "NG",
            "lat": 11.85,
            "lon": 13.16,
            "geo_precision": 2,
        },
        "actor1": {"name": "Unidentified armed group (Nigeria)", "type": "Political militia"},
        "actor2": {"name": "Civilians (Nigeria)", "type": "Civilians", "country_code": "NG"},
        "fatalities": 5,
        "injuries": None,
        "arrests": None,
        "status": "occurred",
        "background": False,
        "confidence": 0.85,
        "evidence": [{"start": 34, "end": 150}],
        "reason": "trigger 'killing' with casualty count",
    }
    event.update(over)
    return event


def borno_record() -> dict[str, Any]:
    return {
        "id": "ng-borno",
        "article": {
            "title": "Gunmen kill five in Borno village",
            "published": "2023-05-10",
            "source": "Lake Chad Monitor",
        },
        "events": [
            _event("ng-borno:e1"),
            _event(
                "ng-borno:e2",
                plover={"type": "COERCE", "mode": "arrest"},
                acled={"event_type": "Strategic developments", "sub_event_type": "Arrests"},
                actor1={"name": "Military Forces of Nigeria", "type": "State forces"},
                actor2=None,
                fatalities=0,
                arrests=2,
            ),
        ],
        "quotes": [
            {
                "text": "They came at dawn,",
                "start": 160,
                "end": 178,
                "kind": "direct",
                "speaker": {"name": "Bukar Ali", "role": "community leader", "start": 185},
                "cue": {"text": "said", "start": 180, "end": 184},
            },
            {"text": "killing five farmers", "kind": "indirect", "speaker": None, "cue": None},
        ],
        "entities": [
            {"text": "Maiduguri", "label": "GPE", "start": 24, "end": 33, "canonical": "Maiduguri"}
        ],
        "warnings": [],
    }


def cauca_record() -> dict[str, Any]:
    return {
        "id": "co-popayan",
        "article": {"title": "Farmers march in Popayan", "published": None},
        "events": [
            _event(
                "co-popayan:e1",
                plover={"type": "PROTEST", "mode": "demonstrate"},
                acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
                date={"value": None, "precision": None, "text": "on Monday"},
                location={"name": "Popayan", "country": "Colombia", "country_code": "CO"},
                actor1={"name": "Protesters (Colombia)", "type": "Protesters"},
                actor2=None,
                fatalities=0,
            ),
            _event(
                "co-popayan:e2",
                plover={"type": "CONSULT", "mode": None},
                acled={"event_type": None, "sub_event_type": None},
                actor1={"name": "Governor of Cauca", "type": None},
                actor2=None,
                location=None,
                fatalities=None,
                status="planned",
            ),
        ],
        "quotes": [],
        "entities": [],
        "warnings": ["no publication date: relative dates unresolved"],
    }


ERROR_RECORD = {"id": "mm-empty", "error": {"code": "E102", "message": "[E102] empty text"}}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.sqlite") as s:
        yield s


def _fill(store: Store) -> None:
    store.upsert(borno_record(), text=MAIDUGURI_TEXT)
    store.upsert(cauca_record(), text=CAUCA_TEXT)
    store.upsert(ERROR_RECORD)


# -- schema --------------------------------------------------------------------


def test_new_database_has_all_migrations_wal_and_foreign_keys(store: Store) -> None:
    assert [m["version"] for m in store.migrations()] == list(range(1, SCHEMA_VERSION + 1))
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    indices = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"idx_events_article", "idx_events_date", "idx_events_country_code"} <= indices


def test_reopening_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn) == []
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_v1_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == [1]
    conn.execute(
        "INSERT INTO articles (id, title, text, coded_at, record_json) VALUES (?, ?, ?, ?, ?)",
        ("old", "Shelling in Kharkiv", "Shelling hit Kharkiv overnight.", "2024-01-01", "{}"),
    )
    conn.close()
    with Store(path) as store:
        assert [m["version"] for m in store.migrations()] == list(range(1, SCHEMA_VERSION + 1))
        # The FTS migration indexes articles stored before it existed.
        assert [hit["id"] for hit in store.search("kharkiv")] == ["old"]


def test_without_fts5_the_store_degrades_to_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "fts5_available", lambda conn: False)
    with Store(tmp_path / "nofts.sqlite") as store:
        assert store.fts is False
        fts_migration = next(m for m in store.migrations() if m["version"] == 3)
        assert fts_migration["note"].startswith("skipped")
        store.upsert(cauca_record(), text=CAUCA_TEXT)
        assert [hit["id"] for hit in store.search("popayan coffee")] == ["co-popayan"]


def test_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not sqlite, just some notes about Mosul " * 50)
    with pytest.raises(StoreError):
        Store(path)


def test_readonly_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.upsert(borno_record())
    with Store.open(path, readonly=True) as reader:
        assert reader.counts()["events"] == 2
        with pytest.raises(StoreError):
            reader.upsert(cauca_record())
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.sqlite", readonly=True)


# -- upserts -------------------------------------------------------------------


def test_upsert_twice_gives_same_counts(store: Store) -> None:
    _fill(store)
    first = store.counts()
    _fill(store)
    assert store.counts() == first
    assert first == {"articles": 2, "events": 4, "quotes": 2, "entities": 1, "errors": 1}


def test_reingest_replaces_rows(store: Store) -> None:
    _fill(store)
    revised = borno_record()
    revised["events"] = [_event("ng-borno:e9", fatalities=7)]
    revised["quotes"] = []
    store.upsert(revised, text=MAIDUGURI_TEXT)
    rows = store.events(country="NG")
    assert [(r["id"], r["fatalities"]) for r in rows] == [("ng-borno:e9", 7)]
    assert store.counts()["quotes"] == 0
    assert next(r for r in store.records() if r["id"] == "ng-borno") == revised


def test_error_then_success_clears_the_error(store: Store) -> None:
    store.upsert({"id": "ng-borno", "error": {"code": "E199", "message": "boom"}})
    assert [e["id"] for e in store.errors()] == ["ng-borno"]
    assert not store.has("ng-borno")
    store.upsert(borno_record(), text=MAIDUGURI_TEXT)
    assert store.errors() == []
    assert store.has("ng-borno")


def test_latest_error_replaces_coded_article(store: Store) -> None:
    store.upsert(borno_record())
    store.upsert({"id": "ng-borno", "error": {"code": "E103", "message": "too long"}})
    assert store.counts() == {"articles": 0, "events": 0, "quotes": 0, "entities": 0, "errors": 1}


@pytest.mark.parametrize(
    ("given_hash", "asked_hash", "expected"),
    [
        (None, text_hash(MAIDUGURI_TEXT), True),  # hash computed from the text
        (None, None, True),
        ("abc", "abc", True),
        ("abc", "def", False),
    ],
)
def test_has(store: Store, given_hash: str | None, asked_hash: str | None, expected: bool) -> None:
    store.upsert(borno_record(), text=MAIDUGURI_TEXT, content_hash=given_hash)
    assert store.has("ng-borno", asked_hash) is expected
    assert store.has("not-stored") is False


def test_upsert_rejects_a_record_without_id(store: Store) -> None:
    with pytest.raises(StoreError):
        store.upsert({"article": {"title": "No id"}, "events": []})
    assert store.counts()["articles"] == 0


def test_upsert_many_commits_batches_and_logs_bad_records(store: Store) -> None:
    clash = cauca_record()
    clash["id"] = "co-other"  # reuses co-popayan's event ids: cannot be stored
    items = [(borno_record(), MAIDUGURI_TEXT), cauca_record(), clash, ERROR_RECORD]
    assert store.upsert_many(items, batch_size=1) == 2
    assert store.counts()["articles"] == 2
    errors = {e["id"]: e for e in store.errors()}
    assert set(errors) == {"co-other", "mm-empty"}
    assert errors["co-other"]["code"] == "E301"
    assert errors["co-other"]["source"] == "store"


def test_delete_cascades(store: Store) -> None:
    _fill(store)
    store.delete("ng-borno")
    assert store.counts() == {"articles": 1, "events": 2, "quotes": 0, "entities": 0, "errors": 1}


# -- queries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        ({}, ["co-popayan:e1", "co-popayan:e2", "ng-borno:e1", "ng-borno:e2"]),
        ({"country": "ng"}, ["ng-borno:e1", "ng-borno:e2"]),
        ({"country": "colombia"}, ["co-popayan:e1"]),
        ({"event_type": "Protests"}, ["co-popayan:e1"]),
        ({"event_type": "coerce"}, ["ng-borno:e2"]),
        ({"country": "NG", "event_type": "Protests"}, []),
        ({"limit": 1}, ["co-popayan:e1"]),
    ],
)
def test_event_filters(store: Store, filters: dict[str, Any], expected_ids: list[str]) -> None:
    _fill(store)
    assert [row["id"] for row in store.events(**filters)] == expected_ids


def test_event_rows_are_flat(store: Store) -> None:
    _fill(store)
    row = store.events(country="NG")[0]
    assert row["acled_sub_event_type"] == "Attack"
    assert row["actor2_type"] == "Civilians"
    assert row["background"] is False
    assert row["evidence"] == [{"start": 34, "end": 150}]
    assert row["article_source"] == "Lake Chad Monitor"
    assert "record_json" not in row


def test_quotes_keep_nulls(store: Store) -> None:
    _fill(store)
    quotes = store.quotes()
    assert [(q["speaker"], q["cue"], q["kind"]) for q in quotes] == [
        ("Bukar Ali", "said", "direct"),
        (None, None, "indirect"),
    ]
    assert store.quotes(limit=1)[0]["speaker_role"] == "community leader"


@pytest.mark.parametrize("fts", [True, False])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("coffee farmers", ["co-popayan"]),
        ("Maiduguri", ["ng-borno"]),
        ('dawn" OR "x', []),  # FTS syntax is not interpreted
        ("Sahel", []),
    ],
)
def test_search(store: Store, fts: bool, query: str, expected: list[str]) -> None:
    _fill(store)
    store.fts = store.fts and fts
    assert [hit["id"] for hit in store.search(query)] == expected


# -- exports -------------------------------------------------------------------


def _csv_rows(store: Store, **kwargs: Any) -> list[dict[str, str]]:
    out = io.StringIO()
    count = export_acled_csv(store, out, **kwargs)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count
    return rows


def test_export_jsonl_round_trips(store: Store) -> None:
    _fill(store)
    out = io.StringIO()
    assert export_jsonl(store, out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [borno_record(), cauca_record()]
    out = io.StringIO()
    assert export_jsonl(store, out, errors=True) == 3
    assert json.loads(out.getvalue().splitlines()[-1]) == ERROR_RECORD


def test_export_acled_csv(store: Store) -> None:
    _fill(store)
    rows = {row["event_id_cnty"]: row for row in _csv_rows(store)}
    # The meeting has no ACLED type and is only planned: not an ACLED event.
    assert list(rows) == ["co-popayan:e1", "ng-borno:e1", "ng-borno:e2"]
    attack = rows["ng-borno:e1"]
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == ("3", "7", "37")
    assert attack["disorder_type"] == "Political violence"
    assert attack["civilian_targeting"] == "Civilian targeting"
    assert (attack["event_date"], attack["year"], attack["time_precision"]) == (
        "2023-05-09",
        "2023",
        "1",
    )
    assert attack["source"] == "Lake Chad Monitor"
    assert attack["fatalities"] == "5"
    assert "Maiduguri" in attack["notes"]
    protest = rows["co-popayan:e1"]
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == ("6", "0", "60")
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["event_date"] == "" and protest["source"] == "co-popayan"
    arrest = rows["ng-borno:e2"]
    assert (arrest["disorder_type"], arrest["interaction"]) == ("Strategic developments", "10")
    assert len(_csv_rows(store, include_all=True)) == 4


@pytest.mark.parametrize(
    ("type1", "type2", "expected"),
    [
        ("State forces", "Civilians", ("1", "7", "17")),
        ("Civilians", "State forces", ("7", "1", "17")),
        ("Rebel group", "State forces", ("2", "1", "12")),
        ("External/Other forces", "Political militia", ("8", "3", "38")),
        ("Identity militia", "Identity militia", ("4", "4", "44")),
        ("Rioters", None, ("5", "0", "50")),
        (None, None, ("", "0", "")),  # a named actor of unknown type
    ],
)
def test_inter_codes(type1: str | None, type2: str | None, expected: tuple[str, ...]) -> None:
    event = {
        "id": "x:e1",
        "acled_event_type": "Battles",
        "actor1": "Actor one",
        "actor1_type": type1,
        "actor2": "Actor two" if type2 else None,
        "actor2_type": type2,
    }
    row = acled_row(event)
    assert (str(row["inter1"]), str(row["inter2"]), str(row["interaction"])) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(1, 7, 17), (7, 1, 17), (3, 3, 33), (6, 0, 60), (0, 2, 20), (None, None, None)],
)
def test_interaction_code(inter1: int | None, inter2: int | None, expected: int | None) -> None:
    assert interaction_code(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "precision", "disorder", "time_precision"),
    [
        ("Battles", "day", "Political violence", 1),
        ("Explosions/Remote violence", "week", "Political violence", 2),
        ("Violence against civilians", "month", "Political violence", 3),
        ("Riots", "year", "Demonstrations", 3),
        ("Protests", None, "Demonstrations", ""),
        ("Strategic developments", "day", "Strategic developments", 1),
        (None, "day", "", 1),
    ],
)
def test_disorder_type_and_time_precision(
    event_type: str | None, precision: str | None, disorder: str, time_precision: int | str
) -> None:
    row = acled_row({"acled_event_type": event_type, "date_precision": precision})
    assert (row["disorder_type"], row["time_precision"]) == (disorder, time_precision)


def test_note_is_generated_from_fields() -> None:
    event = {
        "date": "2024-02-14",
        "acled_sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Myanmar",
        "actor2": "Civilians (Myanmar)",
        "location_name": "Sagaing",
        "country": "Myanmar",
        "fatalities": 4,
    }
    assert note(event) == (
        "On 2024-02-14: Air/drone strike by Military Forces of Myanmar against Civilians "
        "(Myanmar) in Sagaing, Myanmar. 4 reported fatalities."
    )


# -- unicode round trips -------------------------------------------------------


def test_lone_surrogates_survive_in_record_json(store: Store) -> None:
    record = borno_record()
    record["article"]["title"] = "broken \ud800 bytes"
    store.upsert(record, text="text with \udcff in it")
    assert next(store.records()) == record
    assert store.article("ng-borno")["text"] == "text with ? in it"


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(),
    quotes=st.lists(st.text(min_size=1), max_size=4),
    text=st.one_of(st.none(), st.text()),
)
def test_unicode_round_trip(title: str, quotes: list[str], text: str | None) -> None:
    record = borno_record()
    record["article"]["title"] = title
    record["quotes"] = [
        {"text": q, "start": 0, "end": len(q), "kind": "direct", "speaker": None, "cue": None}
        for q in quotes
    ]
    expected = copy.deepcopy(record)
    with Store(":memory:") as store:
        store.upsert(record, text=text)
        store.upsert(record, text=text)
        assert list(store.records()) == [expected]
        assert [q["text"] for q in store.quotes()] == quotes
        assert store.article("ng-borno")["text"] == text
        for q in quotes:
            store.search(q)  # never raises, whatever the query
