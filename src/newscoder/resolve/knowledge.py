"""Moved to :mod:`newscoder.knowledge` (the actor knowledge base sits below the stages).

Kept so that existing imports work until every importer uses the new path.
"""

from __future__ import annotations

from newscoder.knowledge import (
    ACLED_ACTOR_TYPES,
    ActorEntry,
    GenericRole,
    acronym_patterns,
    actor_entries,
    generic_role,
    generic_roles,
    lookup_actor,
    ruler_patterns,
)

__all__ = [
    "ACLED_ACTOR_TYPES",
    "ActorEntry",
    "GenericRole",
    "acronym_patterns",
    "actor_entries",
    "generic_role",
    "generic_roles",
    "lookup_actor",
    "ruler_patterns",
]
