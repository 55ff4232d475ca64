"""Place phrases a regex can see: "southwest Pakistan", "Helmand province", "near Maiduguri".

Each pattern finds a phrase and the qualifier it gives the name inside it (a compass
direction, a unit word, "near" ...); :func:`~newscoder.resolve.place_lookup.resolve_place`
reads the qualifier to choose the kind of place and its geo_precision. Only names the
gazetteer knows are kept. The unit, direction and connector words are word lists in
``data/words``.
"""

from __future__ import annotations

import re

from newscoder.lexicon import alternation, word_list
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import Gazetteer, get_gazetteer
from newscoder.resolve.place_choice import Candidate, candidates, district_candidates
from newscoder.resolve.place_lookup import UNIT_OF_PLACE
from newscoder.resolve.place_names import (
    DIRECTION_PATTERN,
    clean_name,
    known,
    normalize_direction,
)
from newscoder.resolve.toponym_spans import PARTICLE
from newscoder.textutil import WordsNeeded, folded_for_words

COMPASS_IN_NAME = declare(
    "PL045", "compass-word-in-name", Stage.RESOLVE, Kind.KEEP,
    "'North Waziristan', 'South Sudan': a compass word is part of the name when the "
    "gazetteer knows the whole",
)  # fmt: skip
DIRECTION_PHRASE = declare(
    "PL050", "direction-phrase", Stage.RESOLVE, Kind.FIND,
    "'southwest Pakistan', 'northern Nigeria', 'the north of Mali': a compass direction "
    "qualifies the place after it",
)  # fmt: skip
UNIT_PHRASE = declare(
    "PL055", "unit-phrase", Stage.RESOLVE, Kind.FIND,
    "'Helmand province', 'the state of Zamfara', 'Bokkos LGA': a unit word says which "
    "kind of unit the name is",
)  # fmt: skip
NEAR_PHRASE = declare(
    "PL060", "near-phrase", Stage.RESOLVE, Kind.FIND,
    "'near X', '30 km north of X', 'the outskirts of X', 'a village in X': outside the town, "
    "so near it (geo_precision 2)",
    source="ACLED codebook 2023, Location: geo_precision",
)  # fmt: skip
CITY_OR_TOWN = declare(
    "PL065", "name-before-city-or-town", Stage.RESOLVE, Kind.FIND,
    "'Indore city', 'Bogra town' is the town itself; 'Mexico City' and 'Kuwait City' are "
    "names whole",
)  # fmt: skip
TRIM_TO_KNOWN = declare(
    "PL070", "trim-to-known-name", Stage.RESOLVE, Kind.REFINE,
    "words away from the phrase's trigger are dropped until the gazetteer knows the name "
    "('near Kabul Police': Kabul)",
)  # fmt: skip
UNIT_WITHIN = declare(
    "PL075", "unit-within-unit", Stage.RESOLVE, Kind.REFINE,
    "'Bijapur district of Chhattisgarh': the unit it lies in joins the name as a hint",
)  # fmt: skip
UNKNOWN_UNIT = declare(
    "PL080", "unknown-unit-to-its-parent", Stage.RESOLVE, Kind.REFINE,
    "'Wazirpur upazila of Barisal' with Wazirpur unknown: the unit it lies in is coded "
    "(a region, geo_precision 3)",
)  # fmt: skip
PLACE_THEN_ADMIN1 = declare(
    "PL205", "place-then-its-admin1", Stage.RESOLVE, Kind.FIND,
    "'near Novolaspa, Donetsk', 'Ein Daqneh town in Aleppo': a place the towns lack (or "
    "have only elsewhere) and the admin1 it lies in: a village there, else PL200",
    source="ACLED codebook 2023, Location: the most precise place named",
)  # fmt: skip
NAMESAKE_ELSEWHERE = declare(
    "PL220", "place-comma-admin1", Stage.RESOLVE, Kind.FIND,
    "'in X, Y' with Y an admin1 and the gazetteer's X only outside Y or only a village: X "
    "is read inside Y (a village there, else PL200), not at a namesake elsewhere",
    source="ACLED codebook 2023, Location: the most precise place named",
)  # fmt: skip
UNIT_AFTER_COMMA = declare(
    "PL225", "unit-then-admin1-after-comma", Stage.RESOLVE, Kind.REFINE,
    "'Khost district, Paktia', 'the district of Khost, Paktia': an admin1 or country after a "
    "comma is the unit the named unit lies in, as 'of Paktia' is (PL075)",
)  # fmt: skip
LONGEST_PHRASE = declare(
    "PL085", "longest-phrase-wins", Stage.RESOLVE, Kind.VETO,
    "where place phrases overlap, the one starting first and then the longest wins",
)  # fmt: skip

