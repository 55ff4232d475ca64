"""Places written with the units they lie in, in brackets: "Kandi (Alibori)",
"Noma Tounga (Malanville, Alibori)", "Golombali (Touboro, Mayo-Rey, Nord)" — the way
gazetteers, wire desks and ACLED notes write hierarchies — and a town's part written
after it, "Rio de Janeiro - West Zone (Rio de Janeiro)"."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newscoder.lexicon import alternation
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import Admin1, Admin2, City, Gazetteer, get_gazetteer
from newscoder.resolve.place_choice import admin1_place, district_place, town_place
from newscoder.resolve.place_lookup import resolve_place
from newscoder.types import Place

_CODEBOOK = "ACLED codebook 2023, Location: geo_precision"

BRACKETED_UNITS = declare(
    "PL025", "bracketed-units", Stage.RESOLVE, Kind.FIND,
    "'Kandi (Alibori)', 'X (District, Province)': the place is looked up inside the "
    "units in brackets",
)  # fmt: skip
CORRECTION_FIRST = declare(
    "PL030", "bracketed-correction-first", Stage.RESOLVE, Kind.CHOOSE,
    "an editor's correction in square brackets ('Guessou [Guessou-Sud] (Bembereke, "
    "Borgou)') is looked up before the name written",
)  # fmt: skip
VILLAGE_AT_DISTRICT = declare(
    "PL035", "bracketed-village-at-district", Stage.RESOLVE, Kind.DEFAULT,
    "a bracketed village the gazetteer lacks is coded at its district, geo_precision 2, "
    "keeping the village's name",
    source=_CODEBOOK,
)  # fmt: skip
VILLAGE_AT_PROVINCE = declare(
    "PL040", "bracketed-village-at-province", Stage.RESOLVE, Kind.DEFAULT,
    "a bracketed village the gazetteer lacks, with no known district: its province, "
    "geo_precision 3, keeping the village's name",
    source=_CODEBOOK,
)  # fmt: skip
UNIT_IN_COUNTRY = declare(
    "WW200", "bracketed-unit-in-country", Stage.RESOLVE, Kind.CHOOSE,
    "of same-named units in brackets ('(Santa Cruz)'), the one the inner units fit, then "
    "the one in the article's countries, not the first in the world",
)  # fmt: skip
DISTRICT_UNIT = declare(
    "WW205", "bracketed-district-unit", Stage.RESOLVE, Kind.FIND,
    "the last unit in brackets may be a district, not an admin1 ('Mbamga (Dori, Seno)'): "
    "the place is looked up inside the district's admin1",
)  # fmt: skip
VILLAGE_AT_TOWN = declare(
    "WW210", "bracketed-village-at-its-town", Stage.RESOLVE, Kind.DEFAULT,
    "a bracketed village the gazetteer lacks whose first unit is a town in the named "
    "region ('X (Touboro, Mayo-Rey, Nord)'): near that town, geo_precision 2",
    source=_CODEBOOK,
)  # fmt: skip
PART_OF_TOWN = declare(
    "WW215", "town-part-after-dash", Stage.RESOLVE, Kind.CHOOSE,
    "'Perth - Central': a part of a town written after it is at the town (or at the part, "
    "where the gazetteer has it near the town), geo_precision 1",
    source=_CODEBOOK,
)  # fmt: skip

TOWN_UNIT = declare(
    "WW212", "bracketed-town-for-unit", Stage.RESOLVE, Kind.FIND,
    "where no part in brackets is a known unit, a part that is a town (in the article's "
    "countries) places the name in that town's admin1",
)  # fmt: skip

NAME_FITS = declare(
    "PL210", "bracketed-unit-holds-the-name", Stage.RESOLVE, Kind.CHOOSE,
    "of same-named units in brackets, the one holding a town or village of the name written "
    "before them counts as fitting ('X (Sucre)': the Sucre that has an X)",
)  # fmt: skip

# A capitalised word, and lower-case particles inside a name ("Santa Cruz de la Sierra").
_WORD = r"[A-Z][\w'’.-]*"
_NAME = rf"{_WORD}(?:[ -](?:{alternation('place_name_connectors')} )*(?:{_WORD}|\d+)){{0,4}}"
# "Dankoli village (Shendam, Plateau)": a settlement word may stand between.
_SETTLEMENT = (
    rf"(?:\s+(?:{alternation('place_settlement_words')}|{alternation('place_unit_words')}))?"
)
# A unit word after a unit's name in brackets ("Yinmarbin district, Sagaing region").
_UNIT_WORD = re.compile(rf"\s+{alternation('place_unit_words')}$", re.I)
_UNIT = r"[A-Z][^()\n,]{1,40}"
_PAREN_PLACE = re.compile(
    rf"\b(?:(?P<town>{_NAME}) - )?(?P<name>{_NAME})"
    # ... and so may an editor's correction of the name in square brackets, before
    # or after that word: "Guessou [Guessou-Sud] (Bembereke, Borgou)".
    + _SETTLEMENT
    + r"(?:\s*\[(?P<corrected>[A-Z][^\[\]()\n]{0,60})\])?"
    + _SETTLEMENT
    + rf"\s*\((?P<units>{_UNIT}(?:,\s*{_UNIT}){{0,2}})\)"
)
# A part of a town the gazetteer has as its own place must lie this close to the town.
_PART_KM = 30.0
# Readings of the units tried, most likely first.
_READINGS = 8


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the units in brackets are: an admin1, and the district named with it."""

    unit: Admin1
    district: Admin2 | None  # the outermost unit itself, or a unit inside the admin1
    outer_is_district: bool
    seat: City | None = None  # a town named in brackets where no unit is known
    fit: int = 0  # parts in brackets that are districts or towns inside the admin1
    holds_name: bool = False  # the place named before the brackets is in the admin1


