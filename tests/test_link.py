"""Linking: many reports of one event become one linked event; distinct events stay apart.

The corpus below is written for these tests (no agency or ACLED text). It is coded
with the real coder, stored, and linked, so the tests run the whole pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import newscoder
from link_rows import event_row
from newscoder.errors import MissingExtra
from newscoder.link import LinkRules, compare, link_events, link_records, link_store
from newscoder.link.mention import mention_from_row
from newscoder.store import Store, export_acled_csv, export_parquet, export_plover_jsonl

# Three reports of one Sunday attack on Kaura Namoda, in different words: other verbs,
# "gunmen" / "militants" / "armed men", 5, 7 and 6 dead, the town or its district.
ONE_ATTACK = {
    "kn-police": (
        "Gunmen killed five villagers in Kaura Namoda, Zamfara State, on Sunday, police said.",
        "2023-03-14",
    ),
    "kn-officials": (
        "Militants shot dead seven people in the Kaura Namoda district of Zamfara on Sunday, "
        "officials said.",
        "2023-03-13",
    ),
    "kn-residents": (
        "Armed men stormed a market in Kaura Namoda on Sunday and murdered six traders, "
        "residents told reporters.",
        "2023-03-13",
    ),
}
OTHERS = {
    # The same tactic on the same day in another town of the same state.
    "tm-sunday": (
        "Gunmen killed four villagers in Talata Mafara, Zamfara State, on Sunday, police said.",
        "2023-03-14",
    ),
    # The same town the next day, told twice: a second event, never merged with Sunday's.
    "kn-monday": (
        "Gunmen killed three people in Kaura Namoda, Zamfara State, on Monday, police said.",
        "2023-03-14",
    ),
    "kn-monday-2": (
        "Bandits shot dead three residents in Kaura Namoda, Zamfara State, on Monday, "
        "a local official said.",
        "2023-03-15",
    ),
    # A protest in the same town on the same day as the attack.
    "kn-protest": (
        "Hundreds of residents protested in Kaura Namoda, Zamfara State, on Sunday against "
        "rising insecurity.",
        "2023-03-14",
    ),
    # Only the state: it could be either Sunday attack, so it joins neither.
    "zamfara-only": (
        "Militants killed seven people in Zamfara State on Sunday, officials said.",
        "2023-03-14",
    ),
}
CORPUS = {**ONE_ATTACK, **OTHERS}


def _records(ids: list[str]) -> list[dict[str, Any]]:
    items = [{"id": i, "text": CORPUS[i][0], "published": CORPUS[i][1]} for i in ids]
    return [result.to_dict() for result in newscoder.code_many(items)]


@pytest.fixture(scope="module")
def records(nlp) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in _records(list(CORPUS))}


@pytest.fixture
def store(tmp_path: Path, records: dict[str, dict[str, Any]]) -> Store:
    with Store(tmp_path / "linked.sqlite") as store:
        store.upsert_many(records.values())
        link_store(store)
        yield store


def _linked_with(store: Store, article_id: str) -> dict[str, Any]:
    (found,) = [
        e for e in store.linked_events() if article_id in {s["article_id"] for s in e["sources"]}
    ]
    return found


def _snapshot(store: Store) -> list[tuple[str, int, tuple[str, ...]]]:
    return [
        (e["id"], e["n_sources"], tuple(sorted(s["event_id"] for s in e["sources"])))
        for e in store.linked_events()
    ]


# -- the whole pipeline ------------------------------------------------------------------


def test_every_report_is_coded_as_one_event(records: dict[str, dict[str, Any]]) -> None:
    # Guards the fixture: if the coder changes, these tests must be re-read.
    assert {rid: len(r["events"]) for rid, r in records.items()} == dict.fromkeys(CORPUS, 1)


def test_reports_of_one_attack_become_one_linked_event(store: Store) -> None:
    event = _linked_with(store, "kn-police")
    assert event["n_sources"] == 3
    assert {s["article_id"] for s in event["sources"]} == set(ONE_ATTACK)
    # Each source keeps its own figure; the event takes the lowest (ACLED).
    assert sorted(s["fatalities"] for s in event["sources"]) == [5, 6, 7]
    assert event["fatalities"] == 5
    assert event["acled_sub_event_type"] == "Attack"
    assert event["date"] == "2023-03-12" and event["date_precision"] == "day"
    assert event["location_name"] == "Kaura Namoda" and event["geo_precision"] == 1
    assert event["reason"].startswith("3 reports of one event")
    assert all(s["reason"] for s in event["sources"])


def test_same_tactic_in_another_town_stays_distinct(store: Store) -> None:
    event = _linked_with(store, "tm-sunday")
    assert event["n_sources"] == 1 and event["location_name"] == "Talata Mafara"


def test_next_day_in_the_same_town_is_another_event(store: Store) -> None:
    monday = _linked_with(store, "kn-monday")
    assert {s["article_id"] for s in monday["sources"]} == {"kn-monday", "kn-monday-2"}
    assert monday["date"] == "2023-03-13"
    assert monday["id"] != _linked_with(store, "kn-police")["id"]


def test_protest_and_attack_in_the_same_town_stay_distinct(store: Store) -> None:
    protest = _linked_with(store, "kn-protest")
    assert protest["n_sources"] == 1 and protest["acled_event_type"] == "Protests"


def test_region_only_report_between_two_attacks_joins_neither(store: Store) -> None:
    assert _linked_with(store, "zamfara-only")["n_sources"] == 1


def test_linked_counts(store: Store) -> None:
    assert len(store.linked_events()) == 5
    assert len(store.linked_events(min_sources=2)) == 2
    assert store.linked_events(country="FR") == []
    assert len(store.linked_events(country="NG", event_type="Protests")) == 1
    assert len(store.linked_events(limit=2)) == 2


def test_linking_twice_changes_nothing(store: Store) -> None:
    before = _snapshot(store)
    summary = link_store(store)
    assert _snapshot(store) == before
    assert (summary.events, summary.linked_events, summary.multi_source) == (8, 5, 2)
    assert summary.merged == 3
    tables = ("linked_events", "linked_event_sources")
    counts = {
        t: store.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables
    }
    assert counts == {"linked_events": 5, "linked_event_sources": 8}


def test_linking_as_articles_arrive_equals_linking_at_once(
    tmp_path: Path, store: Store, records: dict[str, dict[str, Any]]
) -> None:
    # Arrival order chosen so the first batch already links a pair and later
    # reports must join (and not duplicate) existing events.
    batches = [["kn-residents", "kn-monday-2", "zamfara-only"], ["kn-police", "tm-sunday"]]
    batches.append([rid for rid in CORPUS if not any(rid in b for b in batches)])
    with Store(tmp_path / "incremental.sqlite") as growing:
        for batch in batches:
            growing.upsert_many(records[rid] for rid in batch)
            link_store(growing)
            assert growing.link_status()["stale"] is False
        assert _snapshot(growing) == _snapshot(store)


def test_link_status_turns_stale_when_articles_arrive(
    tmp_path: Path, records: dict[str, dict[str, Any]]
) -> None:
    with Store(tmp_path / "status.sqlite") as fresh:
        assert fresh.link_status()["linked_at"] is None
        fresh.upsert(records["kn-police"])
        assert fresh.link_status()["stale"] is True
        link_store(fresh)
        assert fresh.link_status() | {"linked_at": None} == {
            "linked_at": None,
            "events": 1,
            "linked_events": 1,
            "stale": False,
        }
        fresh.upsert(records["kn-officials"])
        assert fresh.link_status()["stale"] is True


def test_link_records_matches_the_store(store: Store, records: dict[str, dict[str, Any]]) -> None:
    linked = link_records(records.values())
    assert sorted((e.id, e.n_sources) for e in linked) == sorted(
        (e["id"], e["n_sources"]) for e in store.linked_events()
    )


def test_errors_table_is_untouched_by_linking(store: Store) -> None:
    store.upsert({"id": "bad", "error": {"code": "E102", "message": "[E102] empty"}})
    link_store(store)
    assert [(e["id"], e["code"]) for e in store.errors()] == [("bad", "E102")]
    columns = [row[1] for row in store.connection.execute("PRAGMA table_info(errors)")]
    assert columns == ["id", "code", "message", "source", "created_at"]


# -- exports -----------------------------------------------------------------------------


def test_acled_csv_one_row_per_linked_event(store: Store) -> None:
    out = io.StringIO()
    assert export_acled_csv(store, out, linked=True) == 5
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    (attack,) = [r for r in rows if r["n_sources"] == "3"]
    assert attack["fatalities"] == "5"
    assert attack["event_id_cnty"].startswith("le-")
    assert set(attack["article_id"].split("; ")) == set(ONE_ATTACK)
    assert "3 sources:" in attack["notes"] and "kn-police" in attack["notes"]
    assert len(attack["source_event_ids"].split("; ")) == 3


def test_acled_csv_per_report_still_works(store: Store) -> None:
    out = io.StringIO()
    assert export_acled_csv(store, out) == 8
    assert "n_sources" not in out.getvalue().splitlines()[0]


@pytest.mark.parametrize("linked", [False, True])
def test_plover_jsonl(store: Store, linked: bool) -> None:
    out = io.StringIO()
    count = export_plover_jsonl(store, out, linked=linked)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records) == (5 if linked else 8)
    (attack,) = [r for r in records if "kn-police" in r["articles"]]
    assert attack["event"] == "ASSAULT"
    assert attack["eventLoc"]["name"] == "Kaura Namoda"
    assert attack["eventLoc"]["country code"] == "NG"
    assert attack["date"] == "2023-03-12"
    assert attack["source"][0]["actorText"].startswith("Unidentified Armed Group")
    assert attack["target"][0]["type"] == "Civilians"
    assert attack["n_sources"] == (3 if linked else 1)
    assert len(attack["event_ids"]) == attack["n_sources"]
    assert attack["dead"] == 5


def test_parquet_events_and_linked_events(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert export_parquet(store, tmp_path / "events.parquet") == 8
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert {e["article_id"] for e in events} == set(CORPUS)
    assert all(e["evidence"] for e in events)

    assert export_parquet(store, tmp_path / "linked.parquet", linked=True) == 5
    linked = pq.read_table(tmp_path / "linked.parquet").to_pylist()
    (attack,) = [e for e in linked if e["n_sources"] == 3]
    assert attack["fatalities"] == 5
    assert sorted(s["fatalities"] for s in attack["sources"]) == [5, 6, 7]


def test_parquet_of_an_empty_store_has_the_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with Store(tmp_path / "empty.sqlite") as empty:
        assert export_parquet(empty, tmp_path / "empty.parquet", linked=True) == 0
    assert "sources" in pq.read_schema(tmp_path / "empty.parquet").names


def test_to_dataframe(store: Store) -> None:
    events = newscoder.to_dataframe(store.path)
    assert len(events) == 8
    assert str(events["fatalities"].dtype) == "Int64"
    linked = newscoder.to_dataframe(store, linked=True)
    assert len(linked) == 5
    row = linked[linked["n_sources"] == 3].iloc[0]
    assert set(row["source_article_ids"]) == set(ONE_ATTACK)
    assert row["date"].isoformat().startswith("2023-03-12")


def test_missing_pyarrow_and_pandas_are_clear_errors(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match="pyarrow") as raised:
        export_parquet(store, tmp_path / "x.parquet")
    assert raised.value.code == "E204"
    with pytest.raises(MissingExtra, match="pandas"):
        newscoder.to_dataframe(store)


# -- the rules, on hand-made rows ----------------------------------------------------------


def _linkable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return compare(mention_from_row(a), mention_from_row(b), LinkRules()).ok


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ({}, True),
        ({"date": "2023-03-13"}, False),  # the next day: another event
        ({"date": "2023-03-13", "date_text": "overnight"}, True),  # a night spans midnight
        ({"date": "2023-03-14", "date_text": "overnight"}, False),
        ({"date": "2023-03-14", "date_precision": "week", "date_text": "this week"}, True),
        ({"date": "2023-03-25", "date_precision": "week", "date_text": "last week"}, False),
        ({"date": "2023-03-15", "date_precision": "month", "date_text": "in March"}, True),
        ({"date": "2023", "date_precision": "year"}, False),  # too coarse to link
        ({"date": None, "date_precision": None}, False),
        # Places: a town's name and coordinates, a district around it, another town.
        ({"location_name": "Kaura-Namoda", "lat": 12.60, "lon": 6.59}, True),
        ({"location_name": "Gusau", "lat": 12.17, "lon": 6.66}, False),
        ({"location_name": "Kasuwar Daji", "lat": 12.60, "lon": 6.60}, True),  # 1.5 km
        ({"geo_precision": 2, "location_name": "Gusau", "lat": 12.17, "lon": 6.66}, True),  # 47 km
        ({"geo_precision": 2, "location_name": "Sokoto", "lat": 13.06, "lon": 5.24}, False),
        ({"geo_precision": 3, "location_name": "Zamfara", "lat": 12.33, "lon": 6.37}, True),
        ({"admin1": "Katsina", "geo_precision": 3, "location_name": "Katsina"}, False),
        ({"country_code": "NE", "country": "Niger"}, False),
        # Types and actors.
        ({"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash"}, False),
        ({"acled_sub_event_type": "Abduction/forced disappearance"}, True),
        ({"actor1": "Boko Haram", "actor1_type": "Rebel group"}, True),  # gunmen named later
        ({"actor1": "Military Forces of Nigeria", "actor1_type": "State forces"}, False),
        ({"actor1": None, "actor1_type": None}, True),  # unknown actor is compatible
        ({"status": "planned"}, False),
        ({"status": "claimed"}, True),
    ],
)
def test_pairwise_rules(other: dict[str, Any], expected: bool) -> None:
    assert _linkable(event_row("a:e1"), event_row("b:e1", **other)) is expected


def test_named_groups_that_differ_do_not_link() -> None:
    a = event_row("a:e1", actor1="Boko Haram", actor1_type="Rebel group")
    b = event_row("b:e1", actor1="Ansaru", actor1_type="Rebel group")
    assert not _linkable(a, b)


def test_battles_link_with_sides_named_in_either_order() -> None:
    battle = {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash"}
    army = {"actor1": "Military Forces of Nigeria", "actor1_type": "State forces"}
    a = event_row("a:e1", **battle, **army, actor2="Boko Haram", actor2_type="Rebel group")
    b = event_row(
        "b:e1",
        **battle,
        actor1="Boko Haram",
        actor1_type="Rebel group",
        actor2=army["actor1"],
        actor2_type="State forces",
    )
    assert _linkable(a, b)


def test_statements_link_only_with_the_same_speaker() -> None:
    said = {"acled_event_type": None, "acled_sub_event_type": None, "plover_type": "ACCUSE"}
    governor = {"actor1": "Bello Matawalle", "actor1_type": None, "actor2": None}
    a = event_row("a:e1", **said, **governor)
    assert _linkable(a, event_row("b:e1", **said, **governor))
    assert not _linkable(a, event_row("b:e1", **said, actor1="Bola Tinubu", actor2=None))
    assert not _linkable(a, event_row("b:e1", **said, actor1=None, actor1_type=None, actor2=None))
    assert not _linkable(a, event_row("b:e1", **governor))  # a statement is not the attack


def test_unknown_place_links_only_on_strong_evidence() -> None:
    nowhere = {"location_name": None, "admin1": None, "country_code": None, "lat": None}
    named = {"actor1": "Boko Haram", "actor1_type": "Rebel group"}
    # Two pieces of evidence: the same named group and the same toll.
    assert _linkable(event_row("a:e1", **named), event_row("b:e1", **named, **nowhere))
    # One piece is not enough: Boko Haram attacks several places a day, and a toll of
    # five is common.
    assert not _linkable(
        event_row("a:e1", **named), event_row("b:e1", **named, **nowhere, fatalities=2)
    )
    assert not _linkable(event_row("a:e1"), event_row("b:e1", **nowhere))
    # Generic actors and another toll: nothing ties the placeless report to this attack.
    assert not _linkable(event_row("a:e1"), event_row("b:e1", **nowhere, fatalities=2))


def test_never_two_events_of_one_article() -> None:
    linked = link_events([event_row("a:e1"), event_row("a:e2")])
    assert [e.n_sources for e in linked] == [1, 1]


def test_vague_report_is_not_chained_between_two_days() -> None:
    week = {"date": "2023-03-13", "date_precision": "week", "date_text": "this week"}
    rows = [
        event_row("a:e1"),
        event_row("b:e1", date="2023-03-13", date_text="on Monday"),
        event_row("c:e1", **week),
    ]
    assert sorted(e.n_sources for e in link_events(rows)) == [1, 1, 1]
    # With only one candidate the week report joins it.
    assert sorted(e.n_sources for e in link_events(rows[::2])) == [2]


def test_region_only_report_joins_the_one_attack_that_fits() -> None:
    region = {"geo_precision": 3, "location_name": "Zamfara", "lat": 12.33, "lon": 6.37}
    rows = [event_row("a:e1"), event_row("b:e1", **region)]
    assert [e.n_sources for e in link_events(rows)] == [2]
    other_town = event_row("c:e1", location_name="Gusau", lat=12.17, lon=6.66)
    assert sorted(e.n_sources for e in link_events([*rows, other_town])) == [1, 1, 1]


SILENT_RECORDS = {
    # The coder's rule id says the 0 was written because no toll was reported.
    "rule id": {"reason": "[CD210] no deaths reported: 0", "rules": {"fatalities": "CD210"}},
    # A record stored before rule ids: only the reason's prose says so.
    "prose": {"reason": "trigger 'attacked'; no deaths reported: 0"},
}


@pytest.mark.parametrize("record", SILENT_RECORDS.values(), ids=list(SILENT_RECORDS))
def test_lowest_figure_ignores_a_toll_that_was_not_reported(record: dict) -> None:
    silent = {"fatalities": 0, "record": record}
    rows = [
        event_row("a:e1", **silent),
        event_row("b:e1", fatalities=7),
        event_row("c:e1", fatalities=4),
    ]
    (event,) = link_events(rows)
    assert event.fatalities == 4
    (only_silent,) = link_events([event_row("a:e1", **silent)])
    assert only_silent.fatalities == 0


def test_the_linker_reads_rule_ids_not_prose() -> None:
    """A reported 0 ("no one was killed") counts, whatever the reason says; the ids
    the linker tests are the coder's rules."""
    from newscoder.coding.assembly import LARGEST_FIGURE, NO_DEATHS_REPORTED
    from newscoder.coding.when_where import PUBLICATION_DATE
    from newscoder.link.mention import NO_DEATHS_RULE
    from newscoder.link.rules import ASSUMED_DATE_RULE, approximate_day

    assert NO_DEATHS_REPORTED.id == NO_DEATHS_RULE
    assert PUBLICATION_DATE.id == ASSUMED_DATE_RULE
    reported = {
        "reason": "no deaths reported (reworded)",
        "rules": {"fatalities": LARGEST_FIGURE.id},
    }
    assert mention_from_row(event_row("a:e1", fatalities=0, record=reported)).fatalities_reported
    assert approximate_day(None, "[WW095] reworded", "WW095", "2022-12-02")
    assert not approximate_day(None, "[WW095] no publication date either", "WW095", None)
    assert not approximate_day("Sunday", "no date in the text (reworded)", "WW055", "2022-11-27")
    assert approximate_day(
        "Sunday", "no date in the text: the publication date", None
    )  # old record
    assert approximate_day("late on Sunday", None, "WW055", "2022-11-27")


