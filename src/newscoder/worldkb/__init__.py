"""The world actor knowledge base: named actors and generic agent nouns for any country.

Derived at build time (``scripts/build_world_actors.py``) from the PETRARCH2 /
Phoenix dictionaries (MIT licence, see ``data/world/LICENSE-petrarch2.txt``) and
completed by two hand-kept files for current conflicts and local terms. Nothing
here reads the dictionaries themselves; everything comes from
``newscoder/data/world/``:

- ``actors.tsv.gz``: one row per (actor, dated CAMEO role): display name,
  aliases, ISO country, CAMEO code and role, validity dates, ACLED actor type.
- ``actor_index.tsv.gz``: sorted ``normalised alias -> row numbers`` lines, so a
  look-up is a binary search over one list and loading parses nothing.
- ``supplement.tsv``: hand-kept named actors (current armed groups, coalitions,
  forces whose role changed), preferred over the derived rows for the same name.
- ``agents.tsv`` and ``agents_supplement.tsv``: generic nouns ("militiamen",
  "security personnel") with their role and ACLED type; supplement rows may be
  scoped to a country and dates ("vigilantes" in Nigeria, "PDF" in Myanmar).
- ``cameo_roles.tsv``: the CAMEO role -> ACLED actor type table with reasons.

Loading is lazy and cheap: the first look-up decompresses two files and splits
them into lines; rows become :class:`WorldActor` only when a look-up returns
them. ``benchmarks/kb_startup.py`` measures import plus first look-up.

Dates follow PETRARCH's rule: a dated role applies inside its window; an
undated role is the default when no dated role of that actor applies.

The parts: ``records.py`` (names, the CAMEO role table, the record types, the
bundled files), ``tables.py`` (lazy loading of the rows, the index, the supplement
and the agent nouns), ``actors.py`` (look-ups of names and nouns) and
``phrases.py`` (:func:`classify`).
"""

from __future__ import annotations

from newscoder.worldkb.actors import (
    WORLD_ID,
    agent,
    agent_type,
    find_actors,
    lookup,
    ruler_patterns,
)
from newscoder.worldkb.phrases import Classified, classify
from newscoder.worldkb.records import (
    EXTERNAL,
    ROLE_KINDS,
    STATE,
    SUPPLEMENT,
    Agent,
    CameoRole,
    Mention,
    RoleKind,
    WorldActor,
    cameo_role,
    cameo_roles,
    normalise,
    type_abroad,
)

# The supplement's parsed rows, which tests check for ambiguous aliases.
from newscoder.worldkb.tables import _supplement  # noqa: F401

__all__ = [
    "EXTERNAL",
    "ROLE_KINDS",
    "STATE",
    "SUPPLEMENT",
    "WORLD_ID",
    "Agent",
    "CameoRole",
    "Classified",
    "Mention",
    "RoleKind",
    "WorldActor",
    "agent",
    "agent_type",
    "cameo_role",
    "cameo_roles",
    "classify",
    "find_actors",
    "lookup",
    "normalise",
    "ruler_patterns",
    "type_abroad",
]
