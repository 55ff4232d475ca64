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
from dataclasses import dataclass, field, replace
from functools import cache

from newscoder import lexicon
from newscoder.coding.world_actors import abroad, group_site, named_actor, world_agent
from newscoder.extract import actor_heads as head_kinds
from newscoder.extract.events import Phrase
from newscoder.extract.syntax import definite_reference
from newscoder.registry import Kind, Rule, Stage, declare, fire
from newscoder.resolve.gazetteer import country_name, get_gazetteer
from newscoder.resolve.knowledge import (
    ActorEntry,
    GenericRole,
    generic_role,
    generic_roles,
    lookup_actor,
)
from newscoder.resolve.places import resolve_place
from newscoder.types import Actor
from newscoder.worldkb import WORLD_ID, agent, cameo_roles

_A = Stage.CODE
# The role of a political party a curated base names: its people fight as a crowd (AC235).
PARTY_ROLE = "party"
_ACLED_ACTORS = "ACLED codebook 2023, Actors"

RANK_OF_FORCE = declare(
    "AC435", "rank-of-force", _A, Kind.REFINE,
    "ranks and officers named by their force ('two sergeants of the military', 'officers of "
    "the police') are that force",
    source="ACLED codebook 2023, Actors: State forces",
)  # fmt: skip
KNOWN_ACTOR = declare(
    "AC005", "known-actor", _A, Kind.FIND,
    "a name the actor knowledge base knows is that actor, with its ACLED type",
    source=_ACLED_ACTORS,
)  # fmt: skip
QUOTE_SPEAKER = declare(
    "AC010", "quote-speaker", _A, Kind.FIND,
    "'I' or 'we' inside a quote is the speaker of the quote",
)  # fmt: skip
ISSUER_FIRST_PERSON = declare(
    "AC012", "first-person-issuer", _A, Kind.FIND,
    "'we' or 'I' outside any quote is the document's author: the body that issued it, "
    "or the byline, when the record gives one; else no actor",
)  # fmt: skip
NAMED_PERSON = declare(
    "AC015", "named-person", _A, Kind.FIND,
    "a person named in the text, with the full name and role the article gave",
)  # fmt: skip
STATE_ROLE = declare(
    "AC020", "person-with-state-role", _A, Kind.REFINE,
    "a minister, official, governor or commander stands for the state: state forces",
    source=f"{_ACLED_ACTORS}: State forces",
)  # fmt: skip
CIVILIAN_ROLE = declare(
    "AC025", "person-with-civilian-role", _A, Kind.REFINE,
    "a resident, witness, villager, farmer or student is a civilian",
    source=f"{_ACLED_ACTORS}: Civilians",
)  # fmt: skip
PERSON_PRONOUN = declare(
    "AC030", "person-pronoun", _A, Kind.VETO,
    "'he' or 'she' names no actor the coder can resolve",
)  # fmt: skip
REFERS_BACK = declare(
    "AC035", "refers-back", _A, Kind.FIND,
    "'the group' or 'it' refers to the known actor named last, within a sentence or two",
)  # fmt: skip
GENERIC_ROLE = declare(
    "AC040", "generic-role", _A, Kind.FIND,
    "a phrase naming a kind of actor ('Pakistani soldiers', 'gunmen') is that role's actor "
    "of the country it names or the event's",
    source=_ACLED_ACTORS,
)  # fmt: skip
NAMED_ARMED_BODY = declare(
    "AC042", "named-armed-body", _A, Kind.REFINE,
    "a named force the knowledge bases lack, with a word no state names its units with "
    "('the Kale Defense Force'), is a non-state group: rebel when its name tells so",
    source="ACLED codebook 2023, Actors",
)  # fmt: skip
UNKNOWN_ACTOR = declare(
    "AC045", "unknown-actor", _A, Kind.DEFAULT,
    "a phrase the knowledge base and the generic roles do not know keeps its words, untyped",
)  # fmt: skip
NO_ANTECEDENT = declare(
    "AC037", "no-antecedent", _A, Kind.VETO,
    "a pronoun or a determiner standing alone ('those', 'that') with no named actor to "
    "refer to is no actor",
)  # fmt: skip
# AC050-AC080: coding/actor_typing.py.
ETHNIC_MILITIA = declare(
    "AC085", "ethnic-militia", _A, Kind.REFINE,
    "people named by their ethnic group who attack are that group's ethnic militia",
    source=f"{_ACLED_ACTORS}: Identity militia",
)  # fmt: skip
COMMUNAL_MILITIA = declare(
    "AC090", "communal-militia", _A, Kind.REFINE,
    "armed farmers or herders who attack are a communal militia",
    source=f"{_ACLED_ACTORS}: Identity militia",
)  # fmt: skip
CIVILIANS_RIOT = declare(
    "AC095", "attacking-civilians-riot", _A, Kind.REFINE,
    "civilians who attack or wreck property are rioters",
    source=f"{_ACLED_ACTORS}: Rioters",
)  # fmt: skip
FAITH_CROWD = declare(
    "AC522", "faith-crowd-riot", _A, Kind.REFINE,
    "people named only by their faith who attack or clash ('Hindus and Muslims clashed') are "
    "a crowd of rioters, their faith an associated group, not a militia",
    source=f"{_ACLED_ACTORS}: Rioters; Identity militias",
)  # fmt: skip

