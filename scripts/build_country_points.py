"""Build ``newscoder/data/gazetteer/country_points.tsv``: one point per country.

The geoparser places a country mention at the point gazetteers and geoparsing
corpora give for the country (GeoNames' country features are rounded central
points: Russia 60, 100; Canada 60, -95), not at the midpoint of its towns that
``countries.tsv`` holds for event coding. Run once by a developer; the output is
committed::

    pip install countryinfo==1.0.1   # build-time only (MIT; its "latlng" field)
    python scripts/build_country_points.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newscoder" / "data" / "gazetteer" / "country_points.tsv"


# Where countryinfo's rounded point is far from GeoNames' own point for the
# country (the gazetteer's source), GeoNames' point is used: the United States'
# "38, -97" lies 235 km from GeoNames' centre of the contiguous states.
GEONAMES_POINTS = {"US": (39.76, -98.50)}


def main() -> None:
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("countryinfo is needed at build time only: pip install countryinfo==1.0.1")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    known = {
        line.split("\t", 1)[0]
        for line in (OUT.parent / "countries.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    }
    rows = {}
    for path in sorted(data.glob("*.json")):
        info = json.loads(path.read_text("utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if code in known and len(latlng) == 2:
            lat, lon = GEONAMES_POINTS.get(code, (float(latlng[0]), float(latlng[1])))
            rows[code] = f"{code}\t{lat:.2f}\t{lon:.2f}"
    header = (
        "# Country points for the geoparser (ISO2, lat, lon), from the countryinfo\n"
        "# package (MIT licence, Copyright (c) 2018 Porimol Chandro), 'latlng' field.\n"
        "# Made by scripts/build_country_points.py; do not edit by hand.\n"
    )
    OUT.write_text(header + "".join(rows[c] + "\n" for c in sorted(rows)), encoding="utf-8")
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
