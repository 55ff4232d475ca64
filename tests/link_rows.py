"""A stored event row for linking tests: gunmen kill five in Kaura Namoda on Sunday.

Shared by tests/test_link.py and tests/test_link_rules.py; override any field.
"""

from __future__ import annotations

from typing import Any


def event_row(eid: str, **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": eid,
        "article_id": eid.split(":")[0],
        "plover_type": "ASSAULT",
        "plover_mode": "firearms",
        "acled_event_type": "Violence against civilians",
        "acled_sub_event_type": "Attack",
        "date": "2023-03-12",
        "date_precision": "day",
        "date_text": "on Sunday",
        "location_name": "Kaura Namoda",
        "admin1": "Zamfara",
        "country": "Nigeria",
        "country_code": "NG",
        "lat": 12.5937,
        "lon": 6.5865,
        "geo_precision": 1,
        "actor1": "Unidentified Armed Group (Nigeria)",
        "actor1_type": "Political militia",
        "actor2": "Civilians (Nigeria)",
        "actor2_type": "Civilians",
        "fatalities": 5,
        "status": "occurred",
    }
    row.update(over)
    return row
