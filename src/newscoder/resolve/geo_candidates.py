"""Gazetteer candidates for the geoparser: what a name can be.

For one article, :class:`Lookup` lists every place a name may mean: countries
(at the point gazetteers give them, ``country_points.tsv``), admin1 units and
their press abbreviations (``state_abbreviations.tsv``), districts, towns,
villages in the article's countries, and continents, seas and world regions
(``regions.tsv``). :meth:`Lookup.known` tells recognition how well the
gazetteer knows a name. Choosing among the candidates is
:mod:`newscoder.resolve.geoparse`.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from newscoder.lexicon import word_map, words
from newscoder.registry import Firing, Kind, Stage, declare, fire, replay, tracing
from newscoder.resolve.gazetteer import (
    MEMO_LIMIT,
    Gazetteer,
    data_rows,
    get_gazetteer,
    name_key,
)
from newscoder.resolve.toponym_spans import PARTICLE
from newscoder.types import Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

DIRECTION_WORDS = words("geo_direction_words")
# Unit words written with a name that make it the admin1 unit ("Herat province").
ADMIN1_UNIT_WORDS = words("geo_admin1_unit_words")
# A town this large that shares its name with an admin1 of its country is what
# the name means on its own ("Washington", "New York"), unless "state" follows.
CITY_OVER_UNIT = 500_000
_ABBREVIATED = word_map("geo_name_abbreviations")

SPELLED_OUT = declare(
    "WW465", "abbreviated-name-spelled-out", Stage.RESOLVE, Kind.FIND,
    "a name opening with an abbreviation ('St. Marc', 'Ft. Worth') is also looked up "
    "spelled out (Saint-Marc, Fort Worth), even beside a namesake spelt so",
)  # fmt: skip


def spelled_out(name: str) -> tuple[str, ...]:
    """The name with its abbreviated first word spelled out, each way the word may stand
    for ("St. Gallen": "Saint Gallen", "Sankt Gallen"), or none."""
    head, _, rest = name.partition(" ")
    if not rest and "." in head:
        head, _, rest = name.partition(".")  # "St.Marc"
    full = _ABBREVIATED.get(head.rstrip(".").lower())
    if not (full and rest.strip()):
        return ()
    return tuple(f"{word} {rest.strip()}" for word in full.split("|"))


def _acronym(name: str) -> bool:
    """A capitals-only word of two or three letters ("UN", "EU", "NSW"): an
    acronym, a country, a unit's abbreviation — never a town's name, which
    the gazetteer writes in lower case ("Un", India; "Eu", France)."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 3 and bare.isalpha() and bare.isupper()


# Villages of one name looked up per country (a name like "Kent" has dozens), in the
# first few countries of a reading.
_VILLAGES = 20
_VILLAGE_COUNTRIES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    feature: str
    name: str
    country_code: str
    admin1_key: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None = None
    alias: bool = False  # matched through an alias only
    kind: str = ""  # "continent", "sea", "abbreviation", ...


# --- data -----------------------------------------------------------------------


# "San Pedro de las Colonias": words joined by a lower-case particle.
_PARTICLE_INSIDE = re.compile(rf"\S\s+{PARTICLE}\S")


@cache
def regions() -> dict[str, Candidate]:
    out = {}
    for name, aliases, lat, lon, kind, gid, country in data_rows("regions.tsv"):
        # A region inside one country ("Darfur", "England") votes for it.
        cand = Candidate(
            "site", name, country, None, float(lat), float(lon), 0, int(gid) if gid else None,
            kind=kind,
        )  # fmt: skip
        for alias in [name, *filter(None, aliases.split("|"))]:
            out[name_key(alias)] = cand
    return out


@cache
def city_press_names() -> dict[str, tuple[str, str]]:
    """Press names of big cities, as written ("L.A.", "NYC") -> (gazetteer name, ISO2)."""
    return {press: (name, country) for press, name, country in data_rows("city_press_names.tsv")}


@cache
def abbreviations() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """AP abbreviations -> ISO 3166-2, postal codes -> ISO, ISO -> English name."""
    ap: dict[str, str] = {}
    postal: dict[str, str] = {}
    names: dict[str, str] = {}
    for iso, name, forms, code in data_rows("state_abbreviations.tsv"):
        names[iso] = name
        for form in forms.split("|"):
            if "." in form:  # "Alaska", "Texas": full names the gazetteer has already
                ap[form.replace(" ", "")] = iso
        postal[code] = iso
    return ap, postal, names