def _readings(
    gaz: Gazetteer, parts: list[str], countries: Sequence[str], names: Sequence[str] = ()
) -> list[_Reading]:
    """The units in brackets read outermost first, in the article's countries first; a
    unit the gazetteer lacks yields to the one inside it, and where no part is a unit,
    a part that is a town stands for its admin1. ``names`` (the place named before the
    brackets) count towards a reading's fit where they are a town or village in it."""
    rank = {code: i for i, code in enumerate(countries)}
    found: list[_Reading] = []
    for depth in range(len(parts), 0, -1):
        outer, inner = parts[depth - 1], parts[: depth - 1]
        for unit in gaz.admin1(outer):
            district = next(
                (
                    d
                    for part in reversed(inner)
                    for d in gaz.admin2(part, unit.country_code)
                    if d.admin1_key == unit.key
                ),
                None,
            )
            found.append(_Reading(unit, district, False))
        if not found:
            for district in gaz.admin2(outer):
                unit = gaz.admin1s.get(district.admin1_key)
                if unit is not None and (not countries or district.country_code in rank):
                    found.append(_Reading(unit, district, True))
        if found:
            break
    if not found:
        for part in reversed(parts):
            for town, own in gaz.city_matches(part):
                unit = gaz.admin1s.get(town.admin1_key or "")
                if own and unit is not None and (not countries or town.country_code in rank):
                    found.append(_Reading(unit, None, False, town))
            if found:
                fire(TOWN_UNIT, "found", part)
                break
    # Units in the article's countries, where there are any: a village the gazetteer
    # lacks at home must not be found as a namesake in a same-named unit abroad.
    # The reading the inner parts fit first: "(Ketou, Plateau)" is the Plateau that
    # holds a district or town called Ketou; then the article's countries. A unit
    # abroad that nothing in brackets fits yields to one at home.
    found = [_fitted(gaz, r, parts, names) for r in found]
    home = [r for r in found if r.unit.country_code in rank]
    if home:
        found = [r for r in found if r in home or r.fit > 0]
    found.sort(key=lambda r: (-r.fit, rank.get(r.unit.country_code, len(rank)), -r.unit.population))
    return found[:_READINGS]


def _fitted(gaz: Gazetteer, reading: _Reading, parts: list[str], names: Sequence[str]) -> _Reading:
    """The reading with its fit: the parts in brackets that are units or towns inside
    its admin1, one more when the place named before the brackets is a town or village
    there (PL210)."""
    unit = reading.unit
    n = 0
    for part in parts:
        if any(d.admin1_key == unit.key for d in gaz.admin2(part, unit.country_code)) or any(
            c.admin1_key == unit.key for c, _ in gaz.city_matches(part, unit.country_code)
        ):
            n += 1
    holds = any(_holds(gaz, unit, name) for name in names)
    return replace(reading, fit=n + holds, holds_name=holds)


def _holds(gaz: Gazetteer, unit: Admin1, name: str) -> bool:
    """Whether a town or village called ``name`` lies in the admin1 ``unit``."""
    code = unit.country_code
    return any(c.admin1_key == unit.key for c, _ in gaz.city_matches(name, code)) or any(
        p.admin1_key == unit.key for p, _ in gaz.small_places(name, code)
    )