_REFERENCE_REACH = 500  # characters


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
    issuer: str | None = None  # who wrote the document: its issuing body, else its byline

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
        cleaned = person_title().sub("", text)
        surname = cleaned.split()[-1] if cleaned.split() else ""
        return self.persons.get(surname) or self.persons.get(cleaned)


@cache
def person_title() -> re.Pattern[str]:
    """A title opening a person's name ("Mr.", "Gen."): dropped to find the surname."""
    return re.compile(r"^" + lexicon.alternation("person_titles") + r"\.?\s+", re.I)


def decided(actor: Actor, rule: Rule, detail: str) -> Actor:
    """``actor`` as ``rule`` decided it: the reason opens with the rule, then says what
    was known before."""
    before = f"; {actor.reason}" if actor.reason else ""
    return replace(actor, rule=rule.id, reason=rule.why(detail) + before)


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
            found = _kb_actor(entry, span, KNOWN_ACTOR, f"knowledge base: {phrase.kb_id!r}")
            return abroad(found, country)
    if not (phrase.first_person or phrase.person or phrase.pronoun):
        # a name the curated base lacks: the world actor base (AC200), by the phrase
        # or by the supplement name the entity ruler matched inside it
        names = [phrase.text]
        if phrase.kb_id and phrase.kb_id.startswith(WORLD_ID):
            names.append(phrase.kb_id.removeprefix(WORLD_ID))
        for name in names:
            named = named_actor(name, country, on or ctx.published, span)
            if named is not None:
                return named
    if phrase.first_person:
        said = ctx.speaker_at(phrase.start)
        if said and said[0]:
            return _person_actor(said[0], said[1], span, QUOTE_SPEAKER, "speaker of the quote")
        if said is None:
            return _issuer(ctx, span, phrase, on)
    if phrase.person:
        name, role = ctx.person(phrase.person) or (phrase.person, None)
        role = role or _role_before(phrase)
        return _person_actor(name, role, span, NAMED_PERSON, "person named in the text")
    if phrase.pronoun and phrase.head.lower() in lexicon.words("person_pronouns"):
        fire(PERSON_PRONOUN, "vetoed", phrase.text, phrase.start)
        return None
    refers = (
        phrase.pronoun and phrase.head.lower() in lexicon.words("org_pronouns")
    ) or definite_reference(phrase.text, "referring_heads", _REFERRING_DETERMINERS)
    if refers:
        # "the group" points back a sentence or two, not across the article.
        name = ctx.last_org_before(phrase.start, within=_REFERENCE_REACH)
        entry = lookup_actor(name, on or ctx.published) if name else None
        if entry is not None:
            why = f"{phrase.text!r} refers back to {entry.name}"
            return _kb_actor(entry, span, REFERS_BACK, why)
        if name and name.startswith(WORLD_ID):
            world = named_actor(name.removeprefix(WORLD_ID), country, on or ctx.published, span)
            if world is not None:
                why = f"{phrase.text!r} refers back to {world.name}"
                fire(REFERS_BACK, "found", world.name, span["start"])
                return replace(world, rule=REFERS_BACK.id, reason=REFERS_BACK.why(why))
        if phrase.pronoun:
            return None
    if phrase.kind == head_kinds.PRONOUN or (phrase.pronoun and not phrase.first_person):
        fire(NO_ANTECEDENT, "vetoed", phrase.text, phrase.start)
        return None
    return _generic_actor(phrase, ctx, country, span, on or ctx.published)