@cache
def country_points() -> dict[str, tuple[float, float]]:
    return {code: (float(lat), float(lon)) for code, lat, lon in data_rows("country_points.tsv")}


@cache
def admin1_points() -> dict[str, tuple[float, float]]:
    """The geoparser's point for an admin1 unit: the centre of its places' box
    (``admin1_points.tsv``), not the towns' mean ``admin1.tsv`` keeps for events."""
    return {key: (float(lat), float(lon)) for key, lat, lon in data_rows("admin1_points.tsv")}


@cache
def iso_admin1() -> dict[str, str]:
    gaz = get_gazetteer()
    return {u.iso_code: key for key, u in gaz.admin1s.items() if u.iso_code}


def unit_keys(gaz: Gazetteer, key: str | None) -> set[str]:
    """Name keys an admin1 unit goes by as its own name (not an alias)."""
    unit = gaz.admin1s.get(key or "")
    if unit is None:
        return set()
    return {name_key(unit.name), name_key(admin1_name(gaz, key) or unit.name)}


def admin1_name(gaz: Gazetteer, key: str | None) -> str | None:
    if key is None or key not in gaz.admin1s:
        return None
    unit = gaz.admin1s[key]
    # The English name where the hand table has one (GeoNames-derived names can
    # be a nickname: "Golden" for California).
    return abbreviations()[2].get(unit.iso_code or "", unit.name)


# --- candidates -----------------------------------------------------------------


# A name's candidates, with the rules their look-up fired, per gazetteer and per the
# first countries of a reading (the villages searched): the geoparser reads each article
# two or three times with a new Lookup, and the same names come back across articles.
# A Lookup's first ask of a name records those rules again, as a fresh look-up would.
_Answer = tuple[list[Candidate], tuple[Firing, ...]]
_SHARED: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[tuple[str, ...], str, bool], _Answer]]
_SHARED = weakref.WeakKeyDictionary()


