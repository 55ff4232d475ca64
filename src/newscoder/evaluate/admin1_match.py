"""Admin1 names compared inside their country.

ACLED and GeoNames name many admin1 units differently: spelling ("Thi Qar" /
"Dhi Qar", "Wassit" / "Wasit"), a unit word or article ("Bogota, D.C." /
"Distrito Capital de Bogota", "Oriental" / "L'Oriental") or a split ACLED makes
of one unit ("Shan-North", "Bago-West" are parts of Shan and Bago). Country-blind
keys (:func:`~newscoder.evaluate.codebook.admin1_key`) cannot match these: the
names are in no alias list, and short names are ambiguous across countries.

Here a name is looked up among the admin1 units of its own country only (the
gold row's country for the gold name, the coded location's country for the
system's), by the gazetteer's names and aliases first, then by the name without
a compass suffix or "City", then by whole-word containment and by spelling
similarity — each accepted only when it singles out one unit. The equivalence
comes from the gazetteer's data, not from any note.
"""

from __future__ import annotations

import difflib
import functools
import re

from newscoder.evaluate import codebook
from newscoder.lexicon import alternation
from newscoder.resolve.gazetteer import get_gazetteer, name_key

# Spelling similarity (difflib ratio, spaces ignored) for one unit to stand for a
# name of at least _SIMILAR_LENGTH letters ("thiqar" / "dhiqar" is 0.83).
_SIMILAR = 0.8
_SIMILAR_LENGTH = 6
_SUFFIX = re.compile(r"[\s-]+" + alternation("admin1_name_suffixes") + "$", re.I)
_ARTICLE = re.compile(r"^(?:l['’]|al[\s-]|el[\s-]|the\s)", re.I)


@functools.cache
def _units(country_code: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(admin1 key, its name keys) for each unit of one country."""
    gaz = get_gazetteer()
    keys: dict[str, set[str]] = {}
    for key, unit in gaz.admin1s.items():
        if unit.country_code == country_code:
            keys.setdefault(key, set()).add(name_key(unit.name))
    for name, unit_keys in gaz.admin1_index().items():
        for key in unit_keys:
            if key in keys:
                keys[key].add(name)
    return tuple((key, frozenset(names)) for key, names in sorted(keys.items()))


def _country_code(country: str | None) -> str | None:
    if not country:
        return None
    gaz = get_gazetteer()
    if len(country) == 2 and country.isupper() and country in gaz.countries:
        return country
    found = gaz.country_by_name(country) or gaz.country(country)
    return found.code if found else None


def _only(found: set[str]) -> str | None:
    return next(iter(found)) if len(found) == 1 else None


def _within(name: str, code: str) -> str | None:
    units = _units(code)
    gaz = get_gazetteer()
    forms = [name, _SUFFIX.sub("", name), _ARTICLE.sub("", name)]
    for form in forms:
        hit = _only({u.key for u in gaz.admin1(form, code)})
        if hit:
            return hit
    words = codebook.admin1_words(_ARTICLE.sub("", _SUFFIX.sub("", name)))
    if len(words) < 4:
        return None
    flat = words.replace(" ", "")
    # Whole-word containment: "bogota" in "distrito capital de bogota".
    padded = f" {words} "
    contained = {
        key
        for key, names in units
        for n in names
        if len(n) >= 4 and (padded.find(f" {n} ") >= 0 or f" {n} ".find(padded) >= 0)
    }
    hit = _only(contained)
    if hit:
        return hit
    scores = {
        key: max(difflib.SequenceMatcher(None, flat, n.replace(" ", "")).ratio() for n in names)
        for key, names in units
        if names
    }
    close = {key for key, score in scores.items() if score >= _SIMILAR}
    return _only(close) if len(flat) >= _SIMILAR_LENGTH else None


def admin1_key_in(name: str | None, country: str | None) -> str | None:
    """The comparison key of an admin1 name in its country: the gazetteer unit's
    key when one unit of that country answers to it, else the country-blind key."""
    if not name or not name.strip():
        return None
    code = _country_code(country)
    if code is not None:
        hit = _within(name, code)
        if hit:
            return hit
    return codebook.admin1_key(name)
