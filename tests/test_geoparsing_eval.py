"""Geoparsing evaluation: the LGL and GeoVirus readers, span matching and scores.

The fixtures are written here in the corpora's formats; no corpus text is copied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newscoder.cli import app
from newscoder.evaluate.geoparsing import (
    WORST_KM,
    GeoGoldError,
    GoldToponym,
    SystemToponym,
    document_counts,
    looks_like_geoparsing,
    match_toponyms,
    read_geoparsing,
    run_geoparsing_eval,
)
from newscoder.evaluate.readers import detect_kind

LGL_TEXT = "Flood waters rose in Fargo. Fargo officials asked Clay County for sandbags."
GEOVIRUS_TEXT = "Health officials in Lyon, France said the outbreak was over."


def _lgl(path: Path) -> Path:
    def toponym(phrase: str, start: int, lat: str | None) -> str:
        gaz = (
            f'<gaztag geonameid="1"><name>{phrase}</name><lat>{lat}</lat><lon>-96.8</lon></gaztag>'
            if lat
            else ""
        )
        return (
            f"<toponym><start>{start}</start><end>{start + len(phrase)}</end>"
            f"<phrase>{phrase}</phrase>{gaz}</toponym>"
        )

    second = LGL_TEXT.index("Fargo", 25)
    body = "".join(
        [
            toponym("Fargo", LGL_TEXT.index("Fargo"), "46.88"),
            toponym("Fargo", second, "46.88"),
            toponym("Clay County", LGL_TEXT.index("Clay County"), None),
        ]
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<articles>\n'
        f'<article docid="7"><title>t</title><text><![CDATA[{LGL_TEXT}]]></text>'
        f'<toponyms count="3">{body}</toponyms></article>\n'
        f'<article docid="8"><text><![CDATA[Nothing here.]]></text><toponyms count="0"/></article>'
        "\n</articles>\n"
    )
    path.write_text(xml, encoding="utf-8")
    return path


def _geovirus(path: Path) -> Path:
    def location(name: str, lat: str, lon: str) -> str:
        start = GEOVIRUS_TEXT.index(name) + 1  # GeoVirus counts from 1
        return (
            f"<location><name>{name}</name><start>{start}</start><end>{start + len(name)}</end>"
            f"<lat>{lat}</lat><lon>{lon}</lon><page>x</page></location>"
        )

    xml = (
        "<articles>\n<article><source>s</source>"
        f"<text>{GEOVIRUS_TEXT}</text><locations>"
        f"{location('Lyon', '45.76', '4.84')}{location('France', '46.0', '2.0')}"
        "</locations></article>\n</articles>\n"
    )
    path.write_text(xml, encoding="utf-8")
    return path


def test_lgl_reader(tmp_path: Path) -> None:
    path = _lgl(tmp_path / "lgl.xml")
    assert looks_like_geoparsing(path) == "lgl"
    assert detect_kind(path) == "geoparsing"
    docs = list(read_geoparsing(path))
    assert [d.id for d in docs] == ["7", "8"]
    fargo, _, clay = docs[0].toponyms
    assert LGL_TEXT[fargo.start : fargo.end] == "Fargo" and fargo.lat == 46.88
    assert clay.text == "Clay County" and clay.lat is None  # no gaztag: recognition only


def test_geovirus_reader_counts_from_one(tmp_path: Path) -> None:
    path = _geovirus(tmp_path / "geovirus.xml")
    assert looks_like_geoparsing(path) == "geovirus"
    (doc,) = read_geoparsing(path)
    assert [GEOVIRUS_TEXT[t.start : t.end] for t in doc.toponyms] == ["Lyon", "France"]


def test_not_a_corpus(tmp_path: Path) -> None:
    other = tmp_path / "notes.xml"
    other.write_text("<root/>", encoding="utf-8")
    assert looks_like_geoparsing(other) is None
    with pytest.raises(GeoGoldError):
        list(read_geoparsing(other))


def test_matching_overlap_one_to_one() -> None:
    gold = [GoldToponym(0, 5, "Fargo", 46.9, -96.8), GoldToponym(10, 21, "Clay County", None, None)]
    system = [
        SystemToponym(0, 5, 46.9, -96.8),
        SystemToponym(0, 3, 1.0, 1.0),  # overlaps a gold span already taken: spurious
        SystemToponym(10, 14, None, None),  # "Clay" overlaps "Clay County": a match
        SystemToponym(30, 35, 1.0, 1.0),
    ]
    pairs, spurious = match_toponyms(gold, system)
    assert [p.system is not None for p in pairs] == [True, True]
    assert pairs[0].error_km == pytest.approx(0.0)
    assert pairs[1].error_km is None  # no gold coordinates
    assert len(spurious) == 2


def test_counts_and_scores() -> None:
    from newscoder.evaluate.geoparsing import GoldGeoDocument

    gold = GoldGeoDocument(
        "d",
        "x" * 40,
        (
            GoldToponym(0, 5, "a", 46.9, -96.8),
            GoldToponym(10, 15, "b", 46.9, -96.8),
            GoldToponym(20, 25, "c", 46.9, -96.8),
        ),
    )
    system = [
        SystemToponym(0, 5, 46.9, -96.8),  # right
        SystemToponym(10, 15, None, None),  # recognised, unresolved: wrong
        SystemToponym(30, 35, 0.0, 0.0),  # spurious
    ]
    c = document_counts(gold, system)
    assert (c.precision, c.recall) == pytest.approx((2 / 3, 2 / 3))
    assert c.accuracy_recognised == pytest.approx(0.5)
    assert c.accuracy_all == pytest.approx(1 / 3)
    assert c.unresolved == 1
    assert max(c.errors_km) == pytest.approx(WORST_KM)


def test_run_with_halves(tmp_path: Path) -> None:
    path = _lgl(tmp_path / "lgl.xml")

    def system(texts):
        for text in texts:
            at = text.find("Fargo")
            yield [SystemToponym(at, at + 5, 46.88, -96.8)] if at >= 0 else []

    report = run_geoparsing_eval(path, system)
    assert report.total.documents == 2
    assert report.halves[0].gold == 3 and report.halves[1].gold == 0
    assert report.total.matched == 1 and report.total.within == 1
    assert report.to_dict()["first_half"]["f1"] == pytest.approx(0.5)


def test_worst_cases_from_the_first_half_only(tmp_path: Path) -> None:
    path = _lgl(tmp_path / "lgl.xml")

    def spurious(texts):
        for _ in texts:
            yield [SystemToponym(0, 4, None, None)]  # wrong in both documents

    report = run_geoparsing_eval(path, spurious, errors=5)
    assert [case.id for case in report.worst] == ["7"]


def test_cli_eval_geoparsing_json(tmp_path: Path) -> None:
    path = _geovirus(tmp_path / "geovirus.xml")
    result = CliRunner().invoke(app, ["eval", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "geoparsing" and data["corpus"] == "geovirus"
    assert data["all"]["gold"] == 2
    assert data["all"]["recall"] == pytest.approx(1.0)
    assert data["all"]["accuracy_161km_recognised"] == pytest.approx(1.0)
