"""The geoparser: every toponym in a text, resolved to a gazetteer entry.

``newscoder.geoparse(text)`` parses the text with the project's spaCy
pipeline; ``geoparse_doc(doc)`` reuses a parse (the coder's) and returns typed
:class:`~newscoder.types.Toponym` values. Recognition is
:mod:`newscoder.resolve.toponyms`, the candidates of a name
:mod:`newscoder.resolve.geo_candidates`; here each candidate gets a score:

1. a prior: the kind of place and its population;
2. the admin hint written next to the name ("X, Tenn.", "X (Y)", "X County",
   "X district of Y"): a candidate outside the named unit is dropped;
3. the article's evidence: every other name votes for its candidates'
   countries, admin1 units and positions in proportion to how likely each is
   (three readings, each using the votes of the one before; the dateline
   counts most; local news names places close to each other).

A small name with no country evidence, or found only abroad when the article
is about somewhere else, stays unresolved rather than jumping to a namesake.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from newscoder.lexicon import word_map
from newscoder.nlp.cache import doc_ents, doc_text
from newscoder.registry import Firing, Kind, Stage, declare, fire, replay, tracing, untraced
from newscoder.resolve.gazetteer import Gazetteer, get_gazetteer, name_key
from newscoder.resolve.geo_candidates import (
    ADMIN1_UNIT_WORDS,
    CITY_OVER_UNIT,
    DIRECTION_WORDS,
    UNIT_WORDS,
    Candidate,
    Lookup,
    admin1_name,
    admin1_points,
    demonym_toponyms,
    known_part,
    named_after,
    unit_keys,
)
from newscoder.resolve.geo_evidence import SETTLED, Evidence, evidence_from, flat_km
from newscoder.resolve.geo_refuse import SETTLEMENT_WORD, SETTLEMENT_WORDS, other_votes, refusal
from newscoder.resolve.geo_twins import TWIN_REASON, twin
from newscoder.resolve.name_senses import other_sense, other_sense_names
from newscoder.resolve.place_names import generic_name
from newscoder.resolve.toponyms import Mention, recognise
from newscoder.types import Toponym

NAMESAKES_TOGETHER = declare(
    "WW300", "namesakes-named-together", Stage.RESOLVE, Kind.CHOOSE,
    "a town or district gains a point per other name with a reading within 30 km (80: "
    "half), up to 3, unless a city of 100,000+ shares its name",
)  # fmt: skip

ADMIN1_AT_CENTRE = declare(
    "WW305", "admin1-at-its-centre", Stage.RESOLVE, Kind.DEFAULT,
    "a state or province in the places list stands at the centre of its places' box, "
    "where gazetteers put it, not at its towns' mean",
)  # fmt: skip

PART_ABROAD = declare(
    "WW485", "part-of-name-abroad", Stage.RESOLVE, Kind.REFUSE,
    "a place known by part of its name only ('Delta' of 'Danube Delta') stays unresolved "
    "when that part lies in a country the article does not otherwise name",
)  # fmt: skip
ACROSS_A_BORDER = declare(
    "WW470", "town-across-a-border", Stage.RESOLVE, Kind.CHOOSE,
    "a small town outside the article's countries is kept, not left unresolved, when it "
    "lies within 150 km of a place the article names (a border region)",
)  # fmt: skip

FEATURE_OF_ITS_STATE = declare(
    "WW475", "feature-named-after-its-state", Stage.RESOLVE, Kind.DEFAULT,
    "a forest, lake or river the gazetteer lacks, named after a state or province with no "
    "town of that name in it ('Texas Forest'), stands at that unit",
)  # fmt: skip

PART_ELSEWHERE = declare(
    "WW535", "part-of-name-in-another-state", Stage.RESOLVE, Kind.REFUSE,
    "an unknown name read through a place in it ('Mount Hood') stays unresolved when that "
    "place lies outside the article's states and away from its places",
)  # fmt: skip

AT_ITS_HOST = declare(
    "WW540", "unknown-name-at-its-host", Stage.RESOLVE, Kind.DEFAULT,
    "a name the gazetteer lacks, written with a place the article resolves ('Balintawak, "
    "Quezon City'), stands at that place, with low confidence",
)  # fmt: skip

REGION_OF_A_CITY = declare(
    "WW545", "region-of-a-city", Stage.RESOLVE, Kind.CHOOSE,
    "'X region' is the admin1 unit X where one exists; where none does ('the Houston "
    "region') the word sets no level: the city keeps its rank over a county",
)  # fmt: skip

DWARFED = declare(
    "WW495", "namesake-dwarfed-by-a-city", Stage.RESOLVE, Kind.CHOOSE,
    "a town a city of 500,000+ of its name dwarfs 50 times gains nothing from the "
    "article's state: 'Boston' in a report naming New York is the city",
)  # fmt: skip

COUNTRY_LIST = declare(
    "WW500", "countries-listed-not-hinted", Stage.RESOLVE, Kind.VETO,
    "a country's name followed by another country ('China, Japan and Korea') is a list, "
    "not a town of that name placed inside the second country",
)  # fmt: skip

GENERIC_ABROAD = declare(
    "WW530", "generic-name-abroad", Stage.RESOLVE, Kind.REFUSE,
    "a name of compass and unit words only ('Western', 'Central Region') stays unresolved "
    "when its readings lie in countries the article does not name",
)  # fmt: skip

FEATURES = ("country", "admin1", "admin2", "town", "village", "site")
# Population a town abroad needs when the article is about other countries.
_FOREIGN_TOWN = 100_000
# Below this, a town with no country evidence at all is a guess.
_LONE_TOWN = 15_000
_CLOSENESS = ((25.0, 1.0), (75.0, 0.8), (150.0, 0.6), (400.0, 0.3))
# Readings of the article after the first: each uses the evidence of the one before.
_PASSES = 3
# Candidates of a name scored against the article's evidence (best priors first).
_SCORED = 20
# A namesake this many times smaller than such a city is no reading the article's
# state or province can carry (WW495).
_DWARFED = 50
# An alias-only match this large stays beside places of the very name.
_ALIAS_CITY = 100_000


def _other_countries(ev: Evidence | None, key: str) -> bool:
    """Whether the article names countries other than through this name's own votes."""
    return other_votes(ev, key) > 0.5


