"""The overview: counts, events per day and type, countries and map points for a
filter, and the store's own counts.

SQLite aggregates the rows nobody reviewed (nearly all of them, through the
indexes the filters use); the reviewed rows are read one by one and counted
with their reviewed values, as the list does (:mod:`newscoder.serve.data`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from newscoder.serve import data
from newscoder.serve.data import Filters
from newscoder.store import review as reviews

MAX_POINTS = 1500  # above this, the map's points are merged on a grid


def overview(conn: sqlite3.Connection, f: Filters, *, fts: bool = True) -> dict[str, Any]:
    """Counts, per-day counts by type, per-country counts and map points for
    everything ``f`` matches, reviews applied.

    SQLite aggregates the rows nobody reviewed (the bulk); the reviewed rows are
    read one by one and counted with their reviewed values. Above MAX_POINTS
    located events, points are merged on a grid (each with its count ``n``)."""
    view = data.pick_view(conn, f.view)
    where, params = data.plain_where(f, view, fts)
    table = "linked_events" if view == "linked" else "events"
    plain = f" FROM {table} x{where}"
    by_day: Counter[tuple[str | None, str]] = Counter()
    by_type: Counter[str] = Counter()
    by_country: dict[str | None, list[Any]] = {}

    def country(code: str | None, name: str | None, n: int, deaths: int) -> None:
        entry = by_country.setdefault(code, [name, 0, 0])
        entry[0] = entry[0] or name
        entry[1] += n
        entry[2] += deaths

    # Grouped in the (type, date) index's order: no sort of the rows.
    sql = (
        f"SELECT x.date, coalesce(x.acled_event_type, 'none'), count(*){plain}"
        " GROUP BY x.acled_event_type, x.date"
    )
    for day, t, n in conn.execute(sql, params):
        by_day[(day, t)] += n
        by_type[t] += n
    # One pass for the countries and the extent of the located events.
    count, lats, lons = 0, [], []
    sql = (
        "SELECT x.country_code, max(x.country), count(*), sum(coalesce(x.fatalities, 0)),"
        " count(x.lat), min(x.lat), max(x.lat), min(x.lon), max(x.lon)"
        f"{plain} GROUP BY 1"
    )
    for code, name, n, deaths, located_n, *box in conn.execute(sql, params):
        country(code, name, n, deaths)
        if located_n:
            count += located_n
            lats += box[:2]
            lons += box[2:]
    reviewed_points = []
    more, more_params = data.other_clauses(f, view, fts)
    sql = (
        f"SELECT x.id, r.status, r.values_json FROM {table} x JOIN reviews r"
        " ON r.event_id = x.id WHERE 1" + "".join(" AND " + c for c in more)
    )
    for event_id, status, values in conn.execute(sql, more_params):
        v = json.loads(values)
        if not data.passes(f, status, v):
            continue
        t = v.get("acled_event_type") or "none"
        by_day[(v.get("date"), t)] += 1
        by_type[t] += 1
        country(v.get("country_code"), v.get("country"), 1, v.get("fatalities") or 0)
        if v.get("lat") is not None and v.get("lon") is not None:
            reviewed_points.append(
                {"id": event_id, "lat": v["lat"], "lon": v["lon"],
                 "acled": v.get("acled_event_type"), "plover": v.get("plover_type"),
                 "fatalities": v.get("fatalities"), "place": v.get("location_name"),
                 "date": v.get("date"), "country": v.get("country_code"), "n": 1}
            )  # fmt: skip
    located = plain + " AND x.lat IS NOT NULL AND x.lon IS NOT NULL"
    if count + len(reviewed_points) <= MAX_POINTS:
        sql = (
            "SELECT x.id, x.lat, x.lon, x.acled_event_type, x.plover_type, x.fatalities,"
            f" x.location_name, x.date, x.country_code{located}"
        )
        points = [
            {"id": r[0], "lat": r[1], "lon": r[2], "acled": r[3], "plover": r[4],
             "fatalities": r[5], "place": r[6], "date": r[7], "country": r[8], "n": 1}
            for r in conn.execute(sql, params)
        ] + reviewed_points  # fmt: skip
    else:
        lats += [p["lat"] for p in reviewed_points if p["lon"] is not None]
        lons += [p["lon"] for p in reviewed_points]
        step = max(max(lats) - min(lats), max(lons) - min(lons), 1.0) / 80
        sql = (
            f"SELECT x.id, x.lat, x.lon, x.acled_event_type, x.fatalities, x.country_code{located}"
        )
        rows = conn.execute(sql, params).fetchall()
        points = _grid(rows, reviewed_points, step)
        while len(points) > MAX_POINTS:
            step *= 1.6
            points = _grid(rows, reviewed_points, step)
    days = sorted(by_day.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or "", kv[0][1]))
    return {
        "view": view,
        "total": sum(by_type.values()),
        "by_day": [{"day": day, "t": t, "n": n} for (day, t), n in days],
        "points": points,
        "by_country": [
            {"code": code, "name": name, "n": n, "deaths": deaths}
            for code, (name, n, deaths) in sorted(by_country.items(), key=lambda kv: -kv[1][1])
        ],
        "by_type": [{"t": t, "n": n} for t, n in by_type.most_common()],
    }


def _grid(rows: list[Any], extra: list[dict[str, Any]], step: float) -> list[dict[str, Any]]:
    """Points merged into cells of ``step`` degrees: one per cell, at the mean
    position, with the count ``n``, the summed fatalities, the commonest type and the
    country when all its events are in one. ``rows`` are ``(id, lat, lon, acled type,
    fatalities, country code)``."""
    cells: dict[tuple[int, int], list[Any]] = {}
    every = [
        *rows,
        *((p["id"], p["lat"], p["lon"], p["acled"], p["fatalities"], p["country"]) for p in extra),
    ]
    for event_id, lat, lon, t, deaths, code in every:
        key = (round(lat / step), round(lon / step))
        cell = cells.get(key)
        if cell is None:
            cells[key] = [1, deaths or 0, lat, lon, Counter({t: 1}), event_id, {code}]
        else:
            cell[0] += 1
            cell[1] += deaths or 0
            cell[2] += lat
            cell[3] += lon
            cell[4][t] += 1
            cell[6].add(code)
    return [
        {"id": first if n == 1 else None, "lat": round(slat / n, 4), "lon": round(slon / n, 4),
         "acled": types.most_common(1)[0][0], "plover": None, "fatalities": deaths,
         "place": None, "date": None, "n": n,
         "country": next(iter(codes)) if len(codes) == 1 else None}
        for n, deaths, slat, slon, types, first, codes in cells.values()
    ]  # fmt: skip


def store_counts(conn: sqlite3.Connection) -> dict[str, Any]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    run = conn.execute(
        "SELECT linked_at, events, linked_events FROM link_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    events = one("SELECT count(*) FROM events")
    newest = one("SELECT max(coded_at) FROM articles")
    stale = run is not None and (
        events != run["events"] or (newest is not None and newest > run["linked_at"])
    )
    by_status = reviews.status_counts(conn)
    reviewed = {
        status: sum(n for key, n in by_status.items() if key.endswith(":" + status))
        for status in ("accepted", "edited", "rejected")
    }
    return {
        "reviewed": reviewed,
        "articles": one("SELECT count(*) FROM articles"),
        "events": events,
        "linked_events": one("SELECT count(*) FROM linked_events"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "errors": one("SELECT count(*) FROM errors"),
        "reviews": by_status,
        "linked_at": run["linked_at"] if run else None,
        "links_stale": stale,
    }


def countries(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(code, name)`` of every country with events, by name."""
    rows = conn.execute(
        "SELECT DISTINCT country_code, country FROM events WHERE country_code IS NOT NULL"
        " ORDER BY country"
    )
    return [(r[0], r[1] or r[0]) for r in rows]
