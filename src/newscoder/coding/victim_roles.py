"""Who the sides of violence are, where the words around a name change what ACLED codes.

- forces off duty or no longer serving ("an off-duty police officer", "a former soldier")
  are civilians when attacked: they are not fighting (AC300);
- people no base names who shoot ("two men opened fire") are an unidentified armed group,
  not a mob: mobs beat, stone and burn (AC305);
- attackers named as members of an armed group ("members of a drug trafficking group")
  are that group, as victims so named are (AC310, after AC220);
- victims the event names with an armed role anywhere it tells them (another telling's
  target, its casualty figures: "three soldiers were killed") are its target (AC400);
- the owners of the houses, herds, vehicles or shops looted or destroyed are civilians
  when no owner is named (AC935).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache

from newscoder import lexicon
from newscoder.coding.actors import (
    CIVILIANS_RIOT,
    GENERIC_ROLE,
    PARTY_ROLE,
    ActorContext,
    decided,
    resolve_actor,
    role_actor,
)
from newscoder.coding.codebook import is_armed_type
from newscoder.coding.world_actors import armed_group_of
from newscoder.extract.arguments import Phrase
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import Actor, Casualty

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
    why = f"{found.group(0)!r}: not fighting, a civilian (ACLED)"
    return role_actor("Civilians", "Civilians", "civilians", actor, country, OFF_DUTY, why)


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
    if actor.type != "Rioters" or actor.rule not in (CIVILIANS_RIOT.id, GENERIC_ROLE.id):
        return actor  # AC040: "members of a rival group" typed by their word "group"
    if head.lower() in lexicon.words("crowd_heads"):
        return actor  # "villagers shot the thief": a crowd still
    why = "people who shoot: an unidentified armed group (ACLED)"
    label = "Unidentified Armed Group"
    return role_actor(label, "Political militia", "unidentified", actor, country, SHOOTERS, why)


def member_attackers(actor: Actor, said: str, country: str | None, on: dt.date | None) -> Actor:
    """Attackers named as members of an armed group are that group (AC310)."""
    if actor.type not in {None, "Civilians", "Rioters"}:
        return actor  # a known group or force is typed already
    group = armed_group_of(said, country, on, {"start": actor.start, "end": actor.end})
    if group is None:
        return actor
    fire(MEMBER_ATTACKERS, "rewrote", said, actor.start)
    return decided(group, MEMBER_ATTACKERS, f"{said!r}: members of an armed group")


PARTY_PEOPLE_RIOT = declare(
    "AC235", "party-people-are-rioters", _A, Kind.REFINE,
    "members or supporters of an organisation no base types as armed ('JMM members'), or "
    "of a political party, who clash, beat or assault, no weapon told: rioters",
    source="ACLED codebook 2023, Riots: Mob violence; Actors: Rioters",
)  # fmt: skip


def party_rioters(actor: Actor, head: str, by_hand: bool, country: str | None) -> Actor:
    """``actor`` (still untyped) as Rioters when its head word names the people of an
    organisation and they fought or beat by hand (AC235); else ``actor``."""
    party = actor.role == PARTY_ROLE  # a party a base names ("the Awami League"): its people
    people = actor.type is None and head.lower() in lexicon.words("party_people_nouns")
    if not by_hand or not (party or people):
        return actor
    why = (
        f"people of the party {actor.name}, no weapon: a crowd (ACLED)"
        if party
        else f"{head!r} of an organisation no base knows as armed, no weapon: a crowd (ACLED)"
    )
    return role_actor("Rioters", "Rioters", "rioters", actor, country, PARTY_PEOPLE_RIOT, why)


KIN_OF_ARMED = declare(
    "AC410", "kin-of-armed-people", _A, Kind.VETO,
    "relatives of armed people ('the wife of a police officer', 'two "
    "children of a militiaman') are not armed: the armed word names their relative",
    source="ACLED codebook 2023, Violence against civilians",
)  # fmt: skip


@cache
def _kin_of() -> re.Pattern[str]:
    """ "<kin noun> of ..." up to the end of the searched text, within one phrase."""
    return re.compile(r"\b(" + lexicon.alternation("kin_nouns") + r")\s+of\s+[^,;.]*$", re.I)


def kin_of_armed(text: str, at: int) -> bool:
    """Whether the armed word at ``at`` in ``text`` follows "<kin noun> of" in the same
    phrase: it names the victims' relative ("the wife of a police officer")."""
    kin = _kin_of().search(text, 0, at)
    if kin is None:
        return False
    fire(KIN_OF_ARMED, "vetoed", text, None, kin.group(1))
    return True