# --- scoring --------------------------------------------------------------------


def _core(name: str) -> str:
    """A name without a leading compass word: "Northeast Georgia" -> "Georgia"."""
    head, _, rest = name.partition(" ")
    return rest if rest and head.lower() in DIRECTION_WORDS else name


def _prior(cand: Candidate, mention: Mention, cands: Sequence[Candidate]) -> float:
    if cand.feature == "admin1" and cand.kind != "abbreviation":
        own = name_key(_core(mention.text)) in unit_keys(get_gazetteer(), cand.admin1_key)
        if not own:
            return 5.0  # "Columbia" is the District of Columbia only by an alias
        if mention.unit not in ADMIN1_UNIT_WORDS and any(
            c.feature == "town"
            and c.country_code == cand.country_code
            and c.population >= CITY_OVER_UNIT
            and not c.alias
            for c in cands
        ):
            return 5.5  # "Washington": the city, unless "Washington state"
    if cand.feature == "country":
        score = 11.0
    elif cand.feature == "site" and cand.kind == "former":
        # A former province ("Nyanza", Kenya's until 2013) ranks as a unit does: a
        # town of its name in the article's country still wins.
        score = 8.0
    elif cand.feature == "site":
        score = 10.0
    elif cand.feature == "admin1":
        score = 7.0 + min(2.0, math.log10(cand.population + 10) / 4)
    elif cand.feature == "admin2":
        # Without its unit word a district ranks below a town of its name
        # ("Arlington" is the Texas city before Arlington County, Virginia).
        score = 1.5 + math.log10(cand.population + 10) / 2
    else:
        score = math.log10(cand.population + 10)
        if cand.feature == "village":
            score -= 0.5
    if cand.alias:
        score -= 1.5
    if mention.unit in {"county", "parish", "borough", "district"}:
        score += 6.0 if cand.feature == "admin2" else -4.0
    elif mention.unit == "region" and not any(c.feature == "admin1" for c in cands):
        # "the Houston region" is the city's, not a county: where no first-level
        # unit has the name, "region" says nothing of its level (WW545).
        if cand is cands[0]:
            fire(REGION_OF_A_CITY, "read", mention.text, mention.start)
    elif mention.unit in ADMIN1_UNIT_WORDS - {"state"}:
        # "Herat province" is the province before the district of the same name.
        score += {"admin1": 6.0, "admin2": 4.0}.get(cand.feature, -4.0)
    elif mention.unit in SETTLEMENT_WORDS:
        # "Kone village" is a village: its district or province ranks behind (PL235).
        if cand.feature in {"admin1", "admin2"}:
            fire(SETTLEMENT_WORD, "ranked behind", mention.text, mention.start, cand.feature)
            score -= 4.0
    elif mention.unit == "township":
        score += 3.0 if cand.feature in {"admin2", "village", "town"} else -2.0
    return score


