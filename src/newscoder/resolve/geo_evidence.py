"""What an article's names say about where it is: the geoparser's evidence.

Every name votes for the countries, admin1 units and points of its readings in
proportion to how likely each is (:func:`evidence_from`); a reading of another
name is then scored by its share of the others' votes, by how close it lies to
their points (:meth:`Evidence.beside`) and by how many of them could lie next
to it (:meth:`Evidence.cluster`). Used by :mod:`newscoder.resolve.geoparse`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newscoder.resolve.geo_candidates import Candidate

SETTLED = frozenset({"town", "village", "admin2"})
# A town abroad this close to a place the article names is across a border from
# it, not a namesake (Erie beside Ontario's towns).
BORDER_KM = 150.0

# Within these distances another name's reading places a town or district next
# to it (full, half a vote); at most CLUSTER_CAP such names count.
CLUSTER_KM = ((30.0, 1.0), (80.0, 0.5))
CLUSTER_CAP = 3.0


def flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km on a local flat map: within 1% of the great circle at the
    few hundred km the article's evidence looks at, at a fraction of the cost."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(x, lat2 - lat1)


class Reading(Protocol):
    """One name's reading as the evidence needs it (the geoparser's choice)."""

    ranked: list[tuple[Candidate, float]]
    hinted: bool


@dataclass(slots=True)
class Votes:
    """What one name (all its mentions) says about where the article is."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    points: list[tuple[float, float, float]] = field(default_factory=list)  # lat, lon, weight
    # Every settled reading the name may have, however unlikely (lat, lon).
    spots: list[tuple[float, float]] = field(default_factory=list)


@dataclass(slots=True)
class Evidence:
    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    by_group: dict[str, Votes] = field(default_factory=dict)

    def signature(self) -> tuple[object, ...]:
        """Every vote in its order: evidences with one signature score every reading
        alike, to the last bit of each sum."""
        groups = tuple(
            (
                k,
                tuple(v.countries.items()),
                tuple(v.admin1s.items()),
                tuple(v.points),
                tuple(v.spots),
            )
            for k, v in self.by_group.items()
        )
        return (tuple(self.countries.items()), tuple(self.admin1s.items()), groups)

    def add(self, key: str, votes: Votes) -> None:
        self.by_group[key] = votes
        self.countries.update(votes.countries)
        self.admin1s.update(votes.admin1s)

    @staticmethod
    def share(totals: Counter[str], own: Counter[str] | dict[str, float], item: str) -> float:
        rest = sum(totals.values()) - sum(own.values())
        if rest <= 1e-9:
            return 0.0
        return max(0.0, totals[item] - own.get(item, 0.0)) / rest

    def country_share(self, own: str, code: str) -> float:
        """``code``'s share of the country votes of every name but ``own``."""
        mine = self.by_group.get(own)
        return self.share(self.countries, mine.countries if mine else {}, code)

    def admin1_share(self, own: str, key: str) -> float:
        """``key``'s share of the admin1 votes of every name but ``own``."""
        mine = self.by_group.get(own)
        return self.share(self.admin1s, mine.admin1s if mine else {}, key)

    def beside(self, cand: Candidate, own: str) -> bool:
        """Whether another name's likely reading lies within BORDER_KM of ``cand``."""
        for key, votes in self.by_group.items():
            if key == own:
                continue
            for lat, lon, _ in votes.points:
                if flat_km(cand.lat, cand.lon, lat, lon) <= BORDER_KM:
                    return True
        return False

    def cluster(self, cand: Candidate, own: str) -> float:
        """How many of the article's other names could be a place next to this
        reading, whichever of their readings is likely: small namesakes named
        together (a town, its county, the next village) place each other."""
        total = 0.0
        for key, votes in self.by_group.items():
            if key == own or not votes.spots:
                continue
            best = 0.0
            for lat, lon in votes.spots:
                if abs(lat - cand.lat) > 1.0:
                    continue
                km = flat_km(cand.lat, cand.lon, lat, lon)
                for limit, factor in CLUSTER_KM:
                    if km <= limit:
                        best = max(best, factor)
                        break
                if best == 1.0:
                    break
            total += best
        return min(total, CLUSTER_CAP)

    def top_countries(self) -> list[str]:
        total = sum(self.countries.values()) or 1.0
        return [c for c, v in self.countries.most_common() if c and v / total >= 0.1]


def evidence_from(
    choices: Mapping[str, Reading], counts: Counter[str], given: Sequence[str], dateline: str | None
) -> Evidence:
    """Soft votes: every name votes for the countries, admin1 units and points
    of its candidates in proportion to how likely each is, weighted by how
    often the article names it (and more for the dateline or a hinted name)."""
    ev = Evidence()
    if given:
        ev.add("", Votes(Counter({code: 3.0 for code in given})))
    for key, choice in choices.items():
        if not choice.ranked:
            continue
        weight = 1.0 + math.log2(counts[key])
        if key == dateline:
            weight *= 3.0
        if choice.hinted:
            weight *= 2.0
        votes = Votes()
        for cand, p in choice.ranked[:8]:
            if (cand.feature == "site" and not cand.country_code) or p < 0.02:
                continue  # a sea or a continent says no country; "Darfur" does
            votes.countries[cand.country_code] += weight * p
            if cand.admin1_key:
                votes.admin1s[cand.admin1_key] += weight * p
            if cand.feature in SETTLED:
                votes.spots.append((cand.lat, cand.lon))
            if cand.feature in {"town", "village", "admin2"} and p >= 0.15:
                boost = 2.0 if choice.hinted else 1.2
                votes.points.append((cand.lat, cand.lon, min(1.0, p * boost)))
        ev.add(key, votes)
    return ev
