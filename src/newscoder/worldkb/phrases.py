"""Actor phrases: :func:`classify` says what an actor phrase is (a named actor, a
generic noun, of which country) for an event in a given country and on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache

from newscoder.lexicon import words as words_of
from newscoder.worldkb.actors import agent, lookup
from newscoder.worldkb.records import (
    EXTERNAL,
    STATE,
    SUPPLEMENT,
    Agent,
    WorldActor,
    _singular,
    cameo_roles,
    normalise,
    type_abroad,
)


@dataclass(frozen=True, slots=True)
class Classified:
    """What an actor phrase is, for an event in a given country and on a given day.

    ``acled_type`` is the type in the event's country (state forces abroad are
    External/Other forces); ``country`` is the actor's own country when a name
    or a demonym gives it ("Turkish soldiers" -> TR). ``name`` is set for a
    named actor, None for a generic noun. ``reason`` says which entry decided.
    """

    phrase: str
    acled_type: str | None
    role: str
    armed: bool | None
    country: str | None
    name: str | None
    acled_name: str | None
    group: str | None
    reason: str


@lru_cache(maxsize=1 << 14)  # phrases recur across articles; the answer is the tables'
def classify(
    phrase: str, country: str | None = None, on: dt.date | None = None
) -> Classified | None:
    """The ACLED actor type of an actor phrase: a named actor first, else a generic noun.

    1. The whole phrase is a known name or alias ("Taliban fighters", "CJTF").
    2. Else the longest generic head noun at the end ("militiamen", "security
       personnel"), typed for ``country`` and ``on``; what stands before it may be
       a known name, which then decides ("al-Shabaab militants" are al-Shabaab),
       or a demonym, which gives the actor's country ("Turkish soldiers" in Iraq
       are External/Other forces). Lower-case words name a group but never a
       person (``_named``), so lower-cased text still finds "al-shabaab".
    Returns None when nothing is known.
    """
    words = phrase.split()
    while words and normalise(words[0]) in ("the", "a", "an"):
        words = words[1:]
    if len(words) > 1 and normalise(words[-1]) in ("member", "members"):
        words = words[:-1]  # "CJTF members" are the CJTF
    if not words:
        return None
    for start in range(len(words)):  # "two Pakistani soldiers": the alias "Pakistani soldiers"
        inside = any(w[:1].isupper() for w in words[:start])  # "Myaung Revolutionary Army"
        named = _named(" ".join(words[start:]), country, on, partial=start > 0, inside=inside)
        if named:
            return _from_actor(phrase, named, country, "named actor")
    of_country = _of_country(phrase, words, country, on)
    if of_country:
        return of_country
    for start in range(1, len(words) + 1):
        head = " ".join(words[start - 1 :])
        generic = agent(head, country, on)
        if generic is None or generic.noun not in (normalise(head), _singular(normalise(head))):
            continue
        modifier = words[: start - 1]
        # "suspected Boko Haram insurgents": try "suspected Boko Haram", then "Boko Haram".
        tails = [" ".join(modifier[i:]) for i in range(len(modifier))]
        for text in tails:
            named = _named(text, country, on, partial=True, inside=" " not in text)
            if named:
                return _from_actor(phrase, named, country, f"named actor before {generic.noun!r}")
        nation = next((n for n in map(_nation, tails) if n), None)
        if nation is None and _unknown_proper_name(words, start - 1, generic):
            return None
        how = f"generic noun {generic.noun!r}"
        armed = _non_state_modifier(modifier, generic, country, on)
        if armed is not None:  # "a Maoist area commander", "militant leaders"
            how = f"{armed.noun!r} before the state-typed {generic.noun!r}"
            generic = armed
        where = f" for {generic.country}" if generic.country else ""
        return Classified(
            phrase=phrase,
            acled_type=type_abroad(generic.acled_type, nation, country),
            role=generic.role,
            armed=generic.armed,
            country=nation,
            name=None,
            acled_name=generic.acled_name,
            group=generic.group,
            reason=f"{how}{where} ({generic.source})",
        )
    return None


_GROUP_SOURCES = (SUPPLEMENT, "petrarch2/milnonstate")
_ACTING_TYPES = (STATE, EXTERNAL, "Rebel group", "Political militia", "Identity militia")


@cache
def _partial_roles() -> frozenset[str]:
    """Roles a name may have when it is only part of a phrase ("Karzai government",
    "al-Shabaab militants"): the state's, armed groups' and missions' roles, so a
    word inside a longer name ("Red Glow of Dawn Guerrilla Force") never becomes
    an NGO or a company that happens to share it."""
    return frozenset(c for c, r in cameo_roles().items() if r.acled_type in _ACTING_TYPES)


def _of_country(
    phrase: str, words: list[str], country: str | None, on: dt.date | None
) -> Classified | None:
    """ "Government of Nigeria", "police forces of Kenya": a generic head, then a country."""
    lowered = [normalise(w) for w in words]
    if "of" not in lowered[1:-1]:
        return None
    cut = len(lowered) - 1 - lowered[::-1].index("of")
    rest = [w for w in words[cut + 1 :] if normalise(w) != "the"]
    nation = _nation(" ".join(rest)) if rest else None
    if nation is None:
        return None
    inner = classify(" ".join(words[:cut]), country, on)
    if inner is None or inner.name is not None:
        return None
    return Classified(
        phrase=phrase,
        acled_type=type_abroad(inner.acled_type, nation, country),
        role=inner.role,
        armed=inner.armed,
        country=nation,
        name=None,
        acled_name=inner.acled_name,
        group=inner.group,
        reason=f"{inner.reason} of {nation}",
    )


def _named(
    text: str,
    country: str | None,
    on: dt.date | None,
    *,
    partial: bool = False,
    inside: bool = False,
) -> WorldActor | None:
    """The first named actor (not a country, not a company) with this exact alias.

    Written without a capital ("young", "al-shabaab" in lower-cased text), a name
    counts only if it is a group's, never a person's from the country
    dictionary, so "young soldiers" never becomes a person named Young. A
    ``partial`` name (part of a longer phrase) must be a group's or an armed or
    state actor's; one that may sit ``inside`` a longer proper name (after a
    capitalised word, or a single word before a noun: "Zero Guerrilla Force")
    must be the supplement's, whose names are specific enough.
    """
    capital = any(c.isupper() for c in text)
    for actor in lookup(text, country, on):
        if actor.role in ("", "MNC"):
            continue
        group = actor.source in _GROUP_SOURCES
        if partial and not (group or actor.role in _partial_roles()):
            continue
        if partial and inside and actor.source != SUPPLEMENT:
            continue
        if capital or group:
            return actor
    return None


_NON_STATE_ARMED = ("Rebel group", "Political militia", "Identity militia")


def _non_state_modifier(
    modifier: list[str], head: Agent, country: str | None, on: dt.date | None
) -> Agent | None:
    """A word before a state-typed head that names a non-state armed kind decides.

    The agents dictionary types ranks and units ("commander", "forces", "soldiers")
    as the state's; "a Maoist area commander", "militant commanders", "insurgent
    forces" are the group the modifier names. "Anti-"/"counter-" words name the
    opposite side ("counter-insurgency forces") and are skipped.
    """
    if head.acled_type not in (STATE, EXTERNAL):
        return None
    for word in modifier:
        key = normalise(word)
        if key.startswith(("anti", "counter", "ex-", "former")) or key in ("the", "a", "an"):
            continue
        found = agent(key, country, on)
        whole = found is not None and found.noun in (key, _singular(key))
        if whole and found.acled_type in _NON_STATE_ARMED:
            return found
    return None


def _unknown_proper_name(words: list[str], head_start: int, generic: Agent) -> bool:
    """Whether the phrase is the name of an organisation the base does not know.

    "Yangon Federal Army", "Yaw Defense Force", "Peace Companies": every word
    capitalised, a capitalised word before the head that is no country or
    demonym. Its head noun says nothing of its type (a named "army" is rarely a
    state's), so the phrase stays unknown. Police and government units named
    after a place ("Lagos State Police") keep their generic type.
    """
    if generic.role in ("COP", "GOV", "JUD", "LEG") or head_start == 0:
        return False
    particles = words_of("name_particles")
    written = [w for w in words if normalise(w) not in particles]
    return all(w[:1].isupper() for w in written) and any(
        w[:1].isupper() for w in words[:head_start]
    )


def _nation(text: str) -> str | None:
    """The country a demonym or country name stands for ("Pakistani" -> PK), if any."""
    for actor in lookup(text):
        if actor.role == "" and actor.country:
            return actor.country
    return None


def _from_actor(phrase: str, actor: WorldActor, country: str | None, how: str) -> Classified:
    return Classified(
        phrase=phrase,
        acled_type=actor.type_in(country),
        role=actor.role,
        armed=actor.armed,
        country=actor.country,
        name=actor.name,
        acled_name=actor.acled_name,
        group=None,
        reason=f"{how} {actor.name!r} ({actor.source}: {actor.code})",
    )
