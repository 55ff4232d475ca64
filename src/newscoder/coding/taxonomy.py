"""The ACLED and PLOVER mapping: ordered rule tables over the coded facts.

An event's family gives a default ACLED type (``data/codebook.json``); the rows of
:data:`ACLED_TABLE` then look at who did what to whom: an armed attack on an armed,
organised actor is a battle, on civilians violence against civilians; a protest met
by force is a "protest with intervention"; territory seized must be a place. Each row
is a declared rule (``MP`` ids) with its condition as a small named predicate over
:class:`EventFacts`; the first row whose predicate holds decides, so the table's order
is the codebook's precedence. :data:`PLOVER_TYPE_TABLE` and :data:`PLOVER_MODE_TABLE`
(:mod:`.plover`) do the same for PLOVER. Everything here is a pure function of its arguments.
"""

from __future__ import annotations

import re

from newscoder import lexicon
from newscoder.coding import detentions as held
from newscoder.coding import strategic
from newscoder.coding.codebook import (  # the codebook lists, re-exported for their users
    ACLED_EVENT_TYPES,
    ACLED_SUB_EVENT_TYPES,
    ARMED_ACTOR_TYPES,
    CROWDS,
    NON_STATE_ARMED,
    PLOVER_TYPES,
    any_word,
    intervention,
    is_armed_type,
    mob_justice,
    no_event,
    unarmed_clash,
    violent_protest,
)
from newscoder.coding.map_rows import CODEBOOK, AcledCode, EventFacts, MapRow, row_rule
from newscoder.families import (
    ARMED_GROUP_ACTIVITY,
    ATTACKS,
    BOMBS,
    CROWD_VIOLENCE,
    DEMONSTRATION_TURNS_VIOLENT,
    INSECURITY_RESPONSES,
    MOVEMENTS,
    PROTEST_OR_STRIKE,
    STATEMENTS,
    TERRITORY,
    Family,
)

# --- the ACLED table ------------------------------------------------------------------

_CB = CODEBOOK
_row_rule = row_rule


def _armed_group_statement(f: EventFacts) -> bool:
    return f.default is None and f.family in STATEMENTS and f.actor1_type in NON_STATE_ARMED


def _not_coded(f: EventFacts) -> bool:
    return f.default is None


def _unarmed_movement(f: EventFacts) -> bool:
    return f.family in MOVEMENTS and f.actor1_type not in ARMED_ACTOR_TYPES


def _activity_of_no_armed_group(f: EventFacts) -> bool:
    return f.family in ARMED_GROUP_ACTIVITY and f.actor1_type not in NON_STATE_ARMED


def _insecurity_cause(f: EventFacts) -> str | None:
    """What tells that conflict or insecurity caused a displacement or a closure: a word
    of its context, or an armed actor who displaced the people ("soldiers forced
    residents to flee their homes")."""
    if f.family == Family.DISPLACE and f.actor1_type in ARMED_ACTOR_TYPES:
        return f"displaced by {f.actor1_type.lower()}"
    return any_word("insecurity", f.context)


def _no_insecurity(f: EventFacts) -> bool:
    return f.family in INSECURITY_RESPONSES and _insecurity_cause(f) is None


def _amid_insecurity(f: EventFacts) -> str | None:
    return _insecurity_cause(f) if f.family in INSECURITY_RESPONSES else None


def _demonstration_turned_violent(f: EventFacts) -> bool:
    return f.with_protest and f.family in DEMONSTRATION_TURNS_VIOLENT


def _protesters_wreck(f: EventFacts) -> bool:
    return f.family == Family.LOOT and f.actor1_type == "Protesters"


def _animals_taken(f: EventFacts) -> str | None:
    if f.family != Family.LOOT or not f.target_text:
        return None
    return any_word("animals", f.target_text)


def _farms_destroyed(f: EventFacts) -> str | None:
    if (
        f.family == Family.LOOT
        and f.actor1_type == "Rioters"
        and (f.target_head or "").lower() in lexicon.words("farm_property")
        and not any_word("protest_context", f.context)
    ):
        return f.target_head
    return None