def _inside(cand: Candidate, hint: list[Candidate]) -> bool:
    for unit in hint:
        if unit.feature == "country" and cand.country_code == unit.country_code:
            return True
        if unit.feature == "admin1" and cand.admin1_key == unit.admin1_key:
            return True
        if unit.feature == "site":
            # Imported here: the evaluation package is no start-up cost of `newscoder code`.
            from newscoder.evaluate.metrics import haversine_km

            if haversine_km(cand.lat, cand.lon, unit.lat, unit.lon) < 2000:
                return True
    return False


def _hint_units(lookup: Lookup, hint: str | None) -> list[Candidate]:
    if not hint:
        return []
    units = [
        c
        for c in lookup.candidates(hint, postal=True)
        if c.feature in {"country", "admin1"} or c.kind == "continent"
    ]
    return units


def _context(
    cand: Candidate, ev: Evidence, own: str, cluster: bool = True, big: int = 0
) -> tuple[float, str]:
    """Score from the article's other places (never from the name's own
    mentions), and the strongest reason. ``big``: the population of the largest
    town of the name in this reading's country."""
    score, why = 0.0, ""
    if cand.country_code:
        share = ev.country_share(own, cand.country_code)
        score += 4.0 * share
        if share >= 0.3:
            why = f"in the article's country {cand.country_code}"
    if cand.admin1_key:
        share = ev.admin1_share(own, cand.admin1_key)
        if big >= CITY_OVER_UNIT and cand.population * _DWARFED < big:
            # "Boston" in a report that names New York is the city, not Boston, N.Y.:
            # the state's votes do not carry a namesake a city dwarfs (WW495).
            if share >= 0.2:
                fire(DWARFED, "not carried", cand.name, None, cand.admin1_key)
        else:
            score += 4.0 * share
            if share >= 0.2:
                why = f"in the article's admin1 {cand.admin1_key}"
    if cand.feature in {"town", "village", "admin2"}:
        near = 0.0
        for key, votes in ev.by_group.items():
            if key == own:
                continue
            for lat, lon, weight in votes.points:
                km = flat_km(cand.lat, cand.lon, lat, lon)
                # Closer is better: a town inside the county named with it
                # beats a namesake pair in another state 120 km apart.
                for limit, factor in _CLOSENESS:
                    if km <= limit:
                        near = max(near, 3.0 * weight * factor)
                        break
        if near:
            score += near
            why = why or "near the article's other places"
        together = ev.cluster(cand, own) if cluster else 0.0
        if together:
            score += together
            why = why or "among the article's other places"
    return score, why


# A name with a town this large among its readings is not decided by a cluster
# of small namesakes ("Damascus", "Houston" stay the cities); a country's prior
# outweighs a cluster unless the article is about the town's country.
_CLUSTER_BIG = 100_000


@dataclass(slots=True)
class _Choice:
    cand: Candidate | None
    probability: float
    reason: str
    hinted: bool = False
    ranked: list[tuple[Candidate, float]] = field(default_factory=list)  # softmax over candidates
    clustered: bool = False  # a namesake beside the article's other places won (WW300)
    border: bool = False  # a small town abroad kept beside the article's places (WW470)
    state_feature: bool = False  # a feature at the state or province it is named after (WW475)
    unknown: bool = False  # no reading at all: the gazetteer lacks the name