def kin_victims(actor: Actor | None, head: str, country: str | None) -> Actor | None:
    """Civilians of the country when the target phrase's head is a relative ("two children
    of a Dozo militiaman") that a base typed by the armed name after it (AC410)."""
    if actor is None or not is_armed_type(actor.type):
        return actor
    if head.lower() not in lexicon.words("kin_nouns"):
        return actor
    why = f"{head!r} of armed people: relatives, civilians (ACLED)"
    return role_actor("Civilians", "Civilians", "civilians", actor, country, KIN_OF_ARMED, why)


ARMED_VICTIMS = declare(
    "AC400", "armed-victims", _A, Kind.REFINE,
    "victims named with an armed role where the event is told again or counted ('attacked "
    "the village; three soldiers were killed') are its target: a battle",
    source="ACLED codebook 2023, Battles: Armed clash; Violence against civilians",
)  # fmt: skip
_HARMED = frozenset({"killed", "injured", "abducted"})
_NOT_ARMED_ROLES = frozenset({"diplomatic", "civilians", "government"})


def armed_victim(
    phrases: list[Phrase],
    casualties: list[Casualty],
    told: str,
    ctx: ActorContext,
    on: dt.date | None,
    country: str | None,
    identified: Sequence[Phrase] = (),
) -> Actor | None:
    """The first armed side among victims told beside the event's target: the other
    mentions' targets, who a later sentence says the victims were (AC415), then the
    people its casualty figures count (AC400); else None.
    ``told``: the event's sentences; one that says its victims were off duty or no longer
    serving (AC300) names none."""
    if lexicon.word_pattern("off_duty_words").search(told):
        return None
    if lexicon.word_pattern("unarmed_words").search(told):
        return None  # "two forest guards (assumed unarmed)"
    for phrase in phrases:
        found = _armed(phrase, ctx, on, country)
        if found is not None:
            return _chosen(found, phrase.text)
    for phrase in identified:
        found = _armed(phrase, ctx, on, country, members_first=True)
        if found is not None:
            fire(VICTIM_NAMED_AFTER, "rewrote", phrase.text, phrase.start)
            return decided(found, VICTIM_NAMED_AFTER, f"{phrase.text!r}: the victim, told after")
    for cas in casualties:
        if cas.kind not in _HARMED:
            continue
        if kin_of_armed(cas.text, len(cas.text)):
            continue  # "killed two children of a Dozo militiaman": relatives (AC410)
        span = {"start": cas.start, "end": cas.end}
        found = armed_group_of(cas.text, country, on, span)  # "four members of the VDP"
        if found is not None:
            return _chosen(found, cas.text)
        for match in lexicon.word_pattern("armed_victim_nouns").finditer(cas.text):
            if lexicon.word_pattern("suspicion_words").search(cas.text, 0, match.start()):
                break  # "killed two men suspected of being militants": suspected only
            words = cas.text[: match.end()].split()[-3:]  # "two police officers"
            start = cas.start + match.end() - len(" ".join(words))
            head = words[-1]
            phrase = Phrase(text=" ".join(words), start=start, end=cas.start + match.end(),
                            head=head, head_lemma=head.lower())  # fmt: skip
            found = _armed(phrase, ctx, on, country)
            if found is not None:
                return _chosen(found, cas.text)
    return None