_WORD = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_CONNECTOR = alternation("place_name_connectors")  # "Dar es Salaam", "Deir ez-Zor"
_NAME = rf"{_WORD}(?:[ -](?:{_CONNECTOR}[ -]){{0,2}}{_WORD}){{0,3}}"  # "Mineral de la Reforma"
_UNITS = alternation("place_unit_words")
# A name with the lower-case particles a town's name may hold ("Leon de los Aldama"),
# read whole by the plain "X, Y" phrase (its last word alone is another place).
_LONG_NAME = rf"{_WORD}(?:[ -](?:{_CONNECTOR}[ -]|{PARTICLE}){{0,2}}{_WORD}){{0,3}}"
_TOWN = alternation("town_kinds")  # "Bogra town"
_SETTLEMENT = alternation("settlement_kinds")  # "Ein Daqneh town in Aleppo"
_DIRECTION = DIRECTION_PATTERN
# Trigger words match in any case ("Borno State", "Helmand province"); names
# must be capitalised, so the trigger parts carry their own (?i:...) flag.
# (pattern, fixed qualifier or None to read the "qual" group, the rule that finds it)
_PHRASES: tuple[tuple[re.Pattern[str], str | None, Rule], ...] = (
    # "southwest Pakistan", "northern Nigeria", "north-eastern Borno state"
    (
        re.compile(rf"\b(?i:(?P<qual>{_DIRECTION})(?:ern)?\s+(?:part\s+of\s+)?)(?P<name>{_NAME})"),
        None,
        DIRECTION_PHRASE,
    ),
    # "the north of Mali", "the southeast of Turkey"
    (
        re.compile(rf"\b(?i:the\s+(?P<qual>{_DIRECTION})\s+of\s+)(?P<name>{_NAME})"),
        None,
        DIRECTION_PHRASE,
    ),
    # "Helmand province", "Borno State", "Kidal region"
    # ... with the unit it lies in: "Bijapur district of Chhattisgarh", "Khost district,
    # Paktia" (after a comma only an admin1 or a country, PL225)
    (
        re.compile(
            rf"(?P<name>{_NAME})\s+(?i:(?P<qual>{_UNITS}))\b"
            rf"(?:(?:\s+(?i:of|in)\s+|(?P<comma>,\s*))(?P<within>{_NAME}))?"
        ),
        None,
        UNIT_PHRASE,
    ),
    # "the province of Helmand", "the state of Zamfara"
    (
        re.compile(
            rf"\b(?i:the\s+(?P<qual>{_UNITS})\s+of\s+)(?P<name>{_NAME})"
            rf"(?:(?P<comma>,\s*)(?P<within>{_NAME}))?"
        ),
        None,
        UNIT_PHRASE,
    ),
    (re.compile(rf"\b(?i:(?:near|close\s+to)\s+)(?P<name>{_NAME})"), "near", NEAR_PHRASE),
    # "30 km north of Kabul": outside the town, so near it.
    (re.compile(rf"\b(?i:{_DIRECTION}\s+of\s+)(?P<name>{_NAME})"), "near", NEAR_PHRASE),
    (
        re.compile(rf"\b(?i:(?:the\s+)?outskirts\s+of\s+)(?P<name>{_NAME})"),
        "outskirts",
        NEAR_PHRASE,
    ),
    (
        re.compile(rf"\b(?i:(?:a|the)\s+village\s+(?:in|of|near)\s+)(?P<name>{_NAME})"),
        "village in",
        NEAR_PHRASE,
    ),
    # "near Novolaspa, Donetsk", "Ein Daqneh town in Aleppo countryside": a place and the
    # admin1 it lies in (PL205; kept only when the towns lack the place).
    (
        re.compile(
            rf"\b(?i:(?:near|around|outside|close\s+to)\s+)(?P<name>{_NAME}),\s*(?P<within>{_NAME})"
        ),
        "near unit",
        PLACE_THEN_ADMIN1,
    ),
    (
        re.compile(
            rf"(?P<name>{_NAME})\s+(?i:{_SETTLEMENT})\s+(?i:in|of)\s+"
            rf"(?:(?i:the)\s+)?(?P<within>{_NAME})"
        ),
        "in unit",
        PLACE_THEN_ADMIN1,
    ),
    # "Madhya Pradesh's Indore city", "Bogra town": the town itself ("Mexico City" whole)
    (re.compile(rf"(?P<name>{_NAME})\s+{_TOWN}\b"), "city", CITY_OR_TOWN),
    # "in Tejalpa, Morelos" with no Tejalpa in Morelos among the towns (PL220).
    (
        re.compile(rf"\b(?P<name>{_LONG_NAME}),\s*(?P<within>{_NAME})"),
        "in unit",
        NAMESAKE_ELSEWHERE,
    ),
)
# The words each phrase cannot match without, in the order of _PHRASES: a sentence
# lacking them skips the phrase (a quick search instead of a scan that backtracks at
# every capitalised word; the same phrases).
_NEEDS_DIRECTION = WordsNeeded(word_list("compass_directions"))
_NEEDS_UNIT = WordsNeeded(word_list("place_unit_words"))
_NEEDS_NEAR = WordsNeeded(["near", r"close\s+to", "around", "outside"])
_PHRASE_NEEDS: tuple[WordsNeeded, ...] = (
    _NEEDS_DIRECTION,
    _NEEDS_DIRECTION,
    _NEEDS_UNIT,
    _NEEDS_UNIT,
    _NEEDS_NEAR,
    _NEEDS_DIRECTION,
    WordsNeeded(["outskirts"]),
    WordsNeeded(["village"]),
    _NEEDS_NEAR,
    WordsNeeded([re.escape(w) for w in word_list("settlement_kinds")]),
    WordsNeeded([re.escape(w) for w in word_list("town_kinds")], ignore_case=False),
    WordsNeeded([r"[A-Za-z],\s*[A-Z]"], ignore_case=False),
)


