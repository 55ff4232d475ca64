"""Named actors and generic agent nouns: :func:`lookup` and :func:`find_actors` for
names, :func:`agent` and :func:`agent_type` for nouns, :func:`ruler_patterns` for the
entity ruler."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from newscoder.worldkb.records import Agent, Mention, WorldActor, _singular, normalise
from newscoder.worldkb.tables import (
    _agent_supplement,
    _dictionary_agent,
    _has_prefix,
    _looks_like_acronym,
    _store,
    _supplement,
)

# --------------------------------------------------------------------------- names

# The entity ruler's id prefix for a supplement name ("world:Pyu Saw Htee").
WORLD_ID = "world:"


def ruler_patterns(*, acronyms: bool = False) -> list[dict]:
    """EntityRuler phrase patterns for the supplement's names, id ``world:<name>``.

    The same shape as ``resolve.knowledge.ruler_patterns``: names for a ruler
    matching LOWER, acronyms (``acronyms=True``) for one matching ORTH, so "AA"
    never matches "aa". The derived dictionary names are not offered: tens of
    thousands of people and companies would slow the ruler and tag noise.
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for actors in _supplement().by_key.values():
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                if _looks_like_acronym(alias) != acronyms:
                    continue
                for variant in (alias, alias.replace("'", "’")):
                    if (variant, actor.name) not in seen:
                        seen.add((variant, actor.name))
                        patterns.append(
                            {"label": "ORG", "pattern": variant, "id": f"{WORLD_ID}{actor.name}"}
                        )
    return sorted(patterns, key=lambda p: (p["id"], p["pattern"]))


def lookup(name: str, country: str | None = None, on: dt.date | None = None) -> list[WorldActor]:
    """Every actor ``name`` may be, by exact alias after :func:`normalise`.

    ``country`` (ISO alpha-2, the event's country) prefers the actors of that
    country and those of none (international organisations, transnational
    groups): when any of them match, the others are dropped ("ADF" in Cameroon
    is the Ambazonia Defence Forces, in DR Congo the Allied Democratic Forces);
    when none do, all are kept ("Wagner" in Mali). ``on`` keeps,
    for each actor, the dated roles valid that day, or its undated default role
    when none is. Without ``on`` every role is returned, the latest first.

    Supplement entries come first and hide derived entries with the same
    alias and country: the supplement is the curated, current answer.
    """
    return list(_lookup(name, country, on))


# The actors and nouns of an article's phrases come back in every article, and the
# answers follow from the loaded tables alone: each question is answered once.
_ANSWERS = 1 << 14


@lru_cache(maxsize=_ANSWERS)
def _lookup(name: str, country: str | None, on: dt.date | None) -> tuple[WorldActor, ...]:
    key = normalise(name)
    if not key:
        return ()
    supplement = _supplement().by_key.get(key, ())
    if not supplement and key.startswith("the "):
        key = key[4:]
        supplement = _supplement().by_key.get(key, ())
    store = _store()
    rows, _ = store.entry(key)
    derived = [store.actor(r) for r in rows]
    covered = {a.country for a in supplement}
    if supplement:
        derived = [
            a for a in derived if a.country not in covered and None not in covered and a.country
        ]
    found = _in_force([*supplement, *derived], on)
    if country:
        local = [a for a in found if a.country in (None, country.upper())]
        found = local or found
    return tuple(found)


def _in_force(actors: list[WorldActor], on: dt.date | None) -> list[WorldActor]:
    """Per entity: the dated roles valid ``on`` or else the undated default (PETRARCH's rule)."""
    by_entity: dict[int, list[WorldActor]] = {}
    for actor in actors:
        by_entity.setdefault(actor.entity, []).append(actor)
    result: list[WorldActor] = []
    for group in by_entity.values():
        if on is None:
            result.extend(sorted(group, key=_recency, reverse=True))
            continue
        dated = [a for a in group if a.dated and a.valid_on(on)]
        result.extend(dated or [a for a in group if not a.dated])
    return result


def _recency(actor: WorldActor) -> tuple[dt.date, dt.date]:
    return (actor.valid_to or dt.date.max, actor.valid_from or dt.date.min)