def _crowd_in_demonstration(f: EventFacts) -> bool:
    return f.family in CROWD_VIOLENCE and f.crowd and bool(any_word("protest_context", f.context))


def _crowd_violence(f: EventFacts) -> bool:
    return f.family in CROWD_VIOLENCE and f.crowd


def _unarmed_sides(f: EventFacts) -> str | None:
    if f.family != Family.CLASH or f.actor2_armed or f.actor1_type in _FORCES_OR_REBELS:
        return None
    return unarmed_clash(f.context)


def _unarmed_fight(f: EventFacts) -> str | None:
    """ "Physical clashes erupted between soldiers and relatives of the victims", "police
    and villagers clashed over a land survey": a fight told with no weapon whose other
    side is unarmed people is mob violence, even with forces on one side (MP063)."""
    if f.family != Family.CLASH or (f.actor1_named_armed and f.actor1_type != "State forces"):
        return None
    if _weapon_told(f.context):
        return None
    fight = any_word("physical_fight_words", f.context)
    if fight is not None:
        return fight
    forces = "State forces" in (f.actor1_type, f.actor2_type)
    others = {f.actor1_type, f.actor2_type} - {"State forces"}
    if forces and others <= {None, "Civilians", "Rioters", "Protesters"}:
        return any_word("unarmed_sides", f.context)
    return None


def _weapon_told(context: str) -> bool:
    low = context.lower()
    weapons = lexicon.words("weapon_cues") - lexicon.words("armed_people_cues")
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in weapons):
        return True
    return any(any_word(cues, context) for cues in ("shooting_words", "gunfight"))


def _force_on_protesters(f: EventFacts) -> bool:
    return f.family in ATTACKS and f.actor2_type == "Protesters" and f.actor1_type == "State forces"


def _bomb_in_gunfight(f: EventFacts) -> bool:
    return f.family in BOMBS and bool(any_word("gunfight", f.context)) and f.target_armed


def _attack_on_armed(f: EventFacts) -> bool:
    return f.family in ATTACKS and f.target_armed and f.actor1_type != "Civilians"


def _armed_captives(f: EventFacts) -> bool:
    """Armed people abducted, or detained by a non-state armed group: not civilians."""
    taken = f.family == Family.ABDUCT or (
        f.family == Family.ARREST and f.actor1_type in NON_STATE_ARMED
    )
    unarmed = lexicon.word_pattern("unarmed_words").search(f.context)
    return taken and f.target_armed and is_armed_type(f.actor1_type) and unarmed is None


def _attack_on_property(f: EventFacts) -> str | None:
    """ "Troops raided the village and set fire to houses": an attack whose only harm told
    is to property, its target a place or a building (MP073)."""
    if f.family != Family.ARMED or f.fatalities or f.target_armed:
        return None
    target = (f.target_head or "").lower()
    if target and not any_word("property_targets", target):  # "houses" as "house"
        return None
    if any_word("person_harm_words", f.context):
        return None
    found = any_word("property_harm_words", f.context)
    if found is None and lexicon.word_pattern("property_set_on_fire").search(f.context):
        return "set on fire"  # "set houses on fire": the words around the object
    return found


def _attack_on_unarmed(f: EventFacts) -> bool:
    return f.family in ATTACKS


def _clash_with_demonstrators(f: EventFacts) -> bool:
    return f.family == Family.CLASH and f.actor2_type in CROWDS


def _seized_head(f: EventFacts) -> str:
    return (f.target_head or "").lower()


def _not_a_place(f: EventFacts) -> bool:
    """Something was seized that is no place: not a name, no territory word."""
    if f.family not in TERRITORY or not f.target_text:
        return False
    head = _seized_head(f)
    place_like = f.target_head is not None and (
        f.target_head[:1].isupper()
        or head in lexicon.words("territory_objects")
        or bool(any_word("territory_objects", f.target_text))
    )
    return not place_like


def _seized_power(f: EventFacts) -> str | None:
    head = _seized_head(f)
    return head if _not_a_place(f) and head in lexicon.words("seized_not_territory") else None


def _seized_property(f: EventFacts) -> str | None:
    return (_seized_head(f) or "property") if _not_a_place(f) else None