class Lookup:
    """Gazetteer candidates per name, remembered for one article."""

    def __init__(self, gaz: Gazetteer, countries: Sequence[str]) -> None:
        self.gaz = gaz
        self.countries = list(countries)
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}
        self._villages = tuple(self.countries[:_VILLAGE_COUNTRIES])
        shared = _SHARED.get(gaz)
        if shared is None:
            shared = _SHARED[gaz] = {}
        self._shared = shared

    def known(self, name: str) -> int:
        """3: a country, admin1, abbreviation or region; 2: a city of 50,000+;
        1: a town or district; 0: unknown (see ``toponyms.Known``)."""
        levels = self.gaz.known_levels  # the gazetteer's alone: see Gazetteer.__init__
        level = levels.get(name)
        if level is None:
            level = self._known(name)
            if not level:
                level = max((self._known(full) for full in spelled_out(name)), default=0)
            if len(levels) >= MEMO_LIMIT:
                levels.clear()
            levels[name] = level
        return level

    def _known(self, name: str) -> int:
        if name.strip() in city_press_names():
            return 2
        key = name_key(name)
        if not key or len(key) < 2:
            return 0
        if key in regions() or self._abbreviation(name) is not None:
            return 3
        if self.gaz.country_by_name(name) is not None:
            return 3
        units = self.gaz.admin1(name)
        if any(key in unit_keys(self.gaz, u.key) for u in units):
            return 3
        if _acronym(name):
            return int(bool(units))  # "UN", "EU": no town "Un" or "Eu"
        matches = self.gaz.city_matches(name)
        towns = [c for c, own in matches if own]
        if not towns and _PARTICLE_INSIDE.search(name):
            # A name joined by a particle is no common word even as an alias:
            # "San Pedro de las Colonias" is San Pedro's full name.
            towns = [c for c, _ in matches]
        if any(c.population >= 50_000 for c in towns):
            return 2
        # Names the gazetteer has only as aliases ("Barn" for Bern, "Human" for
        # Uman) are no evidence of a place in running text.
        # Villages are not asked here: a village is recognised only as the NER,
        # a pattern or a hint presents it (searching them for every capitalised
        # word would cost more than the rest of geoparsing together).
        return int(bool(towns or units or self.gaz.admin2(name)))

    def _abbreviation(self, name: str) -> str | None:
        iso = abbreviations()[0].get(name.replace(" ", ""))
        return iso_admin1().get(iso) if iso else None

    def candidates(self, name: str, *, postal: bool = False) -> list[Candidate]:
        cached = self._cache.get((name, postal))
        if cached is not None:
            return cached
        key = (self._villages, name, postal)
        answer = self._shared.get(key)
        if answer is None:
            with tracing() as trace:
                found = self._lookup(name, postal)
            if len(self._shared) >= MEMO_LIMIT:
                self._shared.clear()
            answer = self._shared[key] = (found, tuple(trace.firings))
        found, firings = answer
        replay(firings)
        self._cache[(name, postal)] = found
        return found

    def _lookup(self, name: str, postal: bool) -> list[Candidate]:
        found = self._lookup_name(name, postal)
        # "St. Petersburg" is Saint Petersburg as well as the Florida town the gazetteer
        # spells that way: the spelled-out names join the candidates, and the evidence
        # chooses among them.
        have = {(c.geonameid, c.name, c.country_code) for c in found}
        for full in spelled_out(name):
            more = [
                c
                for c in self._lookup_name(full, postal)
                if (c.geonameid, c.name, c.country_code) not in have
            ]
            if more:
                fire(SPELLED_OUT, "spelled out", name, None, full)
                found += more
                have.update((c.geonameid, c.name, c.country_code) for c in more)
        if found:
            return found
        head, _, rest = name.partition(" ")
        if rest and head.lower() in DIRECTION_WORDS:
            # "North Texas", "southern Sudan"; marked: the name itself is unknown
            # ("Central Plateau" is no part of Nigeria's Plateau State).
            return [replace(c, kind=c.kind or "core") for c in self._lookup_name(rest, postal)]
        # "Sri Lankan" when the NER calls it a place; a running-text word is no
        # ISO code ("ST" of "ST. JOHN'S", "PA"), a hint after a comma may be one.
        country = self.gaz.country(name, codes=postal)
        if country is not None:
            lat, lon = country_points().get(country.code, (country.lat, country.lon))
            return [
                Candidate(
                    "country",
                    country.name,
                    country.code,
                    None,
                    lat,
                    lon,
                    10**9,
                    country.geonameid,
                    kind="demonym",
                )
            ]
        return []

    def _lookup_name(self, name: str, postal: bool) -> list[Candidate]:
        gaz = self.gaz
        press = city_press_names().get(name.strip())
        if press is not None:
            # "L.A.", "NYC": the big city the press name stands for (WW515).
            full, code = press
            fire(CITY_PRESS_NAME, "read", name, None, full)
            return [c for c in self._lookup_name(full, postal) if c.country_code == code]
        key = name_key(name)
        out: list[Candidate] = []
        region = regions().get(key)
        if region is not None:
            out.append(region)
        abbr = self._abbreviation(name)
        if abbr is None and postal:
            iso = abbreviations()[1].get(name.strip().rstrip("."))
            abbr = iso_admin1().get(iso) if iso else None
        if abbr is not None:
            unit = gaz.admin1s[abbr]
            out.append(self._unit(unit.key, "abbreviation"))
            return out
        country = gaz.country_by_name(name)
        alias_only = country is not None and name_key(country.name) != key
        if region is not None and not region.country_code and alias_only:
            country = None  # "Central Africa" is the region, not the alias of the CAR
        if country is not None and (len(key) > 2 or name.isupper()):
            lat, lon = country_points().get(country.code, (country.lat, country.lon))
            out.append(
                Candidate(
                    "country", country.name, country.code, None, lat, lon, 10**9, country.geonameid
                )
            )
        for unit in gaz.admin1(name):
            out.append(self._unit(unit.key, ""))
        if _acronym(name):
            return out  # "UN" is the United Nations, not the Indian town Un
        for district in gaz.admin2(name):
            out.append(
                Candidate(
                    "admin2",
                    district.name,
                    district.country_code,
                    district.admin1_key,
                    district.lat,
                    district.lon,
                    district.population,
                )
            )
        for city, own in gaz.city_matches(name):
            out.append(
                Candidate(
                    "town",
                    city.name,
                    city.country_code,
                    city.admin1_key,
                    city.lat,
                    city.lon,
                    city.population,
                    city.geonameid,
                    alias=not own,
                )
            )
        for code in self._villages:
            for place, own in gaz.small_places(name, code)[:_VILLAGES]:
                out.append(
                    Candidate(
                        "village",
                        place.name,
                        place.country_code,
                        place.admin1_key,
                        place.lat,
                        place.lon,
                        place.population,
                        alias=not own,
                    )
                )
        return out

    def _unit(self, key: str, kind: str) -> Candidate:
        unit = self.gaz.admin1s[key]
        lat, lon = admin1_points().get(key, (unit.lat, unit.lon))
        return Candidate(
            "admin1",
            unit.name,
            unit.country_code,
            unit.key,
            lat,
            lon,
            unit.population,
            unit.geonameid,
            kind=kind,
        )


