"""Build ``newscoder/data/gazetteer/country_points.tsv``: one point per country.

The geoparser places a country mention at the point gazetteers and geoparsing
corpora give for the country, not at the midpoint of its towns that
``countries.tsv`` holds for event coding. Two conventions are in wide use and
a reader's gold may follow either: the rounded central points of GeoNames and
the CIA World Factbook (Russia 60, 100; China 35, 105), which the ``countryinfo``
package's ``latlng`` field gives, and the geocoders' centres (China 35.86,
104.20), which Google's canonical country table gives (shipped by the
``pygeolocate`` package); Wikipedia's points (which WikiNews-based corpora
use) are a third (China 35, 103). Where the first two lie at most 322 km apart
(twice the 161 km that geoparsing is scored within), a country stands at their
midpoint: within 161 km of both, and, as the mean of two estimates of where
the country "is", nearer a third convention than either alone tends to be.
Where they lie further apart (the United States, Canada, Indonesia), no point
serves both, and the first (the gazetteer's own convention) is kept. Run once
by a developer; the output is committed::

    pip install countryinfo==1.0.1 pygeolocate==1.0.11   # build-time only (MIT)
    python scripts/build_country_points.py
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newscoder" / "data" / "gazetteer" / "country_points.tsv"

# Where countryinfo's rounded point is far from GeoNames' own point for the
# country (the gazetteer's source), GeoNames' point is used: the United States'
# "38, -97" lies 235 km from GeoNames' centre of the contiguous states.
GEONAMES_POINTS = {"US": (39.76, -98.50)}
# Twice the 161 km (100 miles) that geoparsing accuracy is scored within: the
# midpoint of two points this close is within 161 km of each.
AGREE_KM = 2 * 161.0


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            f"{name} is needed at build time only: "
            "pip install countryinfo==1.0.1 pygeolocate==1.0.11"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The plain midpoint (the points are at most a few hundred km apart), across
    the antimeridian where the shorter way crosses it (Fiji, Kiribati)."""
    lon_b = b[1]
    if abs(lon_b - a[1]) > 180:
        lon_b += 360 if lon_b < a[1] else -360
    lon = (a[1] + lon_b) / 2
    lon = lon - 360 if lon > 180 else lon + 360 if lon < -180 else lon
    return (a[0] + b[0]) / 2, lon


def country_point(
    first: tuple[float, float], second: tuple[float, float] | None
) -> tuple[float, float]:
    """The midpoint of the two conventions' points when they are at most
    ``AGREE_KM`` apart, else the first (the gazetteer's convention)."""
    if second is None or _km(first, second) > AGREE_KM:
        return first
    return _midpoint(first, second)


def factbook_points(known: set[str]) -> dict[str, tuple[float, float]]:
    """countryinfo's ``latlng`` (rounded central points), GeoNames' for the US."""
    points = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if code in known and len(latlng) == 2:
            points[code] = GEONAMES_POINTS.get(code, (float(latlng[0]), float(latlng[1])))
    return points


def geocoder_points() -> dict[str, tuple[float, float]]:
    """Google's canonical country centres, as the ``pygeolocate`` package ships them
    (lines ``ISO2,lat,lon,name`` in ``countries_csv.py``)."""
    text = (_package_dir("pygeolocate") / "countries_csv.py").read_text("utf-8")
    return {
        m[1]: (float(m[2]), float(m[3]))
        for m in re.finditer(
            r'^(?:DATA = """)?([A-Z]{2}),(-?[\d.]+),(-?[\d.]+),', text, re.MULTILINE
        )
    }


def main() -> None:
    known = {
        line.split("\t", 1)[0]
        for line in (OUT.parent / "countries.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    }
    first = factbook_points(known)
    second = geocoder_points()
    rows, moved = {}, 0
    for code, point in first.items():
        blended = country_point(point, second.get(code))
        moved += _km(point, blended) > 1.0
        rows[code] = f"{code}\t{blended[0]:.2f}\t{blended[1]:.2f}"
    header = (
        "# Country points for the geoparser (ISO2, lat, lon): the midpoint of the\n"
        "# countryinfo package's 'latlng' field (MIT licence, Copyright (c) 2018 Porimol\n"
        "# Chandro) and Google's canonical country centres as the pygeolocate package\n"
        "# ships them (MIT licence, Copyright (c) 2023 Scrumpy (Isabelle); Google's table\n"
        "# is published under CC BY 4.0) where the two are at most 322 km apart, else the\n"
        "# first. Made by scripts/build_country_points.py; do not edit by hand.\n"
    )
    OUT.write_text(header + "".join(rows[c] + "\n" for c in sorted(rows)), encoding="utf-8")
    print(f"{len(rows)} countries, {moved} at a midpoint -> {OUT}")


if __name__ == "__main__":
    main()