def _state_retakes(f: EventFacts) -> bool:
    return f.family == Family.TERRITORY_NONSTATE and f.actor1_type == "State forces"


def _non_state_takes(f: EventFacts) -> bool:
    return f.family == Family.TERRITORY_STATE and f.actor1_type not in {None, "State forces"}


def _territory(f: EventFacts) -> bool:
    return f.family in TERRITORY


def _rioters_protest(f: EventFacts) -> bool:
    return f.family in PROTEST_OR_STRIKE and f.actor1_type == "Rioters"


def _protesters_killed(f: EventFacts) -> bool:
    return f.family in PROTEST_OR_STRIKE and bool(f.fatalities)


def _violent_protest(f: EventFacts) -> str | None:
    return violent_protest(f.context, f.trigger) if f.family in PROTEST_OR_STRIKE else None


def _protest_met_by_force(f: EventFacts) -> str | None:
    return intervention(f.context) if f.family in PROTEST_OR_STRIKE else None


def _protest(f: EventFacts) -> bool:
    return f.family in PROTEST_OR_STRIKE


def _armed_looters(f: EventFacts) -> bool:
    return f.family == Family.LOOT and f.actor1_named_armed


def _theft(f: EventFacts) -> str | None:
    theft = f.trigger is not None and f.trigger.lower() in lexicon.words("theft_words")
    return f.trigger if f.family == Family.LOOT and theft else None


def _rural_property(f: EventFacts) -> str | None:
    return any_word("rural_property", f.target_text or "") if f.family == Family.LOOT else None


def _property_wrecked(f: EventFacts) -> bool:
    return f.family == Family.LOOT


def _lynching(f: EventFacts) -> bool:
    if f.family != Family.RIOT:
        return False
    if any_word("mob", f.context):
        return True
    # "locals pelted stones at the police": stoning with no demonstration told is a mob's
    stoning = (f.trigger or "").lower().startswith("ston")
    return stoning and not any_word("protest_context", f.context)


def _riot(f: EventFacts) -> bool:
    return f.family == Family.RIOT


def _agreement_outside_conflict(f: EventFacts) -> bool:
    return f.family == Family.AGREEMENT and any_word("conflict_agreement", f.context) is None


def _conflict_agreement(f: EventFacts) -> str | None:
    return any_word("conflict_agreement", f.context) if f.family == Family.AGREEMENT else None


def _armed_surrender(f: EventFacts) -> bool:
    """ "27 rebels surrendered to the authorities", "a Maoist commander surrendered"."""
    if f.family != Family.RETREAT or "surrender" not in (f.trigger or "").lower():
        return False
    # named armed people of a non-state group: not "the army", not "the suspect" (whom
    # no one named armed: an unidentified group by default)
    return f.actor1_named_armed and f.actor1_type in ARMED_ACTOR_TYPES - {"State forces"}


def _always(f: EventFacts) -> bool:
    return True


_SD = "Strategic developments"
_VD = ("Riots", "Violent demonstration")
_MOB = ("Riots", "Mob violence")
_EXCESSIVE = ("Protests", "Excessive force against protesters")
_FORCES_OR_REBELS = frozenset({"State forces", "Rebel group", "External/Other forces"})
_CLASH = ("Battles", "Armed clash")

