"""Who the sides of violence are, where the words around a name change what ACLED codes.

- forces off duty or no longer serving ("an off-duty police officer", "a former soldier")
  are civilians when attacked: they are not fighting (AC300);
- people no base names who shoot ("two men opened fire") are an unidentified armed group,
  not a mob: mobs beat, stone and burn (AC305);
- attackers named as members of an armed group ("members of a drug trafficking group")
  are that group, as victims so named are (AC310, after AC220).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from newscoder import lexicon
from newscoder.coding.actors import CIVILIANS_RIOT, decided
from newscoder.coding.codebook import is_armed_type
from newscoder.coding.world_actors import armed_group_of
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.resolve.gazetteer import country_name
from newscoder.types import Actor

_A = Stage.CODE

OFF_DUTY = declare(
    "AC300", "off-duty-forces-are-civilians", _A, Kind.REFINE,
    "members of a force attacked off duty or after leaving it ('an off-duty police officer', "
    "'a former soldier') are civilians, not an armed side",
    source="ACLED codebook 2023, Violence against civilians; Actors: Civilians",
)  # fmt: skip


def off_duty_victim(actor: Actor | None, said: str, country: str | None) -> Actor | None:
    """``actor``, or civilians of its country when the phrase that named it says its
    people were off duty or no longer serving (AC300)."""
    if actor is None or not is_armed_type(actor.type):
        return actor
    found = lexicon.word_pattern("off_duty_words").search(said)
    if found is None:
        return actor
    fire(OFF_DUTY, "rewrote", said, actor.start)
    code = actor.country_code or country
    name = country_name(code) if code else None
    civilians = replace(actor, name=f"Civilians ({name})" if name else "Civilians",
                        type="Civilians", country_code=code, role="civilians",
                        canonical=None)  # fmt: skip
    return decided(civilians, OFF_DUTY, f"{found.group(0)!r}: not fighting, a civilian (ACLED)")


SHOOTERS = declare(
    "AC305", "shooters-are-armed", _A, Kind.REFINE,
    "people no actor base names who shoot ('two men opened fire') are an unidentified armed "
    "group, not a mob: a mob is a crowd that beats, stones or burns",
    source="ACLED codebook 2023, Riots: Mob violence; Actors: Political militia",
)  # fmt: skip
MEMBER_ATTACKERS = declare(
    "AC310", "attackers-members-of-armed-group", _A, Kind.REFINE,
    "attackers named as members of an armed group ('members of a drug trafficking group', "
    "'two CV members') are that group, as victims so named are (AC220)",
    source="ACLED codebook 2023, Actors",
)  # fmt: skip


def shooting(triggers: list[str], instruments: list[str]) -> bool:
    """Whether the event was done by shooting: a shooting trigger or a firearm named."""
    said = " ".join(triggers)
    return "armed" in instruments or bool(lexicon.word_pattern("shooting_words").search(said))


def shooters(actor: Actor, head: str, country: str | None) -> Actor:
    """Civilians who shoot, which AC095 made a crowd of rioters, are an unidentified armed
    group unless named as a crowd (AC305)."""
    if actor.type != "Rioters" or actor.rule != CIVILIANS_RIOT.id:
        return actor
    if head.lower() in lexicon.words("crowd_heads"):
        return actor  # "villagers shot the thief": a crowd still
    fire(SHOOTERS, "rewrote", actor.name, actor.start)
    code = actor.country_code or country
    name = country_name(code) if code else None
    armed = replace(actor, name=f"Unidentified Armed Group ({name})" if name
                    else "Unidentified Armed Group", type="Political militia", country_code=code,
                    role="unidentified", canonical=None)  # fmt: skip
    return decided(armed, SHOOTERS, "people who shoot: an unidentified armed group (ACLED)")


def member_attackers(actor: Actor, said: str, country: str | None, on: dt.date | None) -> Actor:
    """Attackers named as members of an armed group are that group (AC310)."""
    if actor.type not in {None, "Civilians", "Rioters"}:
        return actor  # a known group or force is typed already
    group = armed_group_of(said, country, on, {"start": actor.start, "end": actor.end})
    if group is None:
        return actor
    fire(MEMBER_ATTACKERS, "rewrote", said, actor.start)
    return decided(group, MEMBER_ATTACKERS, f"{said!r}: members of an armed group")