def _town_before(gaz: Gazetteer, text: str) -> str | None:
    """The longest trailing run of words in ``text`` that names a town (not a
    country): "Indore" in "Madhya Pradesh's Indore", "Kano" in "Kano city"."""
    words = clean_name(text).split(" ")
    for i in range(len(words)):
        name = " ".join(words[i:])
        if gaz.cities(name) and gaz.country_by_name(name) is None:
            return name
    return None


def _place_then_admin1(
    gaz: Gazetteer, match: re.Match[str], plain: bool = False
) -> tuple[str, int, int] | None:
    """ "near X, Y" / "X town in Y" with Y an admin1 and no town, district or unit X in
    Y (X unknown, or known only elsewhere): the name "X, Y" and its span (PL205). An X
    the gazetteer has inside Y is left to the other phrases. A ``plain`` "X, Y" (PL220)
    needs an X the gazetteer knows somewhere, as a place or a village of Y's country,
    that is no country or admin1 itself (a list: "Kabul, Herat")."""
    name = clean_name(match.group("name"))
    if not name:
        return None
    inside = _known_prefix(gaz, match.group("within"))
    units = gaz.admin1(inside) if inside else []
    if not units or (plain and gaz.country_by_name(inside) is not None):
        return None
    if known(gaz, name):
        if plain and (gaz.country_by_name(name) or gaz.admin1(name)):
            return None
        keys = {u.key for u in units}
        found = candidates(gaz, name) + district_candidates(gaz, name)
        if any(_unit_key(c) in keys for c in found):
            return None
        # The phrase keeps its trigger word: "near X" read alone must not outlast it.
        start = match.start()
    elif plain and not any(gaz.small_places(name, u.country_code) for u in units):
        return None
    else:
        start = match.start("name") + match.group("name").find(name)
    assert inside is not None
    return f"{name}, {inside}", start, match.start("within") + len(inside)


