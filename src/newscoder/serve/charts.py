"""The overview's map and timeline, drawn on the server as SVG.

Server-drawn SVG needs no JavaScript library and no network: the page works
with scripts off, and every country, point and bar is a plain link (a country
filters the view to it, a point opens its event, a bar narrows the dates).

The map's boundaries are Natural Earth's 1:110m countries (public domain), as
TopoJSON from the world-atlas npm package (ISC licence; static/LICENSE-world-
atlas.txt). The projection is equirectangular with its standard parallel at the
middle of the view, fitted to where the events are.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

TYPE_ORDER = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "none",
)
TYPE_CLASS = {
    "Battles": "t-battles",
    "Explosions/Remote violence": "t-explosions",
    "Violence against civilians": "t-vac",
    "Protests": "t-protests",
    "Riots": "t-riots",
    "Strategic developments": "t-strategic",
    "none": "t-none",
}
TYPE_LABEL = {**{t: t for t in TYPE_ORDER}, "none": "No ACLED type (statements)"}
MAX_POINTS = 1500


def type_class(acled_type: str | None) -> str:
    return TYPE_CLASS.get(acled_type or "none", "t-none")


@dataclass(frozen=True, slots=True)
class Shape:
    code: str | None  # ISO alpha-2, when pycountry knows the numeric code
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]  # lon0, lat0, lon1, lat1
    main_bbox: tuple[float, float, float, float]  # of the largest ring (no far islands)


@cache
def world() -> tuple[Shape, ...]:
    """The countries of the bundled TopoJSON as lon/lat rings."""
    raw = resources.files("newscoder.serve").joinpath("static/world-110m.json").read_text("utf-8")
    topo = json.loads(raw)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        out: list[tuple[float, float]] = []
        for index in indexes:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            out.extend(points if not out else points[1:])
        # A ring that runs along the antimeridian (Russia's, Fiji's) would be
        # drawn across the whole map: keep it on one side.
        if max(p[0] for p in out) - min(p[0] for p in out) > 270:
            out = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in out]
        return tuple(out)

    import pycountry

    shapes = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        main = max(rings, key=len)
        shapes.append(
            Shape(
                country.alpha_2 if country else None,
                (geometry.get("properties") or {}).get("name", ""),
                rings,
                (min(lons), min(lats), max(lons), max(lats)),
                (
                    min(p[0] for p in main),
                    min(p[1] for p in main),
                    max(p[0] for p in main),
                    max(p[1] for p in main),
                ),
            )
        )
    return tuple(shapes)


@dataclass(frozen=True, slots=True)
class Projection:
    lon0: float
    lat1: float
    k: float  # pixels per degree of latitude
    cos: float
    dx: float
    dy: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.dx + (lon - self.lon0) * self.cos * self.k,
            self.dy + (self.lat1 - lat) * self.k,
        )


def fit(points: Sequence[tuple[float, float]], width: int, height: int) -> Projection:
    """A projection showing every point with a margin (at least ~14 degrees wide)."""
    if points:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
        pad_lon = max((lon1 - lon0) * 0.15, 7 - (lon1 - lon0) / 2, 0)
        pad_lat = max((lat1 - lat0) * 0.15, 4.5 - (lat1 - lat0) / 2, 0)
        lon0, lon1 = max(lon0 - pad_lon, -180), min(lon1 + pad_lon, 180)
        lat0, lat1 = max(lat0 - pad_lat, -85), min(lat1 + pad_lat, 85)
    else:
        lon0, lon1, lat0, lat1 = -180.0, 180.0, -58.0, 84.0
    cos = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2)
    k = min(width / ((lon1 - lon0) * cos), height / (lat1 - lat0))
    # Centre the fitted box in the frame.
    dx = (width - (lon1 - lon0) * cos * k) / 2
    dy = (height - (lat1 - lat0) * k) / 2
    return Projection(lon0, lat1, k, cos, dx, dy)


def _path(rings: Iterable[Sequence[tuple[float, float]]], project: Projection) -> str:
    parts = []
    for r in rings:
        coords = [project(lon, lat) for lon, lat in r]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def cluster(
    points: Sequence[Mapping[str, Any]], max_points: int = MAX_POINTS
) -> list[dict[str, Any]]:
    """Points as they are, or above ``max_points`` merged on a grid fitted to their
    extent (about 80 cells across): one circle per cell, at the cell's mean
    position, with the summed fatalities, the count ``n`` and the commonest type."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if len(located) <= max_points:
        return [dict(p, n=p.get("n", 1)) for p in located]
    lons = [p["lon"] for p in located]
    lats = [p["lat"] for p in located]
    step = max(max(lons) - min(lons), max(lats) - min(lats), 1.0) / 80
    cells: dict[tuple[int, int], list[Mapping[str, Any]]] = defaultdict(list)
    for p in located:
        cells[(round(p["lat"] / step), round(p["lon"] / step))].append(p)
    out = []
    for members in cells.values():
        types: dict[str | None, int] = defaultdict(int)
        for p in members:
            types[p.get("acled")] += p.get("n", 1)
        first = members[0]
        codes = {p.get("country") for p in members}
        out.append(
            {
                "id": first["id"] if len(members) == 1 else None,
                "lat": round(sum(p["lat"] for p in members) / len(members), 4),
                "lon": round(sum(p["lon"] for p in members) / len(members), 4),
                "acled": max(types, key=lambda t: types[t]),
                "plover": first.get("plover"),
                "fatalities": sum(p.get("fatalities") or 0 for p in members),
                "place": first.get("place"),
                "date": first.get("date"),
                "country": next(iter(codes)) if len(codes) == 1 else None,
                "n": sum(p.get("n", 1) for p in members),
            }
        )
    return out


