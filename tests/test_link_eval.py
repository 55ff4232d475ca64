"""``newscoder eval FILE --link``: cross-note merges on ACLED notes and their likely causes.

No model: the notes are "coded" by a stand-in that returns hand-made contract records,
so the test checks the counting and the cause of each merge, not the coder.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newscoder.evaluate.linking import link_eval

# (id, ACLED location, note) -> the place the stand-in coder codes it at.
NOTES = [
    # ACLED split one note over two rows: no coder can tell them apart.
    ("A1", "Gusau", "Gunmen killed five people in Gusau and Tsafe.", "Gusau"),
    ("A2", "Tsafe", "Gunmen killed five people in Gusau and Tsafe.", "Gusau"),
    # Two rows with the same date, place and type: notes that barely differ.
    ("B1", "Anka", "Gunmen killed three traders in Anka.", "Anka"),
    ("B2", "Anka", "Gunmen killed three farmers in Anka.", "Anka"),
    # The coder put a Maru attack in Bungudu: the linker saw one place.
    ("C1", "Bungudu", "Gunmen killed two men in Bungudu.", "Bungudu"),
    ("C2", "Maru", "Gunmen killed two men in Maru, near Bungudu.", "Bungudu"),
    # Coded right, still merged: the linker's own doing.
    ("D1", "Zurmi", "Gunmen killed four people in Zurmi.", "Zurmi"),
    ("D2", "Zurmi district", "Gunmen killed four herders in Zurmi district.", "Zurmi"),
    # A note that links with nothing.
    ("E1", "Kaura Namoda", "Gunmen killed six people in Kaura Namoda.", "Kaura Namoda"),
]
_COORDS = {
    "Gusau": (12.17, 6.66),
    "Anka": (12.11, 5.93),
    "Bungudu": (12.27, 6.56),
    "Zurmi": (12.78, 6.79),
    "Kaura Namoda": (12.59, 6.59),
}
_DAY = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5}


def _acled(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["event_id_cnty", "event_date", "event_type", "location", "notes"])
        for note_id, location, text, _ in NOTES:
            day = dt.date(2023, 3, _DAY[note_id[0]])
            writer.writerow(
                [note_id, day.isoformat(), "Violence against civilians", location, text]
            )
    return path


def _record(note_id: str, place: str) -> dict[str, Any]:
    lat, lon = _COORDS[place]
    day = dt.date(2023, 3, _DAY[note_id[0]])
    event = {
        "id": "e1",
        "plover": {"type": "ASSAULT", "mode": "firearms"},
        "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
        "date": {"value": day.isoformat(), "precision": "day", "text": "on Sunday"},
        "location": {
            "name": place,
            "admin1": "Zamfara",
            "country": "Nigeria",
            "country_code": "NG",
            "lat": lat,
            "lon": lon,
            "geo_precision": 1,
        },
        "actor1": {"name": "Unidentified Armed Group (Nigeria)", "type": "Political militia"},
        "actor2": {"name": "Civilians (Nigeria)", "type": "Civilians"},
        "fatalities": 2,
        "status": "occurred",
        "background": False,
        "evidence": [{"start": 0, "end": 6}],
    }
    return {"id": "stand-in", "events": [event]}


def _stand_in(items: Iterable[tuple[str, dt.date | None]]) -> Iterator[dict[str, Any]]:
    coded = {text: (note_id, place) for note_id, _, text, place in NOTES}
    for text, _published in items:
        yield _record(*coded[text])


def test_merges_are_counted_with_their_causes(tmp_path: Path) -> None:
    report = link_eval(_acled(tmp_path / "notes.csv"), _stand_in, worst=10)
    assert (report.notes, report.events, report.failed) == (9, 9, 0)
    assert report.cross_note_events == 4
    assert report.notes_joined == 8
    assert report.share_joined == 8 / 9
    causes = {case.notes: case.cause for case in report.worst}
    assert causes == {
        ("A1", "A2"): "same-text",
        ("B1", "B2"): "same-acled-key",
        ("C1", "C2"): "coder-place",
        ("D1", "D2"): "linker",
    }
    out = report.to_dict()
    assert out["notes_joined_by_cause"] == {
        "same-text": 2,
        "same-acled-key": 2,
        "coder-place": 2,
        "linker": 2,
    }
    assert out["merge_rules"] == {"LK100": 4}
    (first,) = [case for case in out["worst"] if case["notes"] == ["D1", "D2"]]
    assert [m["place"] for m in first["members"]] == ["Zurmi, Zamfara, Nigeria"] * 2