def test_representative_fields_are_the_most_precise() -> None:
    rows = [
        event_row("a:e1", geo_precision=2, location_name="Kaura Namoda district"),
        event_row("b:e1", actor1="Boko Haram", actor1_type="Rebel group", injuries=9),
        event_row("c:e1", geo_precision=3, location_name="Zamfara", injuries=4),
    ]
    (event,) = link_events(rows)
    assert (event.location_name, event.geo_precision) == ("Kaura Namoda", 1)
    assert event.actor1 == "Boko Haram"
    assert event.injuries == 4
    assert event.n_sources == 3


def test_result_does_not_depend_on_input_order() -> None:
    rows = [
        event_row("a:e1"),
        event_row("b:e1", fatalities=7),
        event_row("c:e1", location_name="Gusau", lat=12.17, lon=6.66),
        event_row("d:e1", geo_precision=3, location_name="Zamfara"),
        event_row("e:e1", date="2023-03-13"),
    ]
    forward = [(e.id, e.n_sources) for e in link_events(rows)]
    assert forward == [(e.id, e.n_sources) for e in link_events(rows[::-1])]


def test_a_peaceful_protests_target_is_not_actor2_but_plover_keeps_it(tmp_path: Path) -> None:
    text = "On 12 April 2022, hundreds of students marched in Yangon against the military."
    record = newscoder.code(text, id="yangon-march").to_dict()
    (event,) = [e for e in record["events"] if e["acled"]["event_type"]]
    assert event["acled"]["sub_event_type"] == "Peaceful protest"
    assert event["actor2"] is None  # ACLED leaves it blank (AC925)
    assert event["target"]["type"] == "State forces"
    with Store(tmp_path / "protest.sqlite") as store:
        store.upsert(record)
        out = io.StringIO()
        export_plover_jsonl(store, out)
    (plover,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert plover["target"][0]["actorText"] == event["target"]["name"]
