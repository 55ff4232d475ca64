"""Place mentions to gazetteer entries, with admin1 and ACLED geo_precision.

ACLED's geo_precision: 1 = a named town; 2 = near a town or part of a region
("X district", "outskirts of X", "northern Borno"); 3 = only a region or a
country is known (its central point is used). Ambiguous names go to a
candidate in the article's own countries (``context``, most salient first),
then to the most populous candidate. Villages below the towns' population cut
are a last resort, taken only inside the article's countries and only when
one village of that name fits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from newscoder.resolve.gazetteer import (
    Admin1,
    Admin2,
    City,
    Country,
    Gazetteer,
    SmallPlace,
    data_rows,
    get_gazetteer,
    match_weight,
    name_key,
)
from newscoder.types import Place

# Qualifier words, as find_place_phrases reports them and resolve_place reads them.
UNIT_QUALIFIERS = frozenset(
    {"province", "state", "region", "governorate", "department", "oblast", "prefecture", "county"}
)
# A district is below admin1 almost everywhere ACLED codes, so "X district" is
# "part of a region" (precision 2) even when X also names an admin1.
NEAR_QUALIFIERS = frozenset(
    {"district", "near", "outskirts", "village in", "area", "upazila", "tehsil", "subdistrict",
     "sub-district", "commune", "lga", "municipality", "zila", "thana"}
)  # fmt: skip
DIRECTIONS = (
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
)

_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|central"
_WORD = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_CONNECTOR = r"(?:al|el|ez|ad|as|ash|ar|an|at|az|de|del|di|da|do|dos|la|le|bin|ibn)"
_NAME = rf"{_WORD}(?:[ -](?:{_CONNECTOR}[ -])?{_WORD}){{0,3}}"
_UNITS = (
    r"province|state|region|governorate|department|district|county|oblast|prefecture|"
    r"municipality|area|(?:sadar\s+)?upazila|tehsil|sub-?district|commune|LGA|zila|thana"
)
# Trigger words match in any case ("Borno State", "Helmand province"); names
# must be capitalised, so the trigger parts carry their own (?i:...) flag.
_PHRASES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    # "southwest Pakistan", "northern Nigeria", "north-eastern Borno state"
    (
        re.compile(rf"\b(?i:(?P<qual>{_DIRECTION})(?:ern)?\s+(?:part\s+of\s+)?)(?P<name>{_NAME})"),
        None,
    ),
    # "the north of Mali", "the southeast of Turkey"
    (re.compile(rf"\b(?i:the\s+(?P<qual>{_DIRECTION})\s+of\s+)(?P<name>{_NAME})"), None),
    # "Helmand province", "Borno State", "Kidal region"
    # ... with the unit it lies in: "Bijapur district of Chhattisgarh"
    (
        re.compile(
            rf"(?P<name>{_NAME})\s+(?i:(?P<qual>{_UNITS}))\b"
            rf"(?:\s+(?i:of|in)\s+(?P<within>{_NAME}))?"
        ),
        None,
    ),
    # "the province of Helmand", "the state of Zamfara"
    (re.compile(rf"\b(?i:the\s+(?P<qual>{_UNITS})\s+of\s+)(?P<name>{_NAME})"), None),
    (re.compile(rf"\b(?i:(?:near|close\s+to)\s+)(?P<name>{_NAME})"), "near"),
    # "30 km north of Kabul": outside the town, so near it.
    (re.compile(rf"\b(?i:(?:{_DIRECTION})\s+of\s+)(?P<name>{_NAME})"), "near"),
    (re.compile(rf"\b(?i:(?:the\s+)?outskirts\s+of\s+)(?P<name>{_NAME})"), "outskirts"),
    (re.compile(rf"\b(?i:(?:a|the)\s+village\s+(?:in|of|near)\s+)(?P<name>{_NAME})"), "village in"),
    # "Madhya Pradesh's Indore city", "Bogra town": the town itself ("Mexico City" whole)
    (re.compile(rf"(?P<name>{_NAME})\s+(?:city|town)\b"), "city"),
)
_LEADING = re.compile(r"^(?:the|in|of)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str  # "city" | "alias city" (matched by an alias only) | "admin1" | "admin2"
    country_code: str
    weight: float  # population, to break ties between countries
    city: City | None = None
    unit: Admin1 | None = None
    district: Admin2 | None = None


# Population a place outside the article's countries needs to be taken.
_FOREIGN_MIN = {"city": 100_000, "alias city": 100_000, "admin1": 1_000_000, "admin2": 500_000}


# Words that name a kind of place, not one ("Sir Lowry's Pass Village", "near Lake
# Chad" cut short): GeoNames has towns so called somewhere, never the one meant.
_GENERIC_NAMES = {"village", "lake", "town", "city", "river", "mount", "valley", "island",
                  "hill", "beach", "park", "camp", "market", "station", "border",
                  "road", "college", "university", "school", "post", "forest", "centre",
                  "center", "north", "south", "east", "west", "police", "court",
                  "office", "hospital"}  # fmt: skip


def normalize_direction(word: str) -> str | None:
    """ "North-Western" -> "northwest"; None when the word is no compass direction."""
    folded = re.sub(r"[-\s]", "", word.lower())
    folded = folded.removesuffix("ern").removesuffix("ward")
    return folded if folded in DIRECTIONS else None


def _clean(name: str) -> str:
    name = _LEADING.sub("", name.strip())
    return _POSSESSIVE.sub("", name).strip()


def _country_place(
    gaz: Gazetteer, country: Country, start: int | None, end: int | None, why: str
) -> Place:
    return Place(
        name=country.name,
        country=country.name,
        country_code=country.code,
        admin1=None,
        lat=country.lat,
        lon=country.lon,
        geo_precision=3,
        start=start,
        end=end,
        geonameid=country.geonameid,
        reason=f"{why}; country centre (midpoint of its towns), geo_precision 3",
    )


def _admin1_place(
    gaz: Gazetteer,
    unit: Admin1,
    precision: int,
    start: int | None,
    end: int | None,
    why: str,
) -> Place:
    country = gaz.countries.get(unit.country_code)
    return Place(
        name=unit.name,
        country=country.name if country else None,
        country_code=unit.country_code,
        admin1=unit.name,
        lat=unit.lat,
        lon=unit.lon,
        geo_precision=precision,
        start=start,
        end=end,
        geonameid=unit.geonameid,
        reason=f"{why}; admin1 centroid (mean of its towns), geo_precision {precision}",
    )


def _town_place(
    gaz: Gazetteer,
    town: City | SmallPlace,
    precision: int,
    start: int | None,
    end: int | None,
    why: str,
) -> Place:
    """A town (``City``) or a village below the towns' cut (``SmallPlace``) as a Place."""
    country = gaz.countries.get(town.country_code)
    unit = gaz.admin1_of(town)
    kind = "village" if isinstance(town, SmallPlace) else "town"
    return Place(
        name=town.name,
        country=country.name if country else None,
        country_code=town.country_code,
        admin1=unit.name if unit else None,
        lat=town.lat,
        lon=town.lon,
        geo_precision=precision,
        start=start,
        end=end,
        geonameid=town.geonameid if isinstance(town, City) else None,
        reason=f"{why}; {kind} coordinates, geo_precision {precision}",
    )


