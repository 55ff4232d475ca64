"""One name, two units: a province and the city named after it ("Kyiv oblast" and
"Kyiv"). The geoparser reads all mentions of a name as one place; a mention
whose own unit word differs from the rest's is read here as the other of the
pair (WW550). Used by :mod:`newscoder.resolve.geoparse`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import Gazetteer, name_key
from newscoder.resolve.geo_candidates import (
    ADMIN1_UNIT_WORDS,
    CITY_OVER_UNIT,
    Candidate,
    unit_keys,
)
from newscoder.resolve.geo_evidence import flat_km
from newscoder.resolve.toponym_spans import Mention

UNIT_OR_CITY = declare(
    "WW550", "unit-or-city-per-mention", Stage.RESOLVE, Kind.CHOOSE,
    "'Kyiv oblast' and 'Kyiv' in one text: the unit where its unit word stands, the city "
    "that is a unit of its own ('Kyiv City') where none does",
)  # fmt: skip

# A province and its city of the name lie this close (km), centre to city.
_NEAR = 300

TWIN_REASON = {
    "admin1": "the unit of the name, written with its unit word here",
    "town": "the unit's city of the name, written without the unit word here",
}


def twin(
    gaz: Gazetteer,
    chosen: Candidate,
    ranked: Sequence[tuple[Candidate, float]],
    m: Mention,
    group: Sequence[Mention],
) -> Candidate:
    """``chosen`` (the reading of the name's mentions together), or the other of
    its province-and-city pair where this mention's unit word differs from the
    rest: "Bucha in Kyiv oblast" and, later, "missiles hit Kyiv"."""
    unit = m.unit in ADMIN1_UNIT_WORDS
    if all((g.unit in ADMIN1_UNIT_WORDS) == unit for g in group):
        return chosen
    if gaz.country_by_name(m.text) is not None:
        return chosen  # "Toluca, Mexico" ... "the State of Mexico": the country
    if chosen.feature == "admin1" and not unit:
        # Only a city that is a unit of its own ("Kyiv City"): "New York" alone in a
        # report on New York state may be the state.
        units = {u.key for u in gaz.admin1(f"{m.text} City", chosen.country_code)}
        twins = [
            t
            for t, _ in ranked
            if t.feature == "town"
            and t.population >= CITY_OVER_UNIT
            and t.country_code == chosen.country_code
            and t.admin1_key in units
        ]
    elif chosen.feature == "town" and unit:
        key = name_key(m.text)
        twins = [
            t
            for t, _ in ranked
            if t.feature == "admin1"
            and t.country_code == chosen.country_code
            and key in unit_keys(gaz, t.admin1_key)
            and flat_km(t.lat, t.lon, chosen.lat, chosen.lon) < _NEAR
        ]
    else:
        return chosen
    if not twins:
        return chosen
    fire(UNIT_OR_CITY, "read", twins[0].name, m.start, twins[0].feature)
    return twins[0]
