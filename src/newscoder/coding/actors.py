"""Argument phrases to actors: knowledge base, persons, generic heads, references.

A phrase names an actor in one of four ways, tried in this order:
a knowledge-base name ("TTP"), a person ("Ms. Khar", resolved to the full name
and role the article gave), a reference back ("the group", "it", "I" inside a
quote) or a generic head ("Pakistani soldiers", "unidentified gunmen").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newscoder.extract.events import Phrase
from newscoder.resolve.gazetteer import get_gazetteer
from newscoder.resolve.knowledge import ActorEntry, generic_role, generic_roles, lookup_actor
from newscoder.resolve.places import resolve_place
from newscoder.types import Actor

_REFERENCE_REACH = 500  # characters
_REFERRING_HEADS = {"group", "militants", "militant", "organization", "organisation", "outfit"}
_PRONOUNS_ORG = {"it", "they", "them", "its"}
_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_STATE_ROLES = re.compile(
    r"\b(minister|president|prime minister|premier|spokes(?:man|woman|person) for the "
    r"(?:\w+ )*(?:ministry|government|army|military|police|presidency|office)|governor|"
    r"ambassador|envoy|diplomat|general|commander|chief of|official|secretary of state|"
    r"foreign secretary|king|emir|chancellor)\b",
    re.I,
)


@dataclass
class ActorContext:
    """What the article has said so far that later references resolve against."""

    published: dt.date | None
    countries: list[str]
    persons: dict[str, tuple[str, str | None]] = field(
        default_factory=dict
    )  # surname -> (full, role)
    orgs: list[tuple[int, str]] = field(default_factory=list)  # (offset, kb name) of KB mentions
    speakers: list[tuple[int, int, str | None, str | None]] = field(default_factory=list)

    def last_org_before(self, offset: int, within: int | None = None) -> str | None:
        found = None
        for pos, name in self.orgs:
            if pos < offset and (within is None or offset - pos <= within):
                found = name
        return found

    def speaker_at(self, offset: int) -> tuple[str | None, str | None] | None:
        for start, end, name, role in self.speakers:
            if start <= offset < end:
                return name, role
        return None

    def person(self, text: str) -> tuple[str, str | None] | None:
        cleaned = re.sub(r"^(mr|mrs|ms|dr|gen|col|maj|capt|sgt|lt)\.?\s+", "", text, flags=re.I)
        surname = cleaned.split()[-1] if cleaned.split() else ""
        return self.persons.get(surname) or self.persons.get(cleaned)


def resolve_actor(
    phrase: Phrase | None, ctx: ActorContext, *, on: dt.date | None, country: str | None
) -> Actor | None:
    """The actor a phrase names, or None. ``country`` is the event's country,
    used for generic state forces and unidentified groups."""
    if phrase is None:
        return None
    span = {"start": phrase.start, "end": phrase.end}
    if phrase.kb_id:
        entry = lookup_actor(phrase.kb_id, on or ctx.published)
        if entry is not None:
            return _kb_actor(entry, span, f"knowledge base: {phrase.kb_id!r}")
    if phrase.first_person:
        said = ctx.speaker_at(phrase.start)
        if said and said[0]:
            return _person_actor(said[0], said[1], span, "speaker of the quote")
    if phrase.person:
        known = ctx.person(phrase.person)
        name, role = known if known else (phrase.person, None)
        return _person_actor(name, role, span, "person named in the text")
    if phrase.pronoun and phrase.head.lower() in _PRONOUNS_PERSON:
        return None
    head_words = phrase.text.lower().split()
    refers = (phrase.pronoun and phrase.head.lower() in _PRONOUNS_ORG) or (
        len(head_words) <= 2
        and head_words[0] in {"the", "this"}
        and head_words[-1] in _REFERRING_HEADS
    )
    if refers:
        # "the group" points back a sentence or two, not across the article.
        name = ctx.last_org_before(phrase.start, within=_REFERENCE_REACH)
        entry = lookup_actor(name, on or ctx.published) if name else None
        if entry is not None:
            return _kb_actor(entry, span, f"{phrase.text!r} refers back to {entry.name}")
        if phrase.pronoun:
            return None
    return _generic_actor(phrase, ctx, country, span)


def _kb_actor(entry: ActorEntry, span: dict, why: str) -> Actor:
    return Actor(
        name=entry.name,
        type=entry.type,
        country_code=entry.country,
        canonical=entry.acled_name or entry.name,
        reason=why,
        **span,
    )


def _person_actor(name: str, role: str | None, span: dict, why: str) -> Actor:
    actor_type = None
    country = None
    if role and _STATE_ROLES.search(role):
        actor_type = "State forces"
    elif role and re.search(
        r"\b(resident|witness|eyewitness|villager|farmer|student)\b", role, re.I
    ):
        actor_type = "Civilians"
    if role:
        for word in re.findall(r"[A-Z][\w'’-]+", role):
            found = get_gazetteer().country(word)
            if found is not None:
                country = found.code
                break
    return Actor(
        name=name,
        type=actor_type,
        country_code=country,
        role=role,
        reason=why + (f"; role {role!r}" if role else ""),
        **span,
    )


def _generic_actor(phrase: Phrase, ctx: ActorContext, country: str | None, span: dict) -> Actor:
    gaz = get_gazetteer()
    own_country = None
    # Entity modifiers first ("Pakistani soldiers"), then any capitalised word the
    # NER folded into a larger name ("the Russian Embassy" tagged as one FAC).
    words = [*phrase.modifiers, *re.findall(r"\b[A-Z][\w-]+", _strip_tail(phrase.text))]
    for word in words:
        found = gaz.country(word.replace("’s", "").replace("'s", ""))
        if found is not None:
            own_country = found
            break
    role = generic_role(_strip_tail(_unwrap_collective(phrase.text))) or generic_role(
        _strip_tail(phrase.text)
    )  # "a group of Fulani": the members are unknown words, the group is not
    if role is None:
        return Actor(name=phrase.text, type=None, reason="no knowledge of this actor", **span)
    code = own_country.code if own_country else None
    if code is None and role.role not in {"diplomatic"}:
        code = country or (ctx.countries[0] if ctx.countries else None)
    cname = own_country.name if own_country else (gaz_country_name(code) if code else None)
    name = (
        role.name_template.format(country=cname)
        if cname
        else role.name_template.replace(" ({country})", "").replace(" of {country}", "")
    )
    return Actor(
        name=name,
        type=role.type,
        country_code=code,
        role=role.role,
        reason=f"generic {role.role} actor from {phrase.text!r}"
        + (f", country {code}" if code else ""),
        **span,
    )


_COLLECTIVE = re.compile(
    r"^(?:an?|the|some|several|many|\d+|[a-z]+ty|ten|six|eight|five|four|three|two)?\s*"
    r"(?:large |small )?(?:numbers?|group|crowd|band|gang|dozens|hundreds|scores|members|"
    r"elements|fighters|militants|men)\s+of\s+(?P<inner>.+)$",
    re.I,
)


def _unwrap_collective(text: str) -> str:
    """ "a number of residents" names residents; "a group of gunmen" names gunmen."""
    match = _COLLECTIVE.match(text.strip())
    return match["inner"] if match else text


# Group words that are religious or political, not ethnic ("Muslim youths").
_NOT_ETHNIC = {"muslim", "muslims", "christian", "christians", "islamic", "islamist",
               "catholic", "protestant", "hindu", "hindus", "buddhist", "sikh", "jewish",
               "shia", "shiite", "sunni", "democrat", "democrats", "republican",
               "republicans", "communist", "communists", "maoist", "maoists", "western",
               "african", "arab", "arabs", "european", "asian"}  # fmt: skip


def _is_ethnic(word: str) -> bool:
    """A group word (NORP) that names no country's people and no faith or party."""
    if not word[:1].isupper() or not word.isalpha() or word.lower() in _NOT_ETHNIC:
        return False
    return not get_gazetteer().is_demonym(word) and resolve_place(word) is None