def _issuer(ctx: ActorContext, span: dict, phrase: Phrase, on: dt.date | None) -> Actor | None:
    """ "We" or "I" outside a quote: the document's issuing body or byline, or no one."""
    if not ctx.issuer:
        fire(NO_ANTECEDENT, "vetoed", phrase.text, phrase.start)
        return None
    entry = lookup_actor(ctx.issuer, on or ctx.published)
    why = f"{phrase.text!r} outside a quote: the document's author, {ctx.issuer}"
    if entry is not None:
        return _kb_actor(entry, span, ISSUER_FIRST_PERSON, why)
    fire(ISSUER_FIRST_PERSON, "found", ctx.issuer, span["start"])
    return Actor(
        name=ctx.issuer,
        type=None,
        reason=ISSUER_FIRST_PERSON.why(why),
        rule=ISSUER_FIRST_PERSON.id,
        **span,
    )


def _kb_actor(entry: ActorEntry, span: dict, rule: Rule, why: str) -> Actor:
    fire(rule, "found", entry.name, span["start"])
    return Actor(
        name=entry.name,
        type=entry.type,
        country_code=entry.country,
        canonical=entry.acled_name or entry.name,
        role=PARTY_ROLE if entry.kind == "party" else None,
        reason=rule.why(why),
        rule=rule.id,
        **span,
    )


def _person_actor(name: str, role: str | None, span: dict, rule: Rule, why: str) -> Actor:
    actor_type = None
    country = None
    if role and lexicon.word_pattern("state_roles").search(role) and not _FORMER.search(role):
        actor_type = "State forces"  # a former or retired officer is not
        rule = STATE_ROLE
    elif role and lexicon.word_pattern("civilian_roles").search(role):
        actor_type = "Civilians"
        rule = CIVILIAN_ROLE
    if role:
        for word in re.findall(r"[A-Z][\w'’-]+", role):
            found = get_gazetteer().country(word, codes=False)
            if found is not None:
                country = found.code
                break
    fire(rule, "found", name, span["start"])
    return Actor(
        name=name,
        type=actor_type,
        country_code=country,
        role=role,
        reason=rule.why(why + (f"; role {role!r}" if role else "")),
        rule=rule.id,
        **span,
    )


_FORMER = re.compile(r"\b(?:former|retired|ex-|erstwhile)", re.I)
# A name (capitalised words) after a lower-case role: "police commissioner PC Pande".
_NAME_AFTER_ROLE = re.compile(r"(?<=[a-z])(?:\s+[A-Z][\w.'’-]*)+$")


def _role_before(phrase: Phrase) -> str | None:
    """The words before a person's name in the phrase: the role the text gives there
    ("city police commissioner P C Pande", "the defence minister Ali Khan")."""
    at = phrase.text.find(phrase.person or "\0")
    words = phrase.text[:at].split() if at > 0 else []
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).strip(" ,") or None


def _force_role(text: str) -> GenericRole | None:
    """A police, military or security role named before a person the NER missed
    ("police commissioner PC Pande"); not a former one."""
    without_name = _NAME_AFTER_ROLE.sub("", text)
    if without_name == text or not without_name or _FORMER.search(without_name):
        return None
    role = generic_role(without_name)
    return role if role is not None and role.role in {"police", "military", "state"} else None


