"""Actor phrases the curated knowledge base does not know, typed by the world actor base.

The curated base (``data/actors.json``) and the generic roles
(``data/generic_actors.json``) are tried first: they are tuned on the dev sets.
What they miss is asked of :mod:`newscoder.worldkb` (PETRARCH2's dictionaries and
the hand-kept supplements), for the event's country and day:

- a named actor ("Arakan Army", "members of the JNIM") is that actor (AC200);
- a noun the generic roles do not know ("militia members", "migrants") takes the
  world base's row, the event's country's first where it has one (AC210);
- state forces outside their own country are External/Other forces (AC215);
- a victim named as members or a site of an armed group is that group (AC220, AC225);
- an attacker neither base can type is a political militia (AC230).

Importing :mod:`newscoder.worldkb` reads nothing; its tables load on the first
phrase the curated base does not know (``benchmarks/kb_startup.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from newscoder import lexicon, worldkb
from newscoder.coding.codebook import is_armed_type
from newscoder.knowledge import lookup_actor
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import country_name
from newscoder.types import Actor

_A = Stage.CODE
_ACLED_ACTORS = "ACLED codebook 2023, Actors"
_KB = "world actor base (PETRARCH2 dictionaries and supplement, docs/world-kb.md)"

WORLD_NAMED = declare(
    "AC200", "world-named-actor", _A, Kind.FIND,
    "a named armed group, force or organisation the curated base lacks is the world "
    "actor base's entry, typed for the event's country and day",
    source=f"{_ACLED_ACTORS}; {_KB}",
)  # fmt: skip
WORLD_AGENT = declare(
    "AC210", "world-agent-noun", _A, Kind.FIND,
    "a kind of actor the generic roles do not know ('militia members', 'prison guards') "
    "takes the world actor base's type",
    source=f"{_ACLED_ACTORS}; {_KB}",
)  # fmt: skip
STATE_ABROAD = declare(
    "AC215", "state-forces-abroad", _A, Kind.REFINE,
    "state forces acting outside their own country are External/Other forces",
    source=f"{_ACLED_ACTORS}: External/Other forces",
)  # fmt: skip

_NO_TYPE = (None, "")


def named_actor(text: str, country: str | None, on: dt.date | None, span: dict) -> Actor | None:
    """The named actor (a group, a force, an organisation) ``text`` is, if the world
    base knows it and can type it (AC200)."""
    if not _written_as_name(text):
        return None  # "a car" is no "CAR", "the organization" no group called so
    found = worldkb.classify(text, country, on)
    if found is None or found.name is None or found.acled_type in _NO_TYPE:
        return None
    if found.role in _person_roles():
        return None
    fire(WORLD_NAMED, "found", found.name, span["start"])
    return Actor(
        name=found.acled_name or found.name,
        type=found.acled_type,
        country_code=found.country,
        canonical=found.acled_name or found.name,
        reason=WORLD_NAMED.why(found.reason),
        rule=WORLD_NAMED.id,
        **span,
    )


def known_actor_country(ent_id: str, on: dt.date | None) -> str | None:
    """The country of the actor the entity ruler named: the curated entry's, or for a
    supplement name (``world:<name>``) the one country all its entries share."""
    entry = lookup_actor(ent_id, on)
    if entry is not None or not ent_id.startswith(worldkb.WORLD_ID):
        return entry.country if entry is not None else None
    countries = {a.country for a in worldkb.lookup(ent_id.removeprefix(worldkb.WORLD_ID), on=on)}
    return countries.pop() if len(countries) == 1 else None


_FORMER = re.compile(r"\b(?:former|retired|ex-|erstwhile)", re.I)


def _written_as_name(text: str) -> bool:
    """A capitalised word after any article: names are written so, nouns are not."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return any(w[:1].isupper() for w in words)


@cache
def _person_roles() -> frozenset[str]:
    """CAMEO roles of people, officials and companies (data/words/world_person_roles)."""
    return frozenset(r.upper() for r in lexicon.words("world_person_roles"))


def _official(role: str) -> bool:
    """An official's role: typed by the generic roles (state) or, as a victim, civilians."""
    return role in _person_roles() and role != "BUS"