_ARMED_WORDS = {"armed", "guns", "gun", "rifles", "militia", "militiamen", "weapons", "firearms",
                "shotguns"}  # fmt: skip
# Roles an ethnic group word turns into that group's militia when they attack.
# A crowd ("a group of Fulani beat a man") stays a crowd: ACLED codes it mob violence.
_GROUP_ROLES = {"civilians", "unidentified", "communal"}
_COMMUNAL_HEADS = {"farmer", "farmers", "herder", "herders", "herdsman", "herdsmen",
                   "pastoralist", "pastoralists", "hunter", "hunters", "villager", "villagers",
                   "tribesmen", "clansmen"}  # fmt: skip


def as_attacker(actor: Actor, country: str | None, modifiers: Sequence[str] = ()) -> Actor:
    """Civilians who attack are no longer civilians to ACLED: people named by their
    ethnic group ("Fulani men") are that group's ethnic militia, armed farmers or
    herders raiding another community a communal militia, anyone else a crowd of
    rioters."""
    ethnic = next((m for m in modifiers if _is_ethnic(m)), None)
    if ethnic is not None and (actor.type is None or actor.role in _GROUP_ROLES):
        # "Fulani gunmen", "suspected Fulanis", "members of the Dendi community".
        why = f"{ethnic} people attacking: the {ethnic} ethnic militia (ACLED's identity militia)"
        label = f"{ethnic} Ethnic Militia"
        return _role_actor(label, "Identity militia", "ethnic militia", actor, country, why)
    if actor.type != "Civilians" or actor.role != "civilians":
        return actor
    words = set(re.findall(r"[a-z]+", actor.reason.lower()))
    # Armed farmers or herders raiding a community are a communal militia; a crowd
    # of them fighting over a field is mob violence (ACLED codes both ways).
    if words & _COMMUNAL_HEADS and words & _ARMED_WORDS:
        why = "farmers or herders attacking armed: a communal militia (ACLED)"
        return _role_actor("Communal Militia", "Identity militia", "communal", actor, country, why)
    why = "civilians attacking as a crowd are rioters (ACLED)"
    return _role_actor("Rioters", "Rioters", "rioters", actor, country, why)