def _unit_after_comma(gaz: Gazetteer, text: str) -> bool:
    """Whether ``text`` opens with an admin1's or a country's name ("X district, Kapisa")."""
    inside = _known_prefix(gaz, text)
    if inside is None or not (gaz.admin1(inside) or gaz.country_by_name(inside)):
        return False
    fire(UNIT_AFTER_COMMA, "found", inside)
    return True


def _unit_key(c: Candidate) -> str | None:
    if c.unit is not None:
        return c.unit.key
    if c.city is not None:
        return c.city.admin1_key
    return c.district.admin1_key if c.district is not None else None


def _other_admin1(gaz: Gazetteer, whole: str, name: str) -> bool:
    """Whether the whole unit phrase names an admin1 its name alone does not ("Damascus
    countryside", an alias of Rif Dimashq)."""
    units = {u.key for u in gaz.admin1(whole)}
    return bool(units - {u.key for u in gaz.admin1(clean_name(name))})


def _known_prefix(gaz: Gazetteer, text: str) -> str | None:
    """The longest leading run of words in ``text`` that the gazetteer knows."""
    words = text.split(" ")
    for j in range(len(words), 0, -1):
        if known(gaz, " ".join(words[:j])):
            return " ".join(words[:j])
    return None


def _title_before(text: str, start: int) -> bool:
    """ "Head of Mission, Kabul", "Chief of Staff, Washington": the name ends a title."""
    return bool(_TITLE_OF.search(text, max(0, start - 30), start))


_TITLE_OF = re.compile(r"\b" + alternation("title_heads") + r"\s+of\s+$", re.I)