def _choose(key: str, mentions: list[Mention], lookup: Lookup, ev: Evidence | None) -> _Choice:
    name = mentions[0].text
    cands = list(lookup.candidates(name))
    stand_in = None
    if not cands and mentions[0].source == "feature":
        stand_in = named_after(name)
        if stand_in:
            cands = [c for c in lookup.candidates(stand_in) if c.feature in _STAND_INS]
            # "Lamu Island": the town inside Lamu before the unit (WW475 only without one).
            towns = {c.admin1_key for c in cands if c.feature in SETTLED}
            cands = [c for c in cands if c.feature in SETTLED or c.admin1_key not in towns]
    part = None
    if not cands:
        part = known_part(name, lookup)
        if part is not None:
            # "Boone County Jail", "Historic Dublin", "Hamilton Township": the
            # name is unknown, the place it opens or ends with is not.
            cands = list(lookup.candidates(part))
            unit = part.rsplit(" ", 1)[-1].lower()
            mentions = [replace(m, unit=unit if unit in UNIT_WORDS else m.unit) for m in mentions]
    if not cands:
        return _Choice(None, 0.0, f"'{name}' is not in the gazetteer", unknown=True)
    if any(not c.alias for c in cands):
        # A place of that very name exists: a smaller town that only lists the
        # name among its aliases is another word's match ("Maryville" is no
        # alias of Beeville); a big city known by the alias stays ("Bombay").
        cands = [c for c in cands if not c.alias or c.population >= _ALIAS_CITY]
    hints = [h for m in mentions for h in _hint_units(lookup, m.hint)]
    if any(c.feature == "country" and not c.kind for c in cands):
        # "China, Japan and Korea" is a list of countries, not the town China in
        # Japan: a country's name is not placed inside another country (WW500).
        listed = [h for h in hints if h.feature == "country"]
        if listed:
            fire(COUNTRY_LIST, "a list", name, mentions[0].start, listed[0].name)
            hints = [h for h in hints if h.feature != "country"]
    hinted = False
    if hints:
        inside = [c for c in cands if _inside(c, hints) and c not in hints]
        if inside:
            cands, hinted = inside, True
    first = mentions[0]
    scored = []
    priors = sorted(((_prior(c, first, cands), c) for c in cands), key=lambda x: -x[0])
    # Small namesakes named together place each other (WW300); a big city
    # keeps its reading against a cluster of small namesakes.
    cluster = not any(
        (c.feature == "town" and c.population >= _CLUSTER_BIG) for _, c in priors[:_SCORED]
    )
    biggest: dict[str, int] = {}
    if not hinted:
        for c in cands:
            if c.feature == "town" and not c.alias:
                biggest[c.country_code] = max(biggest.get(c.country_code, 0), c.population)
    # The article's evidence adds at most ~14 points: candidates further behind
    # the best prior cannot win and are not scored.
    for prior, c in priors[:_SCORED]:
        score = prior
        why = ""
        if ev is not None:
            extra, why = _context(c, ev, key, cluster, biggest.get(c.country_code, 0))
            score += extra
        scored.append((score, c, why))
    scored.sort(key=lambda x: -x[0])
    top = scored[0][0]
    weights = [math.exp(sc - top) for sc, _, _ in scored]
    total = sum(weights)
    ranked = [(c, w / total) for (_, c, _), w in zip(scored, weights, strict=True)]
    _, best, why = scored[0]
    # Namesakes within a few km are one place listed twice (a town and its district).
    probability = sum(p for c, p in ranked if _same_place(c, best))
    unique = all(_same_place(c, best) for c, _ in ranked)
    if not hinted and generic_name(name) and not _other_countries(ev, key):
        # "South District": a part of a hundred towns, and the gazetteer's few namesakes
        # (a quarter of Gibraltar) are no reading of it without a country (PL187).
        return _Choice(None, 0.0, f"'{name}': a generic name with no country evidence")
    if (
        not hinted
        and generic_name(name)
        and best.feature != "site"
        and ev is not None
        and ev.country_share(key, best.country_code) < 0.1
    ):
        # "Western" in a report on Kenya is no Western Province of Zambia: a generic
        # name stands only in a country the article names (WW530).
        fire(GENERIC_ABROAD, "left", name, mentions[0].start, best.country_code)
        return _Choice(None, 0.0, f"'{name}': a generic name, only abroad", ranked=ranked)
    # Repeats of the name read as a place elsewhere follow the mentions that found it.
    found = [m for m in mentions if m.source != "repeat"]
    # A feature named after a place ("Lamu Island") or a known name with unit
    # words ("Boone County Jail") is read through its own rules (WW475, WW315).
    weak = best.kind == "core" or all(m.part for m in found or mentions)
    if weak and not hinted and ev is not None and best.feature not in {"site", "country"}:
        # The other names' votes only: the countries given beforehand were read
        # from the text's clues, this very name among them.
        excluded: Counter[str] = Counter()
        for group in (key, ""):
            if group in ev.by_group:
                excluded.update(ev.by_group[group].countries)
        rest = sum(ev.countries.values()) - sum(excluded.values())
        if rest > 0.5 and ev.share(ev.countries, excluded, best.country_code) < 0.1:
            # Only part of the name is known, and that part lies in a country the
            # article does not otherwise name: "Delta" of "Danube Delta" in a report
            # on Romania is not Nigeria's Delta State (WW485).
            fire(PART_ABROAD, "left", name, mentions[0].start)
            return _Choice(
                None,
                0.0,
                f"'{name}': only part of a longer name, in a country the article does not name",
                ranked=ranked,
            )
    if (part is not None or stand_in) and not hinted and ev is not None and best.admin1_key:
        mine = ev.by_group.get(key)
        rest = sum(ev.admin1s.values()) - sum((mine.admin1s if mine else {}).values())
        elsewhere = ev.admin1_share(key, best.admin1_key) < 0.1 and not ev.beside(best, key)
        if rest > 0.5 and elsewhere:
            # "Mount Hood" in a report on Oregon is not at Hood County, Texas: a
            # reading through part of the name must lie where the article is (WW535).
            fire(PART_ELSEWHERE, "left", name, mentions[0].start, best.admin1_key)
            return _Choice(
                None,
                0.0,
                f"'{name}' is not in the gazetteer, and {part or stand_in} lies outside "
                "the article's states and provinces",
                ranked=ranked,
            )
    refused = None if hinted else refusal(name, first, best, weak, ev, key)
    if refused:
        return _Choice(None, 0.0, refused, ranked=ranked)
    border = False
    if not hinted and best.feature in {"town", "village"} and ev is not None:
        mine = ev.by_group.get(key)
        own_votes = mine.countries if mine else Counter()
        share = ev.share(ev.countries, own_votes, best.country_code)
        evidence = sum(ev.countries.values()) - sum(own_votes.values()) > 0.5
        foreign = evidence and share < 0.1 and best.population < _FOREIGN_TOWN
        if foreign and ev.beside(best, key):
            why, border = "beside the article's places across a border", True
        elif foreign:
            return _Choice(
                None,
                0.0,
                f"'{name}': only namesakes outside the article's countries",
                ranked=ranked,
            )
        if not evidence and best.population < _LONE_TOWN and not unique:
            return _Choice(
                None, 0.0, f"'{name}': a small name with no country evidence", ranked=ranked
            )
    if hinted:
        why = f"inside {hints[0].name}, named with it"
    if part is not None:
        why = f"not in the gazetteer: at {part}, the known place in its name" + (
            f" ({why})" if why else ""
        )
        probability *= 0.5
    if stand_in:
        # "Kanawha River", "New Concord Reservoir": not in the gazetteer; the
        # place it is named after stands in, with less confidence.
        why = f"not in the gazetteer: at {stand_in}, the place it is named after" + (
            f" ({why})" if why else ""
        )
        probability *= 0.5
    reason = why or ("unique match" if unique else "largest or highest-ranked match")
    clustered = (
        cluster and ev is not None and best is not priors[0][1] and ev.cluster(best, key) > 0
    )
    choice = _Choice(best, probability, reason, hinted, ranked, clustered, border)
    choice.state_feature = bool(stand_in) and best.feature == "admin1"
    return choice


