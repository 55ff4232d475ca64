"""Cues that place an event where the small NER or a demonym would not.

Read for :mod:`.sentence_places`: the countries a sentence's names are looked up in
(the places' own countries before a demonym's: "Russian forces shelled X" is about
X's country), the object of a verb of attack as a place ("shelled X and Y", whatever
the NER called X), and the geoparser's towns the other readings missed, unless the
words after the name make it a street, road or area ("the X-Y highway").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Token

from newscoder import lexicon
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.places import resolve_place
from newscoder.types import Place, Toponym

_W = Stage.CODE

MISSED_GEOPARSED_TOWN = declare(
    "WW430", "geoparsed-town-missed", _W, Kind.FIND,
    "a town in the article's countries the geoparser found in a sentence whose readings "
    "missed it is one of its places, unless a street, road or area ('X-Y highway')",
)  # fmt: skip
PLACES_COUNTRY_FIRST = declare(
    "WW440", "places-country-first", _W, Kind.CHOOSE,
    "names are looked up first in the countries of the towns and regions the geoparser "
    "resolved, not a demonym's country ('Russian forces shelled ...')",
)  # fmt: skip
ATTACKED_PLACE = declare(
    "WW445", "object-of-attack-verb", _W, Kind.FIND,
    "a name the NER missed or took for a person or product, as object of a verb of attack "
    "or taking ground ('shelled X and Y', 'fired on X'), is a place",
)  # fmt: skip
TOWNS_ONLY_ABROAD = declare(
    "WW450", "towns-of-one-country-abroad", _W, Kind.CHOOSE,
    "where no place resolves in the article's countries (a demonym's: 'Russian forces "
    "shelled X'), a town name only one other country has puts that country first",
)  # fmt: skip

_UNDER_COUNTRY = frozenset({"town", "village", "admin1", "admin2"})
_NAME_RUN = re.compile(r"(?:\s*[-–—]\s*|\s+(?:and\s+)?)([\w'’]+)")


def countries_of_places(countries: Sequence[str], toponyms: Sequence[Toponym]) -> list[str]:
    """The article's countries, those of the towns and regions the geoparser resolved
    first (WW440); where it resolved none there, the country of each unresolved name
    that is a town in one other country only goes before them (WW450)."""
    counts = Counter(
        t.country_code
        for t in toponyms
        if t.name and t.country_code in countries and t.feature in _UNDER_COUNTRY
    )
    order = sorted(countries, key=lambda c: (-counts[c], countries.index(c)))
    if order[:1] != list(countries[:1]):
        fire(PLACES_COUNTRY_FIRST, "chose", order[0])
    if not countries or home_resolved(countries, toponyms):
        return order  # no country at all is the country clues' question (PL010, PL020)
    gaz = get_gazetteer()
    abroad: list[str] = []
    for t in toponyms:
        only = gaz.town_countries(t.text) if t.name is None else set()
        code = next(iter(only)) if len(only) == 1 else None
        if code is not None and code not in countries and code not in abroad:
            fire(TOWNS_ONLY_ABROAD, "chose", t.text, t.start)
            abroad.append(code)
    return abroad + order


def home_resolved(countries: Sequence[str], toponyms: Sequence[Toponym]) -> bool:
    """Whether the geoparser resolved any name in the article's countries."""
    return any(t.name and t.country_code in countries for t in toponyms)


def missed_towns(
    text: str,
    countries: Sequence[str],
    toponyms: Sequence[Toponym],
    start: int,
    end: int,
    places: Sequence[Place],
    taken: Sequence[tuple[int, int]],
) -> list[Toponym]:
    """Towns the geoparser resolved in ``[start, end)``, in the article's countries,
    that no place or taken span covers (WW430)."""
    spans = list(taken) + [
        (p.start, p.end) for p in places if p.start is not None and p.end is not None
    ]
    found = []
    for t in toponyms:
        if not (start <= t.start < end) or t.feature not in {"town", "village"}:
            continue
        if countries and t.country_code not in countries:
            continue  # "the Pale PDF" in Myanmar: no namesake town abroad
        if t.name is None or t.lat is None or any(a < t.end and t.start < b for a, b in spans):
            continue
        if _names_another_place(text, t.end):
            continue
        fire(MISSED_GEOPARSED_TOWN, "found", t.text, t.start)
        found.append(t)
    return found


def _names_another_place(text: str, end: int) -> bool:
    """ "X street", "the X-Y highway", "X and Y squares": the words after the town's
    name, up to the first lower-case one, make it another place's name."""
    heads = lexicon.words("place_not_town_heads") | lexicon.words("road_nouns")
    heads = heads | lexicon.words("geo_feature_words")
    for _ in range(4):
        match = _NAME_RUN.match(text, end)
        if match is None:
            return False
        word = match.group(1)
        if word.lower() in heads:
            return True
        if not word[:1].isupper():
            return False
        end = match.end()
    return False


def attack_object(tok: Token) -> bool:
    """ "shelled X", "captured X and Y", "fired on X", "X was shelled": the object of a
    verb of attack or taking ground, or its passive subject."""
    while tok.dep_ == "conj" and tok.head.pos_ == "PROPN":
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return tok.head.head.lemma_ == "fire"
    return tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lower_ in lexicon.words(
        "toponym_action_verbs"
    )


def attacked(
    place: Place | None, countries: Sequence[str], at_home: bool, name: str, start: int
) -> Place | None:
    """A place read from the object of an attack verb (WW445): in the article's
    countries, or, where the geoparser resolved nothing in them, a town name only one
    country has ("Russian forces shelled Kramatorsk")."""
    if place is None or (countries and place.country_code not in countries):
        if at_home:
            return None  # the article's own countries have places: no town abroad
        only = get_gazetteer().town_countries(name)
        if len(only) != 1:
            return None
        place = resolve_place(name, start=start, end=start + len(name), context=sorted(only))
        if place is None or place.country_code not in only:
            return None
    fire(ATTACKED_PLACE, "found", name, start)
    return place