def find_parenthetical_places(
    text: str, offset: int = 0, countries: Sequence[str] = ()
) -> list[Place]:
    """Places written with their district and province in brackets.

    The named place is looked up inside the units in brackets (the corrected name
    first, when square brackets give one; the units of the article's ``countries``
    first, then those in which the name is found); a village the gazetteer does not
    know falls back to its district (geo_precision 2), the town named first in the
    brackets (2) or its province (3), keeping the village's name.
    """
    if "(" not in text:
        return []  # the pattern's units are in brackets: no scan of the whole text
    gaz = get_gazetteer()
    found: list[Place] = []
    for match in _PAREN_PLACE.finditer(text):
        parts = [_UNIT_WORD.sub("", p.strip()) for p in match["units"].split(",")]
        corrected = (match["corrected"] or "").strip()
        names = [corrected, match["name"]] if corrected else [match["name"]]
        readings = _readings(gaz, parts, countries, names)
        if not readings:
            continue
        start, end = offset + match.start("name"), offset + match.end("name")
        if corrected:
            fire(CORRECTION_FIRST, "chose", corrected, start)
        town = match["town"]
        place, reading = None, readings[0]
        for candidate in readings:
            place = _inside(names, town, candidate, parts, start, end)
            if place is not None:
                reading = candidate
                break
        if (
            place is None
            and reading.fit == 0
            and countries
            and reading.unit.country_code not in countries
        ):
            continue  # only a namesake abroad, and the name is not found there
        fire(BRACKETED_UNITS, "found", match["name"], start, detail=reading.unit.name)
        if reading.outer_is_district:
            fire(DISTRICT_UNIT, "found", parts[-1], start, detail=reading.unit.name)
        if len({r.unit.country_code for r in readings}) > 1:
            fire(UNIT_IN_COUNTRY, "chose", reading.unit.name, start)
            if reading.holds_name:
                fire(NAME_FITS, "chose", reading.unit.name, start, detail=names[-1])
        if place is None and town:
            place = _town_part(gaz, town, match["name"], reading, start, offset + match.start())
        if place is None:
            place = _fallback(gaz, names[0], parts, reading, start, end)
        found.append(place)
    return found


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on a local flat map (close to the great circle over tens of km)."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(x, lat2 - lat1)


def _units_text(reading: _Reading) -> str:
    unit = reading.unit.name
    return f"{reading.district.name}, {unit}" if reading.district else unit


def _inside(
    names: list[str],
    town: str | None,
    reading: _Reading,
    parts: list[str],
    start: int,
    end: int,
) -> Place | None:
    """The first name found inside the reading's admin1 (a town's part only near it)."""
    code = reading.unit.country_code
    units = _units_text(reading)
    for name in names:
        place = resolve_place(f"{name}, {units}", start=start, end=end, context=[code])
        if place is None or place.admin1 != reading.unit.name or place.country_code != code:
            continue
        if town is not None:
            seat = resolve_place(f"{town}, {units}", context=[code])
            if seat is None or seat.lat is None or place.lat is None:
                continue
            if _km(seat.lat, seat.lon or 0.0, place.lat, place.lon or 0.0) > _PART_KM:
                continue
        return place
    return None


def _town_part(
    gaz: Gazetteer, town: str, part: str, reading: _Reading, start: int, town_start: int
) -> Place | None:
    """ "Perth - Central": the town, named as written."""
    code = reading.unit.country_code
    seat = resolve_place(f"{town}, {_units_text(reading)}", context=[code])
    if seat is None or seat.admin1 != reading.unit.name or seat.geo_precision != 1:
        return None
    fire(PART_OF_TOWN, "chose", town, town_start, detail=part)
    why = f"'{town} - {part}': the part of {town} the text names"
    return replace(
        seat,
        name=f"{town} - {part}",
        start=town_start,
        reason=PART_OF_TOWN.why(f"{why} ({seat.reason})"),
        rule=PART_OF_TOWN.id,
    )


def _fallback(
    gaz: Gazetteer, name: str, parts: list[str], reading: _Reading, start: int, end: int
) -> Place:
    """A village the gazetteer lacks: its district, the town named first in the
    brackets, or its province."""
    unit = reading.unit
    first = parts[0] if len(parts) > 1 else None
    district = reading.district if reading.district and not reading.outer_is_district else None
    seat = reading.seat
    if district is None and seat is None and first is not None:
        towns = gaz.city_matches(first, unit.country_code)
        seat = next((c for c, own in towns if own and c.admin1_key == unit.key), None)
    if district is None and seat is None and reading.outer_is_district:
        district = reading.district
    if district is not None:
        why = f"{name!r} not in the gazetteer: its district {district.name!r}"
        fire(VILLAGE_AT_DISTRICT, "defaulted", name, start, detail=district.name)
        fallback = district_place(gaz, district, start, end, why, VILLAGE_AT_DISTRICT)
    elif seat is not None:
        why = f"{name!r} not in the gazetteer: near {seat.name}, the first unit in brackets"
        fire(VILLAGE_AT_TOWN, "defaulted", name, start, detail=seat.name)
        fallback = town_place(gaz, seat, 2, start, end, why, VILLAGE_AT_TOWN)
    else:
        why = f"{name!r} not in the gazetteer: its province {unit.name!r}"
        fire(VILLAGE_AT_PROVINCE, "defaulted", name, start, detail=unit.name)
        fallback = admin1_place(gaz, unit, 3, start, end, why, VILLAGE_AT_PROVINCE)
    # The village keeps its own name and the province the text gave; at the province's
    # centre it is a place the gazetteer lacks (linking tells it from other places).
    unlisted = fallback.rule == VILLAGE_AT_PROVINCE.id
    return replace(fallback, name=name, admin1=unit.name, geonameid=None, unlisted=unlisted)