def _district_place(
    gaz: Gazetteer, district: Admin2, start: int | None, end: int | None, why: str
) -> Place:
    country = gaz.countries.get(district.country_code)
    unit = gaz.admin1s.get(district.admin1_key)
    return Place(
        name=district.name,
        country=country.name if country else None,
        country_code=district.country_code,
        admin1=unit.name if unit else None,
        lat=district.lat,
        lon=district.lon,
        geo_precision=2,
        start=start,
        end=end,
        reason=f"{why}; district centroid (mean of its towns), geo_precision 2",
    )


def _candidates(gaz: Gazetteer, name: str) -> list[_Candidate]:
    found = [
        _Candidate("city" if own else "alias city", c.country_code, match_weight(c, own), city=c)
        for c, own in gaz.city_matches(name)
    ]
    found += [_Candidate("admin1", u.country_code, u.population, unit=u) for u in gaz.admin1(name)]
    return found


def _district_candidates(gaz: Gazetteer, name: str) -> list[_Candidate]:
    return [
        _Candidate("admin2", d.country_code, d.population, district=d) for d in gaz.admin2(name)
    ]


def _with_districts(
    gaz: Gazetteer, name: str, candidates: list[_Candidate], context: Sequence[str]
) -> list[_Candidate]:
    """Districts join only when no town or admin1 answers (in the article's
    countries, if known): "North Waziristan", "Kurram"."""
    if any(c.country_code in context for c in candidates) or (candidates and not context):
        return candidates
    return candidates + _district_candidates(gaz, name)


