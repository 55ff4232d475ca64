"""Actor typing: each event's two sides, typed the way ACLED codes them.

The argument phrases resolve to actors first (:func:`~.actors.resolve_actor`:
knowledge base, persons, references back, generic roles); the rules declared here
then type them by what they did: those who march are protesters, a crowd that
beats a suspected thief is a mob, an unnamed attacker an unidentified armed group,
a curfew's author the government, the target of violence with no armed role
civilians, a police station its police.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from newscoder import lexicon
from newscoder.coding.actor_values import CIVILIAN_TARGET, settle_values
from newscoder.coding.actors import (
    GENERIC_ROLE,
    PARTY_ROLE,
    ActorContext,
    as_attacker,
    authorities,
    crowd,
    decided,
    force_owned,
    force_words,
    resolve_actor,
    unidentified,
)
from newscoder.coding.codebook import any_word, is_armed_type
from newscoder.coding.draft import Draft, day
from newscoder.coding.facts import ArticleFacts
from newscoder.coding.state_agents import (
    STATE_MOVES_FORCES,
    force_by_means,
    state_as_attacker,
    state_by_strike,
    unnamed_agent,
)
from newscoder.coding.victim_roles import (
    armed_victim,
    kin_of_armed,
    kin_victims,
    member_attackers,
    off_duty_victim,
    party_rioters,
    property_owners,
    shooters,
    shooting,
    victims_identified,
)
from newscoder.coding.world_actors import armed_group_named, armed_group_of, untyped_attacker
from newscoder.extract.events import Phrase, instruments, is_event_noun
from newscoder.extract.numbers import person_nouns
from newscoder.families import (
    MOVEMENTS,
    PROTEST_LIKE,
    REMOTE_WEAPONS,
    SECURITY_MEASURES,
    TERRITORY,
    WITH_VICTIMS,
    Family,
    is_violent,
)
from newscoder.registry import Kind, Stage, declare, fire
from newscoder.types import HARM_KINDS, Actor, Span

_A = Stage.CODE
# Families whose doer moves troops: deploying, going, withdrawing (AC932).
_FORCES_MOVED = MOVEMENTS | {Family.RETREAT}
_ACLED_ACTORS = "ACLED codebook 2023, Actors"

SEEN_MOVERS = declare(
    "AC050", "seen-movers-act", _A, Kind.CHOOSE,
    "armed men seen moving with no one said to move them are the actors of the movement",
)  # fmt: skip
EVENT_NOT_ACTOR = declare(
    "AC055", "event-or-weapon-not-actor", _A, Kind.VETO,
    "an event or a weapon as the subject ('a drone strike killed four') is not the actor",
)  # fmt: skip
EVENT_NOT_TARGET = declare(
    "AC060", "event-not-target", _A, Kind.VETO,
    "the object of a statement that is an event ('condemned the attack') is not an actor",
)  # fmt: skip
CROWD_BY_ROLE = declare(
    "AC065", "crowd-by-role", _A, Kind.REFINE,
    "those who protest or riot are coded by role: Protesters or Rioters of their country",
    source=f"{_ACLED_ACTORS}: Protesters, Rioters",
)  # fmt: skip
MOB_JUSTICE = declare(
    "AC070", "mob-justice", _A, Kind.REFINE,
    "unarmed people who beat or kill a suspected thief or witch are a mob of rioters",
    source="ACLED codebook 2023, Riots: Mob violence",
)  # fmt: skip
UNIDENTIFIED = declare(
    "AC075", "unidentified-armed-group", _A, Kind.DEFAULT,
    "violence whose doer is not named is by an unidentified armed group",
    source=f"{_ACLED_ACTORS}: Political militia",
)  # fmt: skip
UNNAMED_WRECKERS = declare(
    "AC076", "unnamed-wreckers", _A, Kind.DEFAULT,
    "property destroyed or looted with no one told doing it and no crowd ('the car was set "
    "on fire'): an unidentified armed group, as ACLED codes it",
    source=f"{_ACLED_ACTORS}: Political militia",
)  # fmt: skip
LOCAL_AUTHORITY = declare(
    "AC080", "local-authority-is-government", _A, Kind.REFINE,
    "a security measure by no one named or by a local official is the government's",
    source=f"{_ACLED_ACTORS}: State forces",
)  # fmt: skip
# AC085-AC095: coding/actors.py (civilians who attack).
SITE_FORCES = declare(
    "AC100", "site-forces", _A, Kind.REFINE,
    "the target 'a military base' or 'a police station' is the forces that hold it",
)  # fmt: skip
FORCE_RANK = declare(
    "AC405", "force-rank", _A, Kind.REFINE,
    "a rank or member noun after a force word ('a police sergeant', 'an army captain', "
    "'military intelligence agents') is that force",
    source=f"{_ACLED_ACTORS}: State forces",
)  # fmt: skip
EACH_OTHER = declare(
    "AC105", "each-other", _A, Kind.REFINE,
    "'each other' is the other side of the same kind as the attacker",
)  # fmt: skip
UNKNOWN_HOLDERS = declare(
    "AC110", "unknown-holders", _A, Kind.KEEP,
    "a convoy, patrol or checkpoint whose holders the phrase does not say stays untyped",
)  # fmt: skip
PROPERTY_ONLY = declare(
    "AC112", "property-only-target", _A, Kind.VETO,
    "a bomb, shell or strike that hit a tower, pipeline or office and hurt no one has no "
    "actor2: the thing is no actor, its owners are not said",
    source=f"{_ACLED_ACTORS}: Civilians",
)  # fmt: skip
SAME_KIND_SIDES = declare(
    "AC940", "same-kind-sides", _A, Kind.CHOOSE,
    "a fight one plural names ('a shoot-out between unknown shooters') has the same kind "
    "of actor on both sides",
    source=f"{_ACLED_ACTORS}: a fight within one kind of actor names it as both actors",
)  # fmt: skip
HERDERS_ATTACKED = declare(
    "AC120", "herders-attacked", _A, Kind.REFINE,
    "herders or hunters attacked unarmed are civilians, not a communal militia",
    source=f"{_ACLED_ACTORS}: Civilians",
)  # fmt: skip
UNARMED_ROLE = declare(
    "AC125", "unarmed-role", _A, Kind.REFINE,
    "diplomats, civilians and governments are not armed targets, whatever their actor type",
)  # fmt: skip
NAMED_ARMED = declare(
    "AC130", "named-armed", _A, Kind.FIND,
    "a known armed group, forces named by role, or a phrase saying its people were armed "
    "('gunmen'); 'assailants' do not say so",
)  # fmt: skip
UNKNOWN_DOERS = declare(
    "AC131", "unknown-doers-no-crowd", _A, Kind.FIND,
    "doers named only as unknown ('unknown persons', 'an unidentified group') are no crowd: "
    "an unidentified armed group, whose wrecking is property destruction",
    source="ACLED codebook 2023, Strategic developments: Looting/property destruction",
)  # fmt: skip
PROTEST_TURNED_RIOT = declare(
    "AC135", "protesters-who-riot", _A, Kind.REFINE,
    "protesters in an event coded as a riot are rioters",
    source=f"{_ACLED_ACTORS}: Rioters",
)  # fmt: skip

UNNAMED_RIOTERS = declare(
    "AC521", "unnamed-rioters", _A, Kind.REFINE,
    "the unnamed doers of an event coded as a riot (no weapon, no armed group told) are "
    "rioters, not an unidentified armed group",
    source=f"{_ACLED_ACTORS}: Rioters",
)  # fmt: skip

_UNARMED_ROLES = frozenset({"diplomatic", "civilians", "government"})


@cache
def _state_site() -> re.Pattern[str]:
    """ "a military base", "a police station": the forces that hold the site."""
    return re.compile(
        r"\b(" + force_words() + r")\s+" + lexicon.alternation("state_sites") + r"s?\b", re.I
    )


@cache
def _force_rank() -> re.Pattern[str]:
    """ "a police sergeant", "an army captain": a member of the force."""
    return re.compile(
        r"\b(" + force_words() + r")\s+" + lexicon.alternation("force_ranks") + r"s?\b", re.I
    )


def _event_or_weapon(said: Phrase) -> bool:
    lemma = said.head_lemma
    return is_event_noun(lemma) or is_event_noun(said.head.lower()) or _is_weapon(lemma)


def type_actors(drafts: list[Draft], facts: ArticleFacts) -> list[Draft]:
    for draft in drafts:
        _actors(draft, facts)
        settle_values(draft)  # AC132: only people, groups and states are written as actors
    return drafts


def _actors(draft: Draft, facts: ArticleFacts) -> None:
    ctx = facts.ctx
    on = day(draft.date)
    country = draft.place.country_code if draft.place else None
    if draft.head.family == Family.MOVEMENT and draft.head.actor1 is None:
        # "armed men were seen in X": the ones seen are the actors.
        seen = resolve_actor(draft.head.actor2, ctx, on=on, country=country)
        if seen is not None:
            fire(SEEN_MOVERS, "chose", seen.name, seen.start)
            seen = decided(seen, SEEN_MOVERS, "the ones seen moving are the actors")
        draft.actor1 = seen
        return
    doers = [m.actor1 for m in draft.mentions if m.actor1 is not None]
    second = next((m for m in draft.mentions if m.actor2 is not None), draft.head)
    attacker = None
    for said in doers:
        if not _event_or_weapon(said):
            attacker = said
            break
        # "a drone strike killed four": the strike is the event, not its actor; "fighting
        # between the army and rebels killed two": the fight's own sides are
        fire(EVENT_NOT_ACTOR, "vetoed", said.text, said.start)
    draft.actor1 = resolve_actor(attacker, ctx, on=on, country=country)
    if (
        attacker is not None
        and _group_of_members(draft.actor1)
        and draft.head.one_phrase_both_sides
    ):
        # "rival drug trafficking groups" fight: the groups are gangs, not a crowd
        span = {"start": draft.actor1.start, "end": draft.actor1.end}
        draft.actor1 = armed_group_named(attacker.text, country, on, span) or draft.actor1
    target = second.actor2
    if target is not None and not draft.violent and is_event_noun(target.head_lemma):
        # "condemned the attack": the target is an event, not an actor
        fire(EVENT_NOT_TARGET, "vetoed", target.text, target.start)
        target = None
    draft.actor2 = resolve_actor(target, ctx, on=on, country=country)
    if draft.family in PROTEST_LIKE:
        # Whoever marches is coded by role: ACLED's "Protesters (Country)" / "Rioters (Country)";
        # "rioters blocked a road to protest": the report calls them rioters.
        rioters = attacker is not None and attacker.head_lemma in {"rioter", "rioters"}
        kind = "riot" if draft.family == Family.RIOT or rioters else "protest"
        draft.actor1 = crowd(draft.actor1, kind, country, CROWD_BY_ROLE)
        return
    families = {m.family for m in draft.mentions}
    said = " ".join(m.trigger for m in draft.mentions)
    suspect = draft.violent and facts.sentences[draft.head.sentence].suspect_word
    unarmed = draft.actor1 is None or (
        draft.actor1.type in {None, "Civilians", "Rioters"}
        and not lexicon.word_pattern("armed_actor_name").search(draft.actor1.name)
    )
    armed_target = draft.actor2 is not None and is_armed_type(draft.actor2.type)
    if suspect and unarmed and not armed_target:
        # "villagers beat a suspected thief to death": mob justice, by a crowd (ACLED).
        mob = crowd(draft.actor1, "riot", country, MOB_JUSTICE)
        draft.actor1 = replace(mob, reason=f"{mob.reason}; the victim taken for a {suspect}")
    elif draft.actor1 is None and draft.violent:
        text = facts.article.text
        draft.actor1 = (
            force_by_means(text, draft.head.sentence, ctx, day=on, country=country)
            or state_by_strike(
                text, draft.head.trigger_span, draft.family, ctx, day=on, country=country
            )
            or unnamed_agent(families, ctx, day=on, country=country, at=draft.start, said=said)
            or unidentified(country, UNIDENTIFIED)
        )
    elif draft.family in SECURITY_MEASURES and _local_authority(draft.actor1):
        # "a curfew was imposed", "the mayor closed the schools": the state acted (ACLED
        # codes security measures to the government of the country).
        draft.actor1 = authorities(country, LOCAL_AUTHORITY, draft.actor1)
    elif draft.violent and (state := state_as_attacker(draft.actor1, ctx, day=on, country=country)):
        draft.actor1 = state  # "Russia shelled Kharkiv": its military (AC930)
    elif (
        draft.family in _FORCES_MOVED
        and draft.actor1 is not None
        and (
            state := state_as_attacker(
                draft.actor1, ctx, day=on, country=country, rule=STATE_MOVES_FORCES
            )
        )
    ):
        # "Poland deployed troops to the border": its military moved its own troops (AC932)
        draft.actor1 = state
        own = draft.actor2 is not None and draft.actor2.type == "State forces"
        if own and draft.actor2.country_code == state.country_code:
            draft.actor2 = None
    elif (
        draft.violent
        and _untyped_modifier(draft.actor1, draft.head.trigger_span)
        and (state := state_by_strike(facts.article.text, draft.head.trigger_span,
                                      draft.head.family, ctx, day=on, country=country))
    ):  # fmt: skip
        draft.actor1 = state  # "Russian shelling": the parse's actor is the demonym (AC915)
    elif draft.actor1 is not None and (draft.violent or draft.family == Family.LOOT):
        # Civilians who attack or wreck property act as a crowd or a militia.
        said = attacker.text if attacker else ""
        groups = attacker.groups if attacker else ()
        if draft.violent and attacker is not None:
            draft.actor1 = member_attackers(draft.actor1, said, country, on)  # AC310
        draft.actor1 = as_attacker(draft.actor1, country, groups, said)
        weapons = [str(i) for m in draft.mentions for i in m.instruments]
        if draft.violent and attacker and shooting([m.trigger for m in draft.mentions], weapons):
            draft.actor1 = shooters(draft.actor1, attacker.head_lemma, country)  # AC305
        untyped = draft.actor1.type is None or draft.actor1.role == PARTY_ROLE
        if draft.violent and untyped and attacker is not None:
            by_hand = _by_hand(draft)
            draft.actor1 = party_rioters(draft.actor1, attacker.head_lemma, by_hand, country)
        if draft.violent and draft.actor1.type is None:
            draft.actor1 = untyped_attacker(draft.actor1, country)
    if draft.actor1 is None:  # arrests, crowd control, security: the police (state_agents)
        draft.actor1 = unnamed_agent(
            families, ctx, day=on, country=country, at=draft.start, said=said
        )
    if target is not None and draft.actor2 is not None and draft.actor2.type is None:
        draft.actor2 = _typed_target(draft, target, ctx, on, country)
        if _property_only(draft, target):
            # "blew up a telecom tower": the thing hit is no actor, no one was hurt (AC112)
            fire(PROPERTY_ONLY, "vetoed", target.text, target.start)
            draft.actor2 = None
    elif target is not None and _group_of_members(draft.actor2):
        # "two members of a drug trafficking group": the group is a gang, not the crowd
        # a bare "group" is (AC220 before AC040's rioters).
        span = {"start": draft.actor2.start, "end": draft.actor2.end}
        found = armed_group_of(target.text, country, on, span)
        if found is None and draft.violent:  # "between rival drug trafficking groups"
            found = armed_group_named(target.text, country, on, span)
        draft.actor2 = found or draft.actor2
    elif target is not None and draft.actor2 is not None and _herders_hit(draft, target):
        fire(HERDERS_ATTACKED, "rewrote", target.text, target.start)
        draft.actor2 = decided(
            replace(
                draft.actor2,
                name=draft.actor2.name.replace("Communal Militia", "Civilians"),
                type="Civilians",
                role="civilians",
            ),
            HERDERS_ATTACKED,
            "herders or hunters attacked, unarmed: civilians",
        )
    if target is not None and draft.family in WITH_VICTIMS:
        # "a traffic officer (reportedly off duty)": the aside right after the phrase counts too
        aside = _ASIDE.match(facts.article.text, target.end)
        said = target.text + (aside.group(0) if aside else "")
        draft.actor2 = off_duty_victim(draft.actor2, said, country)  # AC300
        draft.actor2 = kin_victims(draft.actor2, target.head_lemma, country)  # AC410
    if draft.violent and draft.family in WITH_VICTIMS and _unarmed_target(draft.actor2):
        draft.actor2 = _armed_victims(draft, target, facts, on, country) or draft.actor2
    if draft.violent and draft.actor1 is not None and draft.head.one_phrase_both_sides:
        draft.actor2 = _same_kind(draft.actor1)  # "a shoot-out between unknown shooters"
    taking = draft.family == Family.LOOT or draft.family in TERRITORY
    if taking and (draft.actor2 is None or draft.actor2.type is None):
        # "seized livestock": the thing is no actor (AC132 would drop it), its owners are
        owners = property_owners(_objects_told(draft, facts.article.text), country)
        draft.actor2 = owners or draft.actor2


# A bracketed aside right after a phrase: "(reportedly off duty)", "[presumed retired]".
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]]")

# How far past a looting or burning word its object is looked for when the parse gives
# none: "set fire to around 80 houses", "seized two tricycles and cash".
_OBJECT_REACH = 60


def _same_kind(actor1: Actor) -> Actor:
    """The other side of a fight one plural names ("clashes between armed men"): the
    same kind of actor as the first, as ACLED codes a fight within one kind (AC940)."""
    fire(SAME_KIND_SIDES, "chose", actor1.name, actor1.start)
    why = SAME_KIND_SIDES.why(f"one plural names both sides: {actor1.name} on each")
    return replace(actor1, reason=why, rule=SAME_KIND_SIDES.id)


def _no_territory(seized: Phrase) -> bool:
    """ "livestock", not "the town" or "Kidal": what was seized is no place."""
    return seized.head[:1].islower() and not any_word("territory_objects", seized.text)


def _objects_told(draft: Draft, text: str) -> list[tuple[int, str]]:
    """Where each looting telling of the event writes what was taken or wrecked: its
    object phrase, or the trigger and the words after it in its sentence."""
    told = []
    for m in draft.mentions:
        if m.family in TERRITORY and m.actor2 is not None and _no_territory(m.actor2):
            told.append((m.actor2.start, m.actor2.text))  # "seized livestock", no place
        if m.family != Family.LOOT:
            continue
        if m.actor2 is not None:
            told.append((m.actor2.start, m.actor2.text))
        else:
            start = m.trigger_span.start
            end = min(m.sentence.end, m.trigger_span.end + _OBJECT_REACH)
            told.append((start, text[start:end]))
    return told


def _by_hand(draft: Draft) -> bool:
    """Violence with no weapon told: fighting, beating or assault only (AC235)."""
    if any(m.instruments for m in draft.mentions):
        return False
    by_hand = tuple(lexicon.word_list("by_hand_words"))
    return all(
        m.mode == "beat" or m.trigger.lower().startswith(by_hand)
        for m in draft.mentions
        if is_violent(m.family) and m.family != Family.KILL  # "and injured" tells no means
    )


def _armed_victims(
    draft: Draft,
    target: Phrase | None,
    facts: ArticleFacts,
    on: dt.date | None,
    country: str | None,
) -> Actor | None:
    """Armed victims the event names besides its target (AC400)."""
    others = [m.actor2 for m in draft.mentions if m.actor2 is not None and m.actor2 is not target]
    sentences = dict.fromkeys(m.sentence for m in draft.mentions)
    told = " ".join(facts.sentences[s].text for s in sentences)
    later = [(f.span.start, f.text) for s in sentences for f in facts.follow_ups.get(s, ())]
    identified = victims_identified(later)
    return armed_victim(others, draft.casualties, told, facts.ctx, on, country, identified)


def _group_of_members(actor: Actor | None) -> bool:
    """A victim typed rioters only by its head word "group" ("members of a ... group")."""
    return actor is not None and actor.type == "Rioters" and actor.rule == GENERIC_ROLE.id


def _unarmed_target(actor: Actor | None) -> bool:
    """No target, or one typed civilians or not typed: victims told elsewhere may say more."""
    return actor is None or actor.type in {None, "Civilians"}


def _local_authority(actor: Actor | None) -> bool:
    """No one named, or a local official standing for the state."""
    if actor is None:
        return True
    return actor.type is None and bool(lexicon.word_pattern("local_officials").search(actor.name))


def _herders_hit(draft: Draft, target: Phrase) -> bool:
    """Herders are a communal militia when they raid; attacked, they are civilians."""
    actor2 = draft.actor2
    return (
        actor2 is not None
        and actor2.role == "communal"
        and draft.family in WITH_VICTIMS
        and target.head_lemma.lower() in lexicon.words("herder_nouns")
        and not lexicon.word_pattern("armed_people").search(target.text)
    )


def _typed_target(
    draft: Draft, target: Phrase, ctx: ActorContext, on: dt.date | None, country: str | None
) -> Actor:
    """A target the knowledge base does not know, typed the way ACLED codes it: a
    site of the forces is those forces; a named person, a place or a home hit by
    violence are civilians; "each other" is the other side of the same kind."""
    actor2 = draft.actor2
    assert actor2 is not None
    for pattern, rule, why in (
        (_state_site(), SITE_FORCES, "holds"),
        (force_owned(), SITE_FORCES, "owns"),
        (_force_rank(), FORCE_RANK, "names a member of the force:"),
    ):
        site = pattern.search(target.text)
        if site is None or kin_of_armed(target.text, site.start()):
            continue  # "the wife of a police officer" is no member of the force (AC410)
        forces = lexicon.word_map("site_forces")[site.group(1).lower()]
        phrase = replace(target, text=f"{' '.join(target.modifiers)} {forces}".strip(),
                         head=forces.split()[-1], head_lemma=forces.split()[-1])  # fmt: skip
        resolved = resolve_actor(phrase, ctx, on=on, country=country)
        if resolved is not None and resolved.type is not None:
            fire(rule, "rewrote", target.text, target.start)
            return decided(resolved, rule, f"{why} {target.text!r}")
    span = {"start": actor2.start, "end": actor2.end}
    group = armed_group_of(target.text, country, on, span)  # "members of X", "X bases"
    if group is not None:
        return group
    if target.text.lower() in {"each other", "one another"} and draft.actor1 is not None:
        fire(EACH_OTHER, "rewrote", target.text, target.start)
        return replace(
            draft.actor1,
            start=actor2.start,
            end=actor2.end,
            reason=EACH_OTHER.why("each other: the same side"),
            rule=EACH_OTHER.id,
        )
    if draft.family not in WITH_VICTIMS:
        return actor2
    if target.head_lemma.lower() in lexicon.words("unknown_holder_sites"):
        fire(UNKNOWN_HOLDERS, "kept", target.text, target.start)
        return actor2
    fire(CIVILIAN_TARGET, "rewrote", target.text, target.start)
    return decided(
        replace(actor2, type="Civilians", country_code=actor2.country_code or country,
                role="civilians"),
        CIVILIAN_TARGET,
        "the target of violence with no armed role: civilians (ACLED)",
    )  # fmt: skip


def _property_only(draft: Draft, target: Phrase) -> bool:
    """Remote violence whose target the base typed civilians only by default, a thing
    of the infrastructure list, with no one killed or injured (AC112)."""
    return (
        draft.family in REMOTE_WEAPONS
        and draft.actor2 is not None
        and draft.actor2.rule == CIVILIAN_TARGET.id
        and target.head_lemma.lower() in lexicon.words("infrastructure_nouns")
        and not any(c.count and c.kind in HARM_KINDS for c in draft.casualties)
    )


def _untyped_modifier(actor: Actor | None, trigger: Span) -> bool:
    """An actor no base could type, written just before the trigger ("Russian" in
    "Russian shelling"): a word that modifies the act, not a doer of its own."""
    if actor is None or actor.type is not None or actor.start is None or actor.end is None:
        return False
    return trigger.start is not None and 0 <= trigger.start - actor.end <= 2


def _is_weapon(lemma: str) -> bool:
    """ "a crude bomb left by X went off": the weapon is not the attacker
    (but a bomber is)."""
    return lemma in instruments() and not lemma.endswith("er") and lemma not in person_nouns()


def named_armed(actor: Actor | None, phrase: Phrase | None) -> bool:
    """A known armed group, or a phrase that says its people were armed ("armed men",
    "gunmen"); "assailants" do not say so. People named only as unknown ("unknown
    persons") are no crowd either (AC131)."""
    if actor is None:
        return False
    if armed(actor) and actor.role != "unidentified":
        # a known group, or forces named by role ("soldiers", "customs officers")
        fire(NAMED_ARMED, "found", actor.name, actor.start)
        return True
    said = phrase is not None and bool(lexicon.word_pattern("armed_people").search(phrase.text))
    if said:
        fire(NAMED_ARMED, "found", actor.name, actor.start)
    elif phrase is not None and lexicon.word_pattern("unidentified_doers").search(phrase.text):
        fire(UNKNOWN_DOERS, "found", actor.name, actor.start)
        return True
    return said


def armed(actor: Actor | None) -> bool | None:
    """Whether the actor is armed (None: not known)."""
    if actor is None or actor.type is None:
        return None
    if actor.role in _UNARMED_ROLES:
        fire(UNARMED_ROLE, "rewrote", actor.name, actor.start)
        return False
    return is_armed_type(actor.type)


def unnamed_wreckers(
    actor1: Actor | None, sub_event: str | None, country: str | None
) -> Actor | None:
    """Looting or property destruction with no doer told: an unidentified armed group (AC076)."""
    if actor1 is not None or sub_event != "Looting/property destruction":
        return actor1
    return unidentified(country, UNNAMED_WRECKERS)


def riot_crowd(
    actor1: Actor | None, event_type: str | None, country: str | None = None
) -> Actor | None:
    """Protesters of an event coded as a riot: the protest turned violent; an unnamed
    doer of a riot, or none told ("buses were torched"), is its rioters (AC521)."""
    if event_type != "Riots":
        return actor1
    if actor1 is None:
        return crowd(None, "riot", country, UNNAMED_RIOTERS)
    if actor1.type == "Protesters":
        return crowd(actor1, "riot", actor1.country_code, PROTEST_TURNED_RIOT)
    if actor1.type == "Political militia" and unnamed_doer(actor1):
        return crowd(None, "riot", actor1.country_code, UNNAMED_RIOTERS)
    return actor1


def unnamed_doer(actor: Actor) -> bool:
    """A doer the report does not name: an unidentified role ("gunmen") or the stand-in
    for an attacker told by no one or only as a place or thing (AC075, AC133)."""
    return actor.role == "unidentified" or actor.rule in {UNIDENTIFIED.id, "AC133"}