def find_place_phrases(text: str, offset: int = 0) -> list[tuple[str, int, int, str | None]]:
    """Place phrases a regex can see: ``(name, start, end, qualifier)``.

    ``start``/``end`` cover the whole phrase ("southwest Pakistan", "near
    Maiduguri"), shifted by ``offset``; ``name`` is the place name inside it and
    ``qualifier`` a direction ("southwest"), a unit word ("province") or
    "near" / "outskirts" / "village in". Only names the gazetteer knows are kept;
    where phrases overlap, the longest wins.
    """
    gaz = get_gazetteer()
    found: list[tuple[str, int, int, str | None]] = []
    present: dict[WordsNeeded, bool] = {}
    folded = folded_for_words(text)
    for (pattern, fixed, finder), needs in zip(_PHRASES, _PHRASE_NEEDS, strict=True):
        if needs not in present:
            present[needs] = needs.found(text, folded)
        if not present[needs]:
            continue
        for match in pattern.finditer(text):
            name = clean_name(match.group("name"))
            raw_qual = fixed or match.group("qual")
            whole = match.group().strip()
            if not fixed and normalize_direction(raw_qual) and known(gaz, whole):
                # "North Waziristan", "South Sudan": the compass word is part of the name.
                fire(COMPASS_IN_NAME, "kept", whole, match.start() + offset)
                found.append((whole, match.start() + offset, match.end() + offset, None))
                continue
            if fixed in UNIT_OF_PLACE:
                plain = finder is NAMESAKE_ELSEWHERE
                if plain and _title_before(text, match.start("name")):
                    continue  # "Head of Mission, Kabul": a post, not a place in Kabul
                phrase = _place_then_admin1(gaz, match, plain=plain)
                if phrase is not None:
                    fire(finder, "found", phrase[0], phrase[1] + offset, detail=fixed)
                    found.append((phrase[0], phrase[1] + offset, phrase[2] + offset, fixed))
                continue
            if fixed == "city":
                # "Indore city" is Indore; "Mexico City" and "Kuwait City" are names.
                whole_town = gaz.cities(whole) or gaz.admin1(whole)  # no district load here
                town = whole if whole_town else _town_before(gaz, match.group("name"))
                if town:
                    at = match.start() + whole.find(town)
                    fire(finder, "found", town, at + offset)
                    found.append((town, at + offset, at + len(town) + offset, None))
                continue
            qual = normalize_direction(raw_qual) or raw_qual.lower()
            if finder is UNIT_PHRASE and match.start("name") < match.start("qual"):
                whole_unit = text[match.start("name") : match.end("qual")]
                if _other_admin1(gaz, whole_unit, name):
                    # "Damascus countryside" is Rif Dimashq, not the Damascus governorate.
                    fire(finder, "found", whole_unit, match.start() + offset, detail=qual)
                    span = (match.start("name") + offset, match.end("qual") + offset)
                    found.append((whole_unit, *span, None))
                    continue
            # Trim words away from the trigger until the gazetteer knows the name:
            # "Kabul Police" after "near", "Nigeria and Borno" before "State".
            words = name.split(" ")
            name_first = match.start("name") < match.start("qual") if not fixed else False
            tries = (
                [words[i:] for i in range(len(words))]
                if name_first
                else [words[:j] for j in range(len(words), 0, -1)]
            )
            trimmed = next((" ".join(t) for t in tries if known(gaz, " ".join(t))), "")
            within = match.groupdict().get("within")
            phrase_end = match.end()
            if within and match.groupdict().get("comma") and not _unit_after_comma(gaz, within):
                # "Bagram district, Charikar": a town after the comma is no unit of it.
                within, phrase_end = None, match.end("qual")
            if not trimmed and within and (inside := _known_prefix(gaz, within)):
                # "Wazirpur upazila of Barisal": the subdistrict is unknown, the unit
                # it lies in is not. Code the unit (a region: geo_precision 3).
                at = match.start("within")
                fire(UNKNOWN_UNIT, "rewrote", inside, at + offset, detail=name)
                found.append((inside, at + offset, at + len(inside) + offset, None))
                continue
            if not trimmed:
                continue
            if trimmed != name:
                fire(TRIM_TO_KNOWN, "rewrote", trimmed, detail=name)
            name = trimmed
            name_start = match.start("name") + match.group("name").find(name)
            name_end = name_start + len(name)
            # The phrase keeps its trigger words but not what the name lost in cleaning.
            start = match.start() if match.start() < match.start("name") else name_start
            end = phrase_end if phrase_end > match.end("name") else name_end
            if within:
                inside = _known_prefix(gaz, within)
                if inside:
                    fire(UNIT_WITHIN, "found", inside, start + offset, detail=name)
                    name = f"{name}, {inside}"
                    end = match.start("within") + len(inside)
                else:
                    end = match.end("qual")
            fire(finder, "found", name, start + offset, detail=qual)
            found.append((name, start + offset, end + offset, qual))
    found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
    kept: list[tuple[str, int, int, str | None]] = []
    for item in found:
        if kept and item[1] < kept[-1][2]:
            fire(LONGEST_PHRASE, "vetoed", item[0], item[1], detail=f"inside {kept[-1][0]!r}")
            continue
        kept.append(item)
    return kept