_STAND_INS = SETTLED | {"admin1"}


def _same_place(a: Candidate, b: Candidate) -> bool:
    return a.country_code == b.country_code and flat_km(a.lat, a.lon, b.lat, b.lon) < 30


# --- the entry points -------------------------------------------------------------

_FOUND = word_map("geo_found_feature")


def geoparse_doc(
    doc: Doc,
    *,
    countries: Sequence[str] = (),
    demonyms: bool = False,
    gazetteer: Gazetteer | None = None,
) -> list[Toponym]:
    """Every toponym of a parsed text, resolved where the evidence allows.

    ``countries`` (ISO2, most relevant first) are where the text is from when
    it does not say; ``demonyms`` adds "Sudanese", "Israeli" as their country
    (LGL annotates them as toponyms, GeoVirus and most guidelines do not)."""
    gaz = gazetteer or get_gazetteer()
    pre = Lookup(gaz, countries)
    mentions = recognise(doc, pre.known)
    named = [
        c.country_code
        for m in mentions
        for text in (m.text, m.hint)
        if text
        for c in pre.candidates(text, postal=text == m.hint)[:1]
        if c.feature in {"country", "admin1"}
    ]
    ranked = [c for c, _ in Counter([*countries, *named]).most_common()]
    lookup = Lookup(gaz, list(dict.fromkeys([*countries, *ranked])))

    def group_key(m: Mention) -> str:
        """Mentions of one name are one place, but a hint sets a mention
        apart: "Springfield, Ill." and "Springfield, Mo."; the name alone
        elsewhere follows the article's evidence (which the hinted mention
        weighs into)."""
        name = name_key(m.text)
        return f"{name}|{name_key(m.hint)}" if m.hint else name

    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.site and m.source == "street":
            continue
        groups.setdefault(group_key(m), []).append(m)
    counts = Counter({key: len(ms) for key, ms in groups.items()})
    dateline = next((group_key(m) for m in mentions if m.source == "dateline"), None)
    # Each reading decides again what the one before did: only the last is recorded.
    with untraced():
        choices = {key: _choose(key, ms, lookup, None) for key, ms in groups.items()}
    ev = evidence_from(choices, counts, countries, dateline)
    # The countries the first reading points to join the search for villages.
    # Villages are searched in the first few only: the reading's countries go before
    # those merely named once ("Zaire" in a report on the Philippines).
    order = list(dict.fromkeys([*countries, *ev.top_countries(), *lookup.countries]))
    warm = order == lookup.countries  # every name asked already: no look-up fires again
    if not warm:
        lookup = Lookup(gaz, order)
    # A reading of the evidence the reading before read (the same look-ups) decides the
    # same: it is not made again, and the final reading is a warm one's, its rules
    # recorded again.
    read: tuple[object, ...] | None = None
    again: tuple[tuple[object, ...], dict[str, _Choice], tuple[Firing, ...]] | None = None
    for _ in range(_PASSES - 1):
        if ev.signature() == read:
            break
        read = ev.signature()
        with tracing() as trial:
            choices = {key: _choose(key, ms, lookup, ev) for key, ms in groups.items()}
        again = (read, choices, tuple(trial.firings)) if warm else None
        warm = True
        ev = evidence_from(choices, counts, countries, dateline)
    if again is not None and again[0] == ev.signature():
        final = again[1]
        replay(again[2])
    else:
        final = {key: _choose(key, ms, lookup, ev) for key, ms in groups.items()}
    _place_at_hosts(final, groups, doc_text(doc))
    for key, choice in final.items():
        if choice.clustered and choice.cand is not None:
            fire(NAMESAKES_TOGETHER, "chose", choice.cand.name, groups[key][0].start)
        if choice.border and choice.cand is not None:
            fire(ACROSS_A_BORDER, "kept", choice.cand.name, groups[key][0].start)
        if choice.state_feature and choice.cand is not None:
            fire(FEATURE_OF_ITS_STATE, "placed", choice.cand.name, groups[key][0].start)
    out = []
    others = other_sense_names(doc_ents(doc))
    for m in mentions:
        choice = final.get(group_key(m))
        if choice is not None and choice.unknown and other_sense(m.text, m.start, others):
            continue
        if choice is None or choice.cand is None:
            if m.source in {"ner", "street", "feature", "unit"} or m.site:
                reason = choice.reason if choice else "a street or road: not in the gazetteer"
                reason += f" ({_FOUND[m.source]})"
                out.append(
                    Toponym(
                        m.text,
                        m.start,
                        m.end,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        "site" if m.site else None,
                        0.3,
                        reason,
                    )
                )
            continue
        c = choice.cand
        if not choice.hinted:
            c = twin(gaz, c, choice.ranked, m, groups[group_key(m)])
        if c.feature == "admin1" and c.admin1_key in admin1_points():
            fire(ADMIN1_AT_CENTRE, "placed", m.text, m.start)
        found = _FOUND[m.source]
        confidence = min(0.99, max(choice.probability, 0.9 if choice.hinted else 0.0))
        admin1 = admin1_name(gaz, c.admin1_key)
        out.append(
            Toponym(
                m.text,
                m.start,
                m.end,
                _display_name(gaz, c),
                c.country_code or None,
                admin1,
                round(c.lat, 4),
                round(c.lon, 4),
                c.geonameid,
                c.feature,
                round(confidence, 2),
                f"{c.feature} {c.name!r}: "
                + (choice.reason if c is choice.cand else TWIN_REASON[c.feature])
                + f" ({found})",
            )
        )
    if demonyms:
        out = sorted(out + demonym_toponyms(doc, gaz, out), key=lambda t: t.start)
    return out