def map_svg(
    points: Sequence[Mapping[str, Any]],
    query: Mapping[str, str],
    with_events: set[str],
    *,
    width: int = 960,
    height: int = 440,
) -> Markup:
    """The events on a map: points sized by fatalities, coloured by ACLED type.

    The view fits the points and, when the events are in at most three countries,
    those countries' outlines too (a country's events are seen in its borders);
    countries large enough in the view are labelled."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    corners = [(p["lon"], p["lat"]) for p in located]
    if 0 < len(with_events) <= 3:
        for shape in world():
            lon0, lat0, lon1, lat1 = shape.main_bbox
            if shape.code in with_events and lon1 - lon0 < 60:
                corners += [(lon0, lat0), (lon1, lat1)]
    project = fit(corners, width, height)
    west, north = project.lon0, project.lat1
    east = west + width / (project.k * project.cos)
    south = north - height / project.k
    labels = []
    out = [
        f'<svg class="map" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="map of {len(located)} located events" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="sea" width="{width}" height="{height}"/>',
    ]
    for shape in world():
        lon0, lat0, lon1, lat1 = shape.bbox
        if lon1 < west - 1 or lon0 > east + 1 or lat1 < south - 1 or lat0 > north + 1:
            continue
        d = _path(shape.rings, project)
        if shape.code and shape.code in with_events:
            href = "?" + urlencode({**query, "country": shape.code})
            out.append(
                f'<a href="{escape(href)}"><path class="land has" d="{d}">'
                f"<title>{escape(shape.name)}: show only its events</title></path></a>"
            )
        else:
            out.append(f'<path class="land" d="{d}"><title>{escape(shape.name)}</title></path>')
        m0, n0, m1, n1 = shape.main_bbox
        x0, y1 = project(max(m0, west), max(n0, south))
        x1, y0 = project(min(m1, east), min(n1, north))
        if x1 - x0 > width * 0.06 and y1 - y0 > 14:
            labels.append(
                f'<text class="cname" x="{(x0 + x1) / 2:.0f}" y="{(y0 + y1) / 2:.0f}"'
                f' text-anchor="middle">{escape(shape.name)}</text>'
            )
    out += labels
    circles = sorted(cluster(located), key=lambda p: -(p.get("fatalities") or 0))
    names = {shape.code: shape.name for shape in world() if shape.code}
    for p in circles:
        x, y = project(p["lon"], p["lat"])
        deaths = p.get("fatalities") or 0
        r = min(3.5 + 1.6 * math.sqrt(deaths), 22)
        if p.get("n", 1) > 1:  # a cluster: at least as big as its count says
            r = max(r, min(3.5 + math.sqrt(p["n"]), 22))
        code = p.get("country")
        country = names.get(code, code)
        where = f" near {p['place']}" if p.get("place") else f" in {country}" if code else ""
        label = (
            f"{p['n']} events{where}: {deaths} fatalities · click to list "
            + (f"{country}'s events" if code else "them")
            if p.get("n", 1) > 1
            else f"{p.get('date') or 'undated'} · {TYPE_LABEL.get(p.get('acled') or 'none')}"
            f" ({p.get('plover') or '-'}) · {p.get('place') or 'unknown place'} · "
            f"{deaths} fatalities"
        )
        # A merged point lists its country's events (a grid cell is no filter).
        listed = {**query, "country": code} if code else query
        href = f"/events/{p['id']}" if p.get("n", 1) == 1 else "/events?" + urlencode(listed)
        out.append(
            f'<a href="{escape(href)}"><circle class="pt {type_class(p.get("acled"))}"'
            f' cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(label)}</title></circle></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def _bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _bin_end(start: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return start + dt.timedelta(days=6)
    if unit == "month":
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return start


def timeline_svg(
    by_day: Sequence[Mapping[str, Any]],
    query: Mapping[str, str],
    *,
    width: int = 960,
    height: int = 170,
) -> tuple[Markup, int, str]:
    """Stacked bars of events per day (per week or month over long spans) by type;
    returns ``(svg, undated events, unit)``."""
    undated = sum(r["n"] for r in by_day if not r.get("day"))
    days = []
    for r in by_day:
        try:
            days.append((dt.date.fromisoformat(str(r["day"])[:10]), r["t"], r["n"]))
        except (TypeError, ValueError):
            continue
    if not days:
        empty = (
            f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img"'
            ' aria-label="no dated events" xmlns="http://www.w3.org/2000/svg">'
            f'<text x="{width / 2}" y="{height / 2}" class="axis" text-anchor="middle">'
            "no dated events</text></svg>"
        )
        return Markup(empty), undated, "day"
    first, last = min(d for d, _, _ in days), max(d for d, _, _ in days)
    span = (last - first).days
    unit = "day" if span <= 120 else "week" if span <= 730 else "month"
    bins: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, t, n in days:
        bins[_bin_start(day, unit)][t if t in TYPE_CLASS else "none"] += n
    starts = []
    cursor = _bin_start(first, unit)
    while cursor <= last:
        starts.append(cursor)
        cursor = _bin_end(cursor, unit) + dt.timedelta(days=1)
    left, bottom, top = 34, 22, 8
    plot_w, plot_h = width - left - 6, height - bottom - top
    peak = max((sum(bins[s].values()) for s in starts), default=1) or 1
    bar_w = plot_w / len(starts)
    out = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="events per {unit} by type" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis-line" x1="{left}" y1="{top + plot_h}" x2="{width - 6}"'
        f' y2="{top + plot_h}"/>',
        f'<text class="axis" x="{left - 4}" y="{top + 8}" text-anchor="end">{peak}</text>',
        f'<text class="axis" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, start in enumerate(starts):
        x = left + i * bar_w
        y = top + plot_h
        end = _bin_end(start, unit)
        href = "?" + urlencode({**query, "since": start.isoformat(), "until": end.isoformat()})
        label = start.isoformat() if unit == "day" else f"{start.isoformat()} – {end.isoformat()}"
        for t in TYPE_ORDER:
            n = bins[start].get(t, 0)
            if not n:
                continue
            h = n / peak * plot_h
            y -= h
            out.append(
                f'<a href="{escape(href)}"><rect class="bar {TYPE_CLASS[t]}" x="{x + 0.5:.1f}"'
                f' y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" height="{h:.1f}">'
                f"<title>{escape(label)}: {n} {escape(TYPE_LABEL[t])}</title></rect></a>"
            )
    ticks = min(8, len(starts))
    for j in range(ticks):
        i = round(j * (len(starts) - 1) / max(ticks - 1, 1))
        x = left + i * bar_w + bar_w / 2
        text = starts[i].isoformat() if unit != "month" else starts[i].strftime("%Y-%m")
        out.append(
            f'<text class="axis" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{text}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out)), undated, unit
