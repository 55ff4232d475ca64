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
from typing import TYPE_CHECKING

from newscoder.knowledge import acronym_patterns, actor_entries, ruler_patterns
from newscoder.worldkb import ruler_patterns as world_patterns

if TYPE_CHECKING:
    from spacy.language import Language

_WORLD = Path(__file__).resolve().parents[1] / "data" / "world"
PLACES_FILE = _WORLD / "ruler_places.txt"
MISREAD_FILE = _WORLD / "ruler_misread.txt"


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
    return _stored(PLACES_FILE)


@cache
def misread_names() -> frozenset[str]:
    """Known names the model reads with a verb inside ("Pyu Saw Htee"), lower-cased, as
    built: :mod:`.name_tokens` makes each one token before the parser sees it."""
    return _stored(MISREAD_FILE)


def _stored(path: Path) -> frozenset[str]:
    lines = path.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


# A name is tagged in this sentence to see how the model reads its words.
_CARRIER = "On Monday, the {} attacked the village."


def misread_by(nlp: Language) -> list[str]:
    """The multi-word proper names of both rulers that ``nlp`` (the pinned model, without
    newscoder's components) tags with a verb inside, lower-cased: computed afresh for the
    build script and the test that keeps its output current."""
    names = sorted(
        {
            p["pattern"]
            for acronyms in (False, True)
            for p in entity_patterns(acronyms=acronyms)
            if " " in p["pattern"] and proper_name(p["pattern"])
        }
    )
    lead = _CARRIER.index("{}")
    found = set()
    for name, doc in zip(names, nlp.pipe(_CARRIER.format(n) for n in names), strict=True):
        inside = [t for t in doc if lead <= t.idx < lead + len(name)]
        if any(t.pos_ in {"VERB", "AUX"} for t in inside):
            found.add(name.lower())
    return sorted(found)


def proper_name(text: str) -> bool:
    """Capitalised first and last words ("Pyu Saw Htee", "Amigos dos Amigos"), not a
    phrase with a common head ("Pyu Saw Htee militia", "Saudi-led coalition")."""
    words = text.split()
    return words[0][:1].isupper() and words[-1][:1].isupper()


def supplement_places() -> list[str]:
    """The supplement's ruler names the gazetteer knows as places, computed afresh (for
    the build script and the test that keeps its output current)."""
    from newscoder.resolve.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    names = {p["pattern"] for acronyms in (False, True) for p in world_patterns(acronyms=acronyms)}
    return sorted(n for n in names if gazetteer.knows(n) or gazetteer.cities(n))