def world_agent(text: str, country: str | None, on: dt.date | None, span: dict) -> Actor | None:
    """A generic noun the generic roles do not know, typed by the world base (AC210)."""
    if _FORMER.search(text):
        return None  # a former commander is a civilian (AC040's roles say so)
    found = worldkb.classify(text, country, on)
    if found is None or found.name is not None or found.acled_type in _NO_TYPE:
        return None
    if _official(found.role):
        return None  # officials: the generic roles and the civilian-target rule decide
    fire(WORLD_AGENT, "found", text, span["start"])
    code = found.country or country
    return _agent_actor(text, found.acled_type, found.role, found.acled_name, code,
                        span, WORLD_AGENT, found.reason)  # fmt: skip


def abroad(actor: Actor, country: str | None) -> Actor:
    """State forces of another country than the event's are External/Other forces (AC215)."""
    typed = worldkb.type_abroad(actor.type, actor.country_code, country)
    if typed == actor.type:
        return actor
    fire(STATE_ABROAD, "rewrote", actor.name, actor.start)
    why = STATE_ABROAD.why(f"forces of {actor.country_code} in {country}")
    return replace(actor, type=typed, rule=STATE_ABROAD.id,
                   reason=why + (f"; {actor.reason}" if actor.reason else ""))  # fmt: skip


def _agent_actor(
    text: str,
    acled_type: str | None,
    cameo: str,
    acled_name: str | None,
    code: str | None,
    span: dict,
    rule: Rule,
    why: str,
) -> Actor:
    cname = country_name(code) if code else None
    if acled_name and "{country}" in acled_name:
        name = acled_name.format(country=cname) if cname else acled_name.replace(" ({country})", "")
    else:
        name = acled_name or text
    return Actor(
        name=name,
        type=acled_type,
        country_code=code,
        role=lexicon.word_map("world_type_roles").get(acled_type or "", cameo.lower()),
        reason=rule.why(why),
        rule=rule.id,
        **span,
    )


UNTYPED_ATTACKER = declare(
    "AC230", "untyped-attacker", _A, Kind.DEFAULT,
    "whoever commits violence and is known to neither actor base ('armed individuals', "
    "'the Black Leopard') is an armed group ACLED cannot place: a political militia",
    source=f"{_ACLED_ACTORS}: Political militia",
)  # fmt: skip
GROUP_WORD_ARMED = declare(
    "AC945", "group-word-armed", Stage.CODE, Kind.REFINE,
    "'rival drug trafficking groups' fight: a phrase typed a crowd only by its head word "
    "'groups' is the armed group its other words name",
    source="ACLED codebook 2023, Actors: Political militia (gangs)",
)  # fmt: skip
MEMBERS_OF = declare(
    "AC220", "members-of-armed-group", _A, Kind.REFINE,
    "members, fighters or cadres of an armed group ('two members of the ADF', 'a CV member') "
    "are that group: attacked, they are an armed actor, not civilians",
    source=f"{_ACLED_ACTORS}; ACLED codebook 2023, Battles",
)  # fmt: skip
GROUP_SITE = declare(
    "AC225", "site-of-armed-group", _A, Kind.REFINE,
    "a base, camp or position of a named armed group ('NRF bases') is that group",
    source=f"{_ACLED_ACTORS}; ACLED codebook 2023, Battles",
)  # fmt: skip


@cache
def _member_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    members = lexicon.alternation("member_nouns")
    of = re.compile(r"\b" + members + r"\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<group>.+)$", re.I)
    before = re.compile(
        r"^(?:\S+\s+)*?(?P<group>(?:[A-Z][\w'’.-]*\s+)+)" + members + r"\b(?!\s+of\b)"
    )
    return of, before


@cache
def _site_pattern() -> re.Pattern[str]:
    return re.compile(
        r"^(?:the\s+|a\s+|an\s+)?(?P<group>(?:[A-Z][\w'’.-]*\s+)+)"
        + lexicon.alternation("state_sites")
        + r"s?\b",
    )