def _armed(
    phrase: Phrase,
    ctx: ActorContext,
    on: dt.date | None,
    country: str | None,
    *,
    members_first: bool = False,
) -> Actor | None:
    """The armed actor ``phrase`` names, or None. ``members_first``: "members of a crime
    group" is the group (AC220) before its head "members" is typed as people."""
    if lexicon.word_pattern("off_duty_words").search(phrase.text):
        return None  # AC300: not fighting
    if lexicon.word_pattern("suspicion_words").search(phrase.text):
        return None  # "men suspected of being militants"
    span = {"start": phrase.start, "end": phrase.end}
    actor = armed_group_of(phrase.text, country, on, span) if members_first else None
    if actor is None:
        actor = resolve_actor(phrase, ctx, on=on, country=country)
        if (actor is None or actor.type is None) and not members_first:
            actor = armed_group_of(phrase.text, country, on, span)  # asked already if first
    if actor is None or not is_armed_type(actor.type) or actor.role in _NOT_ARMED_ROLES:
        return None
    return actor


def _chosen(actor: Actor, said: str) -> Actor:
    fire(ARMED_VICTIMS, "rewrote", said, actor.start)
    return decided(actor, ARMED_VICTIMS, f"{said!r}: armed victims of the same event")


VICTIM_NAMED_AFTER = declare(
    "AC415", "victim-identified-after", _A, Kind.REFINE,
    "a sentence after the event saying who its victim was ('The victim was a police "
    "officer') names the target: armed, a battle",
    source="ACLED codebook 2023, Battles: Armed clash; Violence against civilians",
)  # fmt: skip


@cache
def _victim_was() -> re.Pattern[str]:
    """ "The victim was (identified as) <phrase>" up to the end of its clause."""
    return re.compile(
        r"\b(?:the|both|all|one of the|two of the)\s+(?:victims?|deceased)\s+(?:was|were|is|are)"
        r"\s+(?:(?:later\s+)?(?:identified|recogni[sz]ed|named|known)\s+as\s+)?"
        r"(?!not\b|never\b|no\b)([^,;.()]+)",
        re.IGNORECASE,
    )


def victims_identified(sentences: list[tuple[int, str]]) -> list[Phrase]:
    """Who each later sentence (offset, text) says the victims were (AC415), as phrases
    for AC400 to type: "a member of a criminal group" (head "member")."""
    found = []
    for offset, text in sentences:
        for match in _victim_was().finditer(text):
            said = match.group(1).strip()
            words = said.split()
            if not words:
                continue
            head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
            start = offset + match.start(1)
            found.append(Phrase(text=said, start=start, end=start + len(said),
                                head=head, head_lemma=head.lower()))  # fmt: skip
    return found


PROPERTY_OWNERS = declare(
    "AC935", "property-owners-civilians", _A, Kind.DEFAULT,
    "looting or property destruction of what people own ('burned houses', 'seized "
    "livestock', 'set fire to a bus'), no owner named: the owners are civilians",
    source="ACLED codebook 2023, Looting/property destruction; Actors: Civilians",
)  # fmt: skip


def property_owners(told: list[tuple[int, str]], country: str | None) -> Actor | None:
    """Civilians (the country) when what was looted or destroyed is what people own
    (AC935). ``told`` holds, for each looting telling, where its object is written and
    the text: the object phrase, or the words just after the trigger ("set fire to 80
    houses"). None when the thing is a force's ("police vehicles", "an army truck") or
    no civilian property is named."""
    pattern = lexicon.word_pattern("civilian_property")
    for offset, window in told:
        found = pattern.search(window)
        if found is None or _held_by_forces(window[: found.start()]):
            continue
        why = f"{found.group(0)!r} looted or destroyed, no owner named: civilians (ACLED)"
        span = (offset + found.start(), offset + found.end())
        owner = Actor(name=found.group(0), type=None, start=span[0], end=span[1])
        return role_actor(
            "Civilians", "Civilians", "civilians", owner, country, PROPERTY_OWNERS, why
        )
    return None


def _held_by_forces(before: str) -> bool:
    """ "police vehicles", "the army's trucks", "government offices": the words just
    before the property name a force or the state, whose property it is."""
    last = " ".join(before.split()[-3:])
    return bool(lexicon.word_pattern("property_holders").search(last))
