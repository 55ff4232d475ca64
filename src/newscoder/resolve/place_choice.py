"""Choosing among namesakes: gazetteer candidates for a name, and the one a report means.

A name has candidates (towns, admin1 units, districts, villages) in many countries.
The choice follows the evidence in order: the unit the text names around it ("X,
Borno State"), the report's own countries (most salient first), then population; a
small foreign namesake is refused rather than guessed. Villages below the towns'
population cut are a last resort, taken only inside the report's countries and
only when one village of that name fits.

The ``*_place`` builders turn a chosen entry into a :class:`~newscoder.types.Place`
with ACLED's geo_precision and the rule that decided it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import (
    Admin1,
    Admin2,
    City,
    Country,
    Gazetteer,
    SmallPlace,
    match_weight,
)
from newscoder.resolve.place_names import clean_name, generic_name
from newscoder.types import Place

DISTRICTS_LAST = declare(
    "PL170", "districts-when-nothing-else", Stage.RESOLVE, Kind.FIND,
    "districts are candidates only when no town or admin1 of the name answers in the "
    "article's countries ('North Waziristan', 'Kurram')",
)  # fmt: skip
INSIDE_NAMED_UNIT = declare(
    "PL175", "inside-named-unit", Stage.RESOLVE, Kind.CHOOSE,
    "a candidate inside the unit the text names with it ('Bijapur, Chhattisgarh') wins outright",
)  # fmt: skip
IN_ARTICLE_COUNTRY = declare(
    "PL180", "namesake-in-article-country", Stage.RESOLVE, Kind.CHOOSE,
    "of namesakes in several countries, the one in the article's most salient country",
)  # fmt: skip
ALIAS_YIELDS = declare(
    "PL182", "alias-yields-to-world-place", Stage.RESOLVE, Kind.VETO,
    "a place matched only by an alias is no candidate beside a namesake a thousand times "
    "larger ('New York' is not the village whose alias it is)",
)  # fmt: skip
OWN_NAME_FIRST = declare(
    "PL183", "own-name-before-alias", Stage.RESOLVE, Kind.VETO,
    "with no country in the article, a town of the very name beats a town known by it only "
    "as an alias unless that is 30 times larger ('Valence' is not Valencia)",
)  # fmt: skip
FOREIGN_MUST_BE_LARGE = declare(
    "PL185", "foreign-namesake-must-be-large", Stage.RESOLVE, Kind.VETO,
    "outside the article's countries only a large place is taken (towns 100,000, admin1 "
    "1,000,000, districts 500,000): a small one abroad is a worse guess",
)  # fmt: skip
NO_COUNTRY_GENERIC = declare(
    "PL187", "no-country-generic-name", Stage.RESOLVE, Kind.VETO,
    "with no country anywhere in the article, a town named only with compass and unit "
    "words ('South District', 'Central Ward') is no place: many towns have one",
)  # fmt: skip
MOST_POPULOUS = declare(
    "PL190", "namesake-most-populous", Stage.RESOLVE, Kind.CHOOSE,
    "with no article country among the candidates: the country of the most populous one "
    "(or of the only one)",
)  # fmt: skip
KIND_THEN_POPULATION = declare(
    "PL195", "kind-then-population", Stage.RESOLVE, Kind.CHOOSE,
    "in the chosen country: the kind the text asks for, then towns and admin1, districts, "
    "towns matched by an alias; then population ('Sinaloa' is the state)",
)  # fmt: skip


def _generic(candidate: Candidate) -> bool:
    return candidate.city is not None and generic_name(candidate.city.name)


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str  # "city" | "alias city" (matched by an alias only) | "admin1" | "admin2"
    country_code: str
    weight: float  # population, to break ties between countries
    city: City | None = None
    unit: Admin1 | None = None
    district: Admin2 | None = None


# How much larger a place abroad must be for an alias-only match at home to yield.
_WORLD = 1000
# How much larger a town known by an alias must be to beat a town of the very name when
# no country guides the choice: the geoparser's alias discount (1.5 in log10).
_ALIAS_OVER_OWN = 10**1.5
# Population a place outside the article's countries needs to be taken.
_FOREIGN_MIN = {"city": 100_000, "alias city": 100_000, "admin1": 1_000_000, "admin2": 500_000}


# --- the places a choice becomes ------------------------------------------------------


def country_place(
    country: Country, start: int | None, end: int | None, why: str, rule: Rule
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
        reason=rule.why(f"{why}; country centre (midpoint of its towns), geo_precision 3"),
        rule=rule.id,
    )


def admin1_place(
    gaz: Gazetteer,
    unit: Admin1,
    precision: int,
    start: int | None,
    end: int | None,
    why: str,
    rule: Rule,
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
        reason=rule.why(f"{why}; admin1 centroid (mean of its towns), geo_precision {precision}"),
        rule=rule.id,
    )


def town_place(
    gaz: Gazetteer,
    town: City | SmallPlace,
    precision: int,
    start: int | None,
    end: int | None,
    why: str,
    rule: Rule,
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
        reason=rule.why(f"{why}; {kind} coordinates, geo_precision {precision}"),
        rule=rule.id,
    )


def district_place(
    gaz: Gazetteer, district: Admin2, start: int | None, end: int | None, why: str, rule: Rule
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
        reason=rule.why(f"{why}; district centroid (mean of its towns), geo_precision 2"),
        rule=rule.id,
    )


# --- candidates -----------------------------------------------------------------------


def candidates(gaz: Gazetteer, name: str) -> list[Candidate]:
    """Towns (by their own name or an alias) and admin1 units called ``name``."""
    found = [
        Candidate("city" if own else "alias city", c.country_code, match_weight(c, own), city=c)
        for c, own in gaz.city_matches(name)
    ]
    found += [Candidate("admin1", u.country_code, u.population, unit=u) for u in gaz.admin1(name)]
    return found


def district_candidates(gaz: Gazetteer, name: str) -> list[Candidate]:
    return [Candidate("admin2", d.country_code, d.population, district=d) for d in gaz.admin2(name)]


def with_districts(
    gaz: Gazetteer, name: str, found: list[Candidate], context: Sequence[str]
) -> list[Candidate]:
    """Districts join only when no town or admin1 answers (in the article's
    countries, if known): "North Waziristan", "Kurram"."""
    if any(c.country_code in context for c in found) or (found and not context):
        return found
    districts = district_candidates(gaz, name)
    if districts:
        fire(DISTRICTS_LAST, "found", name, detail=f"{len(districts)} district(s)")
    return found + districts


def _own_names_first(found: list[Candidate]) -> list[Candidate]:
    """Without a country to guide it, an alias is a weaker match than a town's own name
    ("Valence" is the French town before Valencia, whose French name it is): towns
    known only by the alias yield unless the geoparser's alias discount still leaves
    them larger (PL183)."""
    own = max((c.weight for c in found if c.kind == "city"), default=0.0)
    weaker = [
        c
        for c in found
        if c.kind == "alias city"
        and c.city is not None
        and c.city.population < own * _ALIAS_OVER_OWN
    ]
    if not weaker:
        return found
    fire(OWN_NAME_FIRST, "vetoed", detail=f"{len(weaker)} alias match(es)")
    return [c for c in found if c not in weaker]


def pick(
    found: list[Candidate], context: Sequence[str], prefer: str
) -> tuple[Candidate, str] | None:
    """The best candidate and why: context country first, then the most populous
    country; inside the country the ``prefer`` kind, then population. The why names
    the rule that chose the country."""
    if not found:
        return None
    unique = len({c.country_code for c in found}) == 1
    rank = {code: i for i, code in enumerate(context)}
    in_context = [c for c in found if c.country_code in rank]
    largest = max(c.weight for c in found)
    small_alias = [c for c in found if c.kind == "alias city" and c.weight * _WORLD < largest]
    if small_alias:
        fire(ALIAS_YIELDS, "vetoed", detail=f"{len(small_alias)} alias match(es)")
        found = [c for c in found if c not in small_alias]
        in_context = [c for c in found if c.country_code in rank]
    if in_context:
        country = min(in_context, key=lambda c: rank[c.country_code]).country_code
        why = f"in article country {country}"
        chooser = IN_ARTICLE_COUNTRY
    else:
        if not context:
            # No country anywhere in the article: "South District" is a quarter of
            # Gibraltar to the gazetteer, and of a hundred towns to the world.
            named = [c for c in found if not _generic(c)]
            if len(named) < len(found):
                fire(NO_COUNTRY_GENERIC, "vetoed", detail=f"{len(found) - len(named)} generic")
            found = named
            if not found:
                return None
            found = _own_names_first(found)
        if context:
            # A small foreign namesake of an unlisted village is a worse guess
            # than no place; only a well-known foreign place is taken.
            large = [c for c in found if c.weight >= _FOREIGN_MIN[c.kind]]
            if len(large) < len(found):
                fire(FOREIGN_MUST_BE_LARGE, "vetoed", detail=f"{len(found) - len(large)} small")
            found = large
            if not found:
                return None
        country = max(found, key=lambda c: c.weight).country_code
        why = "most populous match" if not unique else "unique match"
        if context:
            why += ", outside the article's countries"
        chooser = MOST_POPULOUS
    if unique and not context:
        why = "unique match"
    fire(chooser, "chose", country)
    same = [c for c in found if c.country_code == country]
    # A town matched only through an alias ranks after a unit matched by name:
    # "Sinaloa" is the state, not the town "Sinaloa de Leyva".
    order = {"city": 1, "admin1": 1, "admin2": 2, "alias city": 3} | {prefer: 0}
    best = min(same, key=lambda c: (order[c.kind], -c.weight))
    if len(same) > 1:
        fire(KIND_THEN_POPULATION, "chose", best.kind, detail=f"of {len(same)} in {country}")
    return best, f"{why} [{chooser.id}]"


# --- the units a text names around a name ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Within:
    """The unit a mention says it lies in: "... district of Chhattisgarh"."""

    country_code: str
    admin1_key: str | None
    name: str


def _within(gaz: Gazetteer, text: str, context: Sequence[str]) -> Within | None:
    country = gaz.country_by_name(text)
    if country is not None:
        return Within(country.code, None, country.name)
    units = gaz.admin1(text)
    if not units:
        return None
    rank = {code: i for i, code in enumerate(context)}
    unit = min(units, key=lambda u: (rank.get(u.country_code, len(rank)), -u.population))
    return Within(unit.country_code, unit.key, unit.name)


def hierarchy(
    gaz: Gazetteer, parts: Sequence[str], context: Sequence[str]
) -> tuple[Within | None, frozenset[str]]:
    """The unit a mention lies in and the districts it names, read outermost
    first: "Borgou" in "X, Bembereke, Borgou"; "Alibori" in "X, Alibori, Benin".
    The districts only ever narrow the choice between villages."""
    names = [cleaned for part in parts if (cleaned := clean_name(part))]
    within = _within(gaz, names[-1], context) if names else None
    if within is None:
        return None, frozenset()
    for part in reversed(names[:-1]):
        if within.admin1_key is None:
            unit = next(iter(gaz.admin1(part, within.country_code)), None)
            if unit is None:
                break
            within = Within(unit.country_code, unit.key, unit.name)
            continue
        districts = frozenset(
            d.key
            for d in gaz.admin2(part, within.country_code)
            if d.admin1_key == within.admin1_key
        )
        return within, districts
    return within, frozenset()


def inside(candidate: Candidate, within: Within) -> bool:
    if candidate.country_code != within.country_code:
        return False
    if within.admin1_key is None:
        return True
    if candidate.city is not None:
        return candidate.city.admin1_key == within.admin1_key
    if candidate.unit is not None:
        return candidate.unit.key == within.admin1_key
    return candidate.district is not None and candidate.district.admin1_key == within.admin1_key


def pick_within(
    found: list[Candidate], context: Sequence[str], prefer: str, within: Within | None
) -> tuple[Candidate, str] | None:
    """Like :func:`pick`, but a candidate inside the named unit wins outright."""
    if within is not None:
        picked = pick([c for c in found if inside(c, within)], [within.country_code], prefer)
        if picked is not None:
            fire(INSIDE_NAMED_UNIT, "chose", within.name)
            return picked[0], f"inside {within.name} [{INSIDE_NAMED_UNIT.id}]"
    return pick(found, context, prefer)


# --- villages below the towns' cut ----------------------------------------------------

# Villages are looked for in this many of the article's countries, most salient first.
_VILLAGE_COUNTRIES = 3

# Two small places of one name closer than this (degrees) in one admin1 are one
# village listed twice (GeoNames often holds a village and its seat apart).
_SAME_VILLAGE = 0.1


def pick_small(
    gaz: Gazetteer,
    name: str,
    context: Sequence[str],
    within: Within | None,
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
