"""Place autocompletion over the bundled offline gazetteer.

A reviewer who moves an event types a few letters and picks a town, an admin1
unit or a country; the pick becomes the event's whole location (name, admin1,
country, coordinates and ACLED geo_precision) so the fields always agree. The
index (name keys of ~69k towns, ~4k admin1 units, ~250 countries, sorted for
prefix search) is built on first use, in about half a second.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from typing import Any

from newscoder.resolve.gazetteer import Gazetteer, data_rows, get_gazetteer, name_key

_KIND_RANK = {"country": 0, "admin1": 1, "city": 2}


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """One gazetteer place as the review form offers it; ``id`` is ``kind:key``."""

    id: str
    kind: str
    name: str
    admin1: str | None
    country: str
    country_code: str
    lat: float
    lon: float
    population: int

    @property
    def label(self) -> str:
        parts = [self.name]
        if self.admin1 and self.admin1 != self.name:
            parts.append(self.admin1)
        if self.kind != "country":
            parts.append(self.country)
        return ", ".join(parts) + ("" if self.kind == "city" else f" ({self.kind})")

    def location(self) -> dict[str, Any]:
        """The event fields this place sets. ACLED geo_precision: 1 for a town, 3 for
        a region or a country (placed at its centre or capital)."""
        return {
            "location_name": self.name,
            "admin1": self.admin1,
            "country": self.country,
            "country_code": self.country_code,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": 1 if self.kind == "city" else 3,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label, **self.location()}


class PlaceIndex:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gaz = gazetteer
        self._places: dict[str, PlaceChoice] = {}
        keys: list[tuple[str, str, bool]] = []
        for country in gazetteer.countries.values():
            choice = PlaceChoice(
                f"country:{country.code}",
                "country",
                country.name,
                None,
                country.name,
                country.code,
                country.capital_lat if country.capital_lat is not None else country.lat,
                country.capital_lon if country.capital_lon is not None else country.lon,
                10**9,
            )
            self._places[choice.id] = choice
            keys.append((name_key(country.name), choice.id, True))
        for unit in gazetteer.admin1s.values():
            country = gazetteer.countries.get(unit.country_code)
            choice = PlaceChoice(
                f"admin1:{unit.key}",
                "admin1",
                unit.name,
                unit.name,
                country.name if country else unit.country_code,
                unit.country_code,
                unit.lat,
                unit.lon,
                unit.population,
            )
            self._places[choice.id] = choice
            keys.append((name_key(unit.name), choice.id, True))
        for gid, name, code, admin1, lat, lon, pop, key, aliases in data_rows("cities.tsv.gz"):
            unit = gazetteer.admin1s.get(f"{code}.{admin1}") if admin1 else None
            country = gazetteer.countries.get(code)
            choice = PlaceChoice(
                f"city:{gid}",
                "city",
                name,
                unit.name if unit else None,
                country.name if country else code,
                code,
                float(lat),
                float(lon),
                int(pop),
            )
            self._places[choice.id] = choice
            keys.append((key, choice.id, True))
            # Other spellings ("raqqa" for Ar-Raqqah), but not every language's.
            keys.extend(
                (alias, choice.id, False)
                for alias in aliases.split("|")[:8]
                if alias and alias != key
            )
        keys.sort()
        self._keys = [k for k, _, _ in keys]
        self._ids = [(i, own) for _, i, own in keys]

    def get(self, place_id: str) -> PlaceChoice | None:
        return self._places.get(place_id)

    def search(
        self, text: str, limit: int = 10, country_code: str | None = None
    ) -> list[PlaceChoice]:
        """Places whose name starts with ``text`` ("dut" finds Dutsin-Ma), exact names
        first, then countries and regions before towns, then by population.
        "Name, CC" or "Name, Country" keeps one country's places."""
        name, _, country = text.partition(",")
        if country.strip():
            found = self._gaz.country(country.strip())
            country_code = found.code if found else country_code
        key = name_key(name)
        if not key:
            return []
        lo = bisect.bisect_left(self._keys, key)
        hits: dict[str, tuple[PlaceChoice, bool]] = {}
        for i in range(lo, min(lo + 20000, len(self._keys))):
            if not self._keys[i].startswith(key):
                break
            place_id, own = self._ids[i]
            choice = self._places[place_id]
            if country_code and choice.country_code != country_code:
                continue
            if place_id not in hits or own:
                hits[place_id] = (choice, own or self._keys[i] == key)
        ranked = sorted(
            hits.values(),
            key=lambda h: (
                name_key(h[0].name) != key,
                not h[1],
                _KIND_RANK[h[0].kind],
                -h[0].population,
                h[0].id,
            ),
        )
        return [choice for choice, _ in ranked[:limit]]

    def resolve(self, text: str) -> PlaceChoice | None:
        """The best place for a typed name (the form's fallback without JavaScript)."""
        hits = self.search(text, limit=1)
        return hits[0] if hits else None


_index: PlaceIndex | None = None
_lock = threading.Lock()


def place_index() -> PlaceIndex:
    global _index
    with _lock:
        if _index is None:
            _index = PlaceIndex(get_gazetteer())
    return _index
