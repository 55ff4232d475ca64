"""One place mention to a gazetteer entry, with its admin1 and ACLED geo_precision.

ACLED's geo_precision: 1 = a named town; 2 = near a town or part of a region
("X district", "outskirts of X", "northern Borno"); 3 = only a region or a
country is known (its central point is used). Which namesake a name means is
decided in :mod:`newscoder.resolve.place_choice`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import Gazetteer, get_gazetteer
from newscoder.resolve.place_choice import (
    Candidate,
    Within,
    admin1_place,
    candidates,
    country_place,
    district_candidates,
    district_place,
    hierarchy,
    inside,
    pick,
    pick_small,
    pick_within,
    town_place,
    with_districts,
)
from newscoder.resolve.place_names import (
    KIND_OF_PLACE_WORDS,
    NEAR_QUALIFIERS,
    UNIT_QUALIFIERS,
    clean_name,
    known,
    normalize_direction,
)
from newscoder.types import Place

_CODEBOOK = "ACLED codebook 2023, Location: geo_precision"

KIND_OF_PLACE = declare(
    "PL090", "kind-of-place-word", Stage.RESOLVE, Kind.VETO,
    "a word for a kind of place ('village', 'lake', 'border') is never a place's name, "
    "though GeoNames has towns so called somewhere",
)  # fmt: skip
SADAR = declare(
    "PL095", "sadar-subdistrict", Stage.RESOLVE, Kind.REFINE,
    "'Kurigram Sadar': the headquarters subdistrict carries its town's name",
)  # fmt: skip
ADMIN_HINTS = declare(
    "PL100", "admin-hints-after-comma", Stage.RESOLVE, Kind.REFINE,
    "'Maiduguri, Borno State', 'X, Bembereke, Borgou': the units after the name narrow "
    "the choice of namesake",
)  # fmt: skip
LEADING_COMPASS = declare(
    "PL105", "leading-compass-word", Stage.RESOLVE, Kind.REFINE,
    "a name the gazetteer does not know that opens with a compass word is that part of "
    "the rest ('Northern Kaduna')",
)  # fmt: skip
CENTRAL_COUNTRY = declare(
    "PL110", "central-country", Stage.RESOLVE, Kind.CHOOSE,
    "'central Mali': the country's centre, geo_precision 3",
    source=_CODEBOOK,
)  # fmt: skip
EDGE_ADMIN1 = declare(
    "PL115", "edge-of-country-admin1", Stage.RESOLVE, Kind.CHOOSE,
    "'southwest Pakistan': the admin1 that holds most of that edge of the country, "
    "geo_precision 3",
    source=_CODEBOOK,
)  # fmt: skip
EDGE_COUNTRY = declare(
    "PL120", "edge-of-country-unclear", Stage.RESOLVE, Kind.DEFAULT,
    "'north Nigeria' where no single admin1 clearly lies that way: the country, "
    "geo_precision 3",
    source=_CODEBOOK,
)  # fmt: skip
PART_OF_PLACE = declare(
    "PL125", "part-of-a-place", Stage.RESOLVE, Kind.CHOOSE,
    "'northern Borno', 'east of Kabul': part of a region or around a town, geo_precision 2",
    source=_CODEBOOK,
)  # fmt: skip
COUNTRY_NAME = declare(
    "PL130", "country-name", Stage.RESOLVE, Kind.CHOOSE,
    "a country named alone: only the country is known, its centre, geo_precision 3",
    source=_CODEBOOK,
)  # fmt: skip
ADMIN1_OVER_COUNTRY = declare(
    "PL135", "admin1-over-same-named-country", Stage.RESOLVE, Kind.CHOOSE,
    "'Georgia' in a report about the United States: the admin1 of a more salient "
    "article country, not the country of that name",
)  # fmt: skip
REGION_UNIT = declare(
    "PL140", "region-unit", Stage.RESOLVE, Kind.CHOOSE,
    "'Helmand province', 'the state of Zamfara': the admin1, its centroid, geo_precision 3",
    source=_CODEBOOK,
)  # fmt: skip
REGION_AFTER_TOWN = declare(
    "PL145", "region-named-after-town", Stage.RESOLVE, Kind.CHOOSE,
    "'Kidal region' with no admin1 of that name: the region around the town, geo_precision 2",
    source=_CODEBOOK,
)  # fmt: skip
DISTRICT = declare(
    "PL150", "district", Stage.RESOLVE, Kind.CHOOSE,
    "'X district', or a name only the districts table knows: the district's centroid, "
    "geo_precision 2 (part of a region)",
    source=_CODEBOOK,
)  # fmt: skip
VILLAGE = declare(
    "PL155", "village-when-no-town", Stage.RESOLVE, Kind.CHOOSE,
    "no town answers: the one village of that name in the article's countries (never "
    "abroad, never one of two), geo_precision 1 (2 near it)",
    source=_CODEBOOK,
)  # fmt: skip
TOWN = declare(
    "PL160", "town", Stage.RESOLVE, Kind.CHOOSE,
    "a named town: its own coordinates, geo_precision 1 (2 when the text puts the event "
    "near it or in part of it)",
    source=_CODEBOOK,
)  # fmt: skip
ADMIN1 = declare(
    "PL165", "admin1", Stage.RESOLVE, Kind.CHOOSE,
    "an admin1 named without a unit word: its centroid, geo_precision 3 (2 near it)",
    source=_CODEBOOK,
)  # fmt: skip
UNKNOWN_IN_ADMIN1 = declare(
    "PL200", "unknown-place-in-admin1", Stage.RESOLVE, Kind.DEFAULT,
    "'near Novolaspa, Donetsk' with Novolaspa unknown, or known only outside Donetsk: the "
    "admin1 (its centroid, geo_precision 3, under the place's own name)",
    source=_CODEBOOK,
)  # fmt: skip

# Qualifiers find_place_phrases gives "X, Y" when X is a place the gazetteer may lack
# and Y the admin1 the text puts it in: "near X, Y" and "X town in Y".
UNIT_OF_PLACE = {"near unit": True, "in unit": False}  # qualifier -> the event is near X


def _resolve_direction(
    gaz: Gazetteer,
    direction: str,
    name: str,
    start: int | None,
    end: int | None,
    context: Sequence[str],
) -> Place | None:
    country = gaz.country_by_name(name)
    if country is not None and direction == "central":
        fire(CENTRAL_COUNTRY, "chose", name, start)
        return country_place(country, start, end, f"'central {country.name}'", CENTRAL_COUNTRY)
    if country is not None:
        table = gaz.direction(country.code, direction)
        unit = gaz.admin1s.get(table.admin1_key) if table and table.admin1_key else None
        if unit is not None and table is not None:
            why = (
                f"'{direction} {country.name}': {unit.name} holds {table.share:.0%} of that "
                "edge of the country"
            )
            fire(EDGE_ADMIN1, "chose", unit.name, start)
            return admin1_place(gaz, unit, 3, start, end, why, EDGE_ADMIN1)
        share = f" (largest share {table.share:.0%})" if table else ""
        why = f"'{direction} {country.name}': no single admin1 clearly lies {direction}{share}"
        fire(EDGE_COUNTRY, "defaulted", country.name, start)
        return country_place(country, start, end, why, EDGE_COUNTRY)
    picked = pick(candidates(gaz, name), context, prefer="admin1")
    if picked is None:
        return None
    best, why = picked
    label = f"{direction} part of {name} ({why})"
    fire(PART_OF_PLACE, "chose", name, start)
    if best.unit is not None:
        return admin1_place(gaz, best.unit, 2, start, end, label, PART_OF_PLACE)
    assert best.city is not None
    return town_place(gaz, best.city, 2, start, end, label, PART_OF_PLACE)


def resolve_place(
    name: str,
    *,
    start: int | None = None,
    end: int | None = None,
    context: Sequence[str] = (),
    qualifier: str | None = None,
) -> Place | None:
    """Resolve a place mention to a :class:`Place`, or None when it is not in the gazetteer.

    ``qualifier`` is what :func:`~newscoder.resolve.place_phrases.find_place_phrases`
    found around the name (a compass direction, "province", "district", "near", ...);
    ``context`` lists the article's countries as ISO2 codes, most salient first.
    """
    gaz = get_gazetteer()
    name = clean_name(name)
    if not name or not any(ch.isalpha() for ch in name):
        return None
    if name.lower() in KIND_OF_PLACE_WORDS:
        fire(KIND_OF_PLACE, "vetoed", name, start)
        return None
    # "Kurigram Sadar upazila": the headquarters subdistrict carries the town's name.
    unsadar = re.sub(r"\s+sadar$", "", name, flags=re.I)
    if unsadar != name:
        fire(SADAR, "rewrote", name, start, detail=unsadar)
        name = unsadar
    qual = qualifier.lower().strip() if qualifier else None
    within: Within | None = None
    districts = frozenset[str]()
    if "," in name:  # "Bijapur, Chhattisgarh", "Maiduguri, Borno State", "X, district, state"
        head, *tail = name.split(",")
        within, districts = hierarchy(gaz, tail, context)
        if within is not None:
            fire(ADMIN_HINTS, "found", within.name, start, detail=head)
        name = clean_name(head)
        if not name:
            return None
    if qual is None and not known(gaz, name):  # "North Waziristan" is a name
        head, _, rest = name.partition(" ")
        if rest and normalize_direction(head):
            fire(LEADING_COMPASS, "rewrote", name, start)
            qual, name = head, rest
    direction = normalize_direction(qual) if qual else None
    if direction is not None:
        return _resolve_direction(gaz, direction, name, start, end, context)

    country = gaz.country_by_name(name)
    if country is not None and qual not in UNIT_QUALIFIERS:
        # "Georgia" in an article about the United States is the state.
        rank = {code: i for i, code in enumerate(context)}
        units = [u for u in gaz.admin1(name) if u.country_code in rank]
        better = [u for u in units if rank[u.country_code] < rank.get(country.code, len(rank))]
        if not better:
            fire(COUNTRY_NAME, "chose", name, start)
            return country_place(country, start, end, f"country name '{name}'", COUNTRY_NAME)
        fire(ADMIN1_OVER_COUNTRY, "chose", name, start, detail=better[0].country_code)

    if qual in UNIT_QUALIFIERS:
        found = candidates(gaz, name)
        # "Kyiv oblast", "Tashkent region": the province, not the city that is a unit
        # of its own ("Kyiv City") in the same country.
        plain = {c.country_code for c in found if c.unit and not _city_unit(c)}
        found = [c for c in found if not (_city_unit(c) and c.country_code in plain)]
        picked = pick_within(found, context, "admin1", within)
        if picked is None:
            return None
        best, why = picked
        if best.unit is not None:
            fire(REGION_UNIT, "chose", name, start)
            label = f"admin1 '{name} {qual}' ({why})"
            return admin1_place(gaz, best.unit, 3, start, end, label, REGION_UNIT)
        assert best.city is not None
        # "Kidal region" with no admin1 of that name: the region around the town.
        fire(REGION_AFTER_TOWN, "chose", name, start)
        label = f"'{name} {qual}' named after town"
        return town_place(gaz, best.city, 2, start, end, label, REGION_AFTER_TOWN)

    near = qual in NEAR_QUALIFIERS or UNIT_OF_PLACE.get(qual or "", False)
    if qual == "district":
        found = candidates(gaz, name) + district_candidates(gaz, name)
        picked = pick_within(found, context, "admin2", within)
    else:
        found = candidates(gaz, name)
        if within is not None and not any(inside(c, within) for c in found):
            found += district_candidates(gaz, name)
        found = with_districts(gaz, name, found, context)
        picked = pick_within(found, context, "city", within)
    if picked is None or (within is not None and not inside(picked[0], within)):
        # No town answers (or none inside the unit the text names): a village may.
        small = pick_small(gaz, name, context, within, districts)
        if small is not None:
            fire(VILLAGE, "chose", name, start, detail=small[0].country_code)
            label = f"{qual} '{name}', a {small[1]}" if near else f"'{name}', a {small[1]}"
            return town_place(gaz, small[0], 2 if near else 1, start, end, label, VILLAGE)
    outside = picked is None or (within is not None and not inside(picked[0], within))
    if qual in UNIT_OF_PLACE and within is not None and outside:
        # "near X, Y" with X unknown, or known only outside Y: the text places it in Y.
        return _unknown_in_admin1(gaz, name, within, start, end)
    if picked is None:
        return None
    best, why = picked
    if best.district is not None:
        fire(DISTRICT, "chose", name, start)
        label = f"district '{name}'" + (f" ({qual})" if qual and qual != "district" else "")
        return district_place(gaz, best.district, start, end, f"{label} ({why})", DISTRICT)
    if best.city is not None:
        fire(TOWN, "chose", name, start)
        label = f"{qual} town '{name}'" if near else f"town '{name}'"
        return town_place(gaz, best.city, 2 if near else 1, start, end, f"{label} ({why})", TOWN)
    assert best.unit is not None
    fire(ADMIN1, "chose", name, start)
    label = f"{qual} '{name}', part of admin1" if near else f"admin1 '{name}'"
    return admin1_place(gaz, best.unit, 2 if near else 3, start, end, f"{label} ({why})", ADMIN1)


def _city_unit(c: Candidate) -> bool:
    """A city that is a unit of its own ("Kyiv City", named so at gazetteer load)."""
    return c.unit is not None and c.unit.name.endswith(" City")


def _unknown_in_admin1(
    gaz: Gazetteer, name: str, within: Within, start: int | None, end: int | None
) -> Place | None:
    """ "near Novolaspa, Donetsk" with Novolaspa unknown: Donetsk oblast, not Donetsk city
    (PL200). The place keeps its own name, as a bracketed village does (PL040)."""
    unit = gaz.admin1s.get(within.admin1_key) if within.admin1_key else None
    if unit is None:
        return None
    fire(UNKNOWN_IN_ADMIN1, "defaulted", name, start, detail=unit.name)
    why = f"{name!r} not in the gazetteer: the admin1 it is told in, {unit.name!r}"
    place = admin1_place(gaz, unit, 3, start, end, why, UNKNOWN_IN_ADMIN1)
    return replace(place, name=name, geonameid=None, unlisted=True)