# --- names the gazetteer lacks ----------------------------------------------------

CITY_PRESS_NAME = declare(
    "WW515", "city-press-name", Stage.RESOLVE, Kind.FIND,
    "a big city's press name as written ('L.A.', 'NYC', 'Philly') is that city",
)  # fmt: skip

KNOWN_PART = declare(
    "WW315", "known-part-of-unknown-name", Stage.RESOLVE, Kind.DEFAULT,
    "an unknown name built with unit words on a known place stands there, half as "
    "sure: 'Boone County Jail', 'Hamilton Township', 'Town of Groton'",
)  # fmt: skip

_FEATURE_WORDS = words("geo_feature_words")
UNIT_WORDS = words("toponym_lower_units")
# Words that are no place on their own ("Town" of "Town of Groton" is not St Lucia's).
_NOT_PARTS = (
    words("toponym_never")
    | DIRECTION_WORDS
    | words("toponym_lower_units")
    | _FEATURE_WORDS
    | {w + "s" for w in _FEATURE_WORDS}
)


def known_part(name: str, lookup: Lookup) -> str | None:
    """The known place an unknown name is built on with unit words: a county or
    other unit opening it ("Boone County" of "Boone County Jail"), a name before
    a unit word ("Hamilton" of "Hamilton Township") or after "<unit> of"
    ("Groton" of "Town of Groton"). Other runs of words are no evidence: "Nelson"
    does not place "Nelson Mandela Bay"."""
    words = name.replace("’", "'").split()
    parts = []
    for size in range(len(words) - 1, 0, -1):
        head, rest = words[:size], words[size:]
        if head[-1].lower() in UNIT_WORDS or (len(rest) == 1 and rest[0].lower() in UNIT_WORDS):
            parts.append(head)
    if len(words) > 2 and words[0].lower() in UNIT_WORDS and words[1] == "of":
        parts.append(words[2:])
    for part in parts:
        text = " ".join(part).removesuffix("'s").rstrip("',")
        if not text[:1].isupper() or text.lower() in _NOT_PARTS:
            continue
        found = lookup.candidates(text)
        if any(c.feature != "site" and not c.alias and c.kind != "demonym" for c in found):
            fire(KNOWN_PART, "found", text)
            return text
    return None


def named_after(name: str) -> str | None:
    """ "Kanawha River" -> "Kanawha", "Lake Vermilion" -> "Vermilion"."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1].lower() in _FEATURE_WORDS:
        return " ".join(words[:-1])
    if words[0].lower() in {"lake", "mount", "mt."}:
        return " ".join(words[1:])
    return None


def demonym_toponyms(doc: Doc, gaz: Gazetteer, taken: list[Toponym]) -> list[Toponym]:
    """The NER's nationalities ("Sudanese") as their country, where no toponym is."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "NORP" or any(
            t.start < ent.end_char and ent.start_char < t.end for t in taken
        ):
            continue
        country = gaz.country(ent.text, codes=False)  # "AU" of a NORP is no ISO code
        if country is None:
            continue
        lat, lon = country_points().get(country.code, (country.lat, country.lon))
        found.append(
            Toponym(ent.text, ent.start_char, ent.end_char, country.name, country.code, None,
                    lat, lon, country.geonameid, "country", 0.9,
                    f"demonym of {country.name} (demonyms counted as toponyms on request)")
        )  # fmt: skip
    return found
