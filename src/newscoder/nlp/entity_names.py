"""The entity ruler's names: the curated actors, then the world supplement's.

The curated base (``data/actors.json``) names ~500 groups with ACLED's names; the world
supplement (``worldkb``) adds national forces, armed groups and their acronyms the
curated base lacks ("Pyu Saw Htee", "DPR", "Carabineros"). Both go into the ruler so
that the parser's NER does not split a name or miss an acronym. A supplement actor the
curated base also knows by one of its names keeps the curated id ("Houthi forces" is
"Houthis"), so everything downstream sees the curated entry; one the curated base
lacks gets the id ``world:<name>`` (``worldkb.WORLD_ID``). A supplement name that is
also a place in the gazetteer ("Azov" is a town and a sea before it is a regiment) is
left to the NER: which names those are is computed from the gazetteer by
``scripts/build_ruler_places.py`` into ``data/world/ruler_places.txt``, so that building
the pipeline does not load the gazetteer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newscoder.knowledge import acronym_patterns, actor_entries, ruler_patterns
from newscoder.worldkb import ruler_patterns as world_patterns

PLACES_FILE = Path(__file__).resolve().parents[1] / "data" / "world" / "ruler_places.txt"


def entity_patterns(*, acronyms: bool) -> list[dict]:
    """Phrase patterns for one ruler: names (matched on LOWER) or acronyms (on ORTH)."""
    curated = acronym_patterns() if acronyms else ruler_patterns()
    key = (lambda t: t) if acronyms else str.lower
    known = {key(p["pattern"]) for p in curated}
    places = _places()
    ids = _curated_ids()
    extra = []
    for p in world_patterns(acronyms=acronyms):
        text = p["pattern"]
        if key(text) in known or text in places:
            continue
        extra.append({**p, "id": ids.get(p["id"], p["id"])})
    return curated + extra


@cache
def _curated_ids() -> dict[str, str]:
    """World id -> curated name, for supplement actors the curated base knows by a
    full name (not an acronym: "ADF" is two groups in two countries)."""
    curated = {}
    for entry in actor_entries():
        for alias in (entry.name, *entry.aliases):
            curated.setdefault(alias.lower(), entry.name)
    ids: dict[str, str] = {}
    for p in world_patterns(acronyms=False):
        name = curated.get(p["pattern"].lower())
        if name is not None:
            ids.setdefault(p["id"], name)
    return ids


@cache
def _places() -> frozenset[str]:
    """The supplement's names that are gazetteer places, as built."""
    lines = PLACES_FILE.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def supplement_places() -> list[str]:
    """The supplement's ruler names the gazetteer knows as places, computed afresh (for
    the build script and the test that keeps its output current)."""
    from newscoder.resolve.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    names = {p["pattern"] for acronyms in (False, True) for p in world_patterns(acronyms=acronyms)}
    return sorted(n for n in names if gazetteer.knows(n) or gazetteer.cities(n))
