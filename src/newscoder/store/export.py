"""Exports from the store: contract JSONL and an ACLED-shaped CSV.

The CSV uses ACLED's current column names where a column applies, in ACLED's
order, then newscoder's own columns. Conventions (ACLED codebook):

- ``event_date`` is ISO ``YYYY-MM-DD`` (ACLED's API format); for week and
  month precision it is the middle day, as the coder already resolved it.
- ``time_precision``: day 1, week 2, month 3. ACLED has no coarser level, so a
  year-precision date is also written as 3; the exact precision stays in
  ``date_precision``.
- ``inter1``/``inter2``: the numeric interaction codes of the eight actor types;
  an absent actor is 0 and an unknown type is empty. ``interaction`` puts the
  lower code first (17), a single actor is its code times ten (60).
- Rows that ACLED would not code are skipped unless ``include_all``: events with
  no ACLED event type (statements, meetings) and events that did not happen
  (status negated, threatened or planned).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from typing import Any, TextIO

from newscoder.store.db import Store

INTER_CODES: Mapping[str, int] = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}

DISORDER_TYPES: Mapping[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

TIME_PRECISION: Mapping[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}

# Statuses of events that did not (yet) take place: ACLED codes none of them.
UNCODED_STATUSES = frozenset({"negated", "threatened", "planned"})

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
)  # fmt: skip
EXTRA_COLUMNS = (
    "plover_type", "plover_mode", "status", "confidence", "date_precision", "date_text",
    "injuries", "arrests", "background", "article_id",
)  # fmt: skip
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS


def export_jsonl(store: Store, out: TextIO, *, errors: bool = False) -> int:
    """Write the stored contract records, one JSON object a line; return the count.

    With ``errors=True`` the error records follow, as ``newscoder code`` wrote them.
    """
    count = 0
    for record in store.records(errors=errors):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_acled_csv(store: Store, out: TextIO, *, include_all: bool = False) -> int:
    """Write one ACLED-shaped CSV row per event; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in store.iter_events():
        if not include_all and not acled_codable(event):
            continue
        writer.writerow(acled_row(event))
        count += 1
    return count


def acled_codable(event: Mapping[str, Any]) -> bool:
    """Would ACLED code this event at all?"""
    return bool(event.get("acled_event_type")) and event.get("status") not in UNCODED_STATUSES


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction: lower code first; a lone actor is code * 10."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def acled_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One flat event row (as :meth:`Store.events` gives it) in CSV columns."""
    event_type = event.get("acled_event_type")
    inter1 = _inter(event.get("actor1"), event.get("actor1_type"))
    inter2 = _inter(event.get("actor2"), event.get("actor2_type"))
    disorder = DISORDER_TYPES.get(event_type or "")
    date = event.get("date")
    precision = event.get("date_precision")
    row = {
        "event_id_cnty": event.get("id"),
        "event_date": date,
        "year": date[:4] if date else None,
        "time_precision": TIME_PRECISION.get(precision or ""),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": event.get("acled_sub_event_type"),
        "actor1": event.get("actor1"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": event.get("actor2"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        # ACLED flags political violence whose target is civilians.
        "civilian_targeting": (
            "Civilian targeting" if disorder == "Political violence" and inter2 == 7 else None
        ),
        "country": event.get("country"),
        "admin1": event.get("admin1"),
        "admin2": None,
        "location": event.get("location_name"),
        "latitude": event.get("lat"),
        "longitude": event.get("lon"),
        "geo_precision": event.get("geo_precision"),
        "source": event.get("article_source") or event.get("article_id"),
        "notes": note(event),
        "fatalities": event.get("fatalities"),
        "plover_type": event.get("plover_type"),
        "plover_mode": event.get("plover_mode"),
        "status": event.get("status"),
        "confidence": event.get("confidence"),
        "date_precision": precision,
        "date_text": event.get("date_text"),
        "injuries": event.get("injuries"),
        "arrests": event.get("arrests"),
        "background": _bool(event.get("background")),
        "article_id": event.get("article_id"),
    }
    return {key: "" if value is None else value for key, value in row.items()}


def note(event: Mapping[str, Any]) -> str:
    """A short generated note: when, what, who against whom, where, deaths.

    Generated rather than quoted so the CSV carries no article text.
    """
    what = event.get("acled_sub_event_type") or event.get("acled_event_type")
    if not what:
        what = (event.get("plover_type") or "Event").capitalize()
    parts = [f"On {event['date']}:" if event.get("date") else "Undated:", what]
    if event.get("actor1"):
        parts.append(f"by {event['actor1']}")
    if event.get("actor2"):
        parts.append(f"against {event['actor2']}")
    place = ", ".join(p for p in (event.get("location_name"), event.get("country")) if p)
    if place:
        parts.append(f"in {place}")
    text = " ".join(parts) + "."
    if event.get("status") not in (None, "occurred"):
        text += f" Status: {event['status']}."
    if event.get("fatalities") is not None:
        text += f" {event['fatalities']} reported fatalities."
    return text


def _inter(name: str | None, actor_type: str | None) -> int | None:
    if not name and not actor_type:
        return 0
    return INTER_CODES.get(actor_type or "")


def _bool(value: Any) -> str | None:
    return None if value is None else ("true" if value else "false")