def armed_group_of(text: str, country: str | None, on: dt.date | None, span: dict) -> Actor | None:
    """The armed group a victim phrase names its people (AC220) or site (AC225) by."""
    of, before = _member_patterns()
    for pattern, rule in ((of, MEMBERS_OF), (before, MEMBERS_OF), (_site_pattern(), GROUP_SITE)):
        match = pattern.search(text)
        if match is not None:
            return _group_named(match, rule, text, country, on, span)
    return None


def group_site(text: str, country: str | None, on: dt.date | None, span: dict) -> Actor | None:
    """ "Ansar Dine positions": the non-state armed group whose site a phrase names
    (AC225), or None."""
    match = _site_pattern().search(text)
    return _group_named(match, GROUP_SITE, text, country, on, span, state=False) if match else None


def _group_named(
    match: re.Match[str],
    rule: Rule,
    text: str,
    country: str | None,
    on: dt.date | None,
    span: dict,
    *,
    state: bool = True,
) -> Actor | None:
    """The armed group a pattern's ``group`` names, under ``rule`` (state forces only
    with ``state``), or None."""
    group = _strip_tail(match["group"].strip())
    actor = _group(group, country, on, span)
    if actor is None or not is_armed_type(actor.type):
        return None
    if not state and actor.type == "State forces":
        return None
    fire(rule, "rewrote", text, span["start"])
    return replace(actor, rule=rule.id,
                   reason=rule.why(f"{text!r}: {group!r}") + f"; {actor.reason}")  # fmt: skip


def armed_group_named(
    text: str, country: str | None, on: dt.date | None, span: dict
) -> Actor | None:
    """ "rival drug trafficking groups": the armed group a phrase names by its other
    words when its head word ("groups") alone made it a crowd (AC945), or None."""
    actor = _group(text, country, on, span, names=False)
    if actor is None or not is_armed_type(actor.type):
        return None
    fire(GROUP_WORD_ARMED, "rewrote", text, span["start"])
    return replace(actor, rule=GROUP_WORD_ARMED.id,
                   reason=GROUP_WORD_ARMED.why(repr(text)) + f"; {actor.reason}")  # fmt: skip


def _group(
    text: str, country: str | None, on: dt.date | None, span: dict, *, names: bool = True
) -> Actor | None:
    """The armed group ``text`` names: by a name the bases know (unless ``names`` is
    False: a generic phrase such as "rival groups" is no one's name), else by the kind
    of people its words say."""
    entry = None
    if names:
        entry = lookup_actor(text, on) or lookup_actor(
            re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I), on
        )
    if entry is not None:
        return Actor(name=entry.name, type=worldkb.type_abroad(entry.type, entry.country, country),
                     country_code=entry.country, canonical=entry.acled_name or entry.name,
                     reason=f"knowledge base: {entry.name!r}", **span)  # fmt: skip
    found = worldkb.classify(text, country, on)
    if found is None or found.acled_type in _NO_TYPE or found.role in _person_roles():
        return None
    if found.name is None and found.armed is not True:
        return None
    if found.name is not None and not names:
        return None  # "a youth" is no youth movement's name
    code = found.country or country
    return _agent_actor(found.name or text, found.acled_type, found.role, found.acled_name, code,
                        span, WORLD_NAMED if found.name else WORLD_AGENT, found.reason)  # fmt: skip


def _strip_tail(text: str) -> str:
    """ "the CV in Morro" -> "the CV": the group ends before a place or a time."""
    return re.split(r"\s+(?:in|at|near|on|from|during|who|which|that|,)\s+", text, maxsplit=1)[0]


def untyped_attacker(actor: Actor, country: str | None) -> Actor:
    """An attacker neither base can type is an armed group of no known kind (AC230):
    ACLED's unidentified armed groups and small named groups are political militias."""
    fire(UNTYPED_ATTACKER, "rewrote", actor.name, actor.start)
    why = UNTYPED_ATTACKER.why("an attacker of no known type: a political militia (ACLED)")
    return replace(actor, type="Political militia", country_code=actor.country_code or country,
                   rule=UNTYPED_ATTACKER.id,
                   reason=why + (f"; {actor.reason}" if actor.reason else ""))  # fmt: skip