def _pick(
    candidates: list[_Candidate], context: Sequence[str], prefer: str
) -> tuple[_Candidate, str] | None:
    """The best candidate and why: context country first, then the most populous
    country; inside the country the ``prefer`` kind, then population."""
    if not candidates:
        return None
    unique = len({c.country_code for c in candidates}) == 1
    rank = {code: i for i, code in enumerate(context)}
    in_context = [c for c in candidates if c.country_code in rank]
    if in_context:
        country = min(in_context, key=lambda c: rank[c.country_code]).country_code
        why = f"in article country {country}"
    else:
        if context:
            # A small foreign namesake of an unlisted village is a worse guess
            # than no place; only a well-known foreign place is taken.
            candidates = [c for c in candidates if c.weight >= _FOREIGN_MIN[c.kind]]
            if not candidates:
                return None
        country = max(candidates, key=lambda c: c.weight).country_code
        why = "most populous match" if not unique else "unique match"
        if context:
            why += ", outside the article's countries"
    same = [c for c in candidates if c.country_code == country]
    # A town matched only through an alias ranks after a unit matched by name:
    # "Sinaloa" is the state, not the town "Sinaloa de Leyva".
    order = {"city": 1, "admin1": 1, "admin2": 2, "alias city": 3} | {prefer: 0}
    best = min(same, key=lambda c: (order[c.kind], -c.weight))
    return best, ("unique match" if unique and not context else why)


@dataclass(frozen=True, slots=True)
class _Within:
    """The unit a mention says it lies in: "... district of Chhattisgarh"."""

    country_code: str
    admin1_key: str | None
    name: str


def _within(gaz: Gazetteer, text: str, context: Sequence[str]) -> _Within | None:
    country = gaz.country_by_name(text)
    if country is not None:
        return _Within(country.code, None, country.name)
    units = gaz.admin1(text)
    if not units:
        return None
    rank = {code: i for i, code in enumerate(context)}
    unit = min(units, key=lambda u: (rank.get(u.country_code, len(rank)), -u.population))
    return _Within(unit.country_code, unit.key, unit.name)


def _hierarchy(
    gaz: Gazetteer, parts: Sequence[str], context: Sequence[str]
) -> tuple[_Within | None, frozenset[str]]:
    """The unit a mention lies in and the districts it names, read outermost
    first: "Borgou" in "X, Bembereke, Borgou"; "Alibori" in "X, Alibori, Benin".
    The districts only ever narrow the choice between villages."""
    names = [cleaned for part in parts if (cleaned := _clean(part))]
    within = _within(gaz, names[-1], context) if names else None
    if within is None:
        return None, frozenset()
    for part in reversed(names[:-1]):
        if within.admin1_key is None:
            unit = next(iter(gaz.admin1(part, within.country_code)), None)
            if unit is None:
                break
            within = _Within(unit.country_code, unit.key, unit.name)
            continue
        districts = frozenset(
            d.key
            for d in gaz.admin2(part, within.country_code)
            if d.admin1_key == within.admin1_key
        )
        return within, districts
    return within, frozenset()


# Villages are looked for in this many of the article's countries, most salient first.
_VILLAGE_COUNTRIES = 3

# Two small places of one name closer than this (degrees) in one admin1 are one
# village listed twice (GeoNames often holds a village and its seat apart).
_SAME_VILLAGE = 0.1


