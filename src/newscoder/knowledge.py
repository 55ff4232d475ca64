"""The bundled actor knowledge base: named groups and generic actor heads.

Both live in data files (``data/actors.json``, ``data/generic_actors.json``);
this module loads them once and answers look-ups. Entries carry date ranges
where an actor's role changed (the Taliban are Afghanistan's state forces from
2021-08-15), so a look-up takes the event date.

It sits below the pipeline stages because several of them ask it: the spaCy
pipeline builds its entity ruler from the aliases (``nlp``), trigger rules ask
whether a noun names state forces (``extract``), and the coder types actors
(``coding``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newscoder.errors import KnowledgeError
from newscoder.lexicon import word_list
from newscoder.lexicon import words as word_set

# The eight actor types of the ACLED codebook, the only types an entry may have.
ACLED_ACTOR_TYPES = word_list("acled_actor_types")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    acled_name: str | None = None

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True, slots=True)
class GenericRole:
    role: str
    type: str
    name_template: str


def _read_json(name: str) -> dict:
    try:
        with resources.files("newscoder.data").joinpath(name).open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:  # a packaging bug, not user error
        raise KnowledgeError(f"cannot read bundled data file {name}: {exc}") from exc


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def actor_entries() -> tuple[ActorEntry, ...]:
    entries = []
    for row in _read_json("actors.json")["actors"]:
        if row["type"] not in ACLED_ACTOR_TYPES:
            raise KnowledgeError(f"actor {row['name']!r} has unknown type {row['type']!r}")
        entries.append(
            ActorEntry(
                name=row["name"],
                aliases=tuple(row["aliases"]),
                type=row["type"],
                country=row.get("country"),
                kind=row.get("kind", "armed_group"),
                valid_from=_date(row.get("valid_from")),
                valid_to=_date(row.get("valid_to")),
                acled_name=row.get("acled_name"),
            )
        )
    return tuple(entries)


@cache
def _by_name() -> dict[str, tuple[ActorEntry, ...]]:
    index: dict[str, list[ActorEntry]] = {}
    for entry in actor_entries():
        for key in {entry.name, *entry.aliases}:
            index.setdefault(key.lower(), []).append(entry)
    return {key: tuple(found) for key, found in index.items()}


def lookup_actor(name: str, on: dt.date | None = None) -> ActorEntry | None:
    """The knowledge-base entry for a canonical name or alias, valid on ``on``.

    Without a date the most recent entry wins: an undated report is most likely
    about the present.
    """
    found = _by_name().get(name.lower().strip())
    if not found:
        return None
    valid = [entry for entry in found if entry.valid_on(on)]
    if not valid:
        return None
    return max(valid, key=lambda e: e.valid_from or dt.date.min)


@cache
def generic_roles() -> dict[str, GenericRole]:
    data = _read_json("generic_actors.json")
    roles = data["roles"]
    index: dict[str, GenericRole] = {}
    for role, heads in data["heads"].items():
        spec = roles[role]
        for head in heads:
            index.setdefault(
                head.lower(), GenericRole(role=role, type=spec["type"], name_template=spec["name"])
            )
    return index


def generic_role(phrase: str) -> GenericRole | None:
    """The generic role named by an actor phrase's head ("Pakistani soldiers" -> military).

    The longest head that ends the phrase wins ("security guard" over "guard"); a
    plural is tried as its singular.
    """
    words = phrase.lower().replace("’", "'").split()
    index = generic_roles()
    sites = word_set("state_sites")
    for size in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-size:])
        if size == 1 and len(words) > 1 and (tail in sites or _singular(tail) in sites):
            # "rebel positions", "a rebel camp", "police barracks": the site is its holders'
            holders = generic_role(" ".join(words[:-1]))
            if holders is not None:
                return holders
        for candidate in (tail, _singular(tail)):
            if candidate in index:
                return index[candidate]
    return None


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def ruler_patterns() -> list[dict]:
    """EntityRuler phrase patterns for every alias, with the canonical name as id.

    Phrase patterns run on spaCy's PhraseMatcher, far faster than token patterns
    over hundreds of aliases. Names are matched case-insensitively (the ruler's
    LOWER attribute); short acronyms case-sensitively (:func:`acronym_patterns`),
    so "TTP" matches and "LeT" never matches the verb "let".
    """
    return _patterns(acronyms=False)


def acronym_patterns() -> list[dict]:
    return _patterns(acronyms=True)


def _is_acronym(alias: str) -> bool:
    return alias.isupper() or (len(alias) <= 5 and any(c.isupper() for c in alias[1:]))


def _patterns(*, acronyms: bool) -> list[dict]:
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for entry in actor_entries():
        for alias in sorted({entry.name, *entry.aliases}):
            if _is_acronym(alias) != acronyms:
                continue
            # News text uses both straight and curly apostrophes.
            for variant in sorted({alias, alias.replace("'", "’")}):
                if (variant, entry.name) in seen:
                    continue
                seen.add((variant, entry.name))
                patterns.append({"label": "ORG", "pattern": variant, "id": entry.name})
    return patterns
