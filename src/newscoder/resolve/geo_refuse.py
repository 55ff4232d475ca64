"""Readings the geoparser refuses: a name whose only namesakes are a district
abroad, a district where the text says "village", or a place read out of a
longer unknown name when nothing in the text says which country it is in. The
name then stays unresolved rather than jumping to a namesake. Used by
:mod:`newscoder.resolve.geoparse`.
"""

from __future__ import annotations

from newscoder.lexicon import words
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.geo_candidates import Candidate
from newscoder.resolve.geo_evidence import SETTLED, Evidence
from newscoder.resolve.toponym_spans import Mention

SETTLEMENT_WORD = declare(
    "PL235", "settlement-word-not-a-unit", Stage.RESOLVE, Kind.REFUSE,
    "'X village' or 'X town' confirms a town or village only: a district or province of "
    "the name ranks behind, and one abroad leaves the name unresolved",
)  # fmt: skip
DISTRICT_ABROAD = declare(
    "PL240", "district-only-abroad", Stage.RESOLVE, Kind.REFUSE,
    "a district found only in a country none of the article's two or more other placed "
    "names is in stays unresolved, as a small town abroad does",
)  # fmt: skip
PART_ALONE = declare(
    "PL245", "part-of-name-without-evidence", Stage.RESOLVE, Kind.REFUSE,
    "a known name read out of a longer unknown one ('Pin' of 'Shwe Pin Kone') stays "
    "unresolved when no other name gives the article a country, unless a big city",
)  # fmt: skip

SETTLEMENT_WORDS = words("geo_settlement_unit_words")
# A part of a longer name with no country evidence is read only as a city this large.
_LONE_PART = 500_000
# Below this share of the other names' country votes, a country is not the article's.
_ABROAD = 0.1
# A district abroad is refused only when this many other names give the article countries.
_DISTRICT_VOTERS = 2


def other_votes(ev: Evidence | None, key: str) -> float:
    """The country votes of every name but this one (``key``)."""
    if ev is None:
        return 0.0
    mine = ev.by_group.get(key)
    return sum(ev.countries.values()) - (sum(mine.countries.values()) if mine else 0.0)


def _voters(ev: Evidence | None, key: str) -> int:
    """How many other names vote for a country."""
    if ev is None:
        return 0
    return sum(
        1
        for group, votes in ev.by_group.items()
        if group not in {key, ""} and sum(votes.countries.values()) > 0.5
    )


def refusal(
    name: str, first: Mention, best: Candidate, weak: bool, ev: Evidence | None, key: str
) -> str | None:
    """Why the best reading of an unhinted name is refused, or None. ``weak``: the
    name was read out of a longer one ("Delta" of "Danube Delta")."""
    others = other_votes(ev, key)
    if weak and best.feature in SETTLED and best.population < _LONE_PART and others <= 0.5:
        # "Pin" of "Shwe Pin Kone", "Tal" of "Tal Abyad" with no country named: the
        # longer name is unknown; a namesake of its part is no reading.
        fire(PART_ALONE, "left", name, first.start, best.country_code)
        return f"'{name}': part of a longer name, with no country evidence"
    abroad = ev is None or ev.country_share(key, best.country_code) < _ABROAD
    if first.unit in SETTLEMENT_WORDS and best.feature in {"admin1", "admin2"} and abroad:
        # "Kone village" is no district of New Caledonia.
        fire(SETTLEMENT_WORD, "left", name, first.start, best.feature)
        return f"'{name}': a village or town, and only a district or province of the name"
    if (
        best.feature == "admin2"
        and abroad
        and _voters(ev, key) >= _DISTRICT_VOTERS
        and not (ev and ev.beside(best, key))
    ):
        # "Kone" in a report that places Sagaing and Magway in Myanmar is no district of
        # New Caledonia; one other name ("Russia", a stray "WB") is too little evidence.
        fire(DISTRICT_ABROAD, "left", name, first.start, best.country_code)
        return f"'{name}': only namesakes outside the article's countries"
    return None