def _pick_small(
    gaz: Gazetteer,
    name: str,
    context: Sequence[str],
    within: _Within | None,
    districts: frozenset[str],
) -> tuple[SmallPlace, str] | None:
    """The one village called ``name`` in the article's countries, and why.

    Never without a country context (an unknown name must not jump to a village
    somewhere in the world), never when two villages of that name fit: the named
    admin1 and district narrow the choice, nothing else guesses.
    """
    if len(name) < 3:
        return None  # "Al", "Bo": as a village name alone, no evidence of anything
    if within is not None:
        countries = [within.country_code] if within.country_code in context else []
    else:
        # The report's main countries only: a village in the tenth country a
        # coalition statement lists is a guess (and each country costs a search).
        countries = list(dict.fromkeys(context))[:_VILLAGE_COUNTRIES]
    found = [pair for code in countries for pair in gaz.small_places(name, code)]
    if within is not None and within.admin1_key is not None:
        found = [pair for pair in found if pair[0].admin1_key == within.admin1_key]
    if districts:
        # A village in another district than the one named is not the one meant.
        in_district = [pair for pair in found if pair[0].admin2_key in districts]
        found = in_district or [pair for pair in found if pair[0].admin2_key is None]
    # A village's own name outranks another village's alias, as for towns.
    places = [p for p, own in found if own] or [p for p, _ in found]
    if not places:
        return None
    best = max(places, key=lambda p: p.population)
    for other in places:
        if (
            other.admin1_key != best.admin1_key
            or abs(other.lat - best.lat) > _SAME_VILLAGE
            or abs(other.lon - best.lon) > _SAME_VILLAGE
        ):
            return None
    why = (
        "small place (below the towns' population cut) matched within the article's "
        f"country {best.country_code}"
    )
    if within is not None and within.admin1_key is not None:
        why += f", inside {within.name}"
    if districts and best.admin2_key in districts:
        why += ", in the district named with it"
    return best, why


def _inside(candidate: _Candidate, within: _Within) -> bool:
    if candidate.country_code != within.country_code:
        return False
    if within.admin1_key is None:
        return True
    if candidate.city is not None:
        return candidate.city.admin1_key == within.admin1_key
    if candidate.unit is not None:
        return candidate.unit.key == within.admin1_key
    return candidate.district is not None and candidate.district.admin1_key == within.admin1_key


def _pick_within(
    candidates: list[_Candidate], context: Sequence[str], prefer: str, within: _Within | None
) -> tuple[_Candidate, str] | None:
    """Like :func:`_pick`, but a candidate inside the named unit wins outright."""
    if within is not None:
        inside = [c for c in candidates if _inside(c, within)]
        picked = _pick(inside, [within.country_code], prefer)
        if picked is not None:
            return picked[0], f"inside {within.name}"
    return _pick(candidates, context, prefer)


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
        return _country_place(gaz, country, start, end, f"'central {country.name}'")
    if country is not None:
        table = gaz.direction(country.code, direction)
        unit = gaz.admin1s.get(table.admin1_key) if table and table.admin1_key else None
        if unit is not None and table is not None:
            why = (
                f"'{direction} {country.name}': {unit.name} holds {table.share:.0%} of that "
                "edge of the country"
            )
            return _admin1_place(gaz, unit, 3, start, end, why)
        share = f" (largest share {table.share:.0%})" if table else ""
        why = f"'{direction} {country.name}': no single admin1 clearly lies {direction}{share}"
        return _country_place(gaz, country, start, end, why)
    picked = _pick(_candidates(gaz, name), context, prefer="admin1")
    if picked is None:
        return None
    best, why = picked
    label = f"{direction} part of {name} ({why})"
    if best.unit is not None:
        return _admin1_place(gaz, best.unit, 2, start, end, label)
    assert best.city is not None
    return _town_place(gaz, best.city, 2, start, end, label)