def _generic_actor(
    phrase: Phrase, ctx: ActorContext, country: str | None, span: dict, on: dt.date | None
) -> Actor:
    gaz = get_gazetteer()
    own_country = None
    # Entity modifiers first ("Pakistani soldiers"), then any capitalised word the
    # NER folded into a larger name ("the Russian Embassy" tagged as one FAC).
    words = [*phrase.modifiers, *re.findall(r"\b[A-Z][\w-]+", _strip_tail(phrase.text))]
    for word in words:
        found = gaz.country(word.replace("’s", "").replace("'s", ""), codes=False)
        if found is not None:
            own_country = found
            break
    role = (
        generic_role(_strip_tail(_unwrap_collective(phrase.text)))
        or _rank_of_force(phrase.text)  # "two sergeants of the military" (AC435)
        or _owning_force(phrase)  # "the army's LIB 77"
        or generic_role(_strip_tail(phrase.text))  # "a group of Fulani": the group
        or _force_role(phrase.text)  # "police chief Ali Khan"
    )
    if role is None:
        # "militia members", "migrants": the world actor base's nouns (AC210)
        where = country or (ctx.countries[0] if ctx.countries else None)
        world = world_agent(_strip_tail(_unwrap_collective(phrase.text)), where, on, span)
        if world is not None:
            return world
        fire(UNKNOWN_ACTOR, "defaulted", phrase.text, phrase.start)
        why = UNKNOWN_ACTOR.why("no knowledge of this actor")
        return Actor(name=phrase.text, type=None, reason=why, rule=UNKNOWN_ACTOR.id, **span)
    if own_country is None and role.role in {"military", "state"}:
        named = _named_armed_body(_strip_tail(_unwrap_collective(phrase.text)), country, span)
        # "Ansar Dine positions": a site of a group the bases know is that group's (AC225)
        named = named or group_site(phrase.text, country, on, span)
        if named is not None:
            return named
    code = own_country.code if own_country else None
    if code is None and role.role not in {"diplomatic"}:
        code = country or (ctx.countries[0] if ctx.countries else None)
    cname = own_country.name if own_country else (country_name(code) if code else None)
    name = (
        role.name_template.format(country=cname)
        if cname
        else role.name_template.replace(" ({country})", "").replace(" of {country}", "")
    )
    fire(GENERIC_ROLE, "found", name, phrase.start)
    why = f"generic {role.role} actor from {phrase.text!r}" + (f", country {code}" if code else "")
    generic = Actor(
        name=name,
        type=role.type,
        country_code=code,
        role=role.role,
        reason=GENERIC_ROLE.why(why),
        rule=GENERIC_ROLE.id,
        **span,
    )
    return abroad(generic, country)


# "the Kale Defense Force", "a local Tin Revolution Army": capitalised words after any
# lower-case determiners and modifiers, the last a force word (armed_body_heads).
_ARMED_BODY = re.compile(
    r"^(?:(?:[Tt]he|[Aa]n?|[a-z][\w-]*)\s+)*"
    r"(?P<name>(?:[A-Z][\w'’-]*\s+)+(?P<head>[A-Z][a-z]+))$"
)


def _owning_force(phrase: Phrase) -> GenericRole | None:
    """ "the army's LIB 77", "the army's 33rd battalion": the force that owns the
    unit the phrase names. Its sites and things ("the army's guesthouse", common nouns
    that name no people) are AC100's."""
    match = force_owned().search(phrase.text)
    if match is None or (phrase.kind != "" and phrase.head[:1].islower()):
        return None
    return generic_role(lexicon.word_map("site_forces")[match.group(1).lower()])


def force_words() -> str:
    """The force words of ``site_forces`` ("military", "police") as one alternation."""
    return "|".join(re.escape(k) for k in lexicon.word_map("site_forces"))


@cache
def force_owned() -> re.Pattern[str]:
    """ "the military's guesthouse", "the army's 33rd battalion": the force's own."""
    return re.compile(r"\b(" + force_words() + r")['’]s\s+\S", re.I)


def _named_armed_body(text: str, country: str | None, span: dict) -> Actor | None:
    """A named armed body the knowledge bases lack, whose name has a word no state names
    its own units with ("the Kale Defense Force"; not "the National Guard", nor "the
    Kenya Defence Forces", which name their state): a non-state group, a rebel group
    when its name tells an insurgency ("Liberation", "Revolution"), else a political
    militia (AC042)."""
    match = _ARMED_BODY.match(text.strip())
    if match is None or match["head"].lower() not in lexicon.words("armed_body_heads"):
        return None
    words = [w.lower() for w in match["name"].split()]
    state = lexicon.words("state_unit_words")
    own = [w for w in words if w not in state and not w.isdigit()]
    if not own:
        return None
    rebel = any(w in lexicon.words("rebel_name_words") for w in words)
    kind = "Rebel group" if rebel else "Political militia"
    fire(NAMED_ARMED_BODY, "found", match["name"], span["start"])
    why = f"{match['name']!r}: a named armed body no state names its units like; {kind}"
    return Actor(
        name=match["name"],
        type=kind,
        country_code=country,
        reason=NAMED_ARMED_BODY.why(why),
        rule=NAMED_ARMED_BODY.id,
        **span,
    )