# In order: the first row whose predicate holds decides.
ACLED_TABLE: tuple[MapRow, ...] = (
    MapRow(
        _row_rule("MP005", "armed-group-statement",
                  "an armed group's demands, threats or announcements: non-violent activity",
                  f"{_CB}, Strategic developments: Other"),
        _armed_group_statement, "a statement by an armed group", (_SD, "Other"),
    ),
    MapRow(
        _row_rule("MP008", "armed-surrender",
                  "fighters, rebels or militiamen surrendering (to forces, to the authorities) "
                  "is an agreement",
                  f"{_CB}, Strategic developments: Agreement (surrenders)"),
        _armed_surrender, "armed people surrendered", (_SD, "Agreement"),
    ),
    *strategic.BEFORE_UNCODED,
    MapRow(
        _row_rule("MP010", "not-an-acled-event",
                  "statements, meetings and other acts with no ACLED family default are not coded"),
        _not_coded, "{family}: a statement or act ACLED does not code",
    ),
    MapRow(
        _row_rule("MP015", "unarmed-movement",
                  "moving or mobilising is coded only for armed actors",
                  f"{_CB}, Strategic developments: Change to group/activity"),
        _unarmed_movement, "moving or mobilising: only armed actors' changes are coded",
    ),
    MapRow(
        _row_rule("MP020", "activity-of-no-armed-group",
                  "recruiting or preaching is coded only for a non-state armed group",
                  f"{_CB}, Strategic developments: Other"),
        _activity_of_no_armed_group, "{family}: only an armed group's activity is coded",
    ),
    MapRow(
        _row_rule("MP025", "no-insecurity-cause",
                  "displacement or closures with no conflict or insecurity given as cause",
                  f"{_CB}, Strategic developments: Other"),
        _no_insecurity, "{family}: no conflict or insecurity given as cause",
    ),
    MapRow(
        _row_rule("MP030", "amid-insecurity",
                  "displacement or closures caused by conflict or insecurity",
                  f"{_CB}, Strategic developments"),
        _amid_insecurity, "{family} amid insecurity ({found})", keep_default=True,
    ),
    MapRow(
        _row_rule("MP035", "demonstration-turned-violent",
                  "violence or damage told together with a demonstration: a violent demonstration",
                  f"{_CB}, Riots: Violent demonstration"),
        _demonstration_turned_violent, "a demonstration that turned violent", _VD,
    ),
    MapRow(
        _row_rule("MP040", "protesters-wreck-property",
                  "demonstrators who destroy property riot",
                  f"{_CB}, Riots: Violent demonstration"),
        _protesters_wreck, "demonstrators wrecked property", _VD,
    ),
    MapRow(
        _row_rule("MP045", "animals-are-property",
                  "animals killed or taken are property: looting/property destruction",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _animals_taken, "animals killed or taken: property", keep_default=True,
    ),
    MapRow(
        _row_rule("MP050", "farms-destroyed",
                  "villagers destroying fields, herds or camps outside a protest destroy property",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _farms_destroyed, "farms, herds or camps destroyed ({found})", keep_default=True,
    ),
    *strategic.BEFORE_CROWDS,
    MapRow(
        _row_rule("MP055", "crowd-violence-in-demonstration",
                  "crowd violence where a word tells a demonstration ('protesters', 'marched'): "
                  "violent demonstration; without one it is a mob's",
                  f"{_CB}, Riots: Violent demonstration"),
        _crowd_in_demonstration, "demonstrators turned violent", _VD,
    ),
    MapRow(
        _row_rule("MP060", "crowd-violence",
                  "violence by a crowd or unorganised civilians: mob violence",
                  f"{_CB}, Riots: Mob violence"),
        _crowd_violence, "violence by a crowd or unorganised civilians", _MOB,
    ),
    MapRow(
        _row_rule("MP061", "unarmed-sides-fight",
                  "a fight between unarmed people (supporters, villagers) is mob violence",
                  f"{_CB}, Riots: Mob violence"),
        _unarmed_sides, "a fight between unarmed people ({found})", _MOB,
    ),
    MapRow(
        _row_rule("MP062", "force-on-protesters",
                  "state forces shooting or beating demonstrators: excessive force",
                  f"{_CB}, Protests: Excessive force against protesters"),
        _force_on_protesters, "state forces used force on demonstrators", _EXCESSIVE,
    ),
    MapRow(
        _row_rule("MP063", "fight-without-weapons",
                  "a fight told by hand or with unarmed people on one side, no weapon told, is "
                  "mob violence, even against forces",
                  f"{_CB}, Riots: Mob violence"),
        _unarmed_fight, "a fight with no weapon told ({found})", _MOB,
    ),
    MapRow(
        _row_rule("MP065", "bomb-in-gunfight",
                  "a bomb used with gunfire against armed forces is part of a battle",
                  f"{_CB}, Battles: Armed clash"),
        _bomb_in_gunfight, "a bomb and gunfire against armed forces: a battle", _CLASH,
    ),
    MapRow(
        _row_rule("MP070", "attack-on-armed-actor",
                  "an armed attack on an armed, organised actor is a battle",
                  f"{_CB}, Battles: Armed clash"),
        _attack_on_armed, "armed attack on an armed actor is a battle", _CLASH,
    ),
    MapRow(
        _row_rule("MP072", "armed-captives",
                  "armed people (soldiers, police, fighters) abducted or held by an armed actor "
                  "are no civilians: a battle",
                  f"{_CB}, Battles: Armed clash; Violence against civilians"),
        _armed_captives, "armed people taken captive by an armed actor", _CLASH,
    ),
    MapRow(
        _row_rule("MP073", "attack-on-property",
                  "an attack on a place or building whose only harm told is property burnt or "
                  "destroyed: looting/property destruction",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _attack_on_property, "property {found}, no one harmed",
        (_SD, "Looting/property destruction"),
    ),
    MapRow(
        _row_rule("MP075", "attack-on-unarmed",
                  "an armed attack on unarmed targets is violence against civilians",
                  f"{_CB}, Violence against civilians: Attack"),
        _attack_on_unarmed, "attack on unarmed targets", keep_default=True,
    ),
    MapRow(
        _row_rule("MP080", "clash-with-demonstrators",
                  "fighting involving demonstrators is a violent demonstration",
                  f"{_CB}, Riots: Violent demonstration"),
        _clash_with_demonstrators, "clash involving demonstrators", _VD,
    ),
    MapRow(
        _row_rule("MP085", "seized-power",
                  "seizing power, control or the initiative is no territory",
                  f"{_CB}, Battles: Non-state actor overtakes territory"),
        _seized_power, "seized {found}: not territory",
    ),
    MapRow(
        _row_rule("MP090", "seized-property",
                  "seizing something that is no place is taking property",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _seized_property, "seized {found}, not territory", (_SD, "Looting/property destruction"),
    ),
    *strategic.BEFORE_TERRITORY,
    MapRow(
        _row_rule("MP095", "state-retakes-territory",
                  "state forces taking a place regain territory",
                  f"{_CB}, Battles: Government regains territory"),
        _state_retakes, "state forces took a place", ("Battles", "Government regains territory"),
    ),
    MapRow(
        _row_rule("MP100", "non-state-takes-territory",
                  "a non-state actor taking a place overtakes territory",
                  f"{_CB}, Battles: Non-state actor overtakes territory"),
        _non_state_takes, "a non-state actor took a place",
        ("Battles", "Non-state actor overtakes territory"),
    ),
    MapRow(
        _row_rule("MP105", "territory-changed-hands",
                  "territory changed hands: the family's territorial battle",
                  f"{_CB}, Battles"),
        _territory, "territory changed hands", keep_default=True,
    ),
    MapRow(
        _row_rule("MP110", "rioters-demonstrate",
                  "a demonstration the report says rioters held is a violent demonstration",
                  f"{_CB}, Riots: Violent demonstration"),
        _rioters_protest, "the report calls the crowd rioters", _VD,
    ),
    MapRow(
        _row_rule("MP115", "protesters-killed",
                  "protesters killed by force: excessive force against protesters",
                  f"{_CB}, Protests: Excessive force against protesters"),
        _protesters_killed, "protesters killed by force", _EXCESSIVE,
    ),
    MapRow(
        _row_rule("MP120", "protest-turned-violent",
                  "demonstrators who throw stones, burn, vandalise or block roads with "
                  "barricades, logs or debris riot",
                  f"{_CB}, Riots: Violent demonstration"),
        _violent_protest, "demonstrators turned violent ({found})", _VD,
    ),
    MapRow(
        _row_rule("MP125", "protest-with-intervention",
                  "forces dispersing, tear-gassing or arresting protesters intervene",
                  f"{_CB}, Protests: Protest with intervention"),
        _protest_met_by_force, "authorities intervened ({found})",
        ("Protests", "Protest with intervention"),
    ),
    MapRow(
        _row_rule("MP130", "peaceful-protest",
                  "a demonstration with no violence or intervention reported",
                  f"{_CB}, Protests: Peaceful protest"),
        _protest, "no violence or intervention reported", ("Protests", "Peaceful protest"),
    ),
    MapRow(
        _row_rule("MP135", "armed-group-destroys",
                  "property destroyed or taken by a named armed group is looting",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _armed_looters, "property destroyed or taken by an armed group", keep_default=True,
    ),
    MapRow(
        _row_rule("MP140", "theft",
                  "property stolen, looted or rustled is looting",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _theft, "property taken ({found})", keep_default=True,
    ),
    MapRow(
        _row_rule("MP145", "rural-property-destroyed",
                  "homes, crops or herds destroyed are property destruction",
                  f"{_CB}, Strategic developments: Looting/property destruction"),
        _rural_property, "homes, crops or herds destroyed ({found})", keep_default=True,
    ),
    MapRow(
        _row_rule("MP150", "property-wrecked-by-crowd",
                  "vehicles, offices or shops burnt by people no armed group is named for: a riot",
                  f"{_CB}, Riots: Violent demonstration"),
        _property_wrecked, "property burnt or wrecked, no armed group named", _VD,
    ),
    MapRow(
        _row_rule("MP155", "lynching",
                  "a riot told as a mob or lynching, or stoning with no demonstration told, is "
                  "mob violence",
                  f"{_CB}, Riots: Mob violence"),
        _lynching, "mob or lynching", _MOB,
    ),
    MapRow(
        _row_rule("MP160", "riot", "a riot is a violent demonstration",
                  f"{_CB}, Riots: Violent demonstration"),
        _riot, "violent demonstration", keep_default=True,
    ),
    MapRow(
        _row_rule("MP165", "agreement-outside-conflict",
                  "an agreement not about a ceasefire, peace or prisoners is not coded",
                  f"{_CB}, Strategic developments: Agreement"),
        _agreement_outside_conflict, "an agreement outside a conflict",
    ),
    MapRow(
        _row_rule("MP170", "conflict-agreement",
                  "an agreement between conflict actors (ceasefire, peace, prisoner exchange)",
                  f"{_CB}, Strategic developments: Agreement"),
        _conflict_agreement, "agreement between conflict actors ({found})", keep_default=True,
    ),
    *strategic.BEFORE_DEFAULT,
    MapRow(
        _row_rule("MP175", "family-default", "the family's default ACLED type and sub-event type",
                  _CB),
        _always, "{family}: {sub}", keep_default=True,
    ),
)  # fmt: skip


def acled_code(
    family: str,
    *,
    actor1_type: str | None,
    actor2_type: str | None,
    context: str,
    target_text: str | None = None,
    fatalities: int | None = None,
    actor2_armed: bool | None = None,
    target_head: str | None = None,
    with_protest: bool = False,
    trigger: str | None = None,
    actor1_named_armed: bool = False,
    actor1_text: str | None = None,
) -> AcledCode:
    """ACLED event / sub-event type for one event: the first row of :data:`ACLED_TABLE`
    whose predicate holds."""
    facts = EventFacts(
        family,
        actor1_type,
        actor2_type,
        context,
        target_text,
        target_head,
        fatalities,
        actor2_armed,
        with_protest,
        trigger,
        actor1_named_armed,
        actor1_text,
    )
    return map_event(facts)


def map_event(facts: EventFacts) -> AcledCode:
    abducted = held.abduction(facts)  # arrests only, which no row before MP175 reads
    if abducted is not None:
        return AcledCode(*held.ABDUCTION, abducted[0].why(abducted[1]), abducted[0].id)
    for row in ACLED_TABLE:
        found = row.when(facts)
        if not found:
            continue
        default = facts.default
        code = default if row.keep_default else row.code
        sub = default[1] if default else None
        detail = row.detail.format(family=facts.family, sub=sub, found=found)
        if code is None:
            return AcledCode(None, None, row.rule.why(detail), row.rule.id)
        return AcledCode(code[0], code[1], row.rule.why(detail), row.rule.id)
    raise AssertionError("the last row of ACLED_TABLE always applies")


__all__ = [
    "ACLED_EVENT_TYPES",
    "ACLED_SUB_EVENT_TYPES",
    "ACLED_TABLE",
    "PLOVER_TYPES",
    "AcledCode",
    "EventFacts",
    "MapRow",
    "acled_code",
    "is_armed_type",
    "map_event",
    "mob_justice",
    "no_event",
]
