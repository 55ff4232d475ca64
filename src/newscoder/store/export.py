"""Exports from the store: contract JSONL, an ACLED-shaped CSV, PLOVER JSONL, Parquet.

Each export writes either one row per event report (``linked=False``) or one
row per linked event (``linked=True``: many reports, one event; run
:func:`newscoder.link.link_store` first).

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
- A linked event's row: ``event_id_cnty`` is the linked id, ``source`` the
  reports' outlets (or article ids) joined by "; ", ``notes`` ends with the
  number of sources and their article ids, ``fatalities`` is the lowest reported
  figure; ``article_id`` lists the article ids and ``n_sources`` counts them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

from newscoder.errors import MissingExtra
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
LINKED_CSV_COLUMNS = (*CSV_COLUMNS, "n_sources", "source_event_ids")


def export_jsonl(store: Store, out: TextIO, *, errors: bool = False) -> int:
    """Write the stored contract records, one JSON object a line; return the count.

    With ``errors=True`` the error records follow, as ``newscoder code`` wrote them.
    """
    count = 0
    for record in store.records(errors=errors):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_acled_csv(
    store: Store, out: TextIO, *, include_all: bool = False, linked: bool = False
) -> int:
    """Write one ACLED-shaped CSV row per event report, or with ``linked=True`` per
    linked event (columns :data:`LINKED_CSV_COLUMNS`); return the number of rows."""
    columns = LINKED_CSV_COLUMNS if linked else CSV_COLUMNS
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    rows = store.iter_linked_events() if linked else store.iter_events()
    count = 0
    for event in rows:
        if not include_all and not acled_codable(event):
            continue
        writer.writerow(acled_linked_row(event) if linked else acled_row(event))
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


def acled_linked_row(linked: Mapping[str, Any]) -> dict[str, Any]:
    """One linked event (as :meth:`Store.linked_events` gives it) in CSV columns."""
    sources = linked.get("sources") or []
    article_ids = _unique(s["article_id"] for s in sources)
    outlets = _unique(s.get("article_source") or s["article_id"] for s in sources)
    row = acled_row(linked)
    n = len(sources)
    row.update(
        source="; ".join(outlets),
        notes=f"{row['notes']} {n} source{'s' if n != 1 else ''}: {', '.join(article_ids)}.",
        article_id="; ".join(article_ids),
        n_sources=n,
        source_event_ids="; ".join(s["event_id"] for s in sources),
    )
    return row


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


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# -- PLOVER JSONL ----------------------------------------------------------------------


def export_plover_jsonl(store: Store, out: TextIO, *, linked: bool = False) -> int:
    """Write one PLOVER-shaped JSON object a line per event report (or linked event);
    return the count. Field names follow the PLOVER gold-standard records: ``event``
    and ``mode`` (the PLOVER type and mode), ``source`` and ``target`` (the actors,
    as lists of ``{actorText, type, country_code}``), ``eventLoc``, ``dead`` and
    ``injured``; ``articles`` and ``event_ids`` name the reports it came from."""
    rows = store.iter_linked_events() if linked else store.iter_events(record=True)
    count = 0
    for event in rows:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(event: Mapping[str, Any]) -> dict[str, Any]:
    """A flat event row or a linked event as a PLOVER-shaped record."""
    sources = event.get("sources")
    if sources is None:  # one report
        sources = [{"article_id": event.get("article_id"), "event_id": event.get("id")}]
    return {
        "id": event.get("id"),
        "date": event.get("date"),
        "datePrecision": event.get("date_precision"),
        "event": event.get("plover_type"),
        "mode": event.get("plover_mode"),
        "context": None,
        "source": _plover_actors(event, "actor1"),
        "target": _plover_actors(event, "actor2") or _protest_target(event),
        "eventLoc": {
            "name": event.get("location_name"),
            "admin1": event.get("admin1"),
            "country": event.get("country"),
            "country code": event.get("country_code"),
            "lat": event.get("lat"),
            "lon": event.get("lon"),
            "geo_precision": event.get("geo_precision"),
        },
        "dead": event.get("fatalities"),
        "injured": event.get("injuries"),
        "status": event.get("status"),
        "acled": {
            "event_type": event.get("acled_event_type"),
            "sub_event_type": event.get("acled_sub_event_type"),
        },
        "n_sources": len(sources),
        "articles": _unique(s.get("article_id") for s in sources),
        "event_ids": [s.get("event_id") for s in sources],
    }


def _protest_target(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A peaceful protest's target, kept out of ACLED's actor2 (AC925), from the coded record."""
    target = (event.get("record") or {}).get("target") or {}
    return _plover_actor(target.get("name"), target.get("type"), target.get("country_code"))


