"""Places written with the units they lie in, in brackets: "Kandi (Alibori)",
"Noma Tounga (Malanville, Alibori)" — the way gazetteers, wire desks and ACLED
notes write hierarchies."""

from __future__ import annotations

import re
from dataclasses import replace

from newscoder.lexicon import alternation
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.place_choice import admin1_place, district_place
from newscoder.resolve.place_lookup import resolve_place
from newscoder.types import Place

BRACKETED_UNITS = declare(
    "PL025", "bracketed-units", Stage.RESOLVE, Kind.FIND,
    "'Kandi (Alibori)', 'X (District, Province)': the place is looked up inside the "
    "units in brackets",
)  # fmt: skip
CORRECTION_FIRST = declare(
    "PL030", "bracketed-correction-first", Stage.RESOLVE, Kind.CHOOSE,
    "an editor's correction in square brackets ('Guessou [Guessou-Sud] (Bembereke, "
    "Borgou)') is looked up before the name written",
)  # fmt: skip
VILLAGE_AT_DISTRICT = declare(
    "PL035", "bracketed-village-at-district", Stage.RESOLVE, Kind.DEFAULT,
    "a bracketed village the gazetteer lacks is coded at its district, geo_precision 2, "
    "keeping the village's name",
    source="ACLED codebook 2023, Location: geo_precision",
)  # fmt: skip
VILLAGE_AT_PROVINCE = declare(
    "PL040", "bracketed-village-at-province", Stage.RESOLVE, Kind.DEFAULT,
    "a bracketed village the gazetteer lacks, with no known district: its province, "
    "geo_precision 3, keeping the village's name",
    source="ACLED codebook 2023, Location: geo_precision",
)  # fmt: skip

# "Dankoli village (Shendam, Plateau)": a settlement word may stand between.
_SETTLEMENT = rf"(?:\s+{alternation('place_settlement_words')})?"
_PAREN_PLACE = re.compile(
    r"\b(?P<name>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,4})"
    # ... and so may an editor's correction of the name in square brackets, before
    # or after that word: "Guessou [Guessou-Sud] (Bembereke, Borgou)".
    + _SETTLEMENT
    + r"(?:\s*\[(?P<corrected>[A-Z][^\[\]()\n]{0,60})\])?"
    + _SETTLEMENT
    + r"\s*\((?P<inner>[A-Z][^()\n,]{1,40})(?:,\s*(?P<outer>[A-Z][^()\n,]{1,40}))?\)"
)


def find_parenthetical_places(text: str, offset: int = 0) -> list[Place]:
    """Places written with their district and province in brackets.

    The named place is looked up inside the outermost unit (the corrected name
    first, when square brackets give one); a village the gazetteer does not know
    falls back to its district (geo_precision 2) or its province (geo_precision
    3), keeping the village's name.
    """
    gaz = get_gazetteer()
    found: list[Place] = []
    for match in _PAREN_PLACE.finditer(text):
        inner, outer = match["inner"].strip(), match["outer"]
        region = (outer or inner).strip()
        units = gaz.admin1(region)
        if not units:
            continue
        unit = units[0]
        start, end = offset + match.start("name"), offset + match.end("name")
        fire(BRACKETED_UNITS, "found", match["name"], start, detail=unit.name)
        corrected = (match["corrected"] or "").strip()
        names = [corrected, match["name"]] if corrected else [match["name"]]
        if corrected:
            fire(CORRECTION_FIRST, "chose", corrected, start, detail=match["name"])
        # The district joins the look-up: it tells two villages of one name apart.
        units_text = f"{inner}, {outer.strip()}" if outer else region
        place = None
        for name in names:
            place = resolve_place(
                f"{name}, {units_text}", start=start, end=end, context=[unit.country_code]
            )
            if place is not None and place.admin1 == unit.name:
                break
            place = None
        if place is not None:
            found.append(place)
            continue
        name = names[0]
        district = next(iter(gaz.admin2(inner, unit.country_code)), None) if outer else None
        if district is not None:
            why = f"{name!r} not in the gazetteer: its district {inner!r}"
            fire(VILLAGE_AT_DISTRICT, "defaulted", name, start, detail=district.name)
            fallback = district_place(gaz, district, start, end, why, VILLAGE_AT_DISTRICT)
        else:
            why = f"{name!r} not in the gazetteer: its province {region!r}"
            fire(VILLAGE_AT_PROVINCE, "defaulted", name, start, detail=unit.name)
            fallback = admin1_place(gaz, unit, 3, start, end, why, VILLAGE_AT_PROVINCE)
        # The village keeps its own name and the province the text gave.
        found.append(replace(fallback, name=name, admin1=unit.name, geonameid=None))
    return found