@cache
def _collective() -> re.Pattern[str]:
    return _nouns_of("collective_nouns", r"(?:large |small )?")


def _nouns_of(nouns: str, size: str = "") -> re.Pattern[str]:
    """ "a group of X", "two sergeants of X": a quantity, one of the ``nouns`` list and
    "of"; what follows is ``inner``."""
    quantity = lexicon.alternation("collective_quantifiers")
    return re.compile(
        rf"^(?:{quantity})?\s*{size}{lexicon.alternation(nouns)}\s+of\s+(?P<inner>.+)$", re.I
    )


@cache
def _rank_of() -> re.Pattern[str]:
    return _nouns_of("force_rank_nouns")


def _rank_of_force(text: str) -> GenericRole | None:
    """ "two sergeants of the military", "officers of the police": ranks named by their
    force are that force; by anything else ("officers of the guard") not (AC435)."""
    match = _rank_of().match(text.strip())
    if match is None:
        return None
    role = generic_role(_strip_tail(match["inner"]))
    if role is None or role.type != "State forces":
        return None
    fire(RANK_OF_FORCE, "found", text)
    return role


def _unwrap_collective(text: str) -> str:
    """ "a number of residents" names residents; "a group of gunmen" names gunmen."""
    match = _collective().match(text.strip())
    return match["inner"] if match else text


# "the group", "this group": the determiners of a reference back to a named actor.
_REFERRING_DETERMINERS = frozenset({"the", "this"})


def _is_ethnic(word: str) -> bool:
    """A group word (NORP) that names no country's people and no faith, party or
    continent ("Muslim youths")."""
    if not word[:1].isupper() or not word.isalpha() or word.lower() in lexicon.words("not_ethnic"):
        return False
    return not get_gazetteer().is_demonym(word) and resolve_place(word) is None


def _in_a_name(word: str, said: str) -> bool:
    """ "the Black Leopard": the group word opens a capitalised name, it is no people's."""
    found = re.search(rf"\b{re.escape(word)}\s+(\S+)", said)
    return found is not None and found.group(1)[:1].isupper()


# Roles an ethnic group word turns into that group's militia when they attack.
# A crowd ("a group of Fulani beat a man") stays a crowd: ACLED codes it mob violence.
_GROUP_ROLES = {"civilians", "unidentified", "communal"}


def as_attacker(
    actor: Actor, country: str | None, modifiers: Sequence[str] = (), said: str = ""
) -> Actor:
    """Civilians who attack are no longer civilians to ACLED: people named by their
    ethnic group ("Fulani men") are that group's ethnic militia, armed farmers or
    herders raiding another community a communal militia, anyone else a crowd of
    rioters. ``said`` is the phrase that named them ("armed herders")."""
    ethnic = next((m for m in modifiers if _is_ethnic(m) and not _in_a_name(m, said)), None)
    if ethnic is not None and (actor.type is None or actor.role in _GROUP_ROLES):
        # "Fulani gunmen", "suspected Fulanis", "members of the Dendi community".
        why = f"{ethnic} people attacking: the {ethnic} ethnic militia (ACLED's identity militia)"
        label = f"{ethnic} Ethnic Militia"
        return role_actor(
            label, "Identity militia", "ethnic militia", actor, country, ETHNIC_MILITIA, why
        )
    faith = _faith_of(said) if actor.type is None else None
    if faith is not None:
        why = f"{faith} people attacking as a crowd: rioters ({faith} group associated, ACLED)"
        return role_actor("Rioters", "Rioters", "rioters", actor, country, FAITH_CROWD, why)
    if actor.type != "Civilians" or actor.role != "civilians":
        return actor
    words = set(re.findall(r"[a-z]+", said.lower()))
    # Armed farmers or herders raiding a community are a communal militia; a crowd
    # of them fighting over a field is mob violence (ACLED codes both ways).
    if words & lexicon.words("communal_heads") and words & lexicon.words("armed_words"):
        why = "farmers or herders attacking armed: a communal militia (ACLED)"
        return role_actor(
            "Communal Militia",
            "Identity militia",
            "communal",
            actor,
            country,
            COMMUNAL_MILITIA,
            why,
        )
    why = "civilians attacking as a crowd are rioters (ACLED)"
    return role_actor("Rioters", "Rioters", "rioters", actor, country, CIVILIANS_RIOT, why)