def crowd(actor: Actor | None, kind: str, country: str | None) -> Actor:
    """The actor of a protest or riot: the named group's country, typed by the act."""
    label = "Rioters" if kind == "riot" else "Protesters"
    said = f" ({actor.name!r} in the text)" if actor else ""
    why = f"those who {'riot' if kind == 'riot' else 'protest'} are coded by role{said}"
    return _role_actor(label, label, kind, actor, country, why)


def _role_actor(
    label: str, actor_type: str, role: str, actor: Actor | None, country: str | None, why: str
) -> Actor:
    """ACLED's "Label (Country)" actor standing for the people a phrase named."""
    code = (actor.country_code if actor else None) or country
    name = gaz_country_name(code) if code else None
    return Actor(
        name=f"{label} ({name})" if name else label,
        type=actor_type,
        country_code=code,
        start=actor.start if actor else None,
        end=actor.end if actor else None,
        role=role,
        reason=(actor.reason + "; " if actor else "") + why,
    )


def gaz_country_name(code: str) -> str | None:
    found = get_gazetteer().country(code)
    return found.name if found else None


def _strip_tail(text: str) -> str:
    """Drop trailing prepositions: "the Russian Embassy in Kabul" -> "the Russian Embassy"."""
    return re.split(
        r"\s+(?:in|at|from|of|on|near|inside|outside|with|over|equipped|armed with|aboard)\s+",
        text,
        maxsplit=1,
    )[0]


def unidentified(country: str | None) -> Actor:
    name = gaz_country_name(country) if country else None
    return Actor(
        name=f"Unidentified Armed Group ({name})" if name else "Unidentified Armed Group",
        type="Political militia",
        country_code=country,
        reason="the attacker is not named: ACLED codes an unidentified armed group",
    )


def authorities(country: str | None, said: Actor | None = None) -> Actor:
    """The government of a country, for measures whose author is unnamed or a local
    official ("a curfew was imposed", "the mayor closed the market")."""
    role = generic_roles()["government"]
    name = gaz_country_name(country) if country else None
    words = f" ({said.name!r} in the text)" if said else ""
    return Actor(
        name=role.name_template.format(country=name)
        if name
        else role.name_template.replace(" of {country}", ""),
        type=role.type,
        country_code=country,
        start=said.start if said else None,
        end=said.end if said else None,
        role="government",
        reason=f"a security measure by the authorities{words}: ACLED codes the government",
    )