# A word, with inner apostrophes and hyphens ("Hay'at", "Lashkar-e-Taiba"), or a
# dotted acronym ("U.N."); a sentence's full stop is not part of a name.
_TOKEN = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.|\w+(?:['’\-]\w+)*")
_MAX_WORDS = 12


def find_actors(
    text: str,
    country: str | None = None,
    on: dt.date | None = None,
    *,
    skip_roles: Iterable[str] = ("", "MNC"),
) -> list[Mention]:
    """Known actor names in ``text``: longest matches, left to right, never overlapping.

    Acronym aliases ("AA", "KIA", "PDF") match only as written in capitals; a
    one-word name needs a capital letter ("al-Shabaab" yes, "shabaab" no) so
    common words do not match. Countries themselves (role "") and companies
    are skipped unless ``skip_roles`` says otherwise; ``country`` and ``on``
    filter as in :func:`lookup`.
    """
    skip = set(skip_roles)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        if text[tokens[i][0] : tokens[i][1]].lower() == "the":
            i += 1  # "the KIA" is the KIA: names are indexed without their article
            continue
        best: tuple[int, tuple[WorldActor, ...]] | None = None
        for j in range(i, min(len(tokens), i + _MAX_WORDS)):
            if j > i and text[tokens[j - 1][1] : tokens[j][0]].strip():
                break  # a name does not run over punctuation ("Taliban. Police")
            span = text[tokens[i][0] : tokens[j][1]]
            key = normalise(span)
            if not key:
                break
            actors = _actors_for_span(key, span, j == i, country, on, skip)
            if actors:
                best = (j, actors)
            if not (_store().has_prefix(key) or _has_prefix(_supplement().keys, key)):
                break
        if best is None or _part_of_longer_name(text, tokens, i, best):
            i += 1
            continue
        j, actors = best
        start, end = tokens[i][0], tokens[j][1]
        mentions.append(Mention(start, end, text[start:end], actors))
        i = j + 1
    return mentions


def _part_of_longer_name(
    text: str, tokens: list[tuple[int, int]], i: int, best: tuple[int, tuple[WorldActor, ...]]
) -> bool:
    """A one-word person name followed by a capitalised word names someone else.

    The country dictionary holds people by one name ("Abdullah"); in "Abdullah
    Abdulrahimzai, a resident" that word starts a longer name it does not know.
    Group names (supplement, armed groups) are not held to this.
    """
    j, actors = best
    if j != i or j + 1 >= len(tokens) or text[tokens[j][1] : tokens[j + 1][0]] != " ":
        return False
    if any(a.source != "petrarch2/countries" for a in actors):
        return False
    return text[tokens[j + 1][0]].isupper()


def _actors_for_span(
    key: str,
    span: str,
    one_word: bool,
    country: str | None,
    on: dt.date | None,
    skip: set[str],
) -> tuple[WorldActor, ...]:
    form = _supplement().acronyms.get(key) or _store().entry(key)[1]
    if form and span.replace(".", "") != form:
        return ()
    if one_word and not form and span.islower():
        return ()
    found = lookup(key, country, on)
    return tuple(a for a in found if a.role not in skip)


# --------------------------------------------------------------------------- agents


@lru_cache(maxsize=_ANSWERS)  # see _ANSWERS
def agent(noun: str, country: str | None = None, on: dt.date | None = None) -> Agent | None:
    """The generic actor a noun phrase names, for an event in ``country`` on ``on``.

    The phrase is read head-last: the longest ending that is a known noun wins
    ("local armed militiamen" -> "armed militiamen" if known, else "militiamen"),
    each ending also tried in the singular; "militia members" and "members of
    the militia" both reach "militia". For one noun, a supplement row for the
    event's country and date beats a supplement row for everywhere, which beats
    the dictionary's noun.
    """
    words = normalise(noun).split()
    if words and words[-1] in ("member", "members") and len(words) > 1:
        words = words[:-1]
    for start in range(len(words)):
        tail = " ".join(words[start:])
        for key in dict.fromkeys((tail, _singular(tail))):
            found = _agent_for(key, country, on)
            if found:
                return found
    return None


def _agent_for(key: str, country: str | None, on: dt.date | None) -> Agent | None:
    rows = [a for a in _agent_supplement().get(key, ()) if a.valid_on(on)]
    if country:
        local = [a for a in rows if a.country == country.upper()]
        if local:
            return local[0]
    general = [a for a in rows if a.country is None]
    if general:
        return general[0]
    return _dictionary_agent(key)


def agent_type(
    noun: str, country: str | None = None, on: dt.date | None = None
) -> tuple[str, str | None] | None:
    """``(CAMEO role, ACLED type)`` of a generic noun phrase, or None when unknown.

    >>> agent_type("policemen")
    ('COP', 'State forces')
    """
    found = agent(noun, country, on)
    return (found.role, found.acled_type) if found else None