def resolve_place(
    name: str,
    *,
    start: int | None = None,
    end: int | None = None,
    context: Sequence[str] = (),
    qualifier: str | None = None,
) -> Place | None:
    """Resolve a place mention to a :class:`Place`, or None when it is not in the gazetteer.

    ``qualifier`` is what :func:`find_place_phrases` found around the name (a
    compass direction, "province", "district", "near", ...); ``context`` lists
    the article's countries as ISO2 codes, most salient first.
    """
    gaz = get_gazetteer()
    name = _clean(name)
    if not name or not any(ch.isalpha() for ch in name) or name.lower() in _GENERIC_NAMES:
        return None
    # "Kurigram Sadar upazila": the headquarters subdistrict carries the town's name.
    name = re.sub(r"\s+sadar$", "", name, flags=re.I)
    qual = qualifier.lower().strip() if qualifier else None
    within, districts = None, frozenset[str]()
    if "," in name:  # "Bijapur, Chhattisgarh", "Maiduguri, Borno State", "X, district, state"
        head, *tail = name.split(",")
        within, districts = _hierarchy(gaz, tail, context)
        name = _clean(head)
        if not name:
            return None
    if qual is None and not _known(gaz, name):  # "North Waziristan" is a name
        head, _, rest = name.partition(" ")
        if rest and normalize_direction(head):
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
            return _country_place(gaz, country, start, end, f"country name '{name}'")

    if qual in UNIT_QUALIFIERS:
        picked = _pick_within(_candidates(gaz, name), context, "admin1", within)
        if picked is None:
            return None
        best, why = picked
        if best.unit is not None:
            return _admin1_place(gaz, best.unit, 3, start, end, f"admin1 '{name} {qual}' ({why})")
        assert best.city is not None
        # "Kidal region" with no admin1 of that name: the region around the town.
        return _town_place(gaz, best.city, 2, start, end, f"'{name} {qual}' named after town")

    near = qual in NEAR_QUALIFIERS
    if qual == "district":
        candidates = _candidates(gaz, name) + _district_candidates(gaz, name)
        picked = _pick_within(candidates, context, "admin2", within)
    else:
        candidates = _candidates(gaz, name)
        if within is not None and not any(_inside(c, within) for c in candidates):
            candidates += _district_candidates(gaz, name)
        candidates = _with_districts(gaz, name, candidates, context)
        picked = _pick_within(candidates, context, "city", within)
    if picked is None or (within is not None and not _inside(picked[0], within)):
        # No town answers (or none inside the unit the text names): a village may.
        small = _pick_small(gaz, name, context, within, districts)
        if small is not None:
            label = f"{qual} '{name}', a {small[1]}" if near else f"'{name}', a {small[1]}"
            return _town_place(gaz, small[0], 2 if near else 1, start, end, label)
    if picked is None:
        return None
    best, why = picked
    if best.district is not None:
        label = f"district '{name}'" + (f" ({qual})" if qual and qual != "district" else "")
        return _district_place(gaz, best.district, start, end, f"{label} ({why})")
    if best.city is not None:
        label = f"{qual} town '{name}'" if near else f"town '{name}'"
        return _town_place(gaz, best.city, 2 if near else 1, start, end, f"{label} ({why})")
    assert best.unit is not None
    label = f"{qual} '{name}', part of admin1" if near else f"admin1 '{name}'"
    return _admin1_place(gaz, best.unit, 2 if near else 3, start, end, f"{label} ({why})")


def _town_before(gaz: Gazetteer, text: str) -> str | None:
    """The longest trailing run of words in ``text`` that names a town (not a
    country): "Indore" in "Madhya Pradesh's Indore", "Kano" in "Kano city"."""
    words = _clean(text).split(" ")
    for i in range(len(words)):
        name = " ".join(words[i:])
        if gaz.cities(name) and gaz.country_by_name(name) is None:
            return name
    return None


def _known_prefix(gaz: Gazetteer, text: str) -> str | None:
    """The longest leading run of words in ``text`` that the gazetteer knows."""
    words = text.split(" ")
    for j in range(len(words), 0, -1):
        if _known(gaz, " ".join(words[:j])):
            return " ".join(words[:j])
    return None


def _known(gaz: Gazetteer, name: str) -> bool:
    return bool(
        gaz.country_by_name(name) or gaz.admin1(name) or gaz.cities(name) or gaz.admin2(name)
    )