def _plover_actors(event: Mapping[str, Any], side: str) -> list[dict[str, Any]]:
    return _plover_actor(event.get(side), event.get(f"{side}_type"), event.get(f"{side}_country"))


def _plover_actor(name: Any, actor_type: Any, country_code: Any) -> list[dict[str, Any]]:
    """One actor as PLOVER's list of ``{actorText, type, country_code}``; none without a
    name or a type."""
    if not name and not actor_type:
        return []
    return [{"actorText": name, "type": actor_type, "country_code": country_code}]


# -- Parquet ---------------------------------------------------------------------------

_PARQUET_BATCH = 10_000


def export_parquet(store: Store, path: str | Path, *, linked: bool = False) -> int:
    """Write the event reports (or, with ``linked=True``, the linked events with their
    sources as a list column) to one Parquet file; return the number of rows.

    Needs pyarrow (the ``scale`` extra); raises :class:`MissingExtra` without it.
    Rows are written in batches, so memory stays flat on large stores.
    """
    pa, pq = pyarrow_modules()
    schema = linked_schema(pa) if linked else event_schema(pa)
    rows = store.iter_linked_events() if linked else store.iter_events()
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def pyarrow_modules() -> tuple[Any, Any]:
    """``(pyarrow, pyarrow.parquet)``, imported on first use."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra(f"Parquet needs pyarrow ({exc}).") from exc
    return pa, pq


_STRING_EVENT_FIELDS = (
    "id", "article_id", "plover_type", "plover_mode", "acled_event_type",
    "acled_sub_event_type", "date", "date_precision", "date_text", "location_name", "admin1",
    "country", "country_code", "actor1", "actor1_type", "actor1_country", "actor2",
    "actor2_type", "actor2_country", "status", "article_source", "article_url",
    "article_published", "article_title",
)  # fmt: skip
_LINKED_STRING_FIELDS = (
    "id", "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type", "date",
    "date_precision", "location_name", "admin1", "country", "country_code", "actor1",
    "actor1_type", "actor2", "actor2_type", "status", "reason",
)  # fmt: skip
_SOURCE_STRING_FIELDS = (
    "event_id", "article_id", "date", "location_name", "article_source", "article_url",
    "published", "reason",
)  # fmt: skip


def event_schema(pa: Any) -> Any:
    """The Parquet schema of event reports (the :meth:`Store.events` row)."""
    fields = [pa.field(name, pa.string()) for name in _STRING_EVENT_FIELDS]
    fields += [pa.field("ordinal", pa.int32()), *_coded_fields(pa)]
    fields.append(
        pa.field("evidence", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())])))
    )
    return pa.schema(fields)


def _coded_fields(pa: Any) -> list[Any]:
    """Place, figures and status columns that event reports and linked events share."""
    return [
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("geo_precision", pa.int8()),
        pa.field("fatalities", pa.int64()),
        pa.field("injuries", pa.int64()),
        pa.field("arrests", pa.int64()),
        pa.field("background", pa.bool_()),
        pa.field("confidence", pa.float64()),
    ]


def linked_schema(pa: Any) -> Any:
    """The Parquet schema of linked events, ``sources`` a list of structs."""
    source = pa.struct(
        [pa.field(name, pa.string()) for name in _SOURCE_STRING_FIELDS]
        + [
            pa.field("fatalities", pa.int64()),
            pa.field("injuries", pa.int64()),
            pa.field("arrests", pa.int64()),
            pa.field("fatalities_reported", pa.bool_()),
        ]
    )
    fields = [pa.field(name, pa.string()) for name in _LINKED_STRING_FIELDS]
    fields += [
        *_coded_fields(pa),
        pa.field("n_sources", pa.int32()),
        pa.field("sources", pa.list_(source)),
    ]
    return pa.schema(fields)