def _faith_of(said: str) -> str | None:
    """The faith a phrase names its people by, when its head is a world-KB agent of a
    religion role ("Hindus", "the Muslims"): "Hindu"; None for anyone else."""
    words = re.findall(r"[A-Za-z]+", said)
    found = agent(words[-1].lower()) if words else None
    role = cameo_roles().get(found.role) if found is not None else None
    return role.meaning if role is not None and role.kind == "religion" else None


def crowd(actor: Actor | None, kind: str, country: str | None, rule: Rule) -> Actor:
    """The actor of a protest or riot: the named group's country, typed by the act."""
    label = "Rioters" if kind == "riot" else "Protesters"
    said = f" ({actor.name!r} in the text)" if actor else ""
    why = f"those who {'riot' if kind == 'riot' else 'protest'} are coded by role{said}"
    return role_actor(label, label, kind, actor, country, rule, why)


_CROWD_LABELS = frozenset({"Protesters", "Rioters"})


def role_actor(
    label: str,
    actor_type: str,
    role: str,
    actor: Actor | None,
    country: str | None,
    rule: Rule,
    why: str,
) -> Actor:
    """ACLED's "Label (Country)" actor standing for the people a phrase named. A crowd
    is named by the country it gathers in ("pro-Palestinian activists" in London are
    Protesters (United Kingdom): 5,352 of 5,433 crowd names in the global dev set)."""
    own = actor.country_code if actor else None
    code = (country or own) if label in _CROWD_LABELS else (own or country)
    name = country_name(code) if code else None
    fire(rule, "rewrote", actor.name if actor else label, actor.start if actor else None)
    return Actor(
        name=f"{label} ({name})" if name else label,
        type=actor_type,
        country_code=code,
        start=actor.start if actor else None,
        end=actor.end if actor else None,
        role=role,
        reason=rule.why(why) + (f"; {actor.reason}" if actor and actor.reason else ""),
        rule=rule.id,
    )


@cache
def _phrase_tail() -> re.Pattern[str]:
    return re.compile(r"\s+" + lexicon.alternation("phrase_tail_words") + r"\s+")


def _strip_tail(text: str) -> str:
    """Drop trailing prepositions: "the Russian Embassy in Kabul" -> "the Russian Embassy"."""
    return _phrase_tail().split(text, maxsplit=1)[0]


def unidentified(country: str | None, rule: Rule) -> Actor:
    name = country_name(country) if country else None
    fire(rule, "defaulted", name or "", None)
    return Actor(
        name=f"Unidentified Armed Group ({name})" if name else "Unidentified Armed Group",
        type="Political militia",
        country_code=country,
        reason=rule.why("the attacker is not named: ACLED codes an unidentified armed group"),
        rule=rule.id,
    )


def authorities(country: str | None, rule: Rule, said: Actor | None = None) -> Actor:
    """The government of a country, for measures whose author is unnamed or a local
    official ("a curfew was imposed", "the mayor closed the market")."""
    role = generic_roles()["government"]
    name = country_name(country) if country else None
    words = f" ({said.name!r} in the text)" if said else ""
    fire(rule, "rewrote", said.name if said else "", said.start if said else None)
    why = f"a security measure by the authorities{words}: ACLED codes the government"
    return Actor(
        name=role.name_template.format(country=name)
        if name
        else role.name_template.replace(" of {country}", ""),
        type=role.type,
        country_code=country,
        start=said.start if said else None,
        end=said.end if said else None,
        role="government",
        reason=rule.why(why),
        rule=rule.id,
    )