def find_place_phrases(text: str, offset: int = 0) -> list[tuple[str, int, int, str | None]]:
    """Place phrases a regex can see: ``(name, start, end, qualifier)``.

    ``start``/``end`` cover the whole phrase ("southwest Pakistan", "near
    Maiduguri"), shifted by ``offset``; ``name`` is the place name inside it and
    ``qualifier`` a direction ("southwest"), a unit word ("province") or
    "near" / "outskirts" / "village in". Only names the gazetteer knows are kept;
    where phrases overlap, the longest wins.
    """
    gaz = get_gazetteer()
    found: list[tuple[str, int, int, str | None]] = []
    for pattern, fixed in _PHRASES:
        for match in pattern.finditer(text):
            name = _clean(match.group("name"))
            raw_qual = fixed or match.group("qual")
            whole = match.group().strip()
            if not fixed and normalize_direction(raw_qual) and _known(gaz, whole):
                # "North Waziristan", "South Sudan": the compass word is part of the name.
                found.append((whole, match.start() + offset, match.end() + offset, None))
                continue
            if fixed == "city":
                # "Indore city" is Indore; "Mexico City" and "Kuwait City" are names.
                whole_town = gaz.cities(whole) or gaz.admin1(whole)  # no district load here
                town = whole if whole_town else _town_before(gaz, match.group("name"))
                if town:
                    at = match.start() + whole.find(town)
                    found.append((town, at + offset, at + len(town) + offset, None))
                continue
            qual = normalize_direction(raw_qual) or raw_qual.lower()
            # Trim words away from the trigger until the gazetteer knows the name:
            # "Kabul Police" after "near", "Nigeria and Borno" before "State".
            words = name.split(" ")
            name_first = match.start("name") < match.start("qual") if not fixed else False
            tries = (
                [words[i:] for i in range(len(words))]
                if name_first
                else [words[:j] for j in range(len(words), 0, -1)]
            )
            name = next((" ".join(t) for t in tries if _known(gaz, " ".join(t))), "")
            within = match.groupdict().get("within")
            if not name and within and (inside := _known_prefix(gaz, within)):
                # "Wazirpur upazila of Barisal": the subdistrict is unknown, the unit
                # it lies in is not. Code the unit (a region: geo_precision 3).
                at = match.start("within")
                found.append((inside, at + offset, at + len(inside) + offset, None))
                continue
            if not name:
                continue
            name_start = match.start("name") + match.group("name").find(name)
            name_end = name_start + len(name)
            # The phrase keeps its trigger words but not what the name lost in cleaning.
            start = match.start() if match.start() < match.start("name") else name_start
            end = match.end() if match.end() > match.end("name") else name_end
            if within:
                inside = _known_prefix(gaz, within)
                if inside:
                    name = f"{name}, {inside}"
                    end = match.start("within") + len(inside)
                else:
                    end = match.end("qual")
            found.append((name, start + offset, end + offset, qual))
    found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
    kept: list[tuple[str, int, int, str | None]] = []
    for item in found:
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


_TOKEN = re.compile(r"[^\W\d_][\w.'’]*")
_GLUE = frozenset({"of", "the", "and", "d'ivoire", "d’ivoire"})


def _spans(text: str) -> list[str]:
    """Runs of capitalised words (with "of"/"the"/"and" inside), possessives cut."""
    runs: list[list[str]] = [[]]
    for match in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", match.group().rstrip("."))
        if word[:1].isupper() or (runs[-1] and word.lower() in _GLUE):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if run]


def country_codes_in(text: str) -> list[str]:
    """ISO2 codes of the countries an article talks about, most mentioned first.

    Counts country names, demonyms ("Pakistani"), big towns (a million people)
    and admin1 names that belong to one country only. Ties keep the order of
    first mention. A report that names none of those (a short note: "protesters
    marched in Cotonou") is read again with towns of 200,000 people as clues.
    """
    found = _country_codes_in(text, 1_000_000)
    return found or _country_codes_in(text, 200_000)


@cache
def _unit_words() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {word.lower(): code for word, code in data_rows("unit_words.tsv")}
    words = "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))
    return re.compile(rf"\b({words})s?\b", re.IGNORECASE), rows


def countries_of_unit_words(text: str) -> list[str]:
    """Countries named by the units a report uses that no other country has
    ("upazila": Bangladesh; "LGA": Nigeria), most mentioned first."""
    pattern, rows = _unit_words()
    counts = Counter(rows[m.group(1).lower()] for m in pattern.finditer(text))
    return [code for code, _ in counts.most_common()]


def countries_of_towns(names: Sequence[str]) -> list[str]:
    """Countries a report's place names point to when it names no country: each
    name that only one country has a town or admin1 of votes for it ("Allada" is
    only in Benin; "Tori" is in Benin and Italy and does not vote). Most votes
    first; a tie between the two best gives nothing."""
    gaz = get_gazetteer()
    votes: Counter[str] = Counter()
    for name in dict.fromkeys(_clean(n) for n in names):
        if not name or gaz.country_by_name(name) is not None:
            continue
        codes = gaz.town_countries(name) | {unit.country_code for unit in gaz.admin1(name)}
        if len(codes) == 1:
            votes[codes.pop()] += 1
    ranked = votes.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return []
    return [code for code, _ in ranked]


