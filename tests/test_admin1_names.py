"""The gazetteer's admin1 names are the units' own names, checked against
pycountry's ISO 3166-2 subdivisions wherever the two overlap."""

from __future__ import annotations

import re

import pycountry

from newscoder.resolve.gazetteer import data_rows, name_key

# Words an official name adds to a place's name; never a unit's whole name.
_QUALIFIERS = {"federal", "capital", "autonomous", "regional", "special", "golden", "national"}


def _rows() -> list[list[str]]:
    return [row for row in data_rows("admin1.tsv")]


def test_known_names_are_not_nicknames_or_qualifiers() -> None:
    names = {row[0]: row[2] for row in _rows()}
    assert names["US.CA"] == "California"  # not "Golden" of "Golden State"
    assert names["BR.07"] == "Distrito Federal"  # not "Federal" of "Federal District"
    assert names["ET.51"] == "Oromia"  # not "Oromia Regional" of "Oromia Regional State"
    assert names["CI.93"] == "Abidjan"


def test_no_name_is_a_qualifier_alone() -> None:
    for row in _rows():
        words = row[2].lower().split()
        assert words and not all(w in _QUALIFIERS for w in words), row[:3]
        assert words[-1] not in {"regional", "golden"}, row[:3]


def _iso_names(code: str) -> set[str]:
    sub = pycountry.subdivisions.get(code=code)
    if sub is None:
        return set()
    # "Sofia (stolitsa)", "Illes Balears [Islas Baleares]", "Gagauzia, Unitatea ...":
    # the name before the bracket or comma, and the bracketed one.
    bare = re.sub(r"\s*[\[(].*?[\])]", "", sub.name).strip()
    head, _, kind = bare.partition(", ")
    names = {bare, head, f"{kind} {head}".strip()}
    names |= set(re.findall(r"[\[(]([^\])]+)[\])]", sub.name))
    return {n for n in names if n and not re.fullmatch(r"[A-Z]{2}-\w+.*|EH(-partial)?|city", n)}


def test_every_unit_is_found_by_its_iso_name() -> None:
    """Where pycountry names a subdivision, the unit goes by that name too (as its
    name or one of its keys): no build step replaced it with something else."""
    missing = []
    checked = 0
    for row in _rows():
        key, iso, keys = row[0], row[6], set(row[8].split("|"))
        names = _iso_names(iso) if iso else set()
        if not names:
            continue
        checked += 1
        own = {name_key(row[2])} | keys
        if not any(name_key(n) in own or name_key(n).replace(" ", "") in own for n in names):
            missing.append((key, row[2], sorted(names)))
    assert checked > 3000
    assert missing == []