_HOSTS = frozenset({"admin1", "admin2", "town"})


# "Suba, Migori, Homa Bay": a name in a list, not one placed inside the next.
_LIST_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*$")
_LIST_AFTER = re.compile(r"\s*(?:,|and\b|or\b)\s*[A-Z]")


def _place_at_hosts(final: dict[str, _Choice], groups: dict[str, list[Mention]], text: str) -> None:
    """Names the gazetteer lacks, written with a place the article resolves ("MC
    Market in Balintawak, Quezon City"; "Fort Detrick, Maryland"), stand at that
    place, as a coder places an unknown village at the town named with it (WW540).
    A country is too coarse a host: the name stays unresolved."""
    resolved: dict[str, Candidate] = {}
    for key, choice in final.items():
        if choice.cand is not None and choice.cand.feature in _HOSTS:
            resolved.setdefault(key.split("|", 1)[0], choice.cand)
    for key, choice in final.items():
        if not choice.unknown:
            continue
        host = None
        for m in groups[key]:
            if not m.hint or name_key(m.hint) not in resolved:
                continue
            after = text.find(m.hint, m.end) + len(m.hint)
            if _LIST_BEFORE.search(text[max(0, m.start - 40) : m.start]) or _LIST_AFTER.match(
                text, after
            ):
                continue
            host = resolved[name_key(m.hint)]
            break
        if host is None:
            continue
        fire(AT_ITS_HOST, "placed", groups[key][0].text, groups[key][0].start, host.name)
        final[key] = _Choice(
            host, 0.3, f"not in the gazetteer: at {host.name}, the place named with it"
        )


def _display_name(gaz: Gazetteer, c: Candidate) -> str:
    if c.feature == "admin1":
        return admin1_name(gaz, c.admin1_key) or c.name
    return c.name


def geoparse_many(
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    model: str | None = None,
    demonyms: bool = False,
) -> Iterable[list[Toponym]]:
    """Toponyms for each text, parsing in batches."""
    from newscoder.nlp.pipeline import get_nlp

    for doc in get_nlp(model).pipe(texts, batch_size=batch_size):
        yield geoparse_doc(doc, demonyms=demonyms)