@cache
def _first_words(min_population: int) -> frozenset[str]:
    """First words of every name :func:`_country_codes_in` looks for: most words
    of a text start none, and are skipped without building their n-grams."""
    gaz = get_gazetteer()
    keys = [*gaz.country_name_keys(), *gaz.well_known_names(min_population)]
    return frozenset(key.split(" ")[0] for key in keys)


def _country_codes_in(text: str, min_population: int) -> list[str]:
    gaz = get_gazetteer()
    names = gaz.country_name_keys()
    places = gaz.well_known_names(min_population)
    starts = _first_words(min_population)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for run in _spans(text):
        words = run.split(" ")
        i = 0
        while i < len(words):
            lead = name_key(words[i]).split(" ")[0]
            if lead not in starts and lead[:-1] not in starts:
                i += 1  # no country, demonym or town name starts with this word
                continue
            for n in range(min(5, len(words) - i), 0, -1):
                chunk = words[i : i + n]
                if not chunk[0][:1].isupper() or not chunk[-1][:1].isupper():
                    continue
                raw = " ".join(chunk)
                key = name_key(raw)
                if len(key) <= 3 and raw.replace(".", "") != key.upper():
                    continue  # "Us", "In": short names count only as exact acronyms
                code = names.get(key) or places.get(key)
                if code is None and key.endswith("s") and gaz.is_demonym(key):
                    code = names.get(key[:-1])  # "Afghans", "Nigerians"
                if code:
                    counts[code] += 1
                    first.setdefault(code, len(first))
                    i += n
                    break
            else:
                i += 1
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


_SETTLEMENT = (
    r"(?:\s+(?:village|town|city|hamlet|locality|neighbou?rhood|quarter|settlement|market"
    r"|camp|area|commune|arrondissement|subdivision|district|municipality|ward|LGA))?"
)
# "Noma Tounga (Malanville, Alibori)", "Kandi (Alibori)": a place followed by the
# units it lies in, the way gazetteers, wire desks and ACLED notes write hierarchies.
_PAREN_PLACE = re.compile(
    r"\b(?P<name>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,4})"
    # "Dankoli village (Shendam, Plateau)": a settlement word may stand between,
    # and so may an editor's correction of the name in square brackets, before
    # or after that word: "Guessou [Guessou-Sud] (Bembereke, Borgou)".
    + _SETTLEMENT
    + r"(?:\s*\[(?P<corrected>[A-Z][^\[\]()\n]{0,60})\])?"
    + _SETTLEMENT
    + r"\s*\((?P<inner>[A-Z][^()\n,]{1,40})(?:,\s*(?P<outer>[A-Z][^()\n,]{1,40}))?\)"
)


def find_parenthetical_places(text: str, offset: int = 0) -> list[Place]:
    """Places written with their district and province in brackets.

    The named place is looked up inside the outermost unit (the corrected name
    first, when square brackets give one); a village the gazetteer does not know
    falls back to its district (geo_precision 2) or its province (geo_precision
    3), keeping the village's name.
    """
    gaz = get_gazetteer()
    found: list[Place] = []
    for match in _PAREN_PLACE.finditer(text):
        inner, outer = match["inner"].strip(), match["outer"]
        region = (outer or inner).strip()
        units = gaz.admin1(region)
        if not units:
            continue
        unit = units[0]
        start, end = offset + match.start("name"), offset + match.end("name")
        corrected = (match["corrected"] or "").strip()
        names = [corrected, match["name"]] if corrected else [match["name"]]
        # The district joins the look-up: it tells two villages of one name apart.
        units_text = f"{inner}, {outer.strip()}" if outer else region
        place = None
        for name in names:
            place = resolve_place(
                f"{name}, {units_text}", start=start, end=end, context=[unit.country_code]
            )
            if place is not None and place.admin1 == unit.name:
                break
            place = None
        if place is not None:
            found.append(place)
            continue
        name = names[0]
        district = next(iter(gaz.admin2(inner, unit.country_code)), None) if outer else None
        if district is not None:
            why = f"{name!r} not in the gazetteer: its district {inner!r}"
            fallback = _district_place(gaz, district, start, end, why)
        else:
            why = f"{name!r} not in the gazetteer: its province {region!r}"
            fallback = _admin1_place(gaz, unit, 3, start, end, why)
        # The village keeps its own name and the province the text gave.
        found.append(replace(fallback, name=name, admin1=unit.name, geonameid=None))
    return found
