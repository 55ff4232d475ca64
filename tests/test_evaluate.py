"""Tests for newscoder.evaluate: readers of every gold schema, metrics on
hand-computed numbers, and run_eval end to end with a fake coder.

All gold files here are written by the tests themselves in tmp_path; the real
evaluation data is only read (never copied) by the last tests, which skip when
it is not present.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from newscoder.evaluate import (
    CoderMismatch,
    GoldFormatError,
    codebook,
    detect_kind,
    haversine_km,
    metrics,
    read_acled,
    read_plover,
    read_polnear,
    run_eval,
)
from newscoder.evaluate import compare as compare_mod
from newscoder.evaluate.metrics import AMBIGUOUS_PROTESTS, NO_PREDICTION
from newscoder.evaluate.readers import GoldEvent, parse_acled_date

EARTH_KM = 6371.0088


def _north(lat: float, km: float) -> float:
    """A latitude ``km`` north of ``lat`` along a meridian (haversine-exact)."""
    return lat + math.degrees(km / EARTH_KM)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# --- synthetic gold: current ACLED schema -----------------------------------------

CURRENT_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "inter1", "actor2", "inter2", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "notes", "fatalities",
]  # fmt: skip

CURRENT_ROWS = [
    ["NGA1", "12 March 2021", 2021, 1, "Political violence", "Battles", "Armed clash",
     "Military Forces of Nigeria", 1, "ISWAP", 2, 566, "Nigeria", "Borno", "Monguno",
     12.0, 13.5, 1, "On 12 March 2021, Nigerian troops fought ISWAP fighters near Monguno "
     "(Borno). Four fighters were killed.", 4],
    ["MLI1", "3 June 2020", 2020, 1, "Political violence", "Violence against civilians",
     "Attack", "Unidentified Armed Group (Mali)", 3, "Civilians (Mali)", 7, 466, "Mali",
     "Mopti", "Bankass", 14.0, -3.5, 1, "On 3 June 2020, gunmen on motorbikes shot two "
     "herders dead near Bankass (Mopti).", 2],
    ["IND1", "15 August 2019", 2019, 1, "Demonstrations", "Protests", "Peaceful protest",
     "Protesters (India)", 6, "NA", 0, 356, "India", "Tamil Nadu", "Chennai", 13.0, 80.2, 1,
     "On 15 August 2019, fishermen marched in Chennai against a new port levy.", 0],
    ["SOM1", "7 January 2018", 2018, 1, "Political violence", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", "Al Shabaab", 2, "Military Forces of Somalia", 1, 706,
     "Somalia", "Banadir", "Mogadishu", 2.0, 45.3, 1, "On 7 January 2018, a roadside bomb hit "
     "an army truck in Mogadishu. Fatalities are split across two events.", 5],
]  # fmt: skip


def _event(**fields: Any) -> dict[str, Any]:
    event = {"plover": {"type": "ASSAULT", "mode": None}, "evidence": [{"start": 0, "end": 20}]}
    event.update(fields)
    return event


def _place(admin1: str, lat: float | None, lon: float | None) -> dict[str, Any]:
    return {"name": "somewhere", "admin1": admin1, "lat": lat, "lon": lon}


# What the fake coder answers for each synthetic row, keyed by a word in the notes.
FAKE_RECORDS: dict[str, dict[str, Any]] = {
    "Monguno": {"events": [_event(
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        actor1={"type": "State forces"}, actor2={"type": "Rebel group"},
        location=_place("Borno State", 12.0, 13.5), date={"value": "2021-03-12"},
        fatalities=4)]},
    "Bankass": {"events": [
        _event(acled={"event_type": None}, plover={"type": "ACCUSE"}),  # a statement first
        _event(acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
               actor1={"type": "Political militia"}, actor2=None,
               location=_place("Mopti", _north(14.0, 40.0), -3.5),
               date={"value": "2020-06-04"}, fatalities=2)]},
    "Chennai": {"events": []},
    "Mogadishu": {"events": [_event(
        acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"},
        actor1={"type": "Rebel group"}, actor2={"type": None},
        location=_place("Banaadir", _north(2.0, 100.0), 45.3), date={"value": "2018-01-07"},
        fatalities=3)]},
}  # fmt: skip


def fake_code(text: str, published: dt.date | None) -> dict[str, Any]:
    for key, record in FAKE_RECORDS.items():
        if key in text:
            return {"id": key, **record}
    return {"id": "unknown", "events": []}


@pytest.fixture
def current_csv(tmp_path: Path) -> Path:
    return _write_csv(tmp_path / "current.csv", CURRENT_HEADER, CURRENT_ROWS)


# --- readers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 December 2022", dt.date(2022, 12, 28)),
        ("2016-07-02", dt.date(2016, 7, 2)),
        ("01-January-2015", dt.date(2015, 1, 1)),
        ("9 Sep 2021", dt.date(2021, 9, 9)),
        ("sometime in 2020", None),
    ],
)
def test_parse_acled_date(text: str, expected: dt.date | None) -> None:
    assert parse_acled_date(text) == expected


def test_read_current_schema(current_csv: Path) -> None:
    rows = list(read_acled(current_csv))
    assert [r.id for r in rows] == ["NGA1", "MLI1", "IND1", "SOM1"]
    first = rows[0]
    assert first.event_date == dt.date(2021, 3, 12)
    assert first.published == dt.date(2021, 3, 15)
    assert (first.inter1, first.inter2) == ("State forces", "Rebel group")
    assert (first.admin1, first.lat, first.lon, first.fatalities) == ("Borno", 12.0, 13.5, 4)
    assert rows[2].inter2 is None and rows[2].actor2 is None
    assert [r.fatalities_note for r in rows] == [False, False, False, True]
    shifted = next(read_acled(current_csv, published_offset=0))
    assert shifted.published == first.event_date


def test_read_africa_2016_schema(tmp_path: Path) -> None:
    header = ["", "actor1", "actor2", "admin1", "country", "data_id", "event_date",
              "event_type", "fatalities", "geo_precision", "inter1", "inter2", "latitude",
              "location", "longitude", "notes", "time_precision"]  # fmt: skip
    rows = [
        [0, "Rioters (Kenya)", "", "Nairobi", "Kenya", 11, "2016-07-02", "Riots/Protests", 0, 1,
         5, 0, -1.28, "Nairobi", 36.82, "Traders stoned council vehicles in Nairobi.", 1],
        [1, "Military Forces of Sudan", "SPLM-N", "South Kordofan", "Sudan", 12, "2016-07-03",
         "Battle-No change of territory", 6, 2, 1, 2, 11.0, "Kadugli", 29.7,
         "Army and SPLM-N fighters exchanged fire near Kadugli; six died.", 2],
        [2, "Al Shabaab", "", "Lower Shabelle", "Somalia", 13, "2016-07-04", "Remote violence",
         0, 1, 2, 0, 1.7, "Afgooye", 44.9, "Mortar rounds landed near an AMISOM base.", 1],
        [3, "Boko Haram", "", "Borno", "Nigeria", 14, "2016-07-05", "Strategic development",
         0, 3, 2, 0, 11.8, "Maiduguri", 13.1, "The group released a new video.", 1],
        [4, "Houthis", "", "Sanaa", "Yemen", 15, "2016-07-06", "Headquarters or base established",
         0, 1, 2, 0, 15.3, "Sanaa", 44.2, "Fighters set up a base in the old city.", 1],
    ]  # fmt: skip
    gold = list(read_acled(_write_csv(tmp_path / "africa.csv", header, rows)))
    assert [g.id for g in gold] == ["11", "12", "13", "14", "15"]
    assert gold[0].event_type is None and gold[0].ambiguous
    assert gold[0].accept == ("Protests", "Riots")
    assert (gold[1].event_type, gold[1].sub_event_type) == ("Battles", "Armed clash")
    assert gold[2].event_type == "Explosions/Remote violence" and gold[2].sub_event_type is None
    assert gold[3].event_type == "Strategic developments"
    assert gold[4].sub_event_type == "Headquarters or base established"
    assert gold[1].published == dt.date(2016, 7, 6)
    assert gold[1].inter1 == "State forces" and gold[0].inter1 == "Rioters"


def test_read_south_asia_2015_schema(tmp_path: Path) -> None:
    header = ["GWNO", "EVENT_ID_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE",
              "ACTOR1", "INTER1", "ACTOR2", "INTER2", "COUNTRY", "ADMIN1", "LOCATION",
              "LATITUDE", "LONGITUDE", "GEO_PRECISION", "NOTES", "FATALITIES"]  # fmt: skip
    rows = [
        [770, "1PAK", "01-January-2015", 2015, 1, "Violence Against Civilians", "Unidentified",
         3, "Civilians (Pakistan)", 7, "Pakistan", "Balochistan", "Quetta", 30.19, 67.0, 1,
         "Gunmen shot a shopkeeper in Quetta.\nHe died in hospital.", 1],
        [750, "2IND", "17-March-2015", 2015, 2, "Riots/Protests", "Protesters (India)", 6, "",
         0, "India", "Bihar", "Patna", 25.6, 85.1, 1, "Students rallied in Patna.", 0],
        [771, "3BNG", "bad date", 2015, 1, "Riots/Protests", "Rioters", 5, "", 0, "Bangladesh",
         "Dhaka", "Dhaka", 23.7, 90.4, 1, "Hartal supporters torched a bus.", 0],
    ]  # fmt: skip
    skipped: list[str] = []
    gold = list(read_acled(_write_csv(tmp_path / "asia.csv", header, rows), skipped=skipped))
    assert [g.id for g in gold] == ["1PAK", "2IND"]
    assert gold[0].event_type == "Violence against civilians"
    assert gold[0].text.endswith("He died in hospital.")
    assert gold[1].event_date == dt.date(2015, 3, 17) and gold[1].time_precision == 2
    assert len(skipped) == 1 and "bad date" in skipped[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", "State forces"), ("8", "External/Other forces"), ("0", None), ("", None),
     ("Identity militia", "Identity militia"), ("6.0", "Protesters")],
)  # fmt: skip
def test_inter_name(raw: str, expected: str | None) -> None:
    assert codebook.inter_name(raw) == expected


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("Three soldiers were killed in Gao. Fatalities are split across two events.", True),
        ("Police fired on a crowd. [Fatalities coded in the event of 4 May]", True),
        ("Herders burned huts in Zamfara. Unknown fatalities coded as 3.", True),
        ("Many villagers died in the raid (coded as 10).", True),
        ("Troops repelled the attack. No fatalities were reported.", False),
        ("Two people were killed in Kano by bandits.", False),
        ("The victims were abducted in April (coded separately).", False),
    ],
)
def test_fatalities_note(notes: str, expected: bool) -> None:
    assert codebook.fatalities_note(notes) is expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Borno State", "Borno", True),
        ("Ségou", "Segou", True),
        ("Khyber-Pakhtunkhwa", "Khyber Pakhtunkhwa", True),
        ("Al Anbar", "Anbar", True),
        ("Orissa", "Odisha", True),
        ("Sana'a", "Amanat Al Asimah", True),
        ("Kyiv City", "Kiev", True),
        ("Antioquia Department", "antioquia", True),
        ("Punjab", "Sindh", False),
        ("Mopti", "Gao", False),
    ],
)
def test_admin1_key(a: str, b: str, same: bool) -> None:
    assert (codebook.admin1_key(a) == codebook.admin1_key(b)) is same


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Go home," the minister said', True),
        ("the party’s “red lines”", True),
        ("a «scandal» in Kinshasa", True),
        ("she called the plan 'absurd'", True),
        ("the voters' anger over prices", False),
        ("he didn't agree with Clinton’s plan", False),
        ("plain reported speech", False),
    ],
)
def test_has_quote_mark(text: str, expected: bool) -> None:
    assert codebook.has_quote_mark(text) is expected


def test_codebook_data_file_is_consistent() -> None:
    six = codebook.acled_event_types()
    assert len(six) == 6
    book = codebook.load_codebook()
    for raw in book["acled_old_event_types"]:
        if raw == "about":
            continue
        mapped = codebook.normalise_acled_type(raw)
        assert mapped.accept and set(mapped.accept) <= set(six), raw
    assert sorted(book["acled_inter_codes"]) == [str(i) for i in range(1, 9)]
    assert codebook.plover_type("demand") == ("REQUEST", None)
    assert codebook.plover_type("INVESTIGATE") == ("ACCUSE", "investigate")
    assert all(len(group) >= 2 for group in book["admin1_aliases"])


# --- metrics on hand-computed numbers ----------------------------------------------


def _pairs(path: Path) -> list[tuple[GoldEvent, metrics.SystemEvent | None]]:
    return [(g, metrics.acled_event(fake_code(g.text, g.published), g.text))
            for g in read_acled(path)]  # fmt: skip


def test_haversine_one_degree_of_latitude() -> None:
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(33.3, 44.4, 33.3, 44.4) == 0.0


def test_acled_event_picks_first_event_with_an_acled_type(current_csv: Path) -> None:
    pairs = _pairs(current_csv)
    assert pairs[1][1] is not None and pairs[1][1].event_type == "Battles"
    assert pairs[2][1] is None  # no events: a miss
    assert metrics.acled_event({"id": "x", "error": {"code": "E102"}}, "") is None


def test_acled_scores_by_hand(current_csv: Path) -> None:
    scores = metrics.score_acled(_pairs(current_csv))
    assert (scores.rows, scores.predicted, scores.coverage) == (4, 3, 0.75)
    assert (scores.event_type.correct, scores.event_type.total) == (2, 4)
    # Battles P=1/2 R=1 F1=2/3; VAC 0; Protests 0; Explosions 1 -> (2/3 + 1) / 4
    assert scores.macro_f1 == pytest.approx((2 / 3 + 1.0) / 4)
    per_class = {c.label: c for c in scores.per_class}
    assert set(per_class) == {"Battles", "Violence against civilians", "Protests",
                              "Explosions/Remote violence"}  # fmt: skip
    assert per_class["Battles"].precision == 0.5 and per_class["Battles"].recall == 1.0
    table = scores.confusion
    assert table.count("Violence against civilians", "Battles") == 1
    assert table.count("Protests", NO_PREDICTION) == 1
    assert table.count("Battles", "Battles") == 1
    assert sum(map(sum, table.counts)) == 4
    fields = {s.name: (s.correct, s.total) for s in scores.fields}
    assert fields == {
        "sub-event type": (1, 4),
        "actor1 type": (3, 4),
        "actor2 type": (1, 3),
        "actor2 type, blanks counted": (1, 3),
        "admin1": (3, 4),
        "date exact": (2, 4),
        "fatalities exact": (2, 3),
    }
    d = scores.distance
    assert (d.total, d.located, d.misses, d.within) == (4, 3, 1, 2)
    assert d.median_km == pytest.approx(40.0, abs=0.01)
    assert d.share_within == 0.5


def test_ambiguous_riots_protests_scoring() -> None:
    def gold(i: int) -> GoldEvent:
        return GoldEvent(
            id=str(i), text="", event_date=dt.date(2016, 7, 2), published=dt.date(2016, 7, 5),
            time_precision=1, event_type=None, accept=("Protests", "Riots"), ambiguous=True,
            event_type_raw="Riots/Protests", sub_event_type=None, actor1=None, actor2=None,
            inter1=None, inter2=None, country=None, admin1=None, location=None, lat=None,
            lon=None, geo_precision=None, fatalities=0, fatalities_note=False,
        )  # fmt: skip

    def system(event_type: str) -> metrics.SystemEvent:
        return metrics.to_system_event({"acled": {"event_type": event_type}}, "")

    pairs = [
        (gold(1), system("Riots")),
        (gold(2), system("Protests")),
        (gold(3), system("Battles")),
    ]
    scores = metrics.score_acled(pairs)
    assert (scores.event_type.correct, scores.event_type.total) == (2, 3)
    assert "Riots/Protests" in scores.event_type.note
    assert scores.confusion.count(AMBIGUOUS_PROTESTS, "Riots") == 1
    assert scores.confusion.count(AMBIGUOUS_PROTESTS, "Battles") == 1
    per_class = {c.label: c for c in scores.per_class}
    # The wrong row resolves to the first accepted answer (Protests): its recall is 1/2.
    assert per_class["Riots"].f1 == 1.0
    assert per_class["Protests"].recall == 0.5
    assert per_class["Battles"].precision == 0.0


def test_actor2_blanks_counted() -> None:
    def gold(inter2: str | None) -> GoldEvent:
        return GoldEvent(
            id="g", text="", event_date=dt.date(2022, 5, 3), published=dt.date(2022, 5, 5),
            time_precision=1, event_type="Battles", accept=("Battles",), ambiguous=False,
            event_type_raw="Battles", sub_event_type=None, actor1=None, actor2=None,
            inter1=None, inter2=inter2, country=None, admin1=None, location=None, lat=None,
            lon=None, geo_precision=None, fatalities=0, fatalities_note=False,
        )  # fmt: skip

    def system(actor2_type: str | None) -> metrics.SystemEvent:
        actor2 = {"name": "x", "type": actor2_type} if actor2_type else None
        return metrics.to_system_event({"acled": {"event_type": "Battles"}, "actor2": actor2}, "")

    pairs = [
        (gold(None), system(None)),  # both blank: right
        (gold(None), system("Civilians")),  # invented: wrong here, unseen by "actor2 type"
        (gold("Civilians"), system("Civilians")),
        (gold("Civilians"), system(None)),
        (gold("Civilians"), None),  # no event coded: not scored
    ]
    fields = {s.name: s for s in metrics.score_acled(pairs).fields}
    blanks = fields["actor2 type, blanks counted"]
    assert (blanks.correct, blanks.total) == (2, 4)
    assert (fields["actor2 type"].correct, fields["actor2 type"].total) == (1, 3)


def test_class_scores_skip_unused_classes() -> None:
    macro, per_class = metrics.class_scores([("A", "A"), ("A", "B"), ("B", "B")], ["A", "B", "C"])
    assert [c.label for c in per_class] == ["A", "B"]
    # A: P 1 R .5 F 2/3; B: P .5 R 1 F 2/3
    assert macro == pytest.approx(2 / 3)


# --- PLOVER --------------------------------------------------------------------------

PLOVER_RECORDS = [
    {"id": "DOC-0001", "event": "DOCUMENT", "eventText": "about this file"},
    {"id": "T-AGREE", "date": "2000-01-01", "event": "AGREE", "mode": "",
     "text": "Kenya and Ethiopia agreed to reopen the border crossing at Moyale.",
     "source": [{"actorText": "Kenya"}], "target": ""},
    {"id": "T-DEMAND", "date": "2000-01-01", "event": "DEMAND",
     "text": "Farmers in Punjab demanded that the government withdraw the new law."},
    {"id": "T-ASSAULT", "date": "2000-01-01", "event": "ASSAULT", "mode": "firearms",
     "text": "Gunmen opened fire on a bus near Culiacan.",
     "eventLoc": {"name": "Culiacan", "country code": "MX"}},
    {"id": "T-PROTEST", "date": "2000-01-01", "event": "PROTEST", "mode": "demo-org",
     "text": "Thousands marched through Yangon against the coup."},
    {"id": "T-DISAPPROVE", "date": "2000-01-01", "event": "DISAPPROVE",
     "text": "Manila criticised Beijing over the water-cannon incident."},
]  # fmt: skip

PLOVER_ANSWERS = {
    "Moyale": {"type": "AGREE", "mode": None},
    "Punjab": {"type": "REQUEST", "mode": "change"},
    "Culiacan": {"type": "assault", "mode": "Firearms"},
    "Manila": {"type": "ACCUSE", "mode": "disapprove"},
}


def fake_plover(text: str, published: dt.date | None) -> dict[str, Any]:
    for key, plover in PLOVER_ANSWERS.items():
        if key in text:
            return {"events": [{"plover": plover, "acled": {"event_type": None}}]}
    return {"events": []}


@pytest.fixture
def plover_json(tmp_path: Path) -> Path:
    path = tmp_path / "plover" / "gsr.json"
    path.parent.mkdir()
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    return path


def test_read_plover(plover_json: Path) -> None:
    gold = {g.id: g for g in read_plover(plover_json)}
    assert set(gold) == {"T-AGREE", "T-DEMAND", "T-ASSAULT", "T-PROTEST", "T-DISAPPROVE"}
    assert gold["T-DEMAND"].event_type == "REQUEST" and gold["T-DEMAND"].event_type_raw == "DEMAND"
    assert gold["T-DISAPPROVE"].mode == "disapprove"
    assert gold["T-AGREE"].mode is None and gold["T-AGREE"].actors == ("Kenya",)
    assert gold["T-ASSAULT"].location == "Culiacan"
    assert gold["T-ASSAULT"].location_country == "MX"
    assert gold["T-ASSAULT"].published == dt.date(2000, 1, 1)


def test_plover_scores(plover_json: Path) -> None:
    report = run_eval(plover_json.parent, fake_plover)
    assert report.kind == "plover" and report.plover is not None
    p = report.plover
    assert (p.event_type.correct, p.event_type.total) == (4, 5)
    assert (p.mode.correct, p.mode.total) == (2, 3)
    assert (p.rows, p.predicted) == (5, 4)


# --- PolNeAR / brat --------------------------------------------------------------------

BRAT_TEXT = (
    "The governor of Sindh said the curfew would end on Monday. "
    '"We will not allow the city to burn," Murad Ali Shah told reporters. '
    "Police officials said two suspects were held. "
    'A resident, Amina Bibi, called the raid "brutal and unnecessary."\n'
)


def _at(text: str, start: int = 0) -> tuple[int, int]:
    i = BRAT_TEXT.index(text, start)
    return i, i + len(text)


def _brat_ann() -> str:
    spans = {
        "T1": ("Source", _at("The governor of Sindh")),
        "T2": ("Cue", _at("said")),
        "T3": ("Content", _at("the curfew would end on Monday")),
        "T4": ("Content", _at('"We will not allow the city to burn,"')),
        "T5": ("Source", _at("Murad Ali Shah")),
        "T6": ("Cue", _at("told")),
        "T7": ("Source", _at("Police officials")),
        "T8": ("Cue", _at("said", BRAT_TEXT.index("Police"))),
        "T9": ("Content", _at("two suspects were held")),
        "T10": ("Source", _at("A resident, Amina Bibi")),
        "T11": ("Cue", _at("called")),
    }
    lines = [f"{tid}\t{label} {a} {b}\t{BRAT_TEXT[a:b]}" for tid, (label, (a, b)) in spans.items()]
    # A discontinuous content span: "the raid" + the quoted words.
    (a1, b1), (a2, b2) = _at("the raid"), _at('"brutal and unnecessary."')
    lines.append(f"T12\tContent {a1} {b1};{a2} {b2}\t{BRAT_TEXT[a1:b1]} {BRAT_TEXT[a2:b2]}")
    lines.append("T13\tDiscard 0 3\tThe")
    lines += [
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        "E2\tAttribution:T6 Content:T4 Source:T5 Cue:T6",
        "E3\tAttribution:T8 Cue:T8 Source:T7 Content:T9",
        "E4\tAttribution:T11 Source:T10 Cue:T11 Content:T12",
    ]
    return "\n".join(lines) + "\n"


def _quote(text: str, kind: str, speaker: str | None, speaker_span: tuple[int, int] | None,
           cue_span: tuple[int, int] | None) -> dict[str, Any]:  # fmt: skip
    a, b = _at(text)
    quote: dict[str, Any] = {"text": text, "start": a, "end": b, "kind": kind, "cue": None}
    quote["speaker"] = {"name": speaker, "role": None, "start": None, "end": None}
    if speaker_span:
        quote["speaker"].update(start=speaker_span[0], end=speaker_span[1])
    if cue_span:
        quote["cue"] = {"text": BRAT_TEXT[slice(*cue_span)], "start": cue_span[0],
                        "end": cue_span[1]}  # fmt: skip
    return quote


def fake_quotes(text: str, published: dt.date | None) -> dict[str, Any]:
    return {
        "events": [],
        "quotes": [
            _quote('"We will not allow the city to burn,"', "direct", "Murad Ali Shah",
                   _at("Murad Ali Shah"), _at("told")),  # matched, speaker and cue right
            _quote('"brutal and unnecessary."', "partial", "Bibi", None,
                   _at("raid")),  # matched; speaker by surname; cue wrong
            _quote("two suspects were held", "direct", None, None,
                   None),  # spurious: the gold content there has no quote marks
            _quote("the curfew would end", "indirect", "governor", _at("governor"),
                   None),  # indirect match, speaker right, cue missing
        ],
    }  # fmt: skip


@pytest.fixture
def brat_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "karachi-curfew.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (folder / "karachi-curfew.ann").write_text(_brat_ann(), encoding="utf-8")
    return folder


def test_read_brat_pair(brat_dir: Path) -> None:
    (doc,) = read_polnear(brat_dir)
    assert doc.id == "karachi-curfew" and doc.text == BRAT_TEXT
    by_id = {a.id: a for a in doc.attributions}
    assert sorted(by_id) == ["E1", "E2", "E3", "E4"]
    assert [a.quoted for a in doc.attributions] == [False, True, False, True]
    assert len(by_id["E4"].contents) == 2
    assert by_id["E4"].content_text == 'the raid "brutal and unnecessary."'
    assert by_id["E2"].source_text == "Murad Ali Shah"


def test_read_polnear_layout_with_metadata(tmp_path: Path) -> None:
    split = tmp_path / "polnear" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    name = "usa-today_2016-10-02_karachi-curfew"
    (split / "text" / f"{name}.txt").write_text(BRAT_TEXT, encoding="utf-8")
    for annotator in ("ab12", "cd34"):  # two annotators: the first file is used
        (split / "attributions" / f"{name}_{annotator}.ann").write_text(_brat_ann(), "utf-8")
    (tmp_path / "polnear" / "metadata.tsv").write_text(
        f"compartment\tfilename\tpublication_date\ndev\t{name}\t2016-10-03\n", encoding="utf-8"
    )
    docs = list(read_polnear(split))
    assert len(docs) == 1 and docs[0].published == dt.date(2016, 10, 3)
    (tmp_path / "polnear" / "metadata.tsv").unlink()
    assert next(read_polnear(split)).published == dt.date(2016, 10, 2)  # from the file name


def test_quote_scores_by_hand(brat_dir: Path) -> None:
    report = run_eval(brat_dir, fake_quotes)
    q, ind = report.quotes, report.indirect
    assert report.kind == "polnear" and q is not None and ind is not None
    assert (q.gold, q.system, q.system_matched, q.gold_matched) == (2, 3, 2, 2)
    assert q.precision == pytest.approx(2 / 3) and q.recall == 1.0
    assert q.f1 == pytest.approx(0.8)
    assert (q.speaker_correct, q.speaker_total, q.cue_correct, q.cue_total) == (2, 2, 1, 2)
    assert (ind.gold, ind.system, ind.gold_matched) == (2, 1, 1)
    assert (ind.precision, ind.recall) == (1.0, 0.5)
    assert ind.f1 == pytest.approx(2 / 3)
    assert (ind.speaker_correct, ind.speaker_total, ind.cue_correct, ind.cue_total) == (1, 1, 0, 1)
    (case,) = report.worst
    assert [r.field for r in case.rows] == ["spurious quote"]


# --- run_eval ------------------------------------------------------------------------


def test_run_eval_acled_end_to_end(current_csv: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    report = run_eval(current_csv, fake_code, errors=2, progress=lambda d, t: seen.append((d, t)))
    assert report.kind == "acled" and report.documents == 4 and report.failed == 0
    assert seen[-1] == (4, 4)
    a = report.acled
    assert a is not None and a.macro_f1 == pytest.approx((2 / 3 + 1.0) / 4)
    # Chennai was missed outright: it is the worst case; Bankass has the wrong type.
    assert [c.id for c in report.worst] == ["IND1", "MLI1"]
    assert "Bankass" in report.worst[1].text and report.worst[1].evidence
    data = report.to_dict()
    json.dumps(data)
    assert data["acled"]["confusion"]["Protests"] == {NO_PREDICTION: 1}
    assert data["acled"]["distance"]["within_50km"] == 0.5
    assert data["acled"]["fields"]["admin1"]["correct"] == 3


def test_code_many_matches_code_fn(current_csv: Path) -> None:
    calls: list[int] = []

    def code_many(items: Any) -> Any:
        batch = list(items)  # reads everything ahead, like a large nlp.pipe batch
        calls.append(len(batch))
        return [fake_code(text, published) for text, published in batch]

    one = run_eval(current_csv, fake_code).to_dict()
    many = run_eval(current_csv, code_many=code_many).to_dict()
    assert calls == [4]
    one.pop("seconds"), many.pop("seconds")
    assert one == many


def test_run_eval_limit_errors_and_failures(current_csv: Path) -> None:
    def flaky(text: str, published: dt.date | None) -> dict[str, Any]:
        if "Monguno" in text:
            raise ValueError("parser crashed")
        return fake_code(text, published)

    report = run_eval(current_csv, flaky, limit=2, errors=0)
    assert report.documents == 2 and report.failed == 1
    assert "parser crashed" in report.failures[0]
    assert report.worst == []
    assert report.acled is not None and report.acled.predicted == 1


def test_run_eval_needs_one_coder(current_csv: Path) -> None:
    with pytest.raises(TypeError):
        run_eval(current_csv)
    with pytest.raises(CoderMismatch):
        run_eval(current_csv, code_many=lambda items: iter(()))
    with pytest.raises(CoderMismatch):
        run_eval(current_csv, code_many=lambda items: [fake_code(t, p) for t, p in items] * 2)


def test_detect_kind(tmp_path: Path, current_csv: Path, plover_json: Path, brat_dir: Path) -> None:
    assert detect_kind(current_csv) == "acled"
    assert detect_kind(plover_json) == "plover" and detect_kind(plover_json.parent) == "plover"
    assert detect_kind(brat_dir) == "polnear"
    assert detect_kind(brat_dir / "karachi-curfew.ann") == "polnear"
    (tmp_path / "notes.txt").write_text("just prose", encoding="utf-8")
    with pytest.raises(GoldFormatError):
        detect_kind(tmp_path / "notes.txt")
    with pytest.raises(GoldFormatError):
        detect_kind(tmp_path / "missing.csv")


def test_render_shows_tables(current_csv: Path, brat_dir: Path) -> None:
    out = io.StringIO()
    console = Console(file=out, width=160, color_system=None)
    run_eval(current_csv, fake_code, errors=1).render(console)
    run_eval(brat_dir, fake_quotes).render(console)
    text = out.getvalue()
    for needle in ("macro-F1", "Confusion", "admin1", "within 50 km", "IND1", "Attributions"):
        assert needle in text


# --- rule counts and the comparison with a baseline ---------------------------------


def test_run_eval_counts_the_rules_the_coder_fires(current_csv: Path) -> None:
    from newscoder.registry import fire

    def firing_code(text: str, published: dt.date | None) -> dict[str, Any]:
        fire("ZZ905", "kept", "attack", 3)
        if "Monguno" in text:
            fire("ZZ910", "vetoed")
        return fake_code(text, published)

    report = run_eval(current_csv, firing_code)
    assert report.rule_counts == {"ZZ905": 4, "ZZ910": 1}
    data = report.to_dict()
    assert data["rule_counts"] == {"ZZ905": 4, "ZZ910": 1}
    # --json only gains keys: everything it printed before is still there.
    assert {"kind", "path", "documents", "failed", "seconds", "acled", "worst", "skipped",
            "failures"} <= set(data)  # fmt: skip
    out = io.StringIO()
    report.render(Console(file=out, width=160, color_system=None))
    assert "rules fired: 2 rules, 5 times; most: ZZ905 ×4" in out.getvalue()


def test_figures_name_every_gated_field(current_csv: Path, brat_dir: Path) -> None:
    acled = compare_mod.figures(run_eval(current_csv, fake_code).to_dict())
    assert acled["acled: event type"] == 0.5 and acled["acled: within 50 km"] == 0.5
    assert {"acled: coverage", "acled: macro-F1", "acled: admin1", "acled: date exact",
            "acled: fatalities exact", "acled: actor2 type"} <= set(acled)  # fmt: skip
    quotes = compare_mod.figures(run_eval(brat_dir, fake_quotes).to_dict())
    assert quotes["quotes: f1"] == 0.8 and quotes["indirect: recall"] == 0.5


def _report(**figures: float) -> dict[str, Any]:
    fields = {name: {"accuracy": figures.get(name, 0.5)} for name in ("admin1", "date exact")}
    return {"kind": "acled", "documents": 400, "failed": 0,
            "acled": {"coverage": figures.get("coverage", 0.9),
                      "event_type": {"accuracy": figures.get("event type", 0.7)},
                      "macro_f1": 0.6, "fields": fields, "distance": {"within_50km": 0.4}},
            "rule_counts": {}}  # fmt: skip


def test_compare_marks_drops_beyond_the_tolerance() -> None:
    before = _report(**{"event type": 0.7000, "admin1": 0.5000, "date exact": 0.5})
    before["rule_counts"] = {"EV010": 50, "PL005": 7, "DT020": 3}
    after = _report(**{"event type": 0.6940, "admin1": 0.4950, "date exact": 0.52})
    after["rule_counts"] = {"EV010": 41, "PL005": 7, "CA015": 2}
    result = compare_mod.compare(before, after, tolerance=0.005)
    by_name = {f.name: f for f in result.fields}
    assert by_name["acled: event type"].dropped  # 0.006 > 0.005
    assert not by_name["acled: admin1"].dropped  # exactly the tolerance: allowed
    assert not by_name["acled: date exact"].dropped and by_name["acled: date exact"].delta > 0
    assert [f.name for f in result.regressions] == ["acled: event type"] and not result.ok
    assert [(r.id, r.delta) for r in result.rules] == [("EV010", -9), ("DT020", -3), ("CA015", 2)]
    assert compare_mod.compare(before, after, tolerance=0.01).ok
    data = result.to_dict()
    json.dumps(data)
    assert data["ok"] is False and data["rules"][0] == {"id": "EV010", "before": 50, "after": 41,
                                                         "delta": -9}  # fmt: skip
    out = io.StringIO()
    compare_mod.render_comparison(result, Console(file=out, width=160, color_system=None))
    text = out.getvalue()
    assert "-0.0060 ✗" in text and "gate FAILED: 1 fields dropped: acled: event type" in text
    assert "EV010" in text


def test_compare_refuses_what_cannot_be_compared() -> None:
    before = _report()
    with pytest.raises(compare_mod.BaselineError, match="not comparable"):
        compare_mod.compare({**before, "limit": 400}, {**_report(), "documents": 300})
    with pytest.raises(compare_mod.BaselineError, match="plover"):
        compare_mod.compare(before, {**_report(), "kind": "plover"})
    lost = _report()
    lost["acled"]["macro_f1"] = None
    assert [f.name for f in compare_mod.compare(before, lost).regressions] == ["acled: macro-F1"]


def test_baselines_save_and_load(tmp_path: Path, current_csv: Path) -> None:
    data = run_eval(current_csv, fake_code).to_dict()
    baseline = compare_mod.baseline_of(data, source="acled-dev/current.csv", limit=None)
    assert "worst" not in baseline and "Monguno" not in json.dumps(baseline)
    target = tmp_path / "deep" / "current.json"
    compare_mod.save_baseline(baseline, target)
    assert compare_mod.compare(compare_mod.load_baseline(target), data).ok
    (tmp_path / "bad.json").write_text("[1, 2]", "utf-8")
    for bad in (tmp_path / "bad.json", tmp_path / "missing.json"):
        with pytest.raises(compare_mod.BaselineError):
            compare_mod.load_baseline(bad)


# --- the real evaluation data (read only; skipped where absent) ----------------------

EVAL_DIR = Path(
    os.environ.get("NEWSCODER_EVAL_DIR", Path(__file__).resolve().parents[2] / "shared" / "eval")
)


@pytest.mark.skipif(not (EVAL_DIR / "acled-dev").is_dir(), reason="ACLED dev files absent")
def test_real_acled_dev_files_parse() -> None:
    files = sorted((EVAL_DIR / "acled-dev").glob("*.csv"))
    assert files
    for file in files:
        skipped: list[str] = []
        rows = list(read_acled(file, skipped=skipped))
        assert rows, file.name
        assert skipped == [], (file.name, skipped[:3])
        assert all(r.published - r.event_date == dt.timedelta(days=3) for r in rows)
        assert all(r.accept for r in rows), file.name


@pytest.mark.skipif(not (EVAL_DIR / "plover-gsr").is_dir(), reason="PLOVER GSR absent")
def test_real_plover_records_parse() -> None:
    gold = list(read_plover(EVAL_DIR / "plover-gsr"))
    assert len(gold) > 100
    assert all(g.event_type in metrics.PLOVER_TYPES for g in gold)


@pytest.mark.skipif(not (EVAL_DIR / "polnear" / "dev").is_dir(), reason="PolNeAR absent")
def test_real_polnear_dev_parses() -> None:
    docs = list(read_polnear(EVAL_DIR / "polnear" / "dev"))
    assert docs and all(d.published is not None for d in docs)
    attributions = [a for d in docs for a in d.attributions]
    assert any(a.quoted for a in attributions) and any(not a.quoted for a in attributions)
    assert all(0 <= s.start <= s.end <= len(a.text) for a in attributions for s in a.contents)
